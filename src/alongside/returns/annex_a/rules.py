"""Our checks of a produced Annex A workbook, read back as a reader of it would: the AA rules in RULES."""

import io
from collections import defaultdict
from datetime import date, datetime

from openpyxl import load_workbook

from alongside.returns.annex_a.lists import (
    BIRTH,
    CHILD_ID,
    ETHNICITY,
    LIST_5,
    LIST_6,
    LIST_7,
    LIST_8,
    LISTS,
    LOOKED_AFTER,
    SEX,
    YES,
    AnnexList,
)
from alongside.returns.annex_a.workbook import ABOUT, RUNS_TO
from alongside.returns.base import Finding, Produced, RuleDoc, Validation


def _rule(code: str, summary: str) -> RuleDoc:
    return RuleDoc(code, summary, source="Alongside, for Ofsted Annex A")


RULES = [
    _rule("AA-00-01", "A list is missing, or its headings are not Ofsted's, in Ofsted's order"),
    _rule("AA-00-02", "A date is after the day the lists run to"),
    *[
        _rule(f"AA-L{a.number}-01", f"{a.sheet}: a column Ofsted needs is blank")
        for a in LISTS
        if any(c.required for c in a.columns)
    ],
    _rule("AA-L1-02Q", "List 1: a contact about a child who is not on the record yet, so has no Child Unique ID"),
    _rule("AA-L4-02", "List 4: an assessment authorised before it started"),
    _rule("AA-L4-03Q", "List 4: an authorised assessment with no record that the child was seen"),
    _rule("AA-L5-02", "List 5: an initial conference before the section 47 enquiry started"),
    _rule("AA-L5-03", "List 5: a conference held and also recorded as not needed"),
    _rule("AA-L6-02", "List 6: a child in need episode closed before it started"),
    _rule("AA-L6-03", "List 6: a closure date without a reason, or a reason without a date"),
    _rule("AA-L7-02", "List 7: a plan that ended before it started"),
    _rule("AA-L7-03", "List 7: a review conference before the plan started"),
    _rule("AA-L7-04Q", "List 7: an open plan with no statutory visit recorded"),
    _rule("AA-L8-02", "List 8: care ceased before it started"),
    _rule("AA-L8-03", "List 8: the latest placement or legal status started before the child came into care"),
    _rule(
        "AA-L10-02",
        "List 10: placed before entering care, matched before the decision, or adopted before being placed",
    ),
    _rule("AA-X-01", "A child's date of birth, sex or ethnicity differ between lists"),
    _rule("AA-X-02", "A child looked after on List 6 is not on List 8"),
    _rule("AA-X-03", "A conference that led to a plan on List 5, but the child is not on List 7"),
    _rule("AA-X-04", "A child on an open protection plan on List 7 is not on List 6"),
]

BLANK = "{heading} is blank. Ofsted needs it: record it, or say why it is not known."
NO_CHILD_ID = (
    "This contact is about a child not yet on the record, so it has no Child Unique ID. "
    "Link the contact to the child, or add the child, before the lists go to Ofsted."
)
AUTHORISED_BEFORE_START = (
    "The assessment was authorised on {end}, before it started on {start}. Correct one of the dates."
)
NOT_SEEN = (
    "The record does not show the child seen during this assessment. "
    "Record the visit where they were seen, or why they were not."
)
ICPC_BEFORE_S47 = (
    "The initial conference on {end} is before the section 47 enquiry started on {start}. Correct one of the dates."
)
ICPC_AND_UNNECESSARY = "The conference is dated {end} but also recorded as not needed. Keep one of them."
CLOSED_BEFORE_START = "The episode closed on {end}, before it started on {start}. Correct one of the dates."
CLOSURE_HALF = "The episode has a closure date or a reason for closure but not both. Record the other."
PLAN_ENDED_BEFORE_START = "The plan ended on {end}, before it started on {start}. Correct one of the dates."
REVIEW_BEFORE_PLAN = (
    "The latest review conference, {end}, is before the plan started on {start}. Correct one of the dates."
)
NO_VISIT = "No statutory visit is recorded for this open plan. Record the visits to the child."
CEASED_BEFORE_START = "Care ceased on {end}, before it started on {start}. Correct one of the dates."
BEFORE_CARE = "The {what} started on {end}, before the child came into care on {start}. Correct one of the dates."
ADOPTION_ORDER = "{what} Correct one of the dates."
AFTER_RUNS_TO = "{heading} is {end}, after the day the lists run to ({start}). Take out what had not happened yet."
DIFFERENT_DETAILS = "The child's {heading} is {first} on {sheet} but {second} on {other}. Make them the same."
NOT_IN_CARE_LIST = "List 6 says this child is looked after, but they are not on List 8."
NOT_ON_CP_LIST = "The conference on {start} led to a plan, but the child is not on List 7."
NOT_ON_CIN_LIST = "This child's protection plan is open, but they are not on List 6."
BAD_HEADINGS = "{sheet} is missing or its headings are not Ofsted's. Produce the workbook again."


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def _read(produced: Produced) -> tuple[dict[str, list[dict]], date | None, list[str]]:
    """Each list's rows (heading -> value, with the row's number), the day the lists run to, and the
    lists whose sheet is missing or whose headings differ from Ofsted's."""
    content = next(iter(produced.files.values()))
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    runs_to = None
    if ABOUT in book.sheetnames:
        for label, value, *_ in book[ABOUT].iter_rows(values_only=True, max_col=2):
            if label == RUNS_TO:
                runs_to = _as_date(value)
    lists: dict[str, list[dict]] = {}
    wrong = []
    for annex in LISTS:
        if annex.sheet not in book.sheetnames:
            wrong.append(annex.sheet)
            continue
        rows = book[annex.sheet].iter_rows(values_only=True)
        headings = list(next(rows, ()))
        while headings and headings[-1] is None:
            headings.pop()
        if headings != annex.headings:
            wrong.append(annex.sheet)
            continue
        lists[annex.sheet] = [
            {**dict(zip(headings, values, strict=False)), "_row": number}
            for number, values in enumerate(rows, start=2)
            if any(v not in (None, "") for v in values)
        ]
    book.close()
    return lists, runs_to, wrong


def validate(produced: Produced) -> list[Finding]:
    """Read the workbook back and check what inspectors stumble over: headings not Ofsted's, columns
    Ofsted needs left blank, dates out of order or after the day the lists run to, and a child who
    looks different, or is missing, from one list to another."""
    lists, runs_to, wrong = _read(produced)
    found = Validation()
    for sheet in wrong:
        found.add("AA-00-01", BAD_HEADINGS.format(sheet=sheet), table=sheet)
    by_sheet = {annex.sheet: annex for annex in LISTS}
    for sheet, rows in lists.items():
        annex = by_sheet[sheet]
        for row in rows:
            child = row.get(CHILD_ID) or None
            where = f"row {row['_row']}"

            def add(rule, message, *, child=child, where=where, sheet=sheet):
                found.add(rule, message, str(child) if child else None, where, sheet)

            for column in annex.columns:
                if column.required and row.get(column.heading) in (None, ""):
                    add(f"AA-L{annex.number}-01", BLANK.format(heading=column.heading))
                day = _as_date(row.get(column.heading))
                if runs_to and day and day > runs_to and column.heading != BIRTH:
                    add(
                        "AA-00-02", AFTER_RUNS_TO.format(heading=column.heading, end=_words(day), start=_words(runs_to))
                    )
            _row_rules(annex.number, row, add)
    _across_lists(lists, found)
    return found.findings


def _order(row, first: str, second: str) -> tuple[date, date] | None:
    """The two dates when the second is before the first."""
    start, end = _as_date(row.get(first)), _as_date(row.get(second))
    return (start, end) if start and end and end < start else None


def _row_rules(number: int, row: dict, add) -> None:
    def words(pair):
        return {"start": _words(pair[0]), "end": _words(pair[1])}

    if number == 1 and not row.get(CHILD_ID):
        add("AA-L1-02Q", NO_CHILD_ID)
    if number == 4:
        if pair := _order(row, "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"):
            add("AA-L4-02", AUTHORISED_BEFORE_START.format(**words(pair)))
        if (
            row.get("Continuous Assessment Date of Authorisation")
            and row.get("Child Seen During Continuous Assessment") != YES
        ):
            add("AA-L4-03Q", NOT_SEEN)
    if number == 5:
        started, icpc = (
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "Date of Initial Child Protection Conference",
        )
        if pair := _order(row, started, icpc):
            add("AA-L5-02", ICPC_BEFORE_S47.format(**words(pair)))
        if row.get(icpc) and row.get("Was an Initial Child Protection Conference deemed unnecessary?") == YES:
            add("AA-L5-03", ICPC_AND_UNNECESSARY.format(end=_words(_as_date(row[icpc]))))
    if number == 6:
        if pair := _order(row, "CIN Start Date", "CIN Closure Date"):
            add("AA-L6-02", CLOSED_BEFORE_START.format(**words(pair)))
        if bool(row.get("CIN Closure Date")) != bool(row.get("Reason for Closure")):
            add("AA-L6-03", CLOSURE_HALF)
    if number == 7:
        if pair := _order(row, "Child Protection Plan Start Date", "Child Protection Plan End Date"):
            add("AA-L7-02", PLAN_ENDED_BEFORE_START.format(**words(pair)))
        if pair := _order(row, "Child Protection Plan Start Date", "Date of latest review conference"):
            add("AA-L7-03", REVIEW_BEFORE_PLAN.format(**words(pair)))
        if not row.get("Child Protection Plan End Date") and not row.get("Date of the Last Statutory Visit"):
            add("AA-L7-04Q", NO_VISIT)
    if number == 8:
        start = "Date Started to be Looked After"
        if pair := _order(row, start, "Date Ceased to be Looked After"):
            add("AA-L8-02", CEASED_BEFORE_START.format(**words(pair)))
        for heading, what in (
            ("Start Date of Most Recent Placement", "latest placement"),
            ("Start date of current legal status", "current legal status"),
        ):
            if pair := _order(row, start, heading):
                add("AA-L8-03", BEFORE_CARE.format(what=what, **words(pair)))
    if number == 10:
        if pair := _order(row, "Date the Child Entered Care", "Date Placed for Adoption"):
            add(
                "AA-L10-02",
                ADOPTION_ORDER.format(
                    what=f"Placed for adoption on {_words(pair[1])}, before entering care on {_words(pair[0])}."
                ),
            )
        decided = "Date of Decision that Child Should be Placed for Adoption"
        if pair := _order(row, decided, "Date of Matching Child and Prospective Adopters"):
            add(
                "AA-L10-02",
                ADOPTION_ORDER.format(
                    what=f"Matched with adopters on {_words(pair[1])}, before the decision on {_words(pair[0])}."
                ),
            )
        if pair := _order(row, "Date Placed for Adoption", "Date of Adoption Order"):
            add(
                "AA-L10-02",
                ADOPTION_ORDER.format(what=f"Adopted on {_words(pair[1])}, before being placed on {_words(pair[0])}."),
            )


def _across_lists(lists: dict[str, list[dict]], found: Validation) -> None:
    details: dict[str, dict[str, tuple[object, str]]] = defaultdict(dict)
    for sheet, rows in lists.items():
        for row in rows:
            child = row.get(CHILD_ID)
            if not child:
                continue
            for heading in (BIRTH, SEX, ETHNICITY):
                value = row.get(heading)
                shown = _as_date(value) or value
                if shown in (None, ""):
                    continue
                if heading not in details[child]:
                    details[child][heading] = (shown, sheet)
                elif details[child][heading][0] != shown:
                    first, where = details[child][heading]
                    found.add(
                        "AA-X-01",
                        DIFFERENT_DETAILS.format(
                            heading=heading.lower(),
                            first=_words(first) if isinstance(first, date) else first,
                            sheet=where,
                            second=_words(shown) if isinstance(shown, date) else shown,
                            other=sheet,
                        ),
                        str(child),
                        f"row {row['_row']}",
                        sheet,
                    )
                    details[child][heading] = (shown, sheet)  # report each change of value once

    def ids(annex: AnnexList) -> set[str]:
        return {str(r[CHILD_ID]) for r in lists.get(annex.sheet, []) if r.get(CHILD_ID)}

    if LIST_6.sheet in lists and LIST_8.sheet in lists:
        in_care = ids(LIST_8)
        for row in lists[LIST_6.sheet]:
            if row.get("Case Status") == LOOKED_AFTER and str(row.get(CHILD_ID)) not in in_care:
                found.add("AA-X-02", NOT_IN_CARE_LIST, str(row.get(CHILD_ID)), f"row {row['_row']}", LIST_6.sheet)
    if LIST_5.sheet in lists and LIST_7.sheet in lists:
        protected = ids(LIST_7)
        for row in lists[LIST_5.sheet]:
            resulted = row.get("Did the Initial Child Protection Conference Result in a Child Protection Plan")
            if resulted == YES and str(row.get(CHILD_ID)) not in protected:
                conference = _as_date(row.get("Date of Initial Child Protection Conference"))
                found.add(
                    "AA-X-03",
                    NOT_ON_CP_LIST.format(start=_words(conference) if conference else "an unknown date"),
                    str(row.get(CHILD_ID)),
                    f"row {row['_row']}",
                    LIST_5.sheet,
                )
    if LIST_6.sheet in lists and LIST_7.sheet in lists:
        in_need = ids(LIST_6)
        for row in lists[LIST_7.sheet]:
            if not row.get("Child Protection Plan End Date") and str(row.get(CHILD_ID)) not in in_need:
                found.add("AA-X-04", NOT_ON_CIN_LIST, str(row.get(CHILD_ID)), f"row {row['_row']}", LIST_7.sheet)


def _words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
