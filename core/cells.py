"""A spreadsheet's cells written from what people typed: a cell a spreadsheet would run as a
formula (starting =, +, - or @, a tab or a carriage return) is written with an apostrophe before
it (OWASP, "CSV injection"), for every export of the service, CSV and XLSX alike."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """`value` as it may be written to a cell: text that would run as a formula made plain,
    anything else (a number, a date) as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def csv_cell(value) -> str:
    """`value` as the text of a CSV cell: nothing for None."""
    return neutralised("" if value is None else str(value))
