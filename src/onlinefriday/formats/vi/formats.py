"""Django's Vietnamese formats write 'd-m-Y'; Vietnamese readers expect dd/mm/yyyy."""

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
NUMBER_GROUPING = 3  # Django's vi locale leaves it out: '50.000', not '50000', with floatformat:"g"
