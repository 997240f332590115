"""Views of the wages app: status and exam (status), wages and graduates (pay)."""
