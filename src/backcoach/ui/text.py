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
from backcoach.core.describe import step_line
from backcoach.core.durations import format_clock
from backcoach.core.model import ExerciseStep, Routine
from backcoach.core.plan import Kind, Plan
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


def step_lines(routine: Routine) -> list[str]:
    """A routine's steps, numbered, for a preview (the words are core/describe.py's)."""
    return [
        f"{number:>2}. {one_line(step_line(step))}"
        for number, step in enumerate(routine.steps, start=1)
    ]


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
