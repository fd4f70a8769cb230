"""The synthetic workforce: posts in pods and teams, each filled by a chain of workers over time.

A post's holder leaves and is replaced (turnover), sometimes by an agency worker. Allocating a child
to a post over a span gives the holder at each date, so a leaver's children pass to their
replacement with the reason "worker left", as they do in real teams. Turnover and agency use are
higher before the practice model's go-live, as in the seed LAs.
"""

import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from alongside.workforce.models import Service, StaffRole

# Pod shape from PRODUCT.md: a team manager, two senior social workers, up to five social workers,
# a newly qualified worker and business support. Weights are each role's share of new allocations
# (a newly qualified worker in their ASYE carries a protected, smaller caseload).
POD_SHAPE = [
    (StaffRole.TEAM_MANAGER, 1, 0.0),
    (StaffRole.SENIOR_SOCIAL_WORKER, 2, 1.0),
    (StaffRole.SOCIAL_WORKER, 4, 1.0),
    (StaffRole.NQSW, 1, 0.6),
    (StaffRole.BUSINESS_SUPPORT, 1, 0.0),
]
LEAVING_CARE_SHAPE = [
    (StaffRole.TEAM_MANAGER, 1, 0.0),
    (StaffRole.PERSONAL_ADVISER, 6, 1.0),
    (StaffRole.BUSINESS_SUPPORT, 1, 0.0),
]
EARLY_HELP_SHAPE = [(StaffRole.TEAM_MANAGER, 1, 0.0), (StaffRole.EARLY_HELP_WORKER, 7, 1.0)]
FRONT_DOOR_SHAPE = [
    (StaffRole.TEAM_MANAGER, 1, 0.0),
    (StaffRole.SOCIAL_WORKER, 6, 1.0),
    (StaffRole.BUSINESS_SUPPORT, 2, 0.0),
]

# §7 of the national figures: turnover 11.8% (17.2% in 2022), agency 13%. Before go-live the LA looks
# like the 2022 national picture; after, like Brighton and Hove (turnover 7.5%, almost no agency).
TURNOVER = {"before": 0.17, "after": 0.08}
AGENCY_SHARE_OF_HIRES = {"before": 0.30, "after": 0.10}
AGENCY_MEAN_YEARS = 0.8

PLACE_NAMES = [
    "Oakfield",
    "Brookside",
    "Millbrook",
    "Harbour",
    "Fernhill",
    "Castlegate",
    "Ashby",
    "Westmoor",
    "Kingsmead",
    "Riverside",
    "Elmstead",
    "Hollybank",
    "Northgate",
    "Southfields",
    "Eastwick",
    "Larkhill",
    "Moorside",
    "Greenway",
    "Beacon",
    "Willowdene",
    "Hawthorn",
    "Marsh End",
    "Priory",
    "Quarry Hill",
    "Redcliffe",
    "Stonebridge",
    "Thornbury",
    "Upton",
    "Valley",
    "Wharfside",
    "Yew Tree",
    "Abbeyfield",
    "Alder",
    "Bramble",
    "Chapel Fields",
    "Dunmore",
    "Edgefield",
    "Foxley",
    "Glebe",
    "Heathside",
    "Ivybridge",
    "Juniper",
    "Kestrel",
    "Linden",
    "Maple",
    "Newlands",
    "Orchard",
    "Parkside",
    "Quayside",
    "Rowan",
    "Saltmarsh",
    "Tanners",
    "Underhill",
    "Vicarage",
    "Westfield",
    "Woodlands",
    "Ashgrove",
    "Birchwood",
    "Cedars",
    "Dale",
    "Elmwood",
    "Fairview",
    "Gorse Hill",
    "Highfield",
    "Ingleby",
    "Jubilee",
    "Kirkby",
    "Lowfield",
    "Meadowbank",
    "Netherton",
    "Oldfield",
    "Pinewood",
    "Rosehill",
    "Sandpit",
    "Templar",
    "Uplands",
    "Vale",
    "Warren",
    "Yardley",
    "Brackenfield",
]


@dataclass
class Holder:
    staff_id: int
    started_on: date
    left_on: date | None
    agency: bool


@dataclass
class Post:
    role: StaffRole
    service: Service
    team_index: int
    pod_index: int | None
    weight: float
    holders: list[Holder] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    open_ends: list[date] = field(default_factory=list)  # heap of the end dates of its allocations

    def add(self, holder: Holder):
        self.holders.append(holder)
        self._starts.append(holder.started_on.toordinal())

    def holder_at(self, day: date) -> Holder:
        index = bisect_right(self._starts, day.toordinal()) - 1
        return self.holders[max(index, 0)]

    def spans(self, start: date, end: date | None):
        """(holder, from, to) pieces covering [start, end]; `to` None means still open."""
        index = max(bisect_right(self._starts, start.toordinal()) - 1, 0)
        current = start
        while True:
            holder = self.holders[index]
            if holder.left_on is not None and holder.left_on <= current and index + 1 < len(self.holders):
                index += 1
                continue
            if holder.left_on is not None and (end is None or holder.left_on < end) and index + 1 < len(self.holders):
                yield holder, current, holder.left_on
                current = holder.left_on
                index += 1
            else:
                yield holder, current, end
                return


def build_posts(*, service_pods: dict[Service, int], rng: random.Random) -> tuple[list, list, list[Post]]:
    """Teams (name, service), pods (name, team index) and posts for each pod or team."""
    teams: list[tuple[str, Service]] = []
    pods: list[tuple[str, int]] = []
    posts: list[Post] = []
    # Each place names one team or pod; a large LA needs ~60, and names must not repeat.
    places = iter(PLACE_NAMES)
    team_names = {
        Service.FAMILY_SAFEGUARDING: "Family Safeguarding",
        Service.CHILDREN_IN_CARE: "Children in Care",
        Service.CARE_LEAVERS: "Leaving Care",
        Service.EARLY_HELP: "Early Help",
        Service.DISABLED_CHILDREN: "Disabled Children",
        Service.FRONT_DOOR: "Front Door (MASH)",
    }
    shapes = {
        Service.CARE_LEAVERS: LEAVING_CARE_SHAPE,
        Service.EARLY_HELP: EARLY_HELP_SHAPE,
        Service.FRONT_DOOR: FRONT_DOOR_SHAPE,
    }
    for service, pod_count in service_pods.items():
        # Up to four pods make a team, led by its own area name.
        for first in range(0, pod_count, 4):
            team_index = len(teams)
            area = next(places) if pod_count > 4 else ""
            teams.append((f"{team_names[service]}{' ' + area if area else ''}", service))
            for _ in range(first, min(pod_count, first + 4)):
                pod_index = None
                if service != Service.FRONT_DOOR:
                    pod_index = len(pods)
                    pods.append((f"{next(places)} pod", team_index))
                for role, count, weight in shapes.get(service, POD_SHAPE):
                    for _ in range(count):
                        posts.append(Post(role, service, team_index, pod_index, weight))
    teams.append(("Leadership and Performance", Service.LEADERSHIP))
    leadership = len(teams) - 1
    for role in (
        StaffRole.HEAD_OF_SERVICE,
        StaffRole.HEAD_OF_SERVICE,
        StaffRole.HEAD_OF_SERVICE,
        StaffRole.PRINCIPAL_SOCIAL_WORKER,
        StaffRole.DATA_OFFICER,
        StaffRole.DATA_OFFICER,
        StaffRole.DATA_PROTECTION_OFFICER,
    ):
        posts.append(Post(role, Service.LEADERSHIP, leadership, None, 0.0))
    return teams, pods, posts


def fill_posts(
    posts: list[Post], *, start: date, as_of: date, go_live: date, rng: random.Random, next_staff_id
) -> None:
    """Chains of holders from before `start` to beyond `as_of`."""
    for post in posts:
        senior = post.role in (
            StaffRole.HEAD_OF_SERVICE,
            StaffRole.PRINCIPAL_SOCIAL_WORKER,
            StaffRole.TEAM_MANAGER,
            StaffRole.DATA_OFFICER,
            StaffRole.DATA_PROTECTION_OFFICER,
        )
        began = start - timedelta(days=rng.randint(30, 2500))
        first = True
        while began <= as_of:
            period = "before" if began < go_live else "after"
            agency = not first and not senior and rng.random() < AGENCY_SHARE_OF_HIRES[period]
            mean_years = AGENCY_MEAN_YEARS if agency else 1 / TURNOVER[period]
            if senior:
                mean_years *= 1.5
            tenure = max(60, int(rng.expovariate(1 / mean_years) * 365))
            left = began + timedelta(days=tenure)
            post.add(Holder(next_staff_id(), began, left if left <= as_of else None, agency))
            if left > as_of:
                break
            # The replacement starts as the leaver goes (agency cover fills any gap) and inherits
            # the caseload.
            began = left
            first = False
