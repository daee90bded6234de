"""The values the history store hands out and takes in: frozen, typed, no SQL rows.

Times are aware datetimes in the offset they were recorded in (a session started at
18:05 in Paris reads back as 18:05+01:00 wherever it is read), to the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import NewType

from backcoach.core.backcheck import Reach as Reach  # the store's name for it, too
from backcoach.core.backcheck import Reading
from backcoach.core.durations import Load
from backcoach.core.session import Outcome

SessionId = NewType("SessionId", str)
"""A session's identity across machines: a UUID, written into its row and its CSV rows."""


class Status(str, Enum):
    RUNNING = "running"
    FINISHED = "finished"
    STOPPED = "stopped"  # stopped by the user, or cut off (a crash, a kill, a power cut)


class Phase(str, Enum):
    """When a check-in was taken, relative to the session it belongs to."""

    BEFORE = "before"
    AFTER = "after"
    LATER = "later"


@dataclass(frozen=True)
class SetEntry:
    """One work segment as it was done: what the plan asked and what the user did."""

    position: int  # the segment's position in the plan; a session has one entry per position
    exercise_id: str
    exercise_name: str
    side: str | None
    set_number: int
    set_count: int
    planned_reps: int | None
    reps: int | None
    load: Load | None
    seconds: float  # rounded to the millisecond when stored
    outcome: Outcome
    planned_reps_top: int | None = None  # the top of a planned rep range (8-12: 12)


@dataclass(frozen=True)
class SessionSummary:
    """One run of a routine, with how many of its sets were done and skipped."""

    id: SessionId
    routine_id: str
    routine_source: str  # bundled or user
    title: str
    plan_hash: str  # plan_fingerprint() of what was played
    started_at: datetime
    ended_at: datetime | None  # for a running session: its latest record so far
    status: Status
    practice: bool  # played at another speed: kept, but left out of targets and last time
    sets_done: int = 0
    sets_skipped: int = 0
    flare: bool = False  # played in flare-up mode: the routine's gentler variant

    @property
    def duration(self) -> timedelta | None:
        return None if self.ended_at is None else self.ended_at - self.started_at

    @property
    def marks(self) -> str:
        """'stopped early', 'practice', 'flare-up', or '': what a list of sessions notes
        beside it."""
        found = []
        if self.status is Status.STOPPED:
            found.append("stopped early")
        elif self.status is Status.RUNNING:
            found.append("playing")
        if self.practice:
            found.append("practice")
        if self.flare:
            found.append("flare-up")
        return ", ".join(found)


@dataclass(frozen=True)
class SessionDump:
    """A session with all its sets: what export writes and import restores."""

    session: SessionSummary
    sets: tuple[SetEntry, ...]
    checkins: tuple[CheckIn, ...] = ()  # its before, after and later checks


@dataclass(frozen=True)
class LastTime:
    """The sets of one exercise in the latest session (not practice) where any was done."""

    session: SessionId
    started_at: datetime
    sets: tuple[SetEntry, ...]


@dataclass(frozen=True)
class ExerciseDay:
    """One exercise in one non-practice session, summed up for a chart: its sets done only."""

    day: date  # the session's local start date
    exercise_id: str
    exercise_name: str
    reps: int | None  # the most reps in one set; None when no set counted reps
    loads: tuple[Load, ...]  # the heaviest load with an amount in each unit used


@dataclass(frozen=True)
class CheckIn:
    """How the back and the leg feel, 0 (nothing) to 10 (the worst imaginable)."""

    id: str  # a UUID, like a session's
    taken_at: datetime
    back: int
    leg: int
    reach: Reach
    note: str = ""
    session: SessionId | None = None
    phase: Phase | None = None

    @property
    def reading(self) -> Reading:
        """The answers alone, for the rules in core/backcheck.py."""
        return Reading(self.back, self.leg, self.reach)


@dataclass(frozen=True)
class RestoreResult:
    """What restoring a batch of sessions did."""

    added: int  # sessions written
    skipped: int  # sessions already there (same id), left untouched
    sets: int  # sets written
    saved: bool = True  # False: the history could not be written, and nothing was
    checkins: int = 0  # check-ins written (those already there are skipped)
    activities: int = 0  # runs, rides and walks written (those already there are skipped)
    entries: int = 0  # diary entries written (those already there are skipped)
