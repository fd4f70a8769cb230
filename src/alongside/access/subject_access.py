"""Subject access requests (UK GDPR Article 15): everything held about one person, as a zip of a
readable HTML page and the same content as JSON. Items about someone else (a relative, a carer's
address, a parent's issues found at assessment) are marked for the data protection officer to
consider redacting before release; nothing is removed automatically."""

import io
import json
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils import timezone

from alongside.access.models import AuditEntry
from alongside.codes import Disability
from alongside.journey.selectors import child_episodes
from alongside.partners.models import Sharing
from alongside.people.models import FamilyMember, Person, Relationship
from alongside.workforce.selectors import allocations_for_child

THIRD_PARTY = "About another person: consider redacting"
MAY_HOLD_THIRD_PARTY = "May hold information about another person: check before release"


@dataclass
class Item:
    label: str
    value: str
    redaction: str = ""  # why it may need redacting, or "" for the subject's own information


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class SubjectAccessExport:
    person_name: str
    la_id: str
    produced_at: str
    sections: list[Section]

    @property
    def items_to_review(self) -> int:
        return sum(1 for s in self.sections for i in s.items if i.redaction)


def _d(value) -> str:
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%-d %B %Y, %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    return "" if value is None else str(value)


def build_subject_access(person: Person) -> SubjectAccessExport:
    about = Section(
        "About you",
        [
            Item("Name", person.full_name),
            Item("LA ID", person.la_id),
            Item("Date of birth", _d(person.date_of_birth or person.expected_date_of_birth)),
            Item("NHS number", person.nhs_number),
            Item("UPN", person.upn or person.get_upn_unknown_display()),
            Item("Sex", person.get_sex_display()),
            Item("Ethnicity", person.get_ethnicity_display()),
            Item("Disabilities", ", ".join(Disability(code).label for code in person.disabilities) or "Not recorded"),
        ],
    )
    network = Section("Your family network")
    networks = FamilyMember.objects.filter(person=person).values("network_id")
    for member in FamilyMember.objects.filter(network_id__in=networks).exclude(person=person).select_related("person"):
        network.items.append(Item(member.get_role_display(), member.person.full_name, THIRD_PARTY))
    for relationship in Relationship.objects.filter(from_person=person).select_related("to_person"):
        network.items.append(
            Item(
                f"You are their {relationship.get_kind_display().lower()}",
                relationship.to_person.full_name,
                THIRD_PARTY,
            )
        )
    sections = [about, network]
    is_child = FamilyMember.objects.filter(person=person, role="child").exists()
    if is_child:
        episodes = Section("Your time with children's services")
        for episode in child_episodes(person):
            span = f"{_d(episode.started_on)} to {_d(episode.ended_on) if episode.ended_on else 'now'}"
            episodes.items.append(Item(episode.title, span))
            for label, value in episode.details:
                # Assessment findings and placements can say things about parents and carers.
                risky = label in ("Assessment", "Closed because") or label.startswith("From ")
                episodes.items.append(Item(f"  {label}", value, MAY_HOLD_THIRD_PARTY if risky else ""))
        workers = Section("Workers who have worked with you")
        for allocation in allocations_for_child(person):
            workers.items.append(
                Item(
                    allocation.worker.full_name,
                    f"{allocation.worker.get_role_display()}, {_d(allocation.started_on)} to "
                    f"{_d(allocation.ended_on) if allocation.ended_on else 'now'} ({allocation.get_reason_display()})",
                )
            )
        shared = Section("Organisations your record was shared with")
        for sharing in Sharing.objects.filter(child=person).select_related("agency").order_by("started_on"):
            shared.items.append(
                Item(
                    sharing.agency.name,
                    f"{sharing.get_basis_display()}, {_d(sharing.started_on)} to {_d(sharing.ends_on)}",
                )
            )
        sections += [episodes, workers, shared]
    looked = Section("Who has looked at your record")
    for entry in AuditEntry.objects.filter(person=person).select_related("actor").order_by("at"):
        who = entry.actor.get_full_name() if entry.actor else entry.actor_name
        looked.items.append(
            Item(_d(entry.at), f"{who}: {entry.get_event_display()}{' (' + entry.reason + ')' if entry.reason else ''}")
        )
    sections.append(looked)
    return SubjectAccessExport(person.full_name, person.la_id, _d(timezone.now()), sections)


def subject_access_zip(export: SubjectAccessExport) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("record.html", render_to_string("access/subject_access_export.html", {"export": export}))
        archive.writestr("record.json", json.dumps(asdict(export), indent=2, ensure_ascii=False))
        archive.writestr(
            "README.txt",
            (
                f"Subject access request for {export.person_name} (LA ID {export.la_id}).\n"
                f"Produced {export.produced_at}.\n"
                f"record.html is for reading; record.json holds the same content for systems.\n"
                f"{export.items_to_review} items are marked for review: they are about, or may be about, another\n"
                f"person. Decide on redaction before anything is released.\n"
            ),
        )
    return buffer.getvalue()
