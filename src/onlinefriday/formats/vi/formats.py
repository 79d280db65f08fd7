"""Django's Vietnamese formats write 'd-m-Y'; Vietnamese readers expect dd/mm/yyyy."""

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
