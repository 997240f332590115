# Dates as the product writes them in English: "Dec 4, 2026". Templates name the format
# (date:"DATE_FORMAT") so each language writes dates its own way.
DATE_FORMAT = "M j, Y"
DATETIME_FORMAT = "M j, Y H:i"
MONTH_DAY_FORMAT = "M j"
YEAR_MONTH_FORMAT = "F Y"
