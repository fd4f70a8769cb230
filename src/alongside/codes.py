"""DfE code lists, the only values the record accepts for these fields.

Values are exactly those the CIN census and SSDA903 validators accept for 2025-26
(shared/reference/cin-census.md, ssda903.md). Labels are our summary of DfE guidance.
"""

from django.db import models


class Sex(models.TextChoices):
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WROM = "WROM", "Gypsy / Roma"
    WOTH = "WOTH", "Any other White background"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism / Asperger syndrome"
    DDA = "DDA", "Other disability (DDA definition)"


class UPNUnknown(models.TextChoices):
    UN1 = "UN1", "Under 6 and not yet at school"
    UN2 = "UN2", "Never attended a school in England where a UPN would be allocated"
    UN3 = "UN3", "Educated outside the maintained sector or abroad"
    UN4 = "UN4", "Newly arrived; UPN not yet obtained"
    UN5 = "UN5", "Sources collating UPNs reflect a discrepancy"
    UN6 = "UN6", "Unborn"
    UN7 = "UN7", "Referral with no further action"


class ReferralSource(models.TextChoices):
    INDIVIDUAL_FAMILY = "1A", "Individual: family member, relative or carer"
    INDIVIDUAL_ACQUAINTANCE = "1B", "Individual: acquaintance"
    INDIVIDUAL_SELF = "1C", "Individual: self"
    INDIVIDUAL_OTHER = "1D", "Individual: other"
    SCHOOLS = "2A", "Schools"
    EDUCATION_SERVICES = "2B", "Education services"
    HEALTH_GP = "3A", "Health services: GP"
    HEALTH_VISITOR = "3B", "Health services: health visitor"
    HEALTH_SCHOOL_NURSE = "3C", "Health services: school nurse"
    HEALTH_OTHER_PRIMARY = "3D", "Health services: other primary health services"
    HEALTH_AE = "3E", "Health services: A&E / emergency department"
    HEALTH_OTHER = "3F", "Health services: other"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "LA services: social care"
    LA_OTHER_INTERNAL = "5B", "LA services: other internal"
    LA_EXTERNAL = "5C", "LA services: external"
    LA_EARLY_HELP = "5D", "LA services: early help"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency"
    OTHER = "8", "Other"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class PrimaryNeed(models.TextChoices):
    N0 = "N0", "Not stated"
    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability or illness"
    N3 = "N3", "Parental disability or illness"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"
    N9 = "N9", "Cases other than children in need"


# The SSDA903 "CIN" field allows N1-N8 only.
CARE_NEED_CODES = [f"N{i}" for i in range(1, 9)]


class ClosureReason(models.TextChoices):
    RC1 = "RC1", "Adopted"
    RC2 = "RC2", "Died"
    RC3 = "RC3", "Child arrangements order"
    RC4 = "RC4", "Special guardianship order"
    RC5 = "RC5", "Transferred to another local authority"
    RC6 = "RC6", "Transferred to adult social care"
    RC7 = "RC7", "Services ceased for any other reason"
    RC8 = "RC8", "Closed after assessment, no further action"
    RC9 = "RC9", "Closed after assessment, referred to early help"


class AbuseCategory(models.TextChoices):
    NEGLECT = "NEG", "Neglect"
    PHYSICAL = "PHY", "Physical abuse"
    SEXUAL = "SAB", "Sexual abuse"
    EMOTIONAL = "EMO", "Emotional abuse"
    MULTIPLE = "MUL", "Multiple"


class AssessmentFactor(models.TextChoices):
    F1A = "1A", "Alcohol misuse: child"
    F1B = "1B", "Alcohol misuse: parent or carer"
    F1C = "1C", "Alcohol misuse: other person in the household"
    F2A = "2A", "Drug misuse: child"
    F2B = "2B", "Drug misuse: parent or carer"
    F2C = "2C", "Drug misuse: other person in the household"
    F3A = "3A", "Domestic abuse: child"
    F3B = "3B", "Domestic abuse: parent or carer"
    F3C = "3C", "Domestic abuse: other person in the household"
    F4A = "4A", "Mental health: child"
    F4B = "4B", "Mental health: parent or carer"
    F4C = "4C", "Mental health: other person in the household"
    F5A = "5A", "Learning disability: child"
    F5B = "5B", "Learning disability: parent or carer"
    F5C = "5C", "Learning disability: other person in the household"
    F6A = "6A", "Physical disability or illness: child"
    F6B = "6B", "Physical disability or illness: parent or carer"
    F6C = "6C", "Physical disability or illness: other person in the household"
    F7A = "7A", "Young carer"
    F8B = "8B", "Privately fostered: overseas child who intends to return"
    F8C = "8C", "Privately fostered: overseas child who intends to stay"
    F8D = "8D", "Privately fostered: UK child in education or training"
    F8E = "8E", "Privately fostered: UK child whose parents cannot care for them"
    F8F = "8F", "Privately fostered: other"
    F9A = "9A", "Unaccompanied asylum-seeking child"
    F10A = "10A", "Going or being missing"
    F11A = "11A", "Child sexual exploitation"
    F12A = "12A", "Trafficking"
    F13A = "13A", "Gangs"
    F14A = "14A", "Socially unacceptable behaviour"
    F15A = "15A", "Self-harm"
    F16A = "16A", "Neglect"
    F17A = "17A", "Emotional abuse"
    F18B = "18B", "Physical abuse by an adult"
    F18C = "18C", "Physical abuse by another child"
    F19B = "19B", "Sexual abuse by an adult"
    F19C = "19C", "Sexual abuse by another child"
    F20 = "20", "Other"
    F21 = "21", "No factors identified"
    F22A = "22A", "Female genital mutilation"
    F23A = "23A", "Abuse linked to faith or belief"
    F24A = "24A", "Child criminal exploitation"


class LegalStatus(models.TextChoices):
    C1 = "C1", "Interim care order"
    C2 = "C2", "Full care order"
    D1 = "D1", "Freeing order granted"
    E1 = "E1", "Placement order granted"
    V2 = "V2", "Accommodated under section 20"
    V3 = "V3", "Short-term breaks, individual episodes recorded"
    V4 = "V4", "Short-term breaks, agreements recorded"
    J1 = "J1", "Remanded to LA or youth detention accommodation"
    J2 = "J2", "Placed in LA accommodation under PACE 1984"
    J3 = "J3", "Youth rehabilitation order with residence requirement"
    L1 = "L1", "Police protection, in LA accommodation"
    L2 = "L2", "Emergency protection order"
    L3 = "L3", "Child assessment order, in LA accommodation"


class NewEpisodeReason(models.TextChoices):
    # T and U as the DfE's SSDA903 guidance and the independent validator (rules 435, 436) read them: T
    # is a placement change with the carer(s) the same, U a change of both. The project's reference sheet
    # (../shared/reference/ssda903.md) has these two labels the other way round.
    S = "S", "Started to be looked after"
    L = "L", "Change of legal status only"
    P = "P", "Change of placement and carer(s) only"
    T = "T", "Change of placement type only, carer(s) the same"
    U = "U", "Change of both legal status and placement and carer(s) at the same time"
    B = "B", "Change of legal status and placement type, carer(s) the same"


class PlacementType(models.TextChoices):
    A3 = "A3", "Placed for adoption with consent, with current foster carer(s)"
    A4 = "A4", "Placed for adoption with consent, not with current foster carer(s)"
    A5 = "A5", "Placed for adoption with placement order, with current foster carer(s)"
    A6 = "A6", "Placed for adoption with placement order, not with current foster carer(s)"
    K1 = "K1", "Secure children's home"
    K2 = "K2", "Children's home"
    K3 = "K3", "Supported accommodation (16+)"
    P1 = "P1", "Placed with own parent(s)"
    P3 = "P3", "Residential employment"
    R1 = "R1", "Residential care home"
    R2 = "R2", "NHS or health establishment"
    R3 = "R3", "Family centre or mother-and-baby unit"
    R5 = "R5", "Young offender institution or prison"
    S1 = "S1", "Residential school"
    T0 = "T0", "Temporary move"
    T1 = "T1", "Temporary: in hospital"
    T2 = "T2", "Temporary: on holiday"
    T3 = "T3", "Temporary: usual foster carer on holiday"
    T4 = "T4", "Temporary: 7 days or less, other reason"
    U1 = "U1", "Fostered with relative or friend: long-term"
    U2 = "U2", "Fostered with relative or friend: fostering for adoption"
    U3 = "U3", "Fostered with relative or friend: not long-term"
    U4 = "U4", "Fostered with other foster carer: long-term"
    U5 = "U5", "Fostered with other foster carer: fostering for adoption"
    U6 = "U6", "Fostered with other foster carer: not long-term"
    # The reference sheet has no labels for Z11-Z14 (they split the old Z1 "other placements");
    # these stay generic until checked against the 2025-26 DfE guidance.
    Z11 = "Z11", "Other placement (Z11)"
    Z12 = "Z12", "Other placement (Z12)"
    Z13 = "Z13", "Other placement (Z13)"
    Z14 = "Z14", "Other placement (Z14)"


class PlacementProvider(models.TextChoices):
    PR0 = "PR0", "Parent(s) or other person with parental responsibility"
    PR1 = "PR1", "Own LA provision"
    PR2 = "PR2", "Other LA provision"
    PR3 = "PR3", "Other public provision"
    PR4 = "PR4", "Private provision"
    PR5 = "PR5", "Voluntary or third sector provision"


class EpisodeEndReason(models.TextChoices):
    X1 = "X1", "Episode ends, new one begins the same day"
    E11 = "E11", "Adopted: application unopposed"
    E12 = "E12", "Adopted: consent dispensed with"
    E2 = "E2", "Died"
    E3 = "E3", "Care taken over by another LA"
    E4A = "E4A", "Returned home as part of care planning"
    E4B = "E4B", "Returned home, not part of care planning"
    E13 = "E13", "Left care to live with others without parental responsibility"
    E41 = "E41", "Child arrangements order granted"
    E45 = "E45", "SGO to former foster carers who are relatives or friends"
    E46 = "E46", "SGO to former foster carers, not relatives or friends"
    E47 = "E47", "SGO to other carers who are relatives or friends"
    E48 = "E48", "SGO to other carers, not relatives or friends"
    E5 = "E5", "Independent living with support"
    E6 = "E6", "Independent living with no formal support"
    E7 = "E7", "Residential care funded by adult social care"
    E8 = "E8", "Ceased for any other reason"
    E9 = "E9", "Sentenced to custody"
    E14 = "E14", "Accommodation on remand ended"
    E15 = "E15", "Age assessment found the child to be 18 or over"
    E16 = "E16", "Child moved abroad"
    E17 = "E17", "Aged 18+ and stayed with current carers"


class PlacementChangeReason(models.TextChoices):
    CARPL = "CARPL", "Change to or implementation of the care plan"
    CLOSE = "CLOSE", "Carer resigned or provision closed"
    ALLEG = "ALLEG", "Allegation (s47)"
    STAND = "STAND", "Standards of care concern"
    APPRR = "APPRR", "Carer approval removed"
    CREQB = "CREQB", "Carer asked for the placement to end: child's behaviour"
    CREQO = "CREQO", "Carer asked for the placement to end: other reasons"
    CHILD = "CHILD", "Child asked for the placement to end"
    LAREQ = "LAREQ", "Responsible or area authority asked for the placement to end"
    PLACE = "PLACE", "Change in the status of the placement only"
    CUSTOD = "CUSTOD", "Child arrested and admitted to custody"
    OTHER = "OTHER", "Other"


class CareLeaverInTouch(models.TextChoices):
    YES = "YES", "In touch"
    NO = "NO", "Not in touch"
    DIED = "DIED", "Died"
    REFU = "REFU", "Young person refuses contact"
    NREQ = "NREQ", "No longer requires services"
    RHOM = "RHOM", "Returned home for 6 months or more"


class CareLeaverActivity(models.TextChoices):
    F1 = "F1", "Higher education, full time"
    P1 = "P1", "Higher education, part time"
    F2 = "F2", "Other education, full time"
    P2 = "P2", "Other education, part time"
    F4 = "F4", "Training or employment, full time"
    P4 = "P4", "Training or employment, part time"
    F5 = "F5", "Apprenticeship, full time"
    P5 = "P5", "Apprenticeship, part time"
    G4 = "G4", "Not in education, employment or training: illness or disability"
    G5 = "G5", "Not in education, employment or training: other reasons"
    G6 = "G6", "Not in education, employment or training: pregnancy or parenting"
    NA = "0", "Not applicable"


_ACCOMMODATION_TYPES = {
    "B": "With parents or relatives",
    "C": "Community home or other residential care",
    "D": "Semi-independent or transitional accommodation",
    "E": "Supported lodgings",
    "G": "Gone abroad",
    "H": "Deported",
    "K": "Ordinary lodgings without formal support",
    "R": "Residence not known",
    "T": "Foyer or similar",
    "U": "Independent living",
    "V": "Emergency accommodation",
    "W": "Bed and breakfast",
    "Y": "Other",
    "Z": "With former foster carers",
}
_ALWAYS_UNSUITABLE = {"S2": "No fixed abode or homeless", "X2": "In custody"}

CareLeaverAccommodation = models.TextChoices(
    "CareLeaverAccommodation",
    [
        (f"{letter}{n}", (f"{letter}{n}", f"{label}, {'suitable' if n == 1 else 'unsuitable'}"))
        for letter, label in _ACCOMMODATION_TYPES.items()
        for n in (1, 2)
    ]
    + [(code, (code, f"{label}, unsuitable")) for code, label in _ALWAYS_UNSUITABLE.items()]
    + [("NA", ("0", "Not applicable"))],
)


# DfE local authority numbers valid in the UPN (characters 2-4), from cin-census.md.
def _expand(spec: str) -> frozenset[str]:
    codes: set[str] = set()
    for part in spec.split(","):
        part = part.strip()
        if "-" in part:
            start, end = part.split("-")
            codes.update(f"{n:03d}" for n in range(int(start), int(end) + 1))
        else:
            codes.add(part)
    return frozenset(codes)


UPN_LA_CODES = _expand(
    "001-005, 201-213, 301-320, 330-336, 340-344, 350-359, 370-373, 380-384, 390-394, 420, "
    "660-681, 701-708, 800-803, 805-808, 810-813, 815, 816, 820-823, 825, 826, 830, 831, 835-841, "
    "845, 846, 850-852, 855-857, 860, 861, 865-896, 908, 909, 916, 919, 921, 925, 926, 928, 929, "
    "931, 933, 935-938, 940, 941"
)


class ReviewParticipation(models.TextChoices):
    """How the child took part in their looked-after review (SSDA903 REVIEW_CODE)."""

    PN0 = "PN0", "Child under 4 at the time of the review"
    PN1 = "PN1", "Attended and spoke for themselves"
    PN2 = "PN2", "Attended; an advocate spoke for them"
    PN3 = "PN3", "Attended and showed their view without words"
    PN4 = "PN4", "Attended but did not give a view, and had no advocate"
    PN5 = "PN5", "Did not attend but briefed an advocate"
    PN6 = "PN6", "Did not attend but gave their feelings another way"
    PN7 = "PN7", "Did not attend and their views were not given"


class PreviousPermanence(models.TextChoices):
    """The permanence option a child had before this period of care (SSDA903 PREV_PERM)."""

    P1 = "P1", "Adoption"
    P2 = "P2", "Special guardianship order"
    P3 = "P3", "Residence order or child arrangements order"
    P4 = "P4", "Previous permanence option not known"
    Z1 = "Z1", "No previous permanence option"


class MissingKind(models.TextChoices):
    """SSDA903 MISSING: missing from placement, or away from it without authorisation."""

    MISSING = "M", "Missing"
    AWAY = "A", "Away from placement without authorisation"


class SdqReason(models.TextChoices):
    """Why a looked-after child has no strengths and difficulties score (SSDA903 SDQ_REASON)."""

    SDQ1 = "SDQ1", "Aged under 4 or over 16 at the date of assessment"
    SDQ2 = "SDQ2", "Carer refused to complete the questionnaire"
    SDQ3 = "SDQ3", "Not possible because of the severity of the child's disability"
    SDQ4 = "SDQ4", "Other"
    SDQ5 = "SDQ5", "Young person refused to complete the questionnaire"


class AdoptionDecisionCeasedReason(models.TextChoices):
    """Why a child should no longer be placed for adoption (SSDA903 REASON_PLACED_CEASED)."""

    RD1 = "RD1", "The child's needs changed after the decision"
    RD2 = "RD2", "The court did not make a placement order"
    RD3 = "RD3", "Prospective adopters could not be found"
    RD4 = "RD4", "Any other reason"


class AdopterSex(models.TextChoices):
    """SSDA903 SEX_ADOPTR: who adopted the child."""

    M1 = "M1", "Single male"
    F1 = "F1", "Single female"
    MM = "MM", "Male couple"
    FF = "FF", "Female couple"
    MF = "MF", "Male and female couple"


class AdopterLegalStatus(models.TextChoices):
    """SSDA903 LS_ADOPTR: the adopters' legal status."""

    L0 = "L0", "Single adopter"
    L11 = "L11", "Married couple of different sexes"
    L12 = "L12", "Married couple of the same sex"
    L2 = "L2", "Civil partners"
    L3 = "L3", "Unmarried couple of different sexes"
    L4 = "L4", "Unmarried couple of the same sex"
