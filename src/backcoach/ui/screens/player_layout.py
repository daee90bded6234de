"""The player's layout by size band: which blocks fit, most important first, each whole or
not at all, with the clock keeping about a third of the height. Pure: sizes in, names out."""

from __future__ import annotations

import math
from collections.abc import Callable

from backcoach.ui.widgets.bigclock import SMALL, best_fit, for_glyphs, plain_lines

BANDS = ("xs", "s", "m", "l")
"""Size bands, smallest first: about 40×12, 60×20, 80×24, and 100×30 or more."""


def size_band(width: int, height: int) -> str:
    if width < 50 or height < 16:
        return "xs"
    if width < 70 or height < 22:
        return "s"
    if width < 100 or height < 30:
        return "m"
    return "l"


def clock_target(height: int) -> int:
    """Rows kept for the digits before anything less important: about a third of the
    screen, so the time stays the largest thing on it (7 or more at 80×24)."""
    return max(3, math.ceil(height * 0.3))


def rows_of(text: str, width: int) -> int:
    return len(plain_lines(text, width)) if text else 0


def headline_rows(name: str, side: str, width: int) -> int:
    """Rows the big name (with the big side beside it) takes across `width` columns."""
    side_width = best_fit(for_glyphs(side), width, 99, (SMALL,), max_scale=1) if side else None
    name_width = width - (side_width.columns + 2 if side_width else 0)
    fit = best_fit(for_glyphs(name), name_width, 99, (SMALL,), max_scale=1, max_lines=2)
    name_rows = fit.rows if fit else rows_of(name, name_width)
    return max(name_rows, side_width.rows if side_width else 0)


def picture_keeps_clock(
    clock: str, width: int, rows_alone: int, rows_beside: int, picture_width: int
) -> bool:
    """Whether the digits beside a picture are as tall as without it: drawn `width` columns
    wide in `rows_alone` rows when alone, and in what the picture leaves of the width, in
    `rows_beside` rows (which may differ: the blocks a picture pushes out give the clock
    their rows)."""
    alone = best_fit(clock, width, rows_alone)
    beside = best_fit(clock, width - picture_width, rows_beside)
    return alone is None or (beside is not None and beside.rows >= alone.rows)


def arrange(
    room: int,
    target: int,
    blocks: list[tuple[str, int]],
    picture_beside: Callable[[int, int], bool],
) -> frozenset[str]:
    """The blocks to show, given in order of importance with their rows, within `room` rows
    shared with the clock box.

    The clock keeps `target` rows of `room`; blocks are kept whole, most important
    first, until one does not fit: it and everything after are dropped. The picture
    stands beside the clock, so it costs no rows unless it is taller than the clock box.
    It is shown only where `picture_beside(rows alone, rows beside)` says the digits,
    in the rows the clock gets without the picture and with it, stay as tall; otherwise
    it is dropped alone and the layout is the one without it."""
    sizes = dict(blocks)
    without = _pack(room, target, [(b, rows) for b, rows in blocks if b != "picture"])
    if not sizes.get("picture"):
        return without
    beside = _pack(room, target, blocks)
    if "picture" in beside and picture_beside(
        _clock_rows(room, without, sizes), _clock_rows(room, beside, sizes)
    ):
        return beside
    return without


def _clock_rows(room: int, shown: frozenset[str], sizes: dict[str, int]) -> int:
    """The rows the clock box gets: all that the blocks shown under it leave (a picture
    stands inside the box, beside the clock)."""
    return max(0, room - sum(sizes[block] for block in shown if block != "picture"))


def _pack(room: int, target: int, blocks: list[tuple[str, int]]) -> frozenset[str]:
    target = min(target, room)
    left = room - target
    tallest = target  # the clock box grows to the picture's height if one is shown
    shown: set[str] = set()
    for block, rows in blocks:
        if block == "picture":
            extra = max(0, rows - tallest)
            if rows and extra <= left:
                shown.add(block)
                left -= extra
                tallest = max(tallest, rows)
            continue
        if rows > left:
            break
        if rows:
            shown.add(block)
            left -= rows
    return frozenset(shown)
