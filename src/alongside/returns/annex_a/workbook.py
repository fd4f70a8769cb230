"""The Annex A workbook: an About sheet, then one sheet per list, written row by row; and `produce`,
which builds each list's rows from the record and writes them."""

import io
from datetime import date, datetime

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from alongside.lib.errors import ApplicationError
from alongside.practice_model.models import LocalAuthority
from alongside.returns.annex_a.lists import CHILD_ID, DATE, LISTS, TEXT, AnnexList, Column
from alongside.returns.annex_a.record import Allocations, Shared, Window, periods_of_care
from alongside.returns.annex_a.rows import BUILDERS
from alongside.returns.base import Produced, Progress, census_end, no_progress

DATE_FORMAT = "dd/mm/yyyy"
ABOUT = "About"
RUNS_TO = "Lists run to"


def file_name(on: date) -> str:
    return f"annex-a-{on.isoformat()}.xlsx"


def _cell(sheet, value, *, bold: bool = False, number_format: str | None = None, wrap: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    if bold:
        cell.font = Font(bold=True)
    if number_format:
        cell.number_format = number_format
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _about(sheet, la: LocalAuthority, window: Window, now: datetime) -> None:
    for letter, width in (("A", 28), ("B", 70), ("C", 90)):
        sheet.column_dimensions[letter].width = width
    title = _cell(sheet, "Annex A: children's social care data for Ofsted's inspection (ILACS)")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    sheet.append([])
    rows = [
        ("Local authority", f"{la.name} ({la.dfe_code})", None),
        (RUNS_TO, window.on, DATE_FORMAT),
        ("Six months from", window.six, DATE_FORMAT),
        ("Twelve months from", window.twelve, DATE_FORMAT),
        ("Produced", timezone.localtime(now).replace(tzinfo=None, microsecond=0), "dd/mm/yyyy hh:mm"),
        ("Source", "Built by Alongside from the children's record, never re-keyed.", None),
    ]
    for label, value, number_format in rows:
        sheet.append([_cell(sheet, label, bold=True), _cell(sheet, value, number_format=number_format)])
    sheet.append([])
    sheet.append(
        [
            _cell(sheet, heading, bold=True)
            for heading in ("List", "What it covers", "Columns left blank: the record does not hold them")
        ]
    )
    for annex in LISTS:
        blank = [c.heading for c in annex.columns if not c.held]
        sheet.append([annex.sheet, annex.covers, "; ".join(blank) if len(blank) < len(annex.columns) else "All"])


def _width(column: Column, rows: list[dict]) -> int:
    """Wide enough for the longest word of the heading (which wraps) and for the values, within reason."""
    width = max(12, max(len(word) for word in column.heading.split()) + 2)
    if column.kind == TEXT:
        longest = max((len(str(r[column.heading])) for r in rows if r.get(column.heading)), default=0)
        width = max(width, min(longest + 2, 50))
    return width


def _write(sheet, annex: AnnexList, rows: list[dict]) -> None:
    """One list as a sheet: the heading row bold, wrapped and frozen with the child's id beside it, a
    filter on every column, dates as real Excel dates shown dd/mm/yyyy. The sheet is written row by
    row (openpyxl's write-only mode), so the biggest list costs little memory."""
    for index, column in enumerate(annex.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(column, rows)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(annex.columns))}{len(rows) + 1}"
    sheet.append([_cell(sheet, heading, bold=True, wrap=True) for heading in annex.headings])
    dates = [column.kind == DATE for column in annex.columns]
    for values in rows:
        sheet.append(
            [
                _cell(sheet, value, number_format=DATE_FORMAT) if is_date and value is not None else value
                for value, is_date in zip((values.get(c.heading) for c in annex.columns), dates, strict=True)
            ]
        )


def produce(
    year: int, progress: Progress = no_progress, on: date | None = None, *, now: datetime | None = None
) -> Produced:
    """Ofsted's Annex A lists, as they stood on `on` (31 March `year` unless given), in one workbook."""
    la = LocalAuthority.objects.first()
    if la is None:
        raise ApplicationError("There is no local authority set up yet, so there is nothing to return.")
    on = on or census_end(year)
    window = Window.ending(on)
    progress("Reading allocations and periods of care", 0.05)
    shared = Shared(Allocations(window), periods_of_care(on))
    book = Workbook(write_only=True)
    _about(book.create_sheet(ABOUT), la, window, now or timezone.now())
    children: set[str] = set()
    for index, annex in enumerate(LISTS):
        progress(f"Writing {annex.sheet}", 0.1 + 0.8 * index / len(LISTS))
        rows = BUILDERS[annex.number](window, shared)
        children.update(r[CHILD_ID] for r in rows if r.get(CHILD_ID))
        _write(book.create_sheet(annex.sheet), annex, rows)
    progress("Saving the workbook", 0.95)
    out = io.BytesIO()
    book.save(out)
    progress("Done", 1.0)
    return Produced("annex-a", year, {file_name(on): out.getvalue()}, children=len(children), la_code=la.dfe_code)
