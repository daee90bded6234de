"""When the load goes up: only after every set reached the top of the reps, and the back agreed.

Pure rules, no IO. Where they come from (docs/SOURCES.md#strength-load):

- add 2 to 10 % once the target is beaten by a rep or two [ACSM-P]: a step with a rep
  range (`reps: 8-12`) and a load step (`progress: 2.5 kg` or `5%`) goes up once every
  set of the last session reached the top of the range;
- the back decides [ACSM-P plus app default]: the check-in right after that session and
  the later one (the next morning, say) must not be worse than the one before it, as
  core.backcheck.session_worse judges. With no later check there is no telling how
  the back took the session, so the load waits for one;
- in flare-up mode the load never goes up;
- and it comes down one step when the back disagrees twice [app default]: the later
  checks after the routine's last two sessions were each worse than before them, or a
  set of each of the last two sessions fell below the bottom of the range. The step is
  the step's `progress`, or 10 % where it gives none, rounded as rises are. The person
  takes it or keeps the old load; nothing lowers a load on its own.

A proposal starts from the load used last time (a heavier load accepted once is the one
to build on), never from a flare-up session's lighter numbers alone: flare-up mode
proposes nothing and carries nothing forward.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from backcoach.core.backcheck import Reading, session_worse
from backcoach.core.durations import MAX_LOAD, Load, Progress
from backcoach.core.model import ExerciseStep

SMALLEST_STEP = {"kg": 0.5, "lb": 1.0}
"""A percent step is rounded to these: the smallest plates most gyms and home sets have."""

MORNING_ENDS = 12  # a check taken the next day before noon is "the next morning"

BREAK_AFTER = timedelta(weeks=8)
"""[app default] After a longer break than this the routine's own load is the start again:
only a session within it is built on (no source gave a figure; ACSM-P's advice to 'start
light' applies as much after a break)."""


class Verdict(str, Enum):
    RAISE = "raise"  # every set at the top and the back agreed: propose the heavier load
    FLARE = "flare"  # flare-up mode: never heavier
    FIRST = "first"  # no session of the routine yet to build on
    BREAK = "break"  # the last one was longer ago than BREAK_AFTER: the start again
    SHORT = "short"  # some set fell short of the top, or was skipped
    NO_CHECK = "no check"  # no later check (or none before the session to compare it with)
    WORSE_AFTER = "worse after"  # the check right after the session was worse
    WORSE_LATER = "worse later"  # the later check was worse
    LOWER = "lower"  # the back (or the reps) disagreed twice running: propose one step down


@dataclass(frozen=True)
class LastSession:
    """What the routine's last session did in one exercise, and the check-ins around it."""

    started_at: datetime
    reps: tuple[int | None, ...]  # each set done, in order
    skipped: int = 0  # sets of the exercise skipped (or never reached)
    load: Load | None = None  # the load of its last set done
    before: Reading | None = None  # the check before it (or the latest one before it)
    after: Reading | None = None  # the check right after it
    later: Reading | None = None  # the first check-in after it: the next morning, say
    later_at: datetime | None = None


@dataclass(frozen=True)
class Proposal:
    """What the next session lifts in one exercise, and why."""

    exercise_id: str
    verdict: Verdict
    current: Load  # the load to keep: last time's (or the routine's when there is none)
    proposed: Load | None  # the new load: heavier for RAISE, lighter for LOWER
    reason: str  # one calm sentence: 'All sets 12 reps, back the same next morning → 22.5 kg'

    @property
    def raises(self) -> bool:
        return self.verdict is Verdict.RAISE

    @property
    def lowers(self) -> bool:
        return self.verdict is Verdict.LOWER


def _step_of(load: Load, step: Progress) -> float:
    """One step's weight: a percent of the load rounded to the nearest plate, at least one."""
    assert load.amount is not None
    if step.is_percent:
        smallest = SMALLEST_STEP.get(load.unit, 0.5)
        return max(1, round(load.amount * step.amount / 100 / smallest)) * smallest
    return step.amount


def raised(load: Load, step: Progress) -> Load:
    """The load one step up."""
    assert load.amount is not None
    return Load(round(load.amount + _step_of(load, step), 2), load.unit)


REGRESSION_STEP = Progress(10.0, "%")
"""[app default] One step down for a step with no `progress:` of its own."""


def lowered(load: Load, step: Progress) -> Load | None:
    """The load one step down, rounded as a rise is; None when nothing would be left."""
    assert load.amount is not None
    left = round(load.amount - _step_of(load, step), 2)
    return Load(left, load.unit) if left > 0 else None


def base_load(step: ExerciseStep, last: LastSession | None) -> Load | None:
    """The load to build on: last time's when it is a weight in the routine's unit."""
    planned = step.load
    if planned is None or planned.amount is None:
        return None
    used = last.load if last is not None else None
    if used is not None and used.amount is not None and used.unit == planned.unit:
        return used
    return planned


def propose(
    step: ExerciseStep,
    last: LastSession | None,
    *,
    flare: bool,
    previous: LastSession | None = None,
    break_since: datetime | None = None,
) -> Proposal | None:
    """The next session's load for a step with a weight; None when there is nothing to
    say. `previous`: the session before `last`, for the rule that lowers the load. A step
    without `progress:` only ever hears of a lighter load. `break_since`: with no `last`,
    when the exercise was last done, longer ago than BREAK_AFTER (the reset is said)."""
    load = base_load(step, last)
    top = step.top_reps
    if load is None or top is None:
        return None
    exercise_id = step.exercise.id
    if not flare and last is not None and previous is not None:
        lighter = _lighter(step, load, last, previous)
        if lighter is not None:
            return lighter
    if step.progress is None:
        return None
    if flare:
        planned = step.load
        assert planned is not None
        return Proposal(
            exercise_id,
            Verdict.FLARE,
            planned,
            None,
            f"Flare-up mode: the load stays at {planned}",
        )

    def waits(verdict: Verdict, why: str) -> Proposal:
        assert load is not None
        return Proposal(exercise_id, verdict, load, None, why)

    if last is None and break_since is not None:
        return waits(
            Verdict.BREAK,
            f"Last done on {break_since:%a %d %b %Y}, more than {BREAK_AFTER.days // 7} "
            f"weeks ago: back to {load} to start again, as after any long break",
        )
    if last is None:
        return waits(
            Verdict.FIRST,
            f"{load} to start; it goes up by {step.progress} once every set reaches "
            f"{top} reps and your back agrees",
        )
    if session_worse(last.before, last.after):
        return waits(
            Verdict.WORSE_AFTER,
            f"Your pain was worse right after the last session: the load waits at {load}",
        )
    if session_worse(last.before, last.later):
        when = _when(last.started_at, last.later_at)
        return waits(
            Verdict.WORSE_LATER,
            f"Your pain was worse {when} than before the last session: the load waits at {load}",
        )
    sets = step.sets * max(1, len(step.sides))
    if last.skipped or len(last.reps) < sets or any((r or 0) < top for r in last.reps):
        done = f"{', '.join(str(r or 0) for r in last.reps)} reps" if last.reps else "no set done"
        return waits(Verdict.SHORT, f"Last time {done}: {load} until every set reaches {top}")
    if last.later is None:
        return waits(
            Verdict.NO_CHECK,
            f"All sets {top} reps, but no check-in since then to say how your back took "
            f"it: {load} for now (a check-in tomorrow, or 8 hours after it, lets it go up)",
        )
    if last.before is None:
        return waits(
            Verdict.NO_CHECK,
            f"All sets {top} reps, but no check-in before that session to compare with: "
            f"{load} for now (check in before and after a session to let it go up)",
        )
    heavier = raised(load, step.progress)
    if heavier.amount is not None and heavier.amount > MAX_LOAD:
        return waits(Verdict.SHORT, f"{load} is as heavy as a routine's load can be")
    feeling = _feeling(last.before, last.later)
    when = _when(last.started_at, last.later_at)
    return Proposal(
        exercise_id,
        Verdict.RAISE,
        load,
        heavier,
        f"All sets {top} reps, back {feeling} {when} → {heavier}",
    )


def _lighter(
    step: ExerciseStep, load: Load, last: LastSession, previous: LastSession
) -> Proposal | None:
    """One step down, when the last two sessions both told against the load, and both
    were lifted at it (a step taken once is not taken again on the strength of a session
    at the heavier load before it)."""
    if previous.load != last.load:
        return None
    lighter = lowered(load, step.progress or REGRESSION_STEP)
    if lighter is None:
        return None
    if session_worse(previous.before, previous.later) and session_worse(last.before, last.later):
        why = f"Your pain was worse {_when(last.started_at, last.later_at)} after each of the last two sessions"
    elif _fell_short(previous, step.reps) and _fell_short(last, step.reps):
        why = f"A set fell below {step.reps} reps in each of the last two sessions"
    else:
        return None
    return Proposal(step.exercise.id, Verdict.LOWER, load, lighter, f"{why}: {load} → {lighter}")


def _fell_short(session: LastSession, bottom: int | None) -> bool:
    """A set done below the bottom of the range (a skipped set says nothing of the load)."""
    return bottom is not None and any(r is not None and r < bottom for r in session.reps)


def _feeling(before: Reading, later: Reading) -> str:
    """'the same', 'better' or 'no worse': the later check against the one before."""
    if (later.back, later.leg, later.reach) == (before.back, before.leg, before.reach):
        return "the same"
    if later.back <= before.back and later.leg <= before.leg and later.reach <= before.reach:
        return "better"
    return "no worse"


def _when(session: datetime, later: datetime | None) -> str:
    """When the later check came: 'later that day', 'next morning', 'the next day', or
    'at the next check-in' when it came later still."""
    if later is None:
        return "at the next check-in"
    day = session.date()
    if later.date() == day:
        return "later that day"
    if later.date() == day + timedelta(days=1):
        return "next morning" if later.hour < MORNING_ENDS else "the next day"
    return "at the next check-in"
