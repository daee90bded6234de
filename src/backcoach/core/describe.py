"""Every way a step or a segment is put into words, in one place, so that they agree.

The screen, the previews, the spoken cue, `play --plain`, `show` and the history all ask
here. A rep range reads "8–12 reps" everywhere it is shown and "8 to 12 reps" where it
is spoken. Segments are worded from one table per kind (see `LINES`, `BRIEFS`).
"""

from __future__ import annotations

from collections.abc import Callable

from backcoach.core.durations import Load, format_duration, spoken_duration
from backcoach.core.model import ExerciseStep, RestStep, Step
from backcoach.core.plan import Kind, Segment
from backcoach.core.wording import lower_first


def rep_range(reps: int, top: int | None, spoken: bool = False) -> str:
    """'10', or '8–12' for a range ('8 to 12' when spoken)."""
    if top is None or top == reps:
        return str(reps)
    return f"{reps} to {top}" if spoken else f"{reps}–{top}"


def amount(segment: Segment) -> str:
    """What to do, briefly: '30s', '10 reps', '8–12 reps', '10 reps at 3s each'."""
    if segment.kind is not Kind.WORK or segment.reps is None:
        return format_duration(segment.seconds)
    text = f"{rep_range(segment.reps, segment.reps_top)} reps"
    if segment.tempo:
        text += f" at {format_duration(segment.tempo)} each"
    return text


def _side(segment: Segment) -> str:
    return f", {segment.side} side" if segment.side else ""


def _work_line(segment: Segment) -> str:
    parts = [segment.name + _side(segment), amount(segment)]
    if segment.load is not None:
        parts.append(str(segment.load))
    text = ", ".join(parts)
    if segment.set_count > 1:
        text += f" (set {segment.set_number} of {segment.set_count})"
    return text


Words = Callable[[Segment], str]

LINES: dict[Kind, Words] = {
    Kind.PREP: lambda s: f"Get ready: {s.name}{_side(s)}",
    Kind.WORK: _work_line,
    Kind.SWITCH: lambda s: f"Switch to the {s.side} side",
    Kind.REST: lambda s: f"Rest {format_duration(s.seconds)}",
}
"""One line a person can act on: 'Piriformis stretch, right side, 30s (set 2 of 2)'."""

BRIEFS: dict[Kind, Words] = {
    Kind.PREP: lambda s: f"get ready for {s.name}",
    Kind.WORK: lambda s: f"{s.name}{_side(s)}, {amount(s)}",
    Kind.SWITCH: lambda s: f"switch to the {s.side} side",
    Kind.REST: lambda s: f"rest {format_duration(s.seconds)}",
}
"""The shorter form, after 'Next: '."""


def line(segment: Segment) -> str:
    return LINES[segment.kind](segment)


def brief(segment: Segment) -> str:
    return BRIEFS[segment.kind](segment)


def spoken(segment: Segment) -> str:
    """A work segment as the voice says it: 'stiff-legged deadlift, 8 to 12 reps'."""
    words = lower_first(segment.name) + _side(segment)
    if segment.reps is None:
        return words + f", {spoken_duration(segment.seconds)}"
    return words + f", {rep_range(segment.reps, segment.reps_top, spoken=True)} reps"


def detail(segment: Segment, load: Load | None = None) -> str:
    """'Right side · set 2 of 3 · 8–12 reps · 20 kg': whatever applies. `load`: the load
    this run uses, where it differs from the plan's (a heavier one taken, a correction)."""
    parts = []
    if segment.side:
        parts.append(f"{segment.side.capitalize()} side")
    if segment.kind is Kind.WORK and segment.set_count > 1:
        parts.append(f"set {segment.set_number} of {segment.set_count}")
    if segment.kind is Kind.WORK and segment.reps is not None:
        per = f"{rep_range(segment.reps, segment.reps_top)} reps"
        if segment.tempo:
            per += f", {format_duration(segment.tempo)} each"
        parts.append(per)
    load = load or segment.load
    if load is not None:
        parts.append(str(load))
    return " · ".join(parts)


def step_amount(step: ExerciseStep) -> str:
    """A step's work in a preview: '45s', '8–12 reps', '10 reps at 3s'."""
    if step.duration or step.reps is None:
        return format_duration(step.duration or 0)
    text = f"{rep_range(step.reps, step.reps_top)} reps"
    if step.tempo:
        text += f" at {format_duration(step.tempo)}"
    return text


def step_line(step: Step) -> str:
    """A step in a routine's preview: 'Hamstring stretch — 30s, 2 sets, both sides'."""
    if isinstance(step, RestStep):
        return f"Rest {format_duration(step.seconds)}"
    bits = [step_amount(step)]
    if step.sets > 1:
        bits.append(f"{step.sets} sets")
    if step.sides:
        bits.append("both sides" if step.sides == ("left", "right") else " then ".join(step.sides))
    if step.load:
        bits.append(str(step.load))
    if step.sets > 1 and step.rest:
        bits.append(f"rest {format_duration(step.rest)}")
    return f"{step.exercise.name} — " + ", ".join(bits)


def reps_done(reps: int | None, planned: int | None, top: int | None) -> str:
    """A set's reps in the history: '12', or '10 of 12' when fewer or more than planned;
    a range is met anywhere inside it ('10 of 8–12' is never said, '6 of 8–12' is)."""
    if reps is None:
        return ""
    if planned is None or planned <= reps <= (top if top is not None else planned):
        return str(reps)
    return f"{reps} of {rep_range(planned, top)}"
