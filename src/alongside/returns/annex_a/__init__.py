"""Ofsted's Annex A: the lists of children an ILACS inspection asks for, as one Excel workbook built
from the record, never re-keyed.

The headings are Ofsted's, word for word, as the published template and the tools LAs share to
read it (Social Finance / Data to Insight LIIA tools) spell them; "Sex" replaces "Gender" as in the
current template. Each list is a sheet named "List N <name>" (Excel allows no colon in a sheet name);
a first sheet, "About", says which LA, the period, when the workbook was made, and which columns are
blank because the record does not hold them.

The lists run to the inspection date `on` (by default 31 March of `year`), and nothing dated after it
is shown: a plan that ended later shows as open, as it was on `on`. Each list covers:

  List 1 Contacts             contacts received in the 6 months to `on`
  List 2 Early help           early help started in the 6 months, and all open on `on`
  List 3 Referrals            referrals received in the 6 months
  List 4 Assessments          assessments started or authorised in the 6 months, and all still open
  List 5 Section 47 and ICPC  section 47 enquiries started in the 6 months, and older ones still
                              waiting for a decision
  List 6 Children in need     child in need episodes open on `on` or closed in the 6 months
                              (referrals with no further action are on List 3 only)
  List 7 Child protection     plans open on `on` or ended in the 6 months
  List 8 Children in care     children in care on `on` or who left care in the 6 months
  List 9 Care leavers         care leavers the LA supports on `on`
  List 10 Adoption            children in care in the 12 months whose record shows an adoption step
                              (placement order, fostering for adoption, placed, adopted)
  List 11 Adopters            prospective adopters in the 12 months
A window of 6 months to 31 March 2026 starts on 1 October 2025.

Ofsted's template has no list for special guardianship: children who left care or need on a special
guardianship order show on List 6 (reason RC4) and List 8 (reasons E45 to E48).

The package: `lists` (the lists, their columns and headings, and the words the cells use), `record`
(what the lists share, read from the record once), `rows` (each list's rows), `workbook` (the xlsx,
and `produce`), `rules` (our checks of a produced workbook, `validate` and `RULES`).
"""

from alongside.returns.annex_a.lists import LISTS
from alongside.returns.annex_a.rules import NOT_SEEN, RULES, validate
from alongside.returns.annex_a.workbook import file_name, produce

__all__ = ["LISTS", "NOT_SEEN", "RULES", "file_name", "produce", "validate"]
