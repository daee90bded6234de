"""Words the screens share, built as Content: user text is always text, never markup.

Titles, names, cues, stop rules, file names and problem messages come from files a person
wrote. They reach Textual only through the helpers here, which pass them through
`visible()` (so a control character cannot act on the terminal) and wrap them in
`Content` (so `[b]`, `[/]` or `[@click=…]` in a title stays a few characters on screen,
instead of a style, a crash, or a link that runs an action).
"""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from backcoach.core import paths
from backcoach.core.durations import Load, format_clock, format_duration
from backcoach.core.model import ExerciseStep, RestStep, Routine
from backcoach.core.plan import Kind, Plan, Segment
from backcoach.core.wording import about, stop_rule_lines, visible

PHASES = {
    Kind.PREP: "GET READY",
    Kind.WORK: "WORK",
    Kind.SWITCH: "SWITCH SIDES",
    Kind.REST: "REST",
}

Part = str | tuple[str, str]


def one_line(text: str) -> str:
    """User text for a single line: control characters shown, line breaks as spaces."""
    return visible(text).replace("\n", " ")


def plain(value: str, style: str = "") -> Content:
    """User text (or any text) as Content, never read as markup."""
    return Content.styled(visible(value), style)


def join(*parts: Part) -> Content:
    """Content from plain strings and (string, style) pairs; no part is read as markup."""
    safe: list[str | tuple[str, str]] = [
        visible(part) if isinstance(part, str) else (visible(part[0]), part[1]) for part in parts
    ]
    return Content.assemble(*safe)


def lines(rows: list[Content]) -> Content:
    return Content("\n").join(rows)


def where(path: Path, source: str) -> str:
    """Where a routine comes from, written the same on every machine: 'bundled' (no path:
    the package's folder depends on where it is installed), or 'yours · routines/mine.yaml'
    (inside the user folder)."""
    if source == "bundled":
        return "bundled"
    try:
        shown = path.relative_to(paths.user_home()).as_posix()
    except ValueError:
        shown = home_path(path)
    return f"yours · {shown}"


def home_path(path: Path) -> str:
    """The path with the home folder written as ~, as a shell would take it back."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):
        return str(path)


def detail_line(segment: Segment, load: Load | None = None) -> str:
    """'Right side · set 2 of 3 · 20 kg' — whatever applies.

    `load`: the load this run uses, where the user corrected it (else the plan's)."""
    parts = []
    if segment.side:
        parts.append(f"{segment.side.capitalize()} side")
    if segment.kind is Kind.WORK and segment.set_count > 1:
        parts.append(f"set {segment.set_number} of {segment.set_count}")
    if segment.kind is Kind.WORK and segment.reps is not None:
        per = f"{segment.reps_text()} reps"
        if segment.tempo:
            per += f", {format_duration(segment.tempo)} each"
        parts.append(per)
    load = load or segment.load
    if load is not None:
        parts.append(str(load))
    return " · ".join(parts)


def step_lines(routine: Routine) -> list[str]:
    rows = []
    for number, step in enumerate(routine.steps, start=1):
        if isinstance(step, RestStep):
            rows.append(f"{number:>2}. Rest {format_duration(step.seconds)}")
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
        rows.append(f"{number:>2}. {one_line(step.exercise.name)} — " + ", ".join(bits))
    return rows


def total_text(plan: Plan) -> str:
    return about(format_clock(plan.total), plan.is_estimate)


def cautions(routine: Routine) -> list[str]:
    seen, rows = set(), []
    for step in routine.steps:
        if not isinstance(step, ExerciseStep) or step.exercise in seen:
            continue
        seen.add(step.exercise)
        exercise = step.exercise
        if exercise.caution:
            rows.append(f"{exercise.name}: {exercise.caution}")
        rows += [f"{exercise.name}: {line}" for line in stop_rule_lines(exercise.stop_if)]
    return rows
