"""What the reports app tells the apps above it (the API's webhooks), without importing them."""

from django.dispatch import Signal

# A report is made and stored: sent with `report` inside the transaction that marks it ready.
report_ready = Signal()
