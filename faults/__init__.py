"""`make faults`: the app's promises checked against real failures (see run.py)."""
