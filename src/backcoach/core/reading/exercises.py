"""An exercise file: its list of entries, each left out whole when it has a problem."""

from __future__ import annotations

from dataclasses import dataclass, field

from backcoach.core.fields import LIBRARY_ENTRY_FIELDS, LIBRARY_FIELDS
from backcoach.core.model import Exercise
from backcoach.core.problems import ProblemList
from backcoach.core.reading.context import Reading
from backcoach.core.wording import quoted
from backcoach.core.yamlnodes import Mapping, Node, Sequence, describe


@dataclass
class LoadedExercises:
    exercises: list[Exercise]
    lines: dict[str, tuple[int, int]]
    problems: ProblemList
    skipped: list[str] = field(default_factory=list)
    """Entries left out because they have problems: their id, or 'line N' when it has none."""


def is_exercise_file(root: Node | None) -> bool:
    return isinstance(root, Mapping) and root.get("exercises") is not None and not root.get("steps")


def read_exercise_file(reading: Reading, root: Node, source: str) -> LoadedExercises:
    found = reading.fields(root, LIBRARY_FIELDS, "the exercise file")
    exercises: list[Exercise] = []
    lines: dict[str, tuple[int, int]] = {}
    if "exercises" not in found:
        return LoadedExercises(exercises, lines, reading.problems)
    items = found["exercises"][1]
    if not isinstance(items, Sequence):
        reading.error(items, f"'exercises' should be a list of '- ' items, not {describe(items)}")
        return LoadedExercises(exercises, lines, reading.problems)
    skipped: list[str] = []
    for item in items.items:
        before = len(reading.problems.items)
        entry = reading.fields(item, LIBRARY_ENTRY_FIELDS, "an exercise")
        values = {name: reading.value(entry, name, LIBRARY_ENTRY_FIELDS) for name in entry}
        exercise_id = values.get("id")
        if exercise_id in lines:
            first = lines[exercise_id][0]
            reading.error(
                entry["id"][1],
                f"exercise id {quoted(exercise_id)} is used twice (first on line {first})",
            )
        if len(reading.problems.items) > before or exercise_id is None:
            # An entry with any problem is left out whole: one whose stop_if list was
            # wrong must not play as if it had no warnings.
            skipped.append(exercise_id or f"line {item.line}")
            continue
        lines[exercise_id] = (entry["id"][1].line, entry["id"][1].column)
        exercises.append(
            Exercise(
                id=exercise_id,
                name=values["name"],
                cues=tuple(values.get("cues") or ()),
                caution=values.get("caution"),
                stop_if=tuple(values.get("stop_if") or ()),
                picture=values.get("picture"),
                source=source,
            )
        )
    return LoadedExercises(exercises, lines, reading.problems, skipped)


# -- values ------------------------------------------------------------
