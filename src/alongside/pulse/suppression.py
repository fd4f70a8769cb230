"""Small-number suppression for tables of counts, with secondary suppression.

Primary: a group with fewer than `smallest` people is not shown.

Secondary: hiding a small group is not enough when the page also shows a total and the other
groups, because the hidden one is the total minus the rest; with several breakdowns of one total
(pod, team, role group) and groups nested in others (pods in teams), a hidden group can also be
worked out by combining sums from different tables. So, given which figures add up to which
(`sums`: a total and the groups it is made of), this works out exactly which hidden figures a
reader could calculate from the shown ones by any combination of the sums (linear algebra, not only
one subtraction at a time), and keeps hiding the group that best closes the gap until:

- no group of fewer than `smallest` people can be calculated, and
- in any breakdown whose total can be calculated, the groups still hidden add up to at least
  `smallest` people (otherwise their combined answers would be a small group's answers).

Groups within a breakdown are hidden before totals, so the whole service's figures stay shown
wherever they safely can. The figures for each group (answers and how many agree with each
statement) all obey the same sums, so deciding on the number of answers decides for every figure.
"""

from collections.abc import Hashable, Iterable

# Counts are whole numbers and the sums' coefficients are 0, 1 or -1: working modulo a large prime
# gives the same answer as exact fractions, much faster.
_PRIME = 2**61 - 1


def _eliminate(row: dict, pivots: dict) -> dict:
    for column in [c for c in row if c in pivots]:
        factor = row.get(column, 0)
        if not factor:
            continue
        for key, value in pivots[column].items():
            updated = (row.get(key, 0) - factor * value) % _PRIME
            if updated:
                row[key] = updated
            else:
                row.pop(key, None)
    return row


def _calculable(hidden: set, sums: list) -> set:
    """The hidden cells whose value follows from the sums once every other cell is known: the
    pivot columns of the reduced sums that have no free column beside them."""
    index = {cell: n for n, cell in enumerate(sorted(hidden, key=str))}
    cells = {n: cell for cell, n in index.items()}
    pivots: dict[int, dict] = {}
    for parent, children in sums:
        row: dict[int, int] = {}
        for cell, sign in ((parent, 1), *((child, -1) for child in children)):
            if cell in index:
                row[index[cell]] = (row.get(index[cell], 0) + sign) % _PRIME
        row = _eliminate({k: v for k, v in row.items() if v}, pivots)
        if not row:
            continue
        column = min(row)
        inverse = pow(row[column], _PRIME - 2, _PRIME)
        row = {k: v * inverse % _PRIME for k, v in row.items()}
        for other in pivots.values():
            if column in other:
                _eliminate(other, {column: row})
        pivots[column] = row
    return {cells[column] for column, row in pivots.items() if len(row) == 1}


def _known(counts: dict, sums: list, shown: set) -> set:
    # A group of zero people reveals nothing: it counts as known, and as no cover.
    zeros = {cell for cell, count in counts.items() if count == 0}
    known = shown | zeros
    return known | _calculable(set(counts) - known, sums)


def _order(counts: dict, sums: list):
    """Small groups before large ones, and a breakdown's groups before the totals above them."""
    parts = {cell for _, children in sums for cell in children}
    return lambda cell: (cell not in parts, counts[cell], str(cell))


def _smallest(cells: Iterable, shown: set, order):
    candidates = [cell for cell in cells if cell in shown]
    return min(candidates, key=order) if candidates else None


def _beside(cell, sums: list, seen: set) -> list:
    """The groups beside `cell` in its breakdowns. A group that is the only part of a larger one
    (a pod that is its team's only pod) stands for it, so look beside the larger one."""
    seen.add(cell)
    out = []
    for parent, children in sums:
        if cell not in children:
            continue
        if len(children) > 1:
            out += [other for other in children if other != cell]
        elif parent not in seen:
            out += _beside(parent, sums, seen)
    return out


def _to_hide(cell, counts: dict, sums: list, shown: set):
    """A shown cell whose hiding stops `cell` (a small group) being calculated: a group whose
    hiding does it alone, smallest first; else the smallest group beside it (more follows on the
    next turn); else a breakdown of it; only then a total."""
    order = _order(counts, sums)
    parts = {child for _, children in sums for child in children}

    def does_it_alone(candidates):
        for candidate in sorted(candidates, key=order):
            if cell not in _known(counts, sums, shown - {candidate}):
                return candidate
        return None

    below = [child for parent, children in sums if parent == cell for child in children]
    return (
        does_it_alone(shown & parts)
        or _smallest(_beside(cell, sums, set()), shown, order)
        or _smallest(below, shown, order)
        or does_it_alone(shown - parts)
        or _smallest(shown, shown, order)
    )


def _next_to_hide(counts: dict, sums: list, shown: set, smallest: int):
    known = _known(counts, sums, shown)
    for cell in sorted(known - shown, key=str):
        if 0 < counts[cell] < smallest:
            return _to_hide(cell, counts, sums, shown)
    order = _order(counts, sums)
    for parent, children in sums:
        if parent not in known:
            continue
        hidden = [cell for cell in children if cell not in known]
        if hidden and sum(counts[cell] for cell in hidden) < smallest:
            choice = _smallest(children, shown, order)
            if choice is not None:
                return choice
    return None


def cells_to_show(
    counts: dict[Hashable, int], sums: list[tuple[Hashable, list]], wanted: Iterable, smallest: int
) -> set:
    """The cells of `wanted` that are safe to show. `counts` gives every cell's number of people,
    including cells never shown (finer groups that only appear inside `sums`)."""
    shown = {cell for cell in wanted if counts.get(cell, 0) >= smallest}
    while (cell := _next_to_hide(counts, sums, shown, smallest)) is not None:
        shown.discard(cell)
    return shown
