from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    child_population: int  # children aged 0-17 in the synthetic LA
    years: int  # years of history before the as-of date
    go_live_years_ago: float  # when the practice model started


SIZES = {
    # Fast enough for tests (a few seconds) but holding every kind of journey.
    "small": Size("small", child_population=4_000, years=4, go_live_years_ago=1.5),
    "medium": Size("medium", child_population=25_000, years=6, go_live_years_ago=2.5),
    # About 100,000 children, ~6,000 referrals a year, 10 years, ~300 staff (issue #3).
    "large": Size("large", child_population=100_000, years=10, go_live_years_ago=4),
}
