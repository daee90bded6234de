"""A routine file's top level: title and the rest, defaults, and the list of steps,
refused whole when its plan would be too long or flare-up mode would leave nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from backcoach.core.fields import DEFAULT_FIELDS, ROUTINE_FIELDS
from backcoach.core.model import Defaults, ExerciseStep, Routine, Step
from backcoach.core.plan import MAX_SEGMENTS, MAX_TOTAL_SECONDS, step_seconds, step_segments
from backcoach.core.reading.context import Reading
from backcoach.core.reading.flare import check_flare_leaves_something
from backcoach.core.reading.steps import read_step
from backcoach.core.wording import visible
from backcoach.core.yamlnodes import Node, Sequence, describe


def routine_id(path: Path) -> str:
    """The file name without .yaml; a control character (or a byte that is not UTF-8) in the
    name is spelled out as an escape, so printing the id can never act on the terminal."""
    return visible(path.name.removesuffix(".yaml").removesuffix(".yml"))


def read_routine(reading: Reading, root: Node, path: Path, source: str) -> Routine | None:
    found = reading.fields(root, ROUTINE_FIELDS, "the routine")
    if not found:
        return None
    title = reading.value(found, "title", ROUTINE_FIELDS)
    summary = reading.value(found, "summary", ROUTINE_FIELDS) or ""
    tags = reading.value(found, "tags", ROUTINE_FIELDS) or ()
    target = reading.value(found, "target", ROUTINE_FIELDS)
    apart = reading.value(found, "apart", ROUTINE_FIELDS)
    defaults = Defaults()
    if "defaults" in found:
        given = reading.fields(found["defaults"][1], DEFAULT_FIELDS, "defaults")
        values = {name: reading.value(given, name, DEFAULT_FIELDS) for name in given}
        defaults = replace(defaults, **{k: v for k, v in values.items() if v is not None})
    steps: list[Step] = []
    if "steps" in found:
        steps_key, steps_node = found["steps"]
        if not isinstance(steps_node, Sequence):
            reading.error(
                steps_node,
                f"'steps' should be a list of '- ' items, not {describe(steps_node)}",
            )
        elif not steps_node.items:
            reading.error(steps_node, "'steps' is empty; add at least one exercise")
        items = steps_node.items if isinstance(steps_node, Sequence) else []
        placed: list[tuple[Step, Node]] = []
        for item in items:
            before = len(reading.problems.items)
            step = read_step(reading, item, defaults)
            if step is not None:
                placed.append((step, item))
            elif len(reading.problems.items) == before:  # never drop a step without a word
                reading.error(item, "this step could not be read; compare it with the README")
        steps = [step for step, _ in placed]
        complete = len(placed) == len(items)
        if complete and placed and not any(isinstance(s, ExerciseStep) for s in steps):
            reading.error(
                steps_key,
                "'steps' holds only rests, so there is nothing to play; add at least one exercise",
            )
        _check_size(reading, placed)
        if complete:
            check_flare_leaves_something(reading, steps_key, steps)
    if title is None:
        return None
    return Routine(
        id=routine_id(path),
        title=title,
        summary=summary,
        tags=tuple(tags),
        steps=tuple(steps),
        defaults=defaults,
        path=path,
        source=source,
        target=target,
        apart=apart or 0,
    )


def _check_size(reading: Reading, placed: list[tuple[Step, Node]]) -> None:
    """Refuse a routine whose plan would be too long or too big, before it is expanded.

    The counts are arithmetic on each step (sets x sides), so a file of 150,000 sides
    and 100 sets is refused in microseconds instead of being expanded for minutes.
    """
    segments = seconds = 0
    for step, node in placed:
        segments += step_segments(step)
        if segments > MAX_SEGMENTS:
            reading.error(
                node,
                f"with this step the routine grows to {segments:,} parts (each set, side, "
                f"switch and rest is one); a routine can hold at most {MAX_SEGMENTS:,}; "
                "use fewer sets or sides, or split it into several routines",
            )
            return
        seconds += step_seconds(step)
        if seconds > MAX_TOTAL_SECONDS:
            reading.error(
                node,
                f"with this step the routine lasts more than {seconds // 3600:,} hours; a "
                f"routine can last at most {MAX_TOTAL_SECONDS // 3600} hours; use fewer "
                "sets, shorter holds or rests, or split it into several routines",
            )
            return
