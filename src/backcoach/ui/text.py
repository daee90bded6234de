"""Words the screens share: how a segment, a step list and the keys read on screen."""

from __future__ import annotations

from backcoach.core.durations import format_clock, format_duration
from backcoach.core.model import ExerciseStep, RestStep, Routine
from backcoach.core.plan import Kind, Plan, Segment
from backcoach.core.wording import about, stop_rule_lines

PHASES = {
    Kind.PREP: "GET READY",
    Kind.WORK: "WORK",
    Kind.SWITCH: "SWITCH SIDES",
    Kind.REST: "REST",
}

KEYS = (
    ("Space", "pause or resume"),
    ("Enter", "start the routine; finish a set of reps; cut a rest short"),
    ("n or →", "skip to the next step"),
    ("p or ←", "back: restart this step, or go to the previous one in its first 3 seconds"),
    ("+", "add 15 seconds to a hold, rest or switch"),
    ("e", "correct the reps or load of the last set"),
    ("m", "mute or unmute sound"),
    ("?", "this help, with the red-flag symptoms"),
    ("q", "quit (asks first during a routine)"),
    ("Ctrl+P", "command palette: start a routine, mute, change theme"),
)


def detail_line(segment: Segment) -> str:
    """'Right side · set 2 of 3 · 20 kg' — whatever applies."""
    parts = []
    if segment.side:
        parts.append(f"{segment.side.capitalize()} side")
    if segment.kind is Kind.WORK and segment.set_count > 1:
        parts.append(f"set {segment.set_number} of {segment.set_count}")
    if segment.kind is Kind.WORK and segment.reps is not None:
        per = f"{segment.reps} reps"
        if segment.tempo:
            per += f", {format_duration(segment.tempo)} each"
        parts.append(per)
    if segment.load is not None:
        parts.append(str(segment.load))
    return " · ".join(parts)


def step_lines(routine: Routine) -> list[str]:
    lines = []
    for number, step in enumerate(routine.steps, start=1):
        if isinstance(step, RestStep):
            lines.append(f"{number:>2}. Rest {format_duration(step.seconds)}")
            continue
        assert isinstance(step, ExerciseStep)
        amount = format_duration(step.duration) if step.duration else f"{step.reps} reps"
        if step.tempo:
            amount += f" at {format_duration(step.tempo)}"
        bits = [amount]
        if step.sets > 1:
            bits.append(f"{step.sets} sets")
        if step.sides:
            bits.append(
                "both sides" if step.sides == ("left", "right") else " then ".join(step.sides)
            )
        if step.load:
            bits.append(str(step.load))
        if step.sets > 1 and step.rest:
            bits.append(f"rest {format_duration(step.rest)}")
        lines.append(f"{number:>2}. {step.exercise.name} — " + ", ".join(bits))
    return lines


def total_text(plan: Plan) -> str:
    return about(format_clock(plan.total), plan.is_estimate)


def cautions(routine: Routine) -> list[str]:
    seen, lines = set(), []
    for step in routine.steps:
        if not isinstance(step, ExerciseStep) or step.exercise in seen:
            continue
        seen.add(step.exercise)
        exercise = step.exercise
        if exercise.caution:
            lines.append(f"{exercise.name}: {exercise.caution}")
        lines += [f"{exercise.name}: {line}" for line in stop_rule_lines(exercise.stop_if)]
    return lines
