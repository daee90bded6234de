"""Flare-up mode: the gentler variant of a routine, and how long the mode lasts.

Pure rules, no IO: flare_state.py keeps the mode's start in the user folder.

In a bad flare-up the sources advise a few days off hard work, gentle movement and a cold
pack on the sore side (docs/SOURCES.md#flare-ups). Each step of a routine may say what
it becomes then (its `flare:` rule); a step without one is played as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from backcoach.core.describe import rep_range
from backcoach.core.durations import format_duration
from backcoach.core.model import ExerciseStep, RestStep, Routine, Step

FLARE_BADGE = "FLARE-UP"
"""The word the player's banner and the plain output lead with while the mode is on."""

FLARE_OFFER = "ice-heat"
"""The routine offered while the mode is on: a cold pack on the sore side [S4]."""

DEFAULT_FLARE_DAYS = 3
"""How long the mode lasts unless renewed: 'a few days', then ask again [S4; app default]."""


def flare_variant(routine: Routine) -> Routine:
    """The routine as flare-up mode plays it: each step's rule applied, skipped steps left
    out, and a rest that would then open the routine or follow another rest dropped.

    Never longer or heavier than the routine: the loader only accepts rules that make a
    step gentler, and refuses a routine whose every exercise would be skipped.
    """
    steps: list[Step] = []
    for step in routine.steps:
        if isinstance(step, RestStep):
            if steps and not isinstance(steps[-1], RestStep):
                steps.append(step)
            continue
        gentler = gentler_step(step)
        if gentler is not None:
            steps.append(gentler)
    return replace(routine, steps=tuple(steps), flare=True)


def gentler_step(step: ExerciseStep) -> ExerciseStep | None:
    """The step as its flare rule has it; None when the rule leaves it out."""
    rule = step.flare
    if rule is None:
        return step
    if rule.skip:
        return None
    return replace(
        step,
        exercise=rule.exercise or step.exercise,
        sets=rule.sets or step.sets,
        reps=rule.reps or step.reps,
        reps_top=None if rule.reps else step.reps_top,  # fewer reps: a number, not a range
        duration=rule.duration or step.duration,
        load=rule.load or step.load,
    )


def flare_changes(routine: Routine) -> list[str]:
    """What flare-up mode changes in the routine, one line per step that changes:
    'Good-morning: left out', 'Stiff-legged deadlift: 2 sets, 10 kg (usually 3 sets, 20 kg)'."""
    changes = []
    for step in routine.steps:
        if not isinstance(step, ExerciseStep) or step.flare is None:
            continue
        name = step.exercise.name
        gentler = gentler_step(step)
        if gentler is None:
            changes.append(f"{name}: left out")
            continue
        if gentler.exercise != step.exercise:
            changes.append(f"{name}: {gentler.exercise.name} instead")
        with_sets = step.sets != 1 or gentler.sets != 1  # '1 set' says nothing
        before, after = _amounts(step, with_sets), _amounts(gentler, with_sets)
        if before != after:
            changes.append(f"{gentler.exercise.name}: {after} (usually {before})")
    return changes


def _amounts(step: ExerciseStep, with_sets: bool) -> str:
    parts = [f"{step.sets} set{'s' if step.sets != 1 else ''}"] if with_sets else []
    if step.reps is not None:
        parts.append(f"{rep_range(step.reps, step.reps_top)} reps")
    if step.duration is not None:
        parts.append(format_duration(step.duration))
    if step.load is not None:
        parts.append(str(step.load))
    return ", ".join(parts)


def badged_title(routine: Routine) -> str:
    """The routine's title, led by the badge when it is the flare-up variant."""
    return f"{FLARE_BADGE} · {routine.title}" if routine.flare else routine.title


@dataclass(frozen=True)
class FlareMode:
    """Flare-up mode, switched on at `started` for `days` days."""

    started: datetime
    days: int = DEFAULT_FLARE_DAYS

    @property
    def ends(self) -> datetime:
        return self.started + timedelta(days=self.days)

    def active(self, now: datetime) -> bool:
        """On from its start until `days` later. A start in the future (a clock set back)
        counts as on: the user switched it on, and it still ends `days` after that."""
        return now < self.ends

    def until_text(self) -> str:
        """'until Thu 26 Nov, 08:05'."""
        return f"until {_when(self.ends)}"

    def ended_notice(self) -> str:
        """What the user reads once, the first time backcoach runs after the mode ends."""
        return (
            f"Flare-up mode ended on {_when(self.ends)}, after {self.days} "
            f"day{'s' if self.days != 1 else ''}: routines are back to their usual plan. "
            "If the back still needs it, switch it on again."
        )


def _when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}, {moment:%H:%M}"
