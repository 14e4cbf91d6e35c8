"""CSV downloads that open safely and correctly in a spreadsheet (Excel, LibreOffice, Sheets).

Two traps, handled once here: a cell starting with ``=``, ``+``, ``-`` or ``@`` is run as a formula
by a spreadsheet ("CSV injection": ``=HYPERLINK(...)`` in a title someone typed), so such a cell
is prefixed with an apostrophe and stays text; and Excel reads a CSV as the local code page
unless it starts with a byte-order mark, so Indonesian names with accents would break.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse

# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)"): prefixed so it stays text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(header: Iterable, rows: Iterable[Iterable]) -> str:
    """The table as CSV text, every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(value) for value in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()


def csv_download(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV attachment in UTF-8 with a byte-order mark (so Excel reads it as UTF-8)."""
    response = HttpResponse(
        "\ufeff" + write_csv(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    """A file-like object whose write() hands back the line csv.writer wrote (Django's docs,
    "Streaming large CSV files")."""

    def write(self, value):
        return value


def csv_stream(filename: str, header: Iterable, rows: Iterable[Iterable]) -> StreamingHttpResponse:
    """Like :func:`csv_download`, sent row by row: a long table never sits in memory whole."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([safe_cell(value) for value in header])
        for row in rows:
            yield writer.writerow([safe_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
