"""Check-ins: how the back and the leg feel, and what a change between two of them means.

Pure rules, no IO. Where each number comes from (docs/SOURCES.md#check-ins):

- pain is rated 0 (none) to 10 (the worst imaginable), back and leg apart;
- 2 points is the smallest change that matters to patients [Ostelo 2008], so a later
  check 2 or more points higher than the one before a session is "worse";
- leg symptoms that travel further down the leg mean stop that movement; symptoms that
  retreat towards the back are usually a good sign [McK];
- flare-up mode is offered at 7 or more before a strength session, or 3 points worse
  than the last check-in ([app default]: no source gave these thresholds);
- a check-in is a session's later check only on a later day than the session ended, or
  at least 8 hours after it: sciatic pain often comes back hours after the work, so a
  check taken sooner says how the back is right after, not how it took the session
  ([app default] for the 8 hours: no source gave a figure).

Every sentence here describes what was recorded and what the person might do; none is a
diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from backcoach.core.model import Routine
from backcoach.core.problems import did_you_mean

MAX_PAIN = 10
REAL_CHANGE = 2  # points on the 0-10 scale [Ostelo 2008]
FLARE_PAIN = 7  # [app default]
FLARE_RISE = 3  # [app default]
LATER_CHECK_AFTER = timedelta(hours=8)  # [app default]
STRENGTH_TAG = "strength"
"""A routine tagged `strength` is a strength session: the bundled `strength` routine is."""


class CheckInError(ValueError):
    """A check-in value that cannot be used; the message says what is wrong and how to fix it."""


class Reach(str, Enum):
    """How far down the leg the symptoms reach, ordered: further down compares greater."""

    NONE = "none"
    BUTTOCK = "buttock"
    THIGH = "thigh"
    KNEE = "knee"
    FOOT = "foot"

    @property
    def depth(self) -> int:
        """0 for none to 4 for the foot: the digit that picks it in a check-in."""
        return _DEPTHS[self]

    @property
    def label(self) -> str:
        """The reach in words, to follow 'reach': 'below the knee' rather than 'knee'."""
        return _LABELS[self]

    # A str Enum would otherwise compare alphabetically ('buttock' < 'none').
    def __lt__(self, other: object) -> bool:
        return self.depth < other.depth if isinstance(other, Reach) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self.depth <= other.depth if isinstance(other, Reach) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return self.depth > other.depth if isinstance(other, Reach) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self.depth >= other.depth if isinstance(other, Reach) else NotImplemented


REACHES: tuple[Reach, ...] = tuple(Reach)
_DEPTHS = {reach: depth for depth, reach in enumerate(REACHES)}
_LABELS = {
    Reach.NONE: "nowhere in the leg",
    Reach.BUTTOCK: "the buttock",
    Reach.THIGH: "the thigh",
    Reach.KNEE: "below the knee",
    Reach.FOOT: "the foot",
}


def parse_score(text: str | int, what: str) -> int:
    """A pain score from what the user typed; `what` is 'back' or 'leg', for the message."""
    if isinstance(text, bool):
        raise CheckInError(f"{what} pain is a whole number from 0 to {MAX_PAIN}, not {text!r}")
    if isinstance(text, int):
        number = text
    else:
        word = text.strip()
        if not word.isascii() or not word.isdigit() or len(word) > 3:
            raise CheckInError(
                f"{what} pain '{text}' is not a number; give a whole number from 0 "
                f"(no pain) to {MAX_PAIN} (the worst imaginable)"
            )
        number = int(word)
    if not 0 <= number <= MAX_PAIN:
        raise CheckInError(
            f"{what} pain {number} is outside the scale; give a whole number from 0 "
            f"(no pain) to {MAX_PAIN} (the worst imaginable)"
        )
    return number


def parse_reach(text: str | Reach) -> Reach:
    """The reach named (none, buttock, thigh, knee, foot) or its digit (0 to 4)."""
    if isinstance(text, Reach):
        return text
    word = text.strip().lower()
    if word.isascii() and word.isdigit() and int(word) < len(REACHES):
        return REACHES[int(word)]
    for reach in REACHES:
        if word == reach.value:
            return reach
    names = ", ".join(reach.value for reach in REACHES)
    hint = did_you_mean(word, (reach.value for reach in REACHES))
    raise CheckInError(
        f"'{text}' is not a reach{hint}; say how far down the leg the symptoms reach: "
        f"one of {names} (knee means below the knee)"
    )


@dataclass(frozen=True)
class Reading:
    """One check-in's answers: back and leg pain 0-10, and how far down the leg it reaches."""

    back: int
    leg: int
    reach: Reach

    def __post_init__(self) -> None:
        # Built from typed values too, so the same checks guard every way in.
        parse_score(self.back, "back")
        parse_score(self.leg, "leg")
        if not isinstance(self.reach, Reach):
            raise CheckInError(f"the reach must be a Reach, not {self.reach!r}")

    @classmethod
    def parse(cls, back: str | int, leg: str | int, reach: str | Reach) -> Reading:
        """A reading from what the user typed; CheckInError says which answer is wrong."""
        return cls(parse_score(back, "back"), parse_score(leg, "leg"), parse_reach(reach))


def later_check_from(ended_at: datetime) -> datetime:
    """The first moment a check-in counts as the later check of a session that ended at
    `ended_at`: the next calendar day there, or LATER_CHECK_AFTER after it if sooner."""
    midnight = datetime.combine(ended_at.date() + timedelta(days=1), datetime.min.time())
    return min(ended_at + LATER_CHECK_AFTER, midnight.replace(tzinfo=ended_at.tzinfo))


def counts_as_later(ended_at: datetime, taken_at: datetime) -> bool:
    """Whether a check-in taken at `taken_at` can be the later check of a session that
    ended at `ended_at`."""
    return taken_at >= later_check_from(ended_at)


def later_check_worse(before: Reading, later: Reading) -> bool:
    """Worse: either score 2 or more points higher, or the symptoms reach further down."""
    return (
        later.back - before.back >= REAL_CHANGE
        or later.leg - before.leg >= REAL_CHANGE
        or later.reach > before.reach
    )


def session_worse(before: Reading | None, *afterwards: Reading | None) -> bool:
    """Whether the check after a session, or its later check, is worse than before it.

    A check that was not taken cannot make it worse (nor can a session with no check
    before it): what is unknown never holds progression back or sets off a warning.
    """
    return before is not None and any(
        later is not None and later_check_worse(before, later) for later in afterwards
    )


class ReachChange(str, Enum):
    SPREAD = "spread"  # further down the leg
    MOVED_UP = "moved up"  # towards the back
    SAME = "same"


def reach_change(before: Reading, after: Reading) -> ReachChange:
    if after.reach > before.reach:
        return ReachChange.SPREAD
    if after.reach < before.reach:
        return ReachChange.MOVED_UP
    return ReachChange.SAME


def reach_sentence(before: Reading, after: Reading) -> str | None:
    """What to tell the user about where the leg symptoms went, or None when they stayed."""
    change = reach_change(before, after)
    if change is ReachChange.SPREAD:
        return (
            f"Your leg symptoms now reach {after.reach.label}, further down than before "
            f"({before.reach.label}). Consider leaving out what brought this on, and talk "
            "to your physiotherapist or doctor about it."
        )
    if change is ReachChange.MOVED_UP:
        if after.reach is Reach.NONE:
            return (
                "Your leg symptoms have moved up and out of the leg: that is usually a good sign."
            )
        return (
            f"Your leg symptoms have moved up, from {before.reach.label} to "
            f"{after.reach.label}: that is usually a good sign."
        )
    return None


def spread(before: Reading | None, after: Reading | None) -> bool:
    """True when the symptoms reached further down after than before: the session is marked."""
    return before is not None and after is not None and after.reach > before.reach


def is_strength(routine: Routine) -> bool:
    return STRENGTH_TAG in routine.tags


def offers_flare(reading: Reading, last: Reading | None, strength: bool) -> bool:
    """Offer flare-up mode first: 7 or more before a strength session, or 3 points worse."""
    return flare_reason(reading, last, strength) is not None


def flare_reason(reading: Reading, last: Reading | None, strength: bool) -> str | None:
    """Why flare-up mode is offered, in the user's words; None when it is not."""
    if strength and max(reading.back, reading.leg) >= FLARE_PAIN:
        which = "back" if reading.back >= reading.leg else "leg"
        score = max(reading.back, reading.leg)
        return (
            f"Your {which} pain is {score} out of {MAX_PAIN} before a strength session. "
            "A gentler session for a few days may suit your back better."
        )
    if last is not None:
        for which, now, then in (
            ("back", reading.back, last.back),
            ("leg", reading.leg, last.leg),
        ):
            if now - then >= FLARE_RISE:
                return (
                    f"Your {which} pain is {now}, up {now - then} points since your last "
                    f"check-in ({then}). A gentler session for a few days may suit your "
                    "back better."
                )
    return None


def describe(reading: Reading) -> str:
    """'back 2, leg 1, reaching the buttock': a reading in a few words."""
    where = "no leg symptoms" if reading.reach is Reach.NONE else f"reaching {reading.reach.label}"
    return f"back {reading.back}, leg {reading.leg}, {where}"


def later_sentence(before: Reading, later: Reading) -> str:
    """How a later check compares with the check before the session, in plain words."""
    changes = [
        f"{which} pain {then} → {now}"
        for which, then, now in (("back", before.back, later.back), ("leg", before.leg, later.leg))
        if abs(now - then) >= REAL_CHANGE
    ]
    if later.reach != before.reach:
        changes.append(f"reach {before.reach.label} → {later.reach.label}")
    if later_check_worse(before, later):
        return f"Worse than before the session ({', '.join(changes)})."
    if changes:
        return f"Better than before the session ({', '.join(changes)})."
    return "About the same as before the session."


def checkin_outcome(reading: Reading, before: Reading | None, later: bool = False) -> str:
    """What is said once a check-in after a routine (or its `later` check) is answered:
    what was kept, then how it compares with the check before the routine."""
    said = [f"Kept: {describe(reading)}."]
    if before is not None:
        if later:
            said.append(later_sentence(before, reading))
        spread = reach_sentence(before, reading)
        if spread is not None:
            said.append(spread)
    return " ".join(said)
