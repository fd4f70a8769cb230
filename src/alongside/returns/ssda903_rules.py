"""Our validation of a produced SSDA903 return: the DfE rules, run on the CSV tables themselves
(../shared/reference/ssda903.md, validators.md).

Rule codes follow the DfE's 903 validation rules as the independent validator (`csc-validator-be-903`)
implements them, so a data officer sees the same codes in both; messages are ours, saying what to put
right in the record. The tables are read back as the DfE reads them (upper-cased, blank for not
applicable), so a file produced earlier or elsewhere can be checked too.
"""

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from alongside.codes import (
    CARE_NEED_CODES,
    EpisodeEndReason,
    Ethnicity,
    LegalStatus,
    NewEpisodeReason,
    PlacementChangeReason,
    PlacementProvider,
    PlacementType,
    ReviewParticipation,
)
from alongside.returns.base import Finding, Produced, RuleDoc, census_end, census_start
from alongside.returns.ssda903 import COLUMNS, FILES, RESPITE, continuously_looked_after

TEMPORARY = {"T0", "T1", "T2", "T3", "T4"}
ADOPTION = {"A3", "A4", "A5", "A6"}
FOSTER = {"U1", "U2", "U3", "U4", "U5", "U6"}
OTHER_PLACEMENTS = {"Z11", "Z12", "Z13", "Z14"}
UPN_UNKNOWN = {"UN1", "UN2", "UN3", "UN4", "UN5"}

RULES = [
    RuleDoc("101", "Sex is M, F or U."),
    RuleDoc("103", "Ethnicity is a DfE code."),
    RuleDoc("143", "Reason for new episode is a DfE code."),
    RuleDoc("144", "Legal status is a DfE code."),
    RuleDoc("145", "Category of need is N1 to N8."),
    RuleDoc("146", "Placement type is a 2025-26 code."),
    RuleDoc("148", "Date and reason episode ceased come together."),
    RuleDoc("149", "Reason episode ceased is a DfE code."),
    RuleDoc("167", "Review participation is PN0 to PN7."),
    RuleDoc("178", "Placement provider is PR0 to PR5."),
    RuleDoc("1009", "Reason for placement change is a DfE code."),
    RuleDoc("356", "An episode does not end before it starts."),
    RuleDoc("501", "A new episode does not start before the previous one ended."),
    RuleDoc("142", "Only the last episode is open."),
    RuleDoc("302", "No episode starts before the child's date of birth."),
    RuleDoc("357", "A child's first episode starts a period of care (RNE S)."),
    RuleDoc("431", "An RNE S episode does not start the day the previous one ended."),
    RuleDoc("432", "After a real end of care, the next episode is RNE S."),
    RuleDoc("433", "A continuing episode starts the day the previous one ended."),
    RuleDoc("388", "X1 is followed by an episode the same day; a real end is not."),
    RuleDoc("437", "No episode follows death or an age-assessed end (E2, E15)."),
    RuleDoc("352", "Nobody starts care at 18 or over."),
    RuleDoc("361", "Police protection (L1) lasts at most 72 hours."),
    RuleDoc("362", "An emergency protection order (L2) lasts at most 21 days."),
    RuleDoc("363", "A child assessment order (L3) lasts at most 7 days."),
    RuleDoc("364", "PACE accommodation (J2) lasts at most 21 days."),
    RuleDoc("365", "A short break (V3) lasts at most 17 days."),
    RuleDoc("367", "Short breaks (V3) add up to at most 75 days in the year."),
    RuleDoc("380", "A period of care does not start in a temporary placement."),
    RuleDoc("381", "A period of care does not end in a temporary placement."),
    RuleDoc("526", "Placement provider is recorded where the placement needs one."),
    RuleDoc("213", "No placement provider for temporary and other placements."),
    RuleDoc("527", "PR1 does not go with P1, R2 or R5."),
    RuleDoc("528", "PR2 does not go with P1, R2 or R5."),
    RuleDoc("529", "PR3 does not go with P1, A3-A6, K1, K2 or U1-U6."),
    RuleDoc("530", "PR4 does not go with P1."),
    RuleDoc("531", "PR5 does not go with P1."),
    RuleDoc("550", "PR0 goes only with P1."),
    RuleDoc("218", "Ofsted URN is recorded for registered settings."),
    RuleDoc("222", "No Ofsted URN for settings Ofsted does not register."),
    RuleDoc("242", "XXXXXXX only for adoption and fostering placements (regional adoption agencies)."),
    RuleDoc("378", "A child placed with parents (P1) is not accommodated under section 20 (V2)."),
    RuleDoc("390", "A child adopted (E11, E12) was placed for adoption (A3-A6) first."),
    RuleDoc("408", "A child placed for adoption with a placement order (A5, A6) has that order (E1)."),
    RuleDoc("217", "Placed for adoption with current foster carers (A3, A5): RNE S, T or U."),
    RuleDoc("516", "A special guardianship order to former foster carers (E45, E46) ends a foster placement."),
    RuleDoc("434", "A change of legal status only (RNE L) changes the legal status and nothing else."),
    RuleDoc("435", "A change of placement only (RNE P, T) keeps the legal status and changes the placement."),
    RuleDoc("436", "A change of legal status and placement (RNE U, B) changes both."),
    RuleDoc("225", "A placement move records the reason the placement changed."),
    RuleDoc("226", "No placement change reason around a temporary placement."),
    RuleDoc("392c", "Postcodes are well formed (format only; the DfE also checks they exist)."),
    RuleDoc("393", "The mother field is filled in for a looked-after girl."),
    RuleDoc("607", "The mother field is filled in for a girl who left care in the year."),
    RuleDoc("611", "A mother has her first child's date of birth."),
    RuleDoc("612", "No first child's date of birth unless the girl is a mother."),
    RuleDoc("625", "A first child's date of birth is not after 31 March or after she left care."),
    RuleDoc("168", "UPN is well formed, or UN1-UN5."),
    RuleDoc("442", "UPN (or an unknown code) is recorded."),
    RuleDoc("444", "No two children share a UPN."),
    RuleDoc("209", "UN1 (under school age) is not used for a child of school age."),
    RuleDoc("210", "UN4 is not used for a child looked after for more than a week at 31 March.", "DfE (intent)"),
    RuleDoc("231", "A UASC child is not under 11 (the independent validator cannot run this rule).", "DfE; ours"),
    RuleDoc("304", "UASC status ends on or before the 18th birthday."),
    RuleDoc("104", "The date UASC status ceased is a valid date, not before the year began."),
    RuleDoc(
        "205B",
        "A child asylum-seeking in both years has last year's date UASC status ceased at the 18th birthday, and "
        "this year's in the year or the same as last year's.",
    ),
    RuleDoc("185", "No SDQ score for a child outside the OC2 cohort."),
    RuleDoc("186", "An SDQ score or reason for OC2 children aged 4 to 16."),
    RuleDoc("188", "No SDQ for a child under 4 at 31 March."),
    RuleDoc("189", "No SDQ for a young person 17 or over on 1 April."),
    RuleDoc("190", "No OC2 items for a child outside the cohort."),
    RuleDoc("191", "OC2 items are filled in for every child in the cohort."),
    RuleDoc("543", "Convictions are recorded for OC2 children aged 10 or over."),
    RuleDoc("545", "Health checks are recorded for OC2 children under 5."),
    RuleDoc("546", "No health checks for OC2 children aged 5 or over."),
    RuleDoc("182", "Immunisations, teeth, health assessment and substance misuse all recorded, or no OC2 item."),
    RuleDoc("180", "SDQ score is 0 to 40."),
    RuleDoc("197a", "No SDQ reason when there is a score."),
    RuleDoc("192", "Substance misuse says whether an intervention was received."),
    RuleDoc("158", "No 'intervention offered' when one was received."),
    RuleDoc("159", "'Intervention offered' when none was received."),
    RuleDoc("153", "OC3 items all coded or all blank."),
    RuleDoc("151", "AD1 items all coded or all blank."),
    RuleDoc("119", "A reversed adoption decision has its date and its reason."),
    RuleDoc("579", "A new decision to place for adoption does not start before the previous one ceased."),
    RuleDoc("583", "Only the latest decision to place for adoption is still open."),
    RuleDoc("1003", "A decision to place for adoption is not dated before the child came into care."),
    RuleDoc(
        "1001",
        "Care leaver information only for a relevant or former relevant child: not adopted, looked after "
        "at 16 or over (judged where this and last year's episodes show it).",
        "DfE; ours",
    ),
    RuleDoc(
        "1002",
        "Care leaver information only for a young person with episodes of care (judged where they must be in "
        "this or last year's return: 16th birthday since last year began).",
        "DfE; ours",
    ),
    RuleDoc("3001", "A care leaver around their 17th birthday is not living with former foster carers (Z1, Z2)."),
    RuleDoc("502", "Last year's open episode and this year's first episode start on the same day."),
    RuleDoc("503A", "This year's first episode has the reason for new episode of last year's open episode."),
    RuleDoc("503B", "This year's first episode has the legal status of last year's open episode."),
    RuleDoc("503C", "This year's first episode has the category of need of last year's open episode."),
    RuleDoc(
        "503D",
        "This year's first episode has the placement type of last year's open episode (a code the DfE split "
        "that year, H5 to K3 or Z1 to Z11-Z14, may change).",
    ),
    RuleDoc("503E", "This year's first episode has the placement provider of last year's open episode."),
    RuleDoc("503F", "This year's first episode has the Ofsted URN of last year's open episode."),
    RuleDoc(
        "503G",
        "This year's first episode has the home and placement postcodes of last year's open episode (the DfE "
        "compares the distance it works out from them).",
        "DfE (intent)",
    ),
    RuleDoc(
        "503H",
        "This year's first episode has the placement postcode of last year's open episode (the DfE compares "
        "the placement's LA, worked out from it).",
        "DfE (intent)",
    ),
    RuleDoc(
        "503J",
        "This year's first episode has the placement postcode of last year's open episode (the DfE compares "
        "whether the placement is in or out of the LA, worked out from it).",
        "DfE (intent)",
    ),
    RuleDoc(
        "452",
        "As 503H, when the first episode also has last year's reason for new episode (the same episode carried over).",
        "DfE (intent)",
    ),
    RuleDoc(
        "453",
        "As 503G, when the first episode also has last year's reason for new episode (the same episode carried over).",
        "DfE (intent)",
    ),
    RuleDoc("562", "An episode that started before the year continues the last episode of last year's return."),
    RuleDoc("NoE", "A child looked after since before the year is in last year's episodes."),
    RuleDoc("630", "Previous permanence is recorded for children starting care."),
    RuleDoc("635", "No LA or date when there was no previous permanence (Z1)."),
    RuleDoc("564", "A missing spell has a start date."),
    RuleDoc("565", "A missing spell with a start says whether missing or away."),
    RuleDoc("566", "A missing spell with an end says whether missing or away."),
    RuleDoc("567", "A missing spell does not end before it starts."),
    RuleDoc("570", "A missing spell does not start after the year."),
    RuleDoc("571", "A missing spell does not end outside the year."),
    RuleDoc("574", "Missing spells do not overlap, and only the last is open."),
    RuleDoc("577", "No missing spell is left open once care has ended."),
    RuleDoc("SW02STG1", "Social worker ID starts SW or XX and has at least 4 characters."),
    RuleDoc("SW17STG2", "A social worker episode is open at 31 March."),
    RuleDoc("SW10bSTG2", "A 'first contact' social worker episode does not start while the previous one is open."),
    RuleDoc(
        "SW11bSTG2",
        "For a child looked after at 31 March, a social worker episode ending in the year's last 5 days is "
        "followed by another.",
        "DfE (intent)",
    ),
    RuleDoc("SW12STG2", "A child looked after at 31 March has a social worker from the start of care.", "DfE (intent)"),
    RuleDoc("INT01", "Every child in a table is in Header (INT01-INT09)."),
    RuleDoc("INT11", "Date of birth in each table matches Header (INT11-INT18)."),
]

_UPN = re.compile(r"^(?![IOS])[A-Z](\d{12}|\d{11}[A-Z])$")
# Postcode shape as Royal Mail writes it; whether the postcode exists needs the ONS lookup the DfE uses.
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")
_INT_CHILD = {
    "AD1": "INT01",
    "PlacedAdoption": "INT02",
    "Episodes": "INT03",
    "Missing": "INT04",
    "OC2": "INT05",
    "OC3": "INT06",
    "PrevPerm": "INT07",
    "Reviews": "INT08",
    "UASC": "INT09",
}
_INT_DOB = {
    "AD1": "INT11",
    "PlacedAdoption": "INT12",
    "Missing": "INT13",
    "OC2": "INT14",
    "OC3": "INT15",
    "PrevPerm": "INT16",
    "Reviews": "INT17",
    "UASC": "INT18",
}


def _read(produced: Produced) -> dict[str, list[dict[str, str]]]:
    names = {v: k for k, v in FILES.items()}
    tables: dict[str, list[dict[str, str]]] = {name: [] for name in COLUMNS}
    for file_name, content in produced.files.items():
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
        name = names.get(file_name)
        if name is None and rows:
            name = next((t for t, cols in COLUMNS.items() if set(cols) == set(rows[0])), None)
        if name:
            # The DfE upper-cases text on load; blank stays blank.
            tables[name] = [{k: (v or "").strip().upper() for k, v in row.items()} for row in rows]
    return tables


def _date(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


@dataclass
class _Ep:
    row: dict
    started_on: date | None
    ended_on: date | None

    @property
    def new_episode_reason(self):
        return self.row["RNE"]

    @property
    def end_reason(self):
        return self.row["REC"]

    @property
    def legal_status(self):
        return self.row["LS"]


def validate(produced: Produced, previous: Produced | None = None) -> list[Finding]:
    """Our checks of the produced CSVs (the rules in RULES), read back as the DfE reads them. Each finding
    names the child, the table and what to put right in the record. `previous` (last year's tables) adds
    the continuity rules (this year's first episode continues last year's open one: 502, 503A-J, 452, 453,
    562, NoE) and lets the care leaver rules (1001, 1002) see last year's episodes."""
    year = produced.year
    t = _read(produced)
    found: list[Finding] = []

    def add(rule: str, table: str, child: str | None, message: str, where: str = ""):
        found.append(Finding(rule, message, child or None, where, table))

    header = {r["CHILD"]: r for r in t["Header"]}
    header_dob = {c: _date(r["DOB"]) for c, r in header.items()}
    eps_by_child: dict[str, list[_Ep]] = defaultdict(list)
    for r in t["Episodes"]:
        eps_by_child[r["CHILD"]].append(_Ep(r, _date(r["DECOM"]), _date(r["DEC"])))
    for eps in eps_by_child.values():
        eps.sort(key=lambda e: e.started_on or date.min)

    # Integrity: every child in Header, dates of birth agree.
    for table, rule in _INT_CHILD.items():
        for child in sorted({r["CHILD"] for r in t[table]} - set(header)):
            add(rule, table, child, f"This child is in the {table} table but not in Header. Check their details.")
    for table, rule in _INT_DOB.items():
        for child in sorted(
            {r["CHILD"] for r in t[table] if r["CHILD"] in header and r["DOB"] != header[r["CHILD"]]["DOB"]}
        ):
            add(rule, table, child, f"The date of birth in {table} differs from Header.")

    _check_header(t, header_dob, eps_by_child, year, add)
    _check_episodes(eps_by_child, header_dob, year, add)
    _check_oc2(t, eps_by_child, year, add)
    _check_small_tables(t, eps_by_child, year, add)
    _check_adoption_decisions(t, eps_by_child, add)
    last_year = _read(previous) if previous else None
    if last_year is not None:
        _check_continuity(eps_by_child, last_year["Episodes"], year, add)
        _check_uasc_continuity(t["UASC"], last_year["UASC"], year, add)
    _check_care_leavers(t, eps_by_child, last_year["Episodes"] if last_year else None, header_dob, year, add)
    _check_missing(t, eps_by_child, year, add)
    _check_social_workers(t, eps_by_child, year, add)
    return found


def _check_header(t, header_dob, eps_by_child, year, add):
    start, end = census_start(year), census_end(year)
    upn_count: dict[str, int] = defaultdict(int)
    for r in t["Header"]:
        if r["UPN"] and r["UPN"] not in UPN_UNKNOWN:
            upn_count[r["UPN"]] += 1
    uasc = {r["CHILD"] for r in t["UASC"]}
    school_age_from = date(start.year - 1, 8, 31)
    for r in t["Header"]:
        child, born = r["CHILD"], header_dob[r["CHILD"]]
        eps = eps_by_child.get(child, [])
        if r["SEX"] not in ("M", "F", "U"):
            add("101", "Header", child, "Record the child's sex as male, female or not known.")
        if r["ETHNIC"] not in Ethnicity.values:
            add("103", "Header", child, "Record the child's ethnicity with a DfE code.")
        upn = r["UPN"]
        if upn and not (_UPN.match(upn) or upn in UPN_UNKNOWN):
            add("168", "Header", child, "The UPN is not valid. Correct it, or record why it is unknown (UN1-UN5).")
        if not upn and any(e.legal_status not in RESPITE for e in eps):
            add("442", "Header", child, "Record the child's UPN, or why it is unknown (UN1-UN5).")
        if upn and upn_count.get(upn, 0) > 1:
            add("444", "Header", child, "Another child in the return has the same UPN. Check which is right.")
        if upn == "UN1" and born and born + relativedelta(years=4) <= school_age_from:
            add("209", "Header", child, "The child is of school age: record their UPN instead of UN1.")
        if upn == "UN4" and eps and eps[-1].ended_on is None and eps[-1].started_on:
            period_start = _period_start(eps)
            if period_start and period_start < end - relativedelta(days=7):
                add("210", "Header", child, "The child has been looked after for over a week: record their UPN.")
        girl = r["SEX"] == "F"
        mother, first_child = r["MOTHER"], r["MC_DOB"]
        if girl and not mother and any(e.legal_status not in RESPITE for e in eps):
            add("393", "Header", child, "Record whether this looked-after young woman is a mother.")
        if girl and not mother:
            for e in eps:
                if e.ended_on and e.end_reason not in ("X1", "") and e.legal_status not in RESPITE:
                    add("607", "Header", child, "She left care this year: record whether she is a mother.")
                    break
        if mother == "1" and not first_child:
            add("611", "Header", child, "Record the date of birth of her first child.")
        if girl and mother != "1" and first_child:
            add(
                "612",
                "Header",
                child,
                "A first child's date of birth is recorded, but she is not recorded as a mother.",
            )
        if first_child and (mc_born := _date(first_child)):
            # As the DfE means it: not after the year, nor after she left care (a real end, not a move).
            left = eps[-1].ended_on if eps and eps[-1].ended_on and eps[-1].end_reason != "X1" else None
            if mc_born > end or (left and mc_born > left):
                add(
                    "625",
                    "Header",
                    child,
                    "Her first child's date of birth is after 31 March or after she left care: check the date, "
                    "or leave motherhood for next year's return.",
                )
        if child in uasc and born and born > end - relativedelta(years=11):
            add("231", "Header", child, "An asylum-seeking child under 11 is unusual: check the date of birth.")


def _period_start(eps: list[_Ep]) -> date | None:
    start = eps[-1].started_on
    for prev, nxt in zip(reversed(eps[:-1]), reversed(eps[1:]), strict=True):
        if prev.ended_on and prev.ended_on == nxt.started_on and prev.end_reason == "X1":
            start = prev.started_on
        else:
            break
    return start


def _check_episodes(eps_by_child, header_dob, year, add):
    start, end = census_start(year), census_end(year)
    real_ends = set(EpisodeEndReason.values) - {"X1"}
    for child, eps in eps_by_child.items():
        born = header_dob.get(child)
        v3_days = 0
        for i, e in enumerate(eps):
            r = e.row
            where = f"the episode from {r['DECOM']}"
            prev = eps[i - 1] if i else None
            nxt = eps[i + 1] if i + 1 < len(eps) else None
            place, provider = r["PLACE"], r["PLACE_PROVIDER"]
            for rule, field, values, words in (
                ("143", "RNE", NewEpisodeReason.values, "reason for the new episode"),
                ("144", "LS", LegalStatus.values, "legal status"),
                ("145", "CIN", CARE_NEED_CODES, "category of need"),
                ("146", "PLACE", PlacementType.values, "placement type"),
            ):
                if r[field] not in values:
                    add(rule, "Episodes", child, f"Record the {words} with a DfE code.", where)
            if r["REC"] and r["REC"] not in EpisodeEndReason.values:
                add("149", "Episodes", child, "Record why the episode ended with a DfE code.", where)
            if provider and provider not in PlacementProvider.values:
                add("178", "Episodes", child, "Record the placement provider with a DfE code.", where)
            if r["REASON_PLACE_CHANGE"] and r["REASON_PLACE_CHANGE"] not in PlacementChangeReason.values:
                add("1009", "Episodes", child, "Record why the placement changed with a DfE code.", where)
            if bool(r["DEC"]) != bool(r["REC"]):
                add("148", "Episodes", child, "Record both the date the episode ended and why, or neither.", where)
            if e.ended_on and e.started_on and e.ended_on < e.started_on:
                add("356", "Episodes", child, "The episode ends before it starts: correct the dates.", where)
            if born and e.started_on and e.started_on < born:
                add("302", "Episodes", child, "The episode starts before the child was born: check both dates.", where)
            if prev and prev.ended_on and e.started_on and e.started_on < prev.ended_on:
                add("501", "Episodes", child, "This episode starts before the previous one ended.", where)
            if nxt and (not r["DEC"] or not r["REC"]):
                add("142", "Episodes", child, "A later episode has started: record when and why this one ended.", where)
            if i == 0 and e.started_on and e.started_on >= start and r["RNE"] != "S":
                add(
                    "357",
                    "Episodes",
                    child,
                    "The child's first episode must start a period of care (S), or the episode before it is missing.",
                    where,
                )
            if prev and r["RNE"] == "S" and prev.ended_on and e.started_on and e.started_on <= prev.ended_on:
                add(
                    "431",
                    "Episodes",
                    child,
                    "The previous episode ended the same day: this is not a new period of care.",
                    where,
                )
            if prev and prev.row["REC"] in real_ends and r["RNE"] != "S":
                add(
                    "432",
                    "Episodes",
                    child,
                    "The child left care before this episode: it starts a new period (S).",
                    where,
                )
            if prev and r["RNE"] in ("P", "L", "T", "U", "B") and (prev.row["DEC"] != r["DECOM"] or not r["DECOM"]):
                add("433", "Episodes", child, "A continuing episode must start the day the previous one ended.", where)
            if r["REC"] == "X1" and e.ended_on and (nxt is None or (nxt.started_on and nxt.started_on != e.ended_on)):
                add("388", "Episodes", child, "The episode ended with X1 but no episode starts that day.", where)
            if nxt and r["REC"] not in ("X1", "") and e.ended_on and nxt.started_on == e.ended_on:
                add(
                    "388",
                    "Episodes",
                    child,
                    "Another episode starts the same day, so this one should end with X1.",
                    where,
                )
            if nxt and r["REC"] in ("E2", "E15"):
                add("437", "Episodes", child, "No episode can follow death or an age assessment of 18 or over.", where)
            if r["RNE"] == "S" and born and e.started_on and e.started_on >= born + relativedelta(years=18):
                add("352", "Episodes", child, "The child was 18 or over when this period of care started.", where)
            if r["LS"] == "V3" and e.started_on:
                upto = e.ended_on or end
                if upto > e.started_on + relativedelta(days=17):
                    add("365", "Episodes", child, "A short break lasts at most 17 days: check the dates.", where)
                v3_days += max(0, (min(upto, end) - max(e.started_on, start)).days)
            if place in TEMPORARY and r["RNE"] not in ("P", "B"):
                add("380", "Episodes", child, "A period of care cannot start in a temporary placement.", where)
            if place in TEMPORARY and r["REC"] not in ("X1", ""):
                add("381", "Episodes", child, "A period of care cannot end in a temporary placement.", where)
            exempt = place in TEMPORARY | OTHER_PLACEMENTS
            if not exempt and not provider:
                add("526", "Episodes", child, "Record the placement provider.", where)
            if exempt and provider:
                add("213", "Episodes", child, "No placement provider is needed for this placement.", where)
            for rule, code, bad in (
                ("527", "PR1", {"P1", "R2", "R5"}),
                ("528", "PR2", {"P1", "R2", "R5"}),
                ("529", "PR3", {"P1", "A3", "A4", "A5", "A6", "K1", "K2", "U1", "U2", "U3", "U4", "U5", "U6"}),
                ("530", "PR4", {"P1"}),
                ("531", "PR5", {"P1"}),
            ):
                if provider == code and place in bad:
                    add(rule, "Episodes", child, f"Provider {code} cannot provide a {place} placement.", where)
            if provider == "PR0" and place != "P1":
                add("550", "Episodes", child, "PR0 (parents) is only for placements with parents (P1).", where)
            urn = r["URN"]
            urn_exempt = {"P1", "P3", "R1", "R2", "R5"} | TEMPORARY | OTHER_PLACEMENTS
            if not urn and place not in urn_exempt and (e.ended_on is None or e.ended_on >= start):
                add("218", "Episodes", child, "Record the Ofsted URN of the setting.", where)
            if urn and urn != "XXXXXXX" and place in urn_exempt:
                add("222", "Episodes", child, "This placement is not registered with Ofsted: remove the URN.", where)
            if urn == "XXXXXXX" and place not in {"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"}:
                add("242", "Episodes", child, "XXXXXXX is only for adoption agencies: record the setting's URN.", where)
            if (
                nxt
                and r["REC"] == "X1"
                and not r["REASON_PLACE_CHANGE"]
                and place not in TEMPORARY
                and nxt.row["RNE"] in ("P", "B", "T", "U")
                and nxt.row["PLACE"] not in TEMPORARY
            ):
                add("225", "Episodes", child, f"Record why the placement changed on {nxt.row['DECOM']}.", where)
            if place in TEMPORARY and (r["REASON_PLACE_CHANGE"] or (prev and prev.row["REASON_PLACE_CHANGE"])):
                add("226", "Episodes", child, "No placement change reason is needed for a temporary move.", where)
            if place == "P1" and r["LS"] == "V2":
                add(
                    "378",
                    "Episodes",
                    child,
                    "A child placed with parents is not accommodated under section 20: check the legal status "
                    "and placement.",
                    where,
                )
            if r["REC"] in ("E11", "E12") and place not in ADOPTION:
                add(
                    "390",
                    "Episodes",
                    child,
                    "Adopted, but not placed for adoption: record the adoption placement.",
                    where,
                )
            if place in ("A5", "A6") and r["LS"] != "E1":
                add(
                    "408",
                    "Episodes",
                    child,
                    "Placed for adoption with a placement order: record the legal status as a placement order (E1).",
                    where,
                )
            if (
                place in ("A3", "A5")
                and e.started_on
                and e.started_on >= date(2015, 4, 1)
                and r["RNE"] not in ("S", "T", "U")
            ):
                add(
                    "217",
                    "Episodes",
                    child,
                    "Placed for adoption with the current foster carers: the reason for the new episode is S, T or U.",
                    where,
                )
            if r["REC"] in ("E45", "E46") and place not in FOSTER:
                add(
                    "516",
                    "Episodes",
                    child,
                    "A special guardianship order to former foster carers ends a foster placement: check the "
                    "reason care ended (E47 or E48 for other carers) or the placement.",
                    where,
                )
            if prev:
                same_status = r["LS"] == prev.row["LS"]
                same_place = all(r[c] == prev.row[c] for c in ("PLACE", "PL_POST", "URN", "PLACE_PROVIDER"))
                if r["RNE"] == "L" and (same_status or not same_place):
                    add(
                        "434",
                        "Episodes",
                        child,
                        "A change of legal status only: the legal status changes, and the placement, its postcode, "
                        "URN and provider stay as they were.",
                        where,
                    )
                if r["RNE"] in ("P", "T") and (not same_status or same_place):
                    add(
                        "435",
                        "Episodes",
                        child,
                        "A change of placement only: the placement changes and the legal status stays as it was.",
                        where,
                    )
                if r["RNE"] in ("U", "B") and (same_status or same_place):
                    add(
                        "436",
                        "Episodes",
                        child,
                        "A change of legal status and placement: both change. Check the reason for the new episode.",
                        where,
                    )
            for column in ("HOME_POST", "PL_POST"):
                if r[column] and not _POSTCODE.match(r[column]):
                    add("392c", "Episodes", child, f"The postcode {r[column]} is not a valid postcode.", where)
                    break
        if v3_days > 75:
            add("367", "Episodes", child, "Short breaks add up to more than 75 days in the year.")
        for rule, status, days in (("361", "L1", 3), ("362", "L2", 21), ("363", "L3", 7), ("364", "J2", 21)):
            _duration_cap(eps, status, days, rule, child, end, add)


def _duration_cap(eps, status, days, rule, child, end, add):
    """Runs of back-to-back episodes under one short-lived legal status must not outlast the law's limit."""
    run: list[_Ep] = []
    for e in eps + [None]:
        if e is not None and e.legal_status == status and e.started_on:
            if run and (run[-1].ended_on or end) != e.started_on:
                _close_run(run, days, rule, child, end, add)
                run = []
            run.append(e)
        elif run:
            _close_run(run, days, rule, child, end, add)
            run = []


def _close_run(run, days, rule, child, end, add):
    last = run[-1].ended_on or end
    if (last - run[0].started_on).days > days:
        names = {
            "361": "police protection",
            "362": "the emergency protection order",
            "363": "the child assessment order",
            "364": "PACE accommodation",
        }
        add(
            rule,
            "Episodes",
            child,
            f"The legal status for {names[rule]} lasted longer than the law allows: check the dates and legal status.",
            f"the episode from {run[0].row['DECOM']}",
        )


def _check_oc2(t, eps_by_child, year, add):
    start, end = census_start(year), census_end(year)
    in_oc2 = set()
    items = COLUMNS["OC2"][COLUMNS["OC2"].index("CONVICTED") :]  # the 0/1 items, after the SDQ
    for r in t["OC2"]:
        child = r["CHILD"]
        in_oc2.add(child)
        born = _date(r["DOB"])
        cla = continuously_looked_after(eps_by_child.get(child, []), year)
        score, reason = r["SDQ_SCORE"], r["SDQ_REASON"]
        if score and not cla:
            add("185", "OC2", child, "The child was not looked after all year: remove the SDQ score.")
        if not cla and any(r[c] for c in items):
            add("190", "OC2", child, "The child was not looked after all year: remove the health and offending items.")
        if cla and any(not r[c] for c in ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")):
            add("191", "OC2", child, "Record immunisations, dental check, health assessment and substance misuse.")
        if born:
            if (
                cla
                and born + relativedelta(years=4) <= start
                and born + relativedelta(years=17) > end
                and not (score or reason)
            ):
                add("186", "OC2", child, "Record the SDQ score, or why there is none.")
            if born + relativedelta(years=4) > end and (score or reason):
                add("188", "OC2", child, "The child is under 4: remove the SDQ score and reason.")
            if born + relativedelta(years=17) < start and (score or reason):
                add("189", "OC2", child, "The young person is 17 or over: remove the SDQ score and reason.")
            if cla and end > born + relativedelta(years=10) and not r["CONVICTED"]:
                add("543", "OC2", child, "Record whether the child was convicted of an offence.")
            if cla and end < born + relativedelta(years=5) and not r["HEALTH_CHECK"]:
                add("545", "OC2", child, "Record whether the child's health checks are up to date.")
            if cla and end >= born + relativedelta(years=5) and r["HEALTH_CHECK"]:
                add("546", "OC2", child, "Health checks are only asked about for under-5s: remove it.")
        core = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")
        others = ("CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")
        if any(not r[c] for c in core) and any(r[c] for c in others):
            add(
                "182",
                "OC2",
                child,
                "Record immunisations, dental check, health assessment and substance misuse, or leave every health "
                "and offending item blank.",
            )
        if score and (not score.isdigit() or int(score) > 40):
            add("180", "OC2", child, "The SDQ score must be a whole number from 0 to 40.")
        if score and reason:
            add("197a", "OC2", child, "There is an SDQ score, so remove the reason for no score.")
        if r["SUBSTANCE_MISUSE"] == "1" and not r["INTERVENTION_RECEIVED"]:
            add("192", "OC2", child, "Record whether the child received an intervention for substance misuse.")
        if r["INTERVENTION_RECEIVED"] == "1" and r["INTERVENTION_OFFERED"]:
            add("158", "OC2", child, "An intervention was received: leave 'offered' blank.")
        if r["INTERVENTION_RECEIVED"] == "0" and not r["INTERVENTION_OFFERED"]:
            add("159", "OC2", child, "No intervention was received: record whether one was offered.")
    for child, eps in eps_by_child.items():
        if child not in in_oc2 and continuously_looked_after(eps, year):
            add("191", "Episodes", child, "Looked after all year: record their health and offending (OC2).")


def _check_small_tables(t, eps_by_child, year, add):
    start = census_start(year)
    for r in t["OC3"]:
        filled = [bool(r[c]) for c in ("IN_TOUCH", "ACTIV", "ACCOM")]
        if any(filled) and not all(filled):
            add("153", "OC3", r["CHILD"], "Record whether in touch, activity and accommodation, or none of them.")
    ad1_items = ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]
    for r in t["AD1"]:
        filled = [bool(r[c]) for c in ad1_items]
        if any(filled) and not all(filled):
            add("151", "AD1", r["CHILD"], "Record every adoption item, or none of them.")
    for r in t["PlacedAdoption"]:
        if bool(r["DATE_PLACED_CEASED"]) != bool(r["REASON_PLACED_CEASED"]):
            add(
                "119",
                "PlacedAdoption",
                r["CHILD"],
                "Record both the date and the reason the adoption decision was reversed.",
            )
    for r in t["Reviews"]:
        if r["REVIEW_CODE"] not in ReviewParticipation.values:
            add(
                "167",
                "Reviews",
                r["CHILD"],
                "Record how the child took part in the review.",
                f"the review of {r['REVIEW']}",
            )
    for r in t["UASC"]:
        if r["DUC"] and (_date(r["DUC"]) is None or _date(r["DUC"]) < start):
            add(
                "104",
                "UASC",
                r["CHILD"],
                "The date asylum-seeking status ceased is not a valid date in or after this year: correct it, or "
                "leave the child out of the UASC table if the status ended before the year.",
            )
        born, ceased = _date(r["DOB"]), _date(r["DUC"])
        if born and ceased and ceased > born + relativedelta(years=18):
            add("304", "UASC", r["CHILD"], "Asylum-seeking status ends by the 18th birthday: correct the date.")
    prev_perm = {r["CHILD"]: r for r in t["PrevPerm"]}
    for child, eps in eps_by_child.items():
        if not any(e.new_episode_reason == "S" and e.started_on and e.started_on >= start for e in eps):
            continue
        p = prev_perm.get(child)
        if p is None or not p["PREV_PERM"] or (p["PREV_PERM"] != "Z1" and not (p["LA_PERM"] and p["DATE_PERM"])):
            add(
                "630",
                "Episodes",
                child,
                "Record whether the child had a permanence order before care, and if so which LA made it and when.",
            )
    for r in t["PrevPerm"]:
        if r["PREV_PERM"] == "Z1" and (r["LA_PERM"] or r["DATE_PERM"]):
            add("635", "PrevPerm", r["CHILD"], "There was no previous permanence: remove its LA and date.")


def _check_adoption_decisions(t, eps_by_child, add):
    by_child: dict[str, list[tuple[date, date | None, str]]] = defaultdict(list)
    for r in t["PlacedAdoption"]:
        placed = _date(r["DATE_PLACED"])
        came_into_care = [
            e.started_on for e in eps_by_child.get(r["CHILD"], []) if e.new_episode_reason == "S" and e.started_on
        ]
        if placed and came_into_care and placed < came_into_care[0]:
            add(
                "1003",
                "PlacedAdoption",
                r["CHILD"],
                f"The decision to place for adoption is dated before the child came into care on "
                f"{came_into_care[0]:%d/%m/%Y}: correct its date, or leave out a decision from an earlier period "
                f"of care that has ended.",
                f"the decision of {r['DATE_PLACED']}",
            )
        if placed:
            by_child[r["CHILD"]].append((placed, _date(r["DATE_PLACED_CEASED"]), r["DATE_PLACED"]))
    for child, decisions in by_child.items():
        decisions.sort()
        for (_, ceased, _), (placed, _, text) in zip(decisions, decisions[1:], strict=False):
            if ceased is None or placed < ceased:
                add(
                    "579",
                    "PlacedAdoption",
                    child,
                    "A new decision to place for adoption starts before the previous one ceased: record when and "
                    "why the earlier one ceased, or correct the dates.",
                    f"the decision of {text}",
                )
        for _, ceased, text in decisions[:-1]:
            if ceased is None:
                add(
                    "583",
                    "PlacedAdoption",
                    child,
                    "A later decision to place for adoption was made, but this one was never ceased: record when "
                    "and why.",
                    f"the decision of {text}",
                )


# This year's first episode against last year's open one, field by field (503A-F: the DfE's columns).
_CONTINUED_FIELDS = (
    ("503A", "RNE", "reason for new episode"),
    ("503B", "LS", "legal status"),
    ("503C", "CIN", "category of need"),
    ("503D", "PLACE", "placement type"),
    ("503E", "PLACE_PROVIDER", "placement provider"),
    ("503F", "URN", "Ofsted URN"),
)
# Placement codes the DfE replaced from one year to the next: last year's code may become one of these.
_RECODED_PLACEMENTS = {2024: ("H5", {"K3"}), 2025: ("H5", {"K3"}), 2026: ("Z1", OTHER_PLACEMENTS)}


def _check_continuity(eps_by_child, previous_episodes, year, add):
    """The same episode in two returns: last year's open episode is this year's first, with the same fields.
    As the DfE test it, "last year's open episode" is the one that started last there, if it has no end, and
    "this year's first" the earliest. PL_LA, PL_LOCATION and PL_DISTANCE are worked out by the DfE from the
    postcodes (with the ONS lookup), so we compare the postcodes: the same postcodes give the same values."""
    start = census_start(year)
    last_by_child: dict[str, list[dict]] = defaultdict(list)
    for r in previous_episodes:
        last_by_child[r["CHILD"]].append(r)
    recoded_from, recoded_to = _RECODED_PLACEMENTS.get(year, ("", set()))
    for child, eps in eps_by_child.items():
        first = eps[0]
        where = f"the episode from {first.row['DECOM']}"
        before_year = [e for e in eps if e.started_on and e.started_on < start]
        last_rows = last_by_child.get(child, [])
        if before_year and not last_rows:
            add(
                "NoE",
                "Episodes",
                child,
                "The child has been looked after since before this year but is not in last year's episodes: check "
                "the start date, or add the child to last year's return.",
                f"the episode from {before_year[0].row['DECOM']}",
            )
        dated = [r for r in last_rows if _date(r["DECOM"])]
        latest = max(dated, key=lambda r: _date(r["DECOM"])) if dated else None
        if before_year and (latest is None or _date(latest["DECOM"]) != before_year[0].started_on):
            ends_with = f"ends with an episode from {latest['DECOM']}" if latest else "has no episode for the child"
            add(
                "562",
                "Episodes",
                child,
                f"This episode started before the year, but last year's return {ends_with}: record the same "
                f"episode in both returns.",
                f"the episode from {before_year[0].row['DECOM']}",
            )
        for r in last_rows:
            if not r["DEC"] and _date(r["DECOM"]) != first.started_on:
                add(
                    "502",
                    "Episodes",
                    child,
                    f"Last year's return ends with an episode from {r['DECOM']} still open, but this year's first "
                    f"episode starts on {first.row['DECOM']}: record the same start date in both, or the end of "
                    f"last year's episode.",
                    where,
                )
                break
        if latest is None or latest["DEC"]:
            continue
        for rule, field, words in _CONTINUED_FIELDS:
            now, then = first.row[field], latest[field]
            if now != then and not (field == "PLACE" and then == recoded_from and now in recoded_to):
                add(rule, "Episodes", child, _continuity_message(words, now, then), where)
        same_reason = first.row["RNE"] == latest["RNE"]
        if first.row["PL_POST"] != latest["PL_POST"]:
            words = _continuity_message("placement postcode", first.row["PL_POST"], latest["PL_POST"])
            add("503H", "Episodes", child, words, where)
            add("503J", "Episodes", child, words, where)
            if same_reason:
                add("452", "Episodes", child, words, where)
        if (first.row["HOME_POST"], first.row["PL_POST"]) != (latest["HOME_POST"], latest["PL_POST"]):
            moved = "home postcode" if first.row["HOME_POST"] != latest["HOME_POST"] else "placement postcode"
            column = "HOME_POST" if moved == "home postcode" else "PL_POST"
            words = _continuity_message(moved, first.row[column], latest[column])
            add("503G", "Episodes", child, words, where)
            if same_reason:
                add("453", "Episodes", child, words, where)


def _check_uasc_continuity(uasc, uasc_last, year, add):
    """205B: a child in both years' UASC tables had last year the date their status would cease at 18, and
    this year has the same date or one in the year."""
    start, end = census_start(year), census_end(year)
    last = {r["CHILD"]: r for r in uasc_last}
    for r in uasc:
        before = last.get(r["CHILD"])
        if before is None:
            continue
        born, ceased, ceased_before = _date(before["DOB"]), _date(r["DUC"]), _date(before["DUC"])
        at_18 = born + relativedelta(years=18) if born else None
        in_year = ceased is not None and start <= ceased <= end
        if ceased_before is None or ceased_before != at_18 or not (in_year or ceased == ceased_before):
            add(
                "205B",
                "UASC",
                r["CHILD"],
                "Asylum-seeking in both years: last year's date status ceased should be the 18th birthday, and "
                "this year's the same date or one in this year. Correct the dates in the record.",
            )


def _continuity_message(words: str, now: str, then: str) -> str:
    return (
        f"The {words} ({now or 'blank'}) differs from last year's open episode ({then or 'blank'}): it is the "
        f"same episode, so record the same {words} in both returns."
    )


def _check_care_leavers(t, eps_by_child, previous_episodes, header_dob, year, add):
    """1001 and 1002 as far as this and last year's episodes can judge them: the DfE holds every year's
    return; we (and the independent validator) see two. A young person whose 16th birthday fell since last
    year began must have been looked after since then to be a care leaver, so their care is in view."""
    start, end = census_start(year), census_end(year)
    seen_from = start if previous_episodes is None else start - relativedelta(years=1)
    episodes: dict[str, dict[str, _Ep]] = defaultdict(dict)
    for r in previous_episodes or []:
        episodes[r["CHILD"]][r["DECOM"]] = _Ep(r, _date(r["DECOM"]), _date(r["DEC"]))
    for child, eps in eps_by_child.items():
        for e in eps:
            episodes[child][e.row["DECOM"]] = e  # this year's row wins: it holds the end
    for r in t["OC3"]:
        child, born = r["CHILD"], header_dob.get(r["CHILD"]) or _date(r["DOB"])
        eps = sorted(episodes.get(child, {}).values(), key=lambda e: e.started_on or date.min)
        if born and r["ACCOM"] in ("Z1", "Z2") and start <= born + relativedelta(years=17) <= end:
            add(
                "3001",
                "OC3",
                child,
                "At 17 a care leaver is not 'staying put' with former foster carers: check the accommodation.",
            )
        sixteenth = born + relativedelta(years=16) if born else None
        in_view = sixteenth is not None and sixteenth >= seen_from
        if not eps:
            if in_view:
                add(
                    "1002",
                    "OC3",
                    child,
                    "There are no episodes of care for this young person: check they are a care leaver, or record "
                    "their care.",
                )
            continue
        adopted = eps[-1].end_reason in ("E11", "E12")
        after_16 = (
            any((e.ended_on or end) > sixteenth for e in eps if e.legal_status not in RESPITE) if in_view else True
        )
        if adopted or not after_16:
            add(
                "1001",
                "OC3",
                child,
                "The episodes show this young person was adopted or not looked after at 16 or over, so not a care "
                "leaver: check their care and care leaver records.",
            )


def _check_missing(t, eps_by_child, year, add):
    start, end = census_start(year), census_end(year)
    spells: dict[str, list[tuple[date | None, date | None, dict]]] = defaultdict(list)
    for r in t["Missing"]:
        child, began, back = r["CHILD"], _date(r["MIS_START"]), _date(r["MIS_END"])
        where = f"the missing spell from {r['MIS_START']}" if r["MIS_START"] else ""
        if not r["MIS_START"]:
            add("564", "Missing", child, "Record when the child went missing.", where)
        if r["MIS_START"] and not r["MISSING"]:
            add("565", "Missing", child, "Record whether the child was missing or away without permission.", where)
        if r["MIS_END"] and not r["MISSING"]:
            add("566", "Missing", child, "Record whether the child was missing or away without permission.", where)
        if began and back and back < began:
            add("567", "Missing", child, "The spell ends before it starts: correct the dates.", where)
        if began and began > end:
            add("570", "Missing", child, "The spell starts after the end of the year.", where)
        if back and (back < start or back > end):
            add("571", "Missing", child, "The spell ends outside the year.", where)
        spells[child].append((began, back, r))
    for child, rows in spells.items():
        rows.sort(key=lambda s: ((s[1] or s[0] or date.min), (s[0] or date.min)))
        for (_, prev_back, _), (began, _, r) in zip(rows, rows[1:], strict=False):
            if prev_back is None or (began and began < prev_back):
                add(
                    "574",
                    "Missing",
                    child,
                    "Missing spells overlap, or an earlier one was never closed.",
                    f"the missing spell from {r['MIS_START']}",
                )
        eps = eps_by_child.get(child, [])
        care_ended = bool(eps) and eps[-1].ended_on is not None and eps[-1].end_reason not in ("X1", "")
        for began, back, r in rows:
            if began and back is None and care_ended:
                add(
                    "577",
                    "Missing",
                    child,
                    "Care has ended: record when the child came back.",
                    f"the missing spell from {r['MIS_START']}",
                )


def _check_social_workers(t, eps_by_child, year, add):
    start, end = census_start(year), census_end(year)
    by_child: dict[str, list[dict]] = defaultdict(list)
    for r in t["SWEpisodes"]:
        if not r["SW_ID"].startswith(("SW", "XX")) or len(r["SW_ID"]) < 4:
            add("SW02STG1", "SWEpisodes", r["CHILD"], "The social worker ID must start with SW.")
        by_child[r["CHILD"]].append(r)
    for child, rows in by_child.items():
        ordered = sorted(rows, key=lambda r: (_date(r["SW_DECOM"]) or date.min, _date(r["SW_DEC"]) or date.max))
        for before, r in zip(ordered, ordered[1:], strict=False):
            began, ended = _date(r["SW_DECOM"]), _date(before["SW_DEC"])
            if r["SW_REASON"] == "FCONTA" and began and (ended is None or began <= ended):
                add(
                    "SW10bSTG2",
                    "SWEpisodes",
                    child,
                    "A 'first contact' social worker episode starts while the previous one is open: record why "
                    "the social worker changed.",
                    f"the social worker episode from {r['SW_DECOM']}",
                )
        last_end = _date(ordered[-1]["SW_DEC"]) if ordered[-1]["SW_DEC"] else None
        # Asked of children still looked after at 31 March: a child who left care and whose case closed in the
        # last days of the year needs no further social worker.
        still_looked_after = bool(eps_by_child.get(child)) and eps_by_child[child][-1].ended_on is None
        if still_looked_after and last_end and end - relativedelta(days=5) <= last_end <= end:
            add(
                "SW11bSTG2",
                "SWEpisodes",
                child,
                f"The social worker episode ended on {last_end:%d/%m/%Y} and none follows: record the next one.",
            )
    for child, eps in eps_by_child.items():
        last = eps[-1]
        rows = sorted(by_child.get(child, []), key=lambda r: _date(r["SW_DECOM"]) or date.min)

        def covered(day: date, rows=rows) -> bool:
            return any(
                (_date(r["SW_DECOM"]) or date.max) <= day
                and (not r["SW_DEC"] or (_date(r["SW_DEC"]) or date.min) >= day)
                for r in rows
            )

        if last.legal_status in RESPITE:
            continue
        if last.ended_on is None:
            # Looked after at 31 March: a social worker now, and from the start of care (or of the year).
            if rows and rows[-1]["SW_DEC"]:
                add("SW17STG2", "SWEpisodes", child, "No social worker is allocated at 31 March: record who is.")
            day = max(_period_start(eps) or end, start)
            if not covered(day):
                add(
                    "SW12STG2",
                    "Episodes",
                    child,
                    f"Looked after at 31 March: record the social worker allocated on {day:%d/%m/%Y}.",
                )
        elif last.end_reason not in ("X1", "") and not covered(last.ended_on):
            add(
                "SW12STG2",
                "Episodes",
                child,
                f"Left care on {last.row['DEC']}: record the social worker allocated then.",
            )
