"""English pages show Vietnamese dates and times too: dd/mm/yyyy, 24-hour clock."""

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
