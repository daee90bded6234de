"""YAML files -> routine and exercise values, with every problem pinned to its line.

The loader never stops at the first problem: a runner fixing their first routine should
see everything that is wrong in one go. It never writes to the file it reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, replace
from pathlib import Path

from backcoach.core import yamltree
from backcoach.core.durations import MAX_SECONDS, DurationError, Load, parse_duration, parse_load
from backcoach.core.fields import (
    DEFAULT_FIELDS,
    EXERCISE_FIELDS,
    ID_PATTERN,
    LIBRARY_ENTRY_FIELDS,
    LIBRARY_FIELDS,
    REST_STEP_FIELDS,
    ROUTINE_FIELDS,
    SIDE_WORDS,
    STEP_FIELDS,
    FieldSpec,
)
from backcoach.core.model import Defaults, Exercise, ExerciseStep, RestStep, Routine, Step
from backcoach.core.problems import ProblemList, did_you_mean
from backcoach.core.yamltree import Mapping, Node, Scalar, Sequence

_ID = re.compile(ID_PATTERN)
_DECIMAL = re.compile(r"^[-+]?[0-9]+$")
_MAX_PICTURE_LINES = 8
_MAX_PICTURE_WIDTH = 24


@dataclass
class LoadedRoutine:
    routine: Routine | None
    problems: ProblemList


@dataclass
class LoadedExercises:
    exercises: list[Exercise]
    lines: dict[str, tuple[int, int]]
    problems: ProblemList


def is_exercise_file(root: Node | None) -> bool:
    return isinstance(root, Mapping) and root.get("exercises") is not None and not root.get("steps")


def routine_id(path: Path) -> str:
    return path.name.removesuffix(".yaml").removesuffix(".yml")


def load_routine(
    path: Path, exercises: MappingABC[str, Exercise], source: str = "user"
) -> LoadedRoutine:
    problems = ProblemList(path)
    text = yamltree.read_text(path, problems)
    root = yamltree.parse(text, problems) if text is not None else None
    return routine_from_tree(root, path, exercises, source, problems)


def routine_from_tree(
    root: Node | None,
    path: Path,
    exercises: MappingABC[str, Exercise],
    source: str,
    problems: ProblemList,
) -> LoadedRoutine:
    if root is None:
        return LoadedRoutine(None, problems)
    reader = _Reader(problems, exercises)
    routine = reader.routine(root, path, source)
    return LoadedRoutine(None if problems else routine, problems)


def load_exercises(path: Path, source: str) -> LoadedExercises:
    problems = ProblemList(path)
    text = yamltree.read_text(path, problems)
    root = yamltree.parse(text, problems) if text is not None else None
    return exercises_from_tree(root, source, problems)


def exercises_from_tree(root: Node | None, source: str, problems: ProblemList) -> LoadedExercises:
    if root is None:
        return LoadedExercises([], {}, problems)
    return _Reader(problems, {}).exercise_file(root, source)


class _Reader:
    """Walks one file's tree; each method returns a value or None and records problems."""

    def __init__(self, problems: ProblemList, exercises: MappingABC[str, Exercise]) -> None:
        self.problems = problems
        self.exercises = exercises

    def error(self, node: Node, message: str) -> None:
        self.problems.add(node.line, node.column, message)

    # -- structure ---------------------------------------------------------

    def fields(self, node: Node, specs: dict[str, FieldSpec], where: str) -> dict[str, tuple]:
        """Known keys of a mapping as {key: (key_node, value_node)}; reports the unknown ones."""
        if not isinstance(node, Mapping):
            self.error(
                node,
                f"{where} should be a mapping of key: value lines, not {yamltree.describe(node)}",
            )
            return {}
        found: dict[str, tuple] = {}
        for key, value in node.pairs:
            if key.text in specs:
                found[key.text] = (key, value)
            else:
                self.error(
                    key, f"unknown key '{key.text}' in {where}{did_you_mean(key.text, specs)}"
                )
        for name, spec in specs.items():
            if spec.required and name not in found:
                self.error(
                    node, f"{where} is missing '{name}' ({spec.help[0].lower()}{spec.help[1:-1]})"
                )
        return found

    def routine(self, root: Node, path: Path, source: str) -> Routine | None:
        found = self.fields(root, ROUTINE_FIELDS, "the routine")
        if not found:
            return None
        title = self.value(found, "title", ROUTINE_FIELDS)
        summary = self.value(found, "summary", ROUTINE_FIELDS) or ""
        tags = self.value(found, "tags", ROUTINE_FIELDS) or ()
        defaults = Defaults()
        if "defaults" in found:
            given = self.fields(found["defaults"][1], DEFAULT_FIELDS, "defaults")
            values = {name: self.value(given, name, DEFAULT_FIELDS) for name in given}
            defaults = replace(defaults, **{k: v for k, v in values.items() if v is not None})
        steps: list[Step] = []
        if "steps" in found:
            steps_node = found["steps"][1]
            if not isinstance(steps_node, Sequence):
                self.error(
                    steps_node,
                    f"'steps' should be a list of '- ' items, not {yamltree.describe(steps_node)}",
                )
            elif not steps_node.items:
                self.error(steps_node, "'steps' is empty; add at least one exercise")
            for item in getattr(steps_node, "items", []):
                step = self.step(item, defaults)
                if step is not None:
                    steps.append(step)
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
        )

    def step(self, node: Node, defaults: Defaults) -> Step | None:
        if (
            isinstance(node, Mapping)
            and node.get("rest") is not None
            and not (node.get("exercise") or node.get("name"))
        ):
            only_rest = {k.text for k, _ in node.pairs} <= set(REST_STEP_FIELDS)
            if only_rest:
                found = self.fields(node, REST_STEP_FIELDS, "a rest step")
                seconds = self.value(found, "rest", REST_STEP_FIELDS)
                countdown = self.value(found, "countdown", REST_STEP_FIELDS)
                if not seconds:
                    return None
                return RestStep(
                    seconds, defaults.countdown if countdown is None else countdown, node.line
                )
        found = self.fields(node, STEP_FIELDS, "a step")
        if not found:
            return None
        values = {name: self.value(found, name, STEP_FIELDS) for name in found}
        exercise = self.step_exercise(node, found, values)
        ok = exercise is not None
        if "duration" in found and "reps" in found:
            self.error(
                found["reps"][0], "a step has either 'duration' or 'reps', not both; remove one"
            )
            ok = False
        elif "duration" not in found and "reps" not in found:
            self.error(node, "a step needs 'duration: 30s' (a timed exercise) or 'reps: 10'")
            ok = False
        if "tempo" in found and "duration" in found:
            self.error(
                found["tempo"][0],
                "'tempo' sets the seconds per rep, so it goes with 'reps', not with 'duration'",
            )
            ok = False
        if not ok or any(values.get(k) is None for k in found if k in STEP_FIELDS):
            return None
        return ExerciseStep(
            exercise=exercise,
            duration=values.get("duration"),
            reps=values.get("reps"),
            tempo=values.get("tempo"),
            sets=values.get("sets", 1),
            sides=values.get("sides", ()),
            load=values.get("load"),
            rest=_pick(values, "rest", defaults.rest),
            prep=_pick(values, "prep", defaults.prep),
            switch=_pick(values, "switch", defaults.switch),
            countdown=_pick(values, "countdown", defaults.countdown),
            line=node.line,
        )

    def step_exercise(self, node: Node, found: dict, values: dict) -> Exercise | None:
        inline_keys = [k for k in EXERCISE_FIELDS if k in found]
        if "exercise" in found:
            if "name" in found:
                self.error(
                    found["name"][0],
                    "a step uses either 'exercise: ID' from the library or 'name:' for an inline "
                    "exercise, not both",
                )
                return None
            for key in inline_keys:
                self.error(
                    found[key][0],
                    f"'{key}' is only for inline exercises (with 'name:'); the library's "
                    f"'{values.get('exercise')}' already has its own",
                )
            return self.reference(found["exercise"][1], values.get("exercise"))
        if "name" in found:
            name = values.get("name")
            if name is None:
                return None
            return Exercise(
                id=_slug(name),
                name=name,
                cues=tuple(values.get("cues") or ()),
                caution=values.get("caution"),
                stop_if=tuple(values.get("stop_if") or ()),
                picture=values.get("picture"),
                source="inline",
            )
        self.error(
            node,
            "a step needs 'exercise: ID' (run 'backcoach list --exercises' to see ids) "
            "or 'name:' for an exercise of your own",
        )
        return None

    def reference(self, node: Node, exercise_id: str | None) -> Exercise | None:
        if exercise_id is None:
            return None
        exercise = self.exercises.get(exercise_id)
        if exercise is None:
            self.error(
                node, f"unknown exercise '{exercise_id}'{_closest(exercise_id, self.exercises)}"
            )
        return exercise

    def exercise_file(self, root: Node, source: str) -> LoadedExercises:
        found = self.fields(root, LIBRARY_FIELDS, "the exercise file")
        exercises: list[Exercise] = []
        lines: dict[str, tuple[int, int]] = {}
        if "exercises" not in found:
            return LoadedExercises(exercises, lines, self.problems)
        items = found["exercises"][1]
        if not isinstance(items, Sequence):
            self.error(
                items, f"'exercises' should be a list of '- ' items, not {yamltree.describe(items)}"
            )
            return LoadedExercises(exercises, lines, self.problems)
        for item in items.items:
            entry = self.fields(item, LIBRARY_ENTRY_FIELDS, "an exercise")
            values = {name: self.value(entry, name, LIBRARY_ENTRY_FIELDS) for name in entry}
            exercise_id = values.get("id")
            if exercise_id in lines:
                first = lines[exercise_id][0]
                self.error(
                    entry["id"][1],
                    f"exercise id '{exercise_id}' is used twice (first on line {first})",
                )
                continue
            if exercise_id is None or values.get("name") is None:
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
        return LoadedExercises(exercises, lines, self.problems)

    # -- values ------------------------------------------------------------

    def value(self, found: dict, name: str, specs: dict[str, FieldSpec]):
        if name not in found:
            return None
        spec = specs[name]
        node = found[name][1]
        reader = getattr(self, "read_" + spec.kind)
        return reader(node, name, spec)

    def scalar(self, node: Node, name: str, expected: str) -> Scalar | None:
        if isinstance(node, Scalar) and node.tag != yamltree.NULL:
            return node
        if isinstance(node, Scalar):
            self.error(node, f"'{name}' is empty; give it {expected}")
        else:
            self.error(node, f"'{name}' should be {expected}, not {yamltree.describe(node)}")
        return None

    def read_text(self, node: Node, name: str, spec: FieldSpec) -> str | None:
        scalar = self.scalar(node, name, "some text")
        if scalar is None:
            return None
        if scalar.tag == yamltree.BOOL:
            self.error(
                scalar,
                f"'{scalar.text}' reads as true/false in YAML; put it in quotes: "
                f'{name}: "{scalar.text}"',
            )
            return None
        text = scalar.text.strip()
        if not text:
            self.error(scalar, f"'{name}' is empty; give it some text")
            return None
        if name == "picture":
            return self.picture(scalar)
        return text

    def picture(self, scalar: Scalar) -> str | None:
        lines = scalar.text.rstrip("\n").splitlines()
        if len(lines) > _MAX_PICTURE_LINES or any(len(line) > _MAX_PICTURE_WIDTH for line in lines):
            self.error(
                scalar,
                f"the picture is larger than {_MAX_PICTURE_LINES} lines of "
                f"{_MAX_PICTURE_WIDTH} columns; make it smaller so it fits beside the timer",
            )
            return None
        return "\n".join(lines)

    def read_texts(self, node: Node, name: str, spec: FieldSpec) -> tuple[str, ...] | None:
        if isinstance(node, Scalar) and node.tag != yamltree.NULL:
            single = self.read_text(node, name, spec)
            return None if single is None else (single,)
        if not isinstance(node, Sequence):
            self.error(
                node, f"'{name}' should be a list of text lines, not {yamltree.describe(node)}"
            )
            return None
        texts = [self.read_text(item, name, spec) for item in node.items]
        return None if None in texts else tuple(t for t in texts if t is not None)

    def read_id(self, node: Node, name: str, spec: FieldSpec) -> str | None:
        scalar = self.scalar(node, name, "an exercise id such as prone-press-up")
        if scalar is None:
            return None
        if not _ID.fullmatch(scalar.text):
            self.error(
                scalar,
                f"'{scalar.text}' is not an id; ids use lowercase letters, digits and dashes, "
                "such as prone-press-up",
            )
            return None
        return scalar.text

    def read_duration(self, node: Node, name: str, spec: FieldSpec) -> int | None:
        scalar = self.scalar(node, name, "a duration such as 30s or 1m30s")
        if scalar is None:
            return None
        if scalar.tag == yamltree.INT and ":" in scalar.text:
            self.error(
                scalar,
                f"'{scalar.text}' reads as a base-60 number in YAML 1.1; "
                f"write minutes and seconds as {_sexagesimal_hint(scalar.text)}",
            )
            return None
        if scalar.tag == yamltree.FLOAT:
            self.error(
                scalar,
                f"'{name}' is in whole seconds; write {_round_hint(scalar.text)} instead of {scalar.text}",
            )
            return None
        if scalar.tag == yamltree.BOOL:
            self.error(
                scalar,
                f"'{scalar.text}' is not a duration; write 30s, 1m30s or a number of seconds",
            )
            return None
        try:
            if scalar.tag == yamltree.INT and _DECIMAL.match(scalar.text):
                seconds = int(scalar.text)
            else:
                seconds = parse_duration(scalar.text)
        except (DurationError, ValueError) as error:
            self.error(scalar, str(error))
            return None
        return self.in_range(scalar, name, seconds, spec, MAX_SECONDS, unit="seconds")

    def read_count(self, node: Node, name: str, spec: FieldSpec) -> int | None:
        scalar = self.scalar(node, name, "a whole number")
        if scalar is None:
            return None
        if scalar.tag == yamltree.FLOAT:
            self.error(scalar, f"'{name}' must be a whole number, not {scalar.text}")
            return None
        if scalar.tag != yamltree.INT or not _DECIMAL.match(scalar.text):
            self.error(scalar, f"'{name}' must be a whole number such as 10, not '{scalar.text}'")
            return None
        return self.in_range(scalar, name, int(scalar.text), spec, spec.maximum, unit="")

    def in_range(self, scalar: Scalar, name: str, value: int, spec: FieldSpec, maximum, unit: str):
        if value < spec.minimum:
            floor = "zero or more" if spec.minimum == 0 else "more than zero"
            self.error(scalar, f"'{name}' must be {floor}, not {value}")
            return None
        if maximum is not None and value > maximum:
            if unit == "seconds":
                self.error(
                    scalar,
                    f"'{name}' of {value} seconds is over {maximum // 3600} hours; check the number",
                )
            else:
                self.error(scalar, f"'{name}' of {value} is more than {maximum}; check the number")
            return None
        return value

    def read_sides(self, node: Node, name: str, spec: FieldSpec) -> tuple[str, ...] | None:
        hint = "use both, left, right, or a list such as [right, left, right]"
        if isinstance(node, Scalar) and node.tag != yamltree.NULL:
            word = node.text.strip()
            if word not in SIDE_WORDS:
                self.error(node, f"unknown side '{word}'{did_you_mean(word, SIDE_WORDS)}; {hint}")
                return None
            return ("left", "right") if word == "both" else (word,)
        if not isinstance(node, Sequence) or not node.items:
            self.error(node, f"'sides' should be a word or a list; {hint}")
            return None
        sides = []
        for item in node.items:
            word = item.text.strip() if isinstance(item, Scalar) else ""
            if word not in ("left", "right"):
                shown = word or yamltree.describe(item)
                self.error(
                    item,
                    f"unknown side '{shown}'{did_you_mean(word, ('left', 'right'))}; a list holds left and right",
                )
                return None
            sides.append(word)
        return tuple(sides)

    def read_load(self, node: Node, name: str, spec: FieldSpec) -> Load | None:
        scalar = self.scalar(node, name, "a load such as 20 kg")
        if scalar is None:
            return None
        if scalar.tag in (yamltree.INT, yamltree.FLOAT):
            self.error(
                scalar, f"a load needs a unit; write '{scalar.text} kg' or '{scalar.text} lb'"
            )
            return None
        try:
            return parse_load(scalar.text)
        except DurationError as error:
            self.error(scalar, str(error))
            return None


def _pick(values: dict, name: str, default: int) -> int:
    value = values.get(name)
    return default if value is None else value


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "exercise"


def _closest(word: str, choices: MappingABC[str, Exercise]) -> str:
    import difflib

    ids = list(choices)
    close = difflib.get_close_matches(word, ids, n=3, cutoff=0.5)
    close += [i for i in ids if word in i and i not in close]
    if not close:
        return "; run 'backcoach list --exercises' to see every id"
    return "; closest: " + ", ".join(close[:3])


def _sexagesimal_hint(text: str) -> str:
    parts = text.split(":")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{int(parts[0])}m{int(parts[1]):02d}s"
    return "1m30s"


def _round_hint(text: str) -> str:
    try:
        return f"{round(float(text))}s"
    except ValueError:
        return "30s"
