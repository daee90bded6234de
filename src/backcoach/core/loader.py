"""YAML files -> routine and exercise values, with every problem pinned to its line.

The loader never stops at the first problem: a runner fixing their first routine should
see everything that is wrong in one go. It never writes to the file it reads.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from backcoach.core import yamltree
from backcoach.core.durations import (
    MAX_DIGITS,
    MAX_SECONDS,
    DurationError,
    Load,
    Progress,
    parse_duration,
    parse_load,
    parse_progress,
    parse_reps_range,
)
from backcoach.core.fields import (
    DEFAULT_FIELDS,
    EXERCISE_FIELDS,
    FLARE_FIELDS,
    FLARE_SKIP,
    ID_PATTERN,
    LIBRARY_ENTRY_FIELDS,
    LIBRARY_FIELDS,
    REST_STEP_FIELDS,
    ROUTINE_FIELDS,
    SIDE_WORDS,
    STEP_FIELDS,
    FieldSpec,
)
from backcoach.core.model import (
    Defaults,
    Exercise,
    ExerciseStep,
    FlareRule,
    RestStep,
    Routine,
    Step,
)
from backcoach.core.plan import MAX_SEGMENTS, MAX_TOTAL_SECONDS, step_seconds, step_segments
from backcoach.core.problems import ProblemList, close_matches, did_you_mean
from backcoach.core.weekly import WeeklyError, parse_apart, parse_target
from backcoach.core.wording import quoted, visible
from backcoach.core.yamltree import Mapping, Node, Scalar, Sequence

_ID = re.compile(ID_PATTERN)
_DECIMAL = re.compile(r"^[-+]?[0-9]+$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]")
INLINE_PREFIX = "inline:"
"""Inline exercises have ids of their own kind, so that one named like a library exercise
(an inline 'Prone press-up') can never be mistaken for it."""
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
    skipped: list[str] = field(default_factory=list)
    """Entries left out because they have problems: their id, or 'line N' when it has none."""


def is_exercise_file(root: Node | None) -> bool:
    return isinstance(root, Mapping) and root.get("exercises") is not None and not root.get("steps")


def routine_id(path: Path) -> str:
    """The file name without .yaml; a control character (or a byte that is not UTF-8) in the
    name is spelled out as an escape, so printing the id can never act on the terminal."""
    return visible(path.name.removesuffix(".yaml").removesuffix(".yml"))


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
    routine = None
    if root is not None:
        routine = _Reader(problems, exercises).routine(root, path, source)
    if routine is None and not problems:
        # Whatever the reason, a file that gives no routine must say why: a caller that
        # gets neither a routine nor a problem has nothing to show (and 'list' would break).
        problems.add(1, 1, "no routine could be read from this file; it needs a title and steps")
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
        self.misspelt: dict[int, list[tuple[Scalar, list[str]]]] = {}
        """By mapping (its id()): each unknown key and the known keys it may stand for."""

    def error(self, node: Node, message: str) -> None:
        self.problems.add(node.line, node.column, message)

    def knock_on(self, node: Node, wanted: tuple[str, ...], message: str) -> None:
        """A key missing from a mapping, listed after the misspelt key that likely meant
        it (`duraton` before "a step needs 'duration'"), though the mapping starts above."""
        cause = next(
            (
                (key.line, key.column)
                for key, close in self.misspelt.get(id(node), [])
                if set(close) & set(wanted)
            ),
            None,
        )
        self.problems.add(node.line, node.column, message, cause=cause)

    # -- structure ---------------------------------------------------------

    def fields(
        self, node: Node, specs: dict[str, FieldSpec], where: str
    ) -> dict[str, tuple[Node, Node]]:
        """Known keys of a mapping as {key: (key_node, value_node)}; reports the unknown ones."""
        if not isinstance(node, Mapping):
            self.error(
                node,
                f"{where} should be a mapping of key: value lines, not {yamltree.describe(node)}",
            )
            return {}
        found: dict[str, tuple[Node, Node]] = {}
        for key, value in node.pairs:
            if key.text in specs:
                found[key.text] = (key, value)
            else:
                self.error(
                    key, f"unknown key {quoted(key.text)} in {where}{did_you_mean(key.text, specs)}"
                )
                close = close_matches(key.text, specs)
                self.misspelt.setdefault(id(node), []).append((key, close))
        for name, spec in specs.items():
            if spec.required and name not in found:
                self.knock_on(
                    node,
                    (name,),
                    f"{where} is missing '{name}' ({spec.help[0].lower()}{spec.help[1:-1]})",
                )
        return found

    def routine(self, root: Node, path: Path, source: str) -> Routine | None:
        found = self.fields(root, ROUTINE_FIELDS, "the routine")
        if not found:
            return None
        title = self.value(found, "title", ROUTINE_FIELDS)
        summary = self.value(found, "summary", ROUTINE_FIELDS) or ""
        tags = self.value(found, "tags", ROUTINE_FIELDS) or ()
        target = self.value(found, "target", ROUTINE_FIELDS)
        apart = self.value(found, "apart", ROUTINE_FIELDS)
        defaults = Defaults()
        if "defaults" in found:
            given = self.fields(found["defaults"][1], DEFAULT_FIELDS, "defaults")
            values = {name: self.value(given, name, DEFAULT_FIELDS) for name in given}
            defaults = replace(defaults, **{k: v for k, v in values.items() if v is not None})
        steps: list[Step] = []
        if "steps" in found:
            steps_key, steps_node = found["steps"]
            if not isinstance(steps_node, Sequence):
                self.error(
                    steps_node,
                    f"'steps' should be a list of '- ' items, not {yamltree.describe(steps_node)}",
                )
            elif not steps_node.items:
                self.error(steps_node, "'steps' is empty; add at least one exercise")
            placed: list[tuple[Step, Node]] = []
            for item in getattr(steps_node, "items", []):
                before = len(self.problems.items)
                step = self.step(item, defaults)
                if step is not None:
                    placed.append((step, item))
                elif len(self.problems.items) == before:  # never drop a step without a word
                    self.error(item, "this step could not be read; compare it with the README")
            steps = [step for step, _ in placed]
            complete = len(placed) == len(getattr(steps_node, "items", []))
            if complete and placed and not any(isinstance(s, ExerciseStep) for s in steps):
                self.error(
                    steps_key,
                    "'steps' holds only rests, so there is nothing to play; add at least one "
                    "exercise",
                )
            self.check_size(placed)
            if complete:
                self.check_flare_leaves_something(steps_key, steps)
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

    def check_size(self, placed: list[tuple[Step, Node]]) -> None:
        """Refuse a routine whose plan would be too long or too big, before it is expanded.

        The counts are arithmetic on each step (sets x sides), so a file of 150,000 sides
        and 100 sets is refused in microseconds instead of being expanded for minutes.
        """
        segments = seconds = 0
        for step, node in placed:
            segments += step_segments(step)
            if segments > MAX_SEGMENTS:
                self.error(
                    node,
                    f"with this step the routine grows to {segments:,} parts (each set, side, "
                    f"switch and rest is one); a routine can hold at most {MAX_SEGMENTS:,}; "
                    "use fewer sets or sides, or split it into several routines",
                )
                return
            seconds += step_seconds(step)
            if seconds > MAX_TOTAL_SECONDS:
                self.error(
                    node,
                    f"with this step the routine lasts more than {seconds // 3600:,} hours; a "
                    f"routine can last at most {MAX_TOTAL_SECONDS // 3600} hours; use fewer "
                    "sets, shorter holds or rests, or split it into several routines",
                )
                return

    def check_flare_leaves_something(self, steps_key: Node, steps: list[Step]) -> None:
        exercise_steps = [s for s in steps if isinstance(s, ExerciseStep)]
        if exercise_steps and all(s.flare is not None and s.flare.skip for s in exercise_steps):
            self.error(
                steps_key,
                "every exercise here has 'flare: skip', so flare-up mode would have nothing "
                "to play; give one of them a gentler version instead, such as "
                "'flare: {sets: 1}'",
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
        if isinstance(node, Mapping) and not node.pairs:
            self.error(
                node,
                "this step is empty; give it 'exercise: ID' and 'duration: 30s' or 'reps: 10', "
                "or remove it",
            )
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
            self.knock_on(
                node,
                ("duration", "reps"),
                "a step needs 'duration: 30s' (a timed exercise) or 'reps: 10'",
            )
            ok = False
        if "tempo" in found and "duration" in found:
            self.error(
                found["tempo"][0],
                "'tempo' sets the seconds per rep, so it goes with 'reps', not with 'duration'",
            )
            ok = False
        ok = self.check_progression(node, found, values) and ok
        if exercise is None or not ok or any(values.get(k) is None for k in found):
            return None
        low, high = values.get("reps") or (None, None)
        if "flare" in found and not self.flare_fits(found["flare"][1], values):
            return None
        return ExerciseStep(
            exercise=exercise,
            duration=values.get("duration"),
            reps=low,
            reps_top=high if high != low else None,
            progress=values.get("progress"),
            tempo=values.get("tempo"),
            sets=values.get("sets", 1),
            sides=values.get("sides", ()),
            load=values.get("load"),
            rest=_pick(values, "rest", defaults.rest),
            prep=_pick(values, "prep", defaults.prep),
            switch=_pick(values, "switch", defaults.switch),
            countdown=_pick(values, "countdown", defaults.countdown),
            line=node.line,
            flare=values.get("flare"),
        )

    def check_progression(
        self, node: Node, found: dict[str, tuple[Node, Node]], values: dict[str, Any]
    ) -> bool:
        """A rep range and a load step make sense only together with what they act on."""
        ok = True
        reps = values.get("reps")
        if "tempo" in found and reps is not None and reps[0] != reps[1]:
            self.error(
                found["tempo"][0],
                "'tempo' counts a fixed number of reps, so it cannot go with a range such as "
                f"{reps[0]}-{reps[1]}; give one number of reps, or remove 'tempo' and press "
                "Enter after each set",
            )
            ok = False
        progress: Progress | None = values.get("progress")
        if "progress" not in found or progress is None:
            return ok
        key = found["progress"][0]
        load: Load | None = values.get("load")
        if "reps" not in found:
            self.error(
                key, "'progress' raises the load of a counted step, so it needs 'reps: 8-12'"
            )
            return False
        if "load" not in found:
            self.error(
                key, "'progress' raises the load, so the step needs one, such as 'load: 20 kg'"
            )
            return False
        if load is not None and load.amount is None:
            self.error(
                key,
                f"'progress' raises the load, and {load} has no amount to raise; give a weight "
                "such as 'load: 20 kg', or remove 'progress'",
            )
            return False
        if load is not None and not progress.is_percent and progress.unit != load.unit:
            self.error(
                key,
                f"the load is in {load.unit} but 'progress' is in {progress.unit}; write "
                f"'progress: {_shown_amount(progress.amount)} {load.unit}' or a percent such "
                "as 5%",
            )
            return False
        return ok

    def flare_fits(self, node: Node, values: dict[str, Any]) -> bool:
        """Whether the step's flare rule only makes it gentler; each way it does not is a
        problem at the key that says so."""
        rule: FlareRule = values["flare"]
        if rule.skip or not isinstance(node, Mapping):
            return True
        keys = {key.text: (key, value) for key, value in node.pairs}
        before = len(self.problems.items)
        timed = values.get("duration") is not None
        if rule.reps is not None and timed:
            self.error(
                keys["reps"][0],
                "'reps' in a flare rule is for a step with reps; this step is timed, so give "
                "a shorter 'duration' instead",
            )
        if rule.duration is not None and not timed:
            self.error(
                keys["duration"][0],
                "'duration' in a flare rule is for a timed step; this step has reps, so give "
                "fewer 'reps' instead",
            )
        for name, own in (
            ("sets", values.get("sets", 1)),
            ("reps", (values.get("reps") or (None, None))[1]),  # a range: its top
            ("duration", values.get("duration")),
        ):
            gentler = getattr(rule, name)
            if gentler is not None and own is not None and gentler > own:
                self.error(
                    keys[name][1],
                    f"a flare rule makes the step gentler, but '{name}' here is more than the "
                    f"step's own {own}; give at most {own}",
                )
        if rule.load is not None:
            self.check_flare_load(keys["load"][1], rule.load, values.get("load"))
        return len(self.problems.items) == before

    def check_flare_load(self, node: Node, lighter: Load, own: Load | None) -> None:
        if own is None:
            self.error(node, "this step has no load to lighten; remove 'load' from its flare rule")
        elif lighter.amount is None:
            return  # body weight alone is lighter than any load on top of it
        elif own.amount is None:
            self.error(
                node,
                "this step is done at bodyweight, and a flare rule cannot add a load to it; "
                "remove 'load' from its flare rule",
            )
        elif lighter.unit != own.unit:
            self.error(node, f"write the flare load in {own.unit}, as the step's own load is")
        elif lighter.amount > own.amount:
            self.error(
                node,
                f"a flare rule makes the step gentler, but this load is more than the step's "
                f"own {own}; give at most {own}",
            )

    def step_exercise(
        self, node: Node, found: dict[str, tuple[Node, Node]], values: dict[str, Any]
    ) -> Exercise | None:
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
                    f"{quoted(str(values.get('exercise')))} already has its own",
                )
            return self.reference(found["exercise"][1], values.get("exercise"))
        if "name" in found:
            name = values.get("name")
            if name is None:
                return None
            return Exercise(
                id=INLINE_PREFIX + _slug(name),
                name=name,
                cues=tuple(values.get("cues") or ()),
                caution=values.get("caution"),
                stop_if=tuple(values.get("stop_if") or ()),
                picture=values.get("picture"),
                source="inline",
            )
        self.knock_on(
            node,
            ("exercise", "name"),
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
                node,
                f"unknown exercise {quoted(exercise_id)}{_closest(exercise_id, self.exercises)}",
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
        skipped: list[str] = []
        for item in items.items:
            before = len(self.problems.items)
            entry = self.fields(item, LIBRARY_ENTRY_FIELDS, "an exercise")
            values = {name: self.value(entry, name, LIBRARY_ENTRY_FIELDS) for name in entry}
            exercise_id = values.get("id")
            if exercise_id in lines:
                first = lines[exercise_id][0]
                self.error(
                    entry["id"][1],
                    f"exercise id {quoted(exercise_id)} is used twice (first on line {first})",
                )
            if len(self.problems.items) > before or exercise_id is None:
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
        return LoadedExercises(exercises, lines, self.problems, skipped)

    # -- values ------------------------------------------------------------

    def value(
        self, found: dict[str, tuple[Node, Node]], name: str, specs: dict[str, FieldSpec]
    ) -> Any:
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
                f"{quoted(scalar.text)} reads as true/false in YAML; put it in quotes: "
                f"{name}: {_in_quotes(scalar.text)}",
            )
            return None
        if scalar.tag not in (yamltree.STR, yamltree.INT, yamltree.FLOAT) or not (
            yamltree.builds(scalar)
        ):
            what = _SPECIAL_KINDS.get(scalar.tag, "something other than text")
            self.error(
                scalar,
                f"{quoted(scalar.text)} reads as {what} in YAML; put it in quotes: "
                f"{name}: {_in_quotes(scalar.text)}",
            )
            return None
        text = scalar.text.strip()
        if not text:
            self.error(scalar, f"'{name}' is empty; give it some text")
            return None
        problem = _text_problem(text, name)
        if problem:
            self.error(scalar, problem)
            return None
        if name == "picture":
            return self.picture(scalar)
        if _reads_as_nothing(text):
            self.error(
                scalar,
                f"'{name}' has no words in it, only {quoted(text)}; write it out in words",
            )
            return None
        return text

    def picture(self, scalar: Scalar) -> str | None:
        lines = scalar.text.rstrip("\n").splitlines()
        if len(lines) > _MAX_PICTURE_LINES or any(
            _width(line) > _MAX_PICTURE_WIDTH for line in lines
        ):
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
                f"{quoted(scalar.text)} is not an id; ids use lowercase letters, digits and "
                "dashes, such as prone-press-up",
            )
            return None
        if scalar.tag != yamltree.STR:
            # '77080', 'no' or '2024-05-01' fit the id pattern, but YAML reads them as a
            # number, true/false or a date, and so would every other YAML tool.
            what = _ID_KINDS.get(scalar.tag, "something other than text")
            self.error(
                scalar,
                f"{quoted(scalar.text)} reads as {what} in YAML; put the id in quotes: "
                f"{name}: {_in_quotes(scalar.text)}",
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
                f"{quoted(scalar.text)} reads as a base-60 number in YAML 1.1; "
                f"write minutes and seconds as {_sexagesimal_hint(scalar.text)}",
            )
            return None
        if scalar.tag == yamltree.FLOAT:
            self.error(
                scalar,
                f"'{name}' is in whole seconds; write {_round_hint(scalar.text)} instead of "
                f"{_shown(scalar.text)}",
            )
            return None
        if scalar.tag not in (yamltree.STR, yamltree.INT):
            self.error(
                scalar,
                f"{quoted(scalar.text)} is not a duration; write 30s, 1m30s or a number of seconds",
            )
            return None
        if scalar.tag == yamltree.INT and _DECIMAL.match(scalar.text):
            seconds = self.whole_number(scalar, name, MAX_SECONDS)
            if seconds is None:
                return None
        else:
            try:
                seconds = parse_duration(scalar.text)
            except DurationError as error:
                self.error(scalar, str(error))
                return None
        return self.in_range(scalar, name, seconds, spec, MAX_SECONDS, unit="seconds")

    def whole_number(self, scalar: Scalar, name: str, maximum: int | None) -> int | None:
        """A plain decimal number as YAML 1.1 reads it, or None with a problem."""
        digits = scalar.text.lstrip("+-")
        if _LEADING_ZERO.match(digits):
            self.error(
                scalar,
                f"{quoted(scalar.text)} starts with 0, which YAML 1.1 reads as an octal "
                f"number; write it without the leading zero",
            )
            return None
        if len(digits) > MAX_DIGITS:
            limit = f"more than {maximum}" if maximum is not None else "far too big"
            self.error(scalar, f"'{name}' of {quoted(scalar.text)} is {limit}; check the number")
            return None
        return int(scalar.text)

    def read_count(self, node: Node, name: str, spec: FieldSpec) -> int | None:
        scalar = self.scalar(node, name, "a whole number")
        if scalar is None:
            return None
        if scalar.tag == yamltree.FLOAT:
            self.error(scalar, f"'{name}' must be a whole number, not {_shown(scalar.text)}")
            return None
        if scalar.tag != yamltree.INT or not _DECIMAL.match(scalar.text):
            self.error(
                scalar, f"'{name}' must be a whole number such as 10, not {quoted(scalar.text)}"
            )
            return None
        value = self.whole_number(scalar, name, spec.maximum)
        if value is None:
            return None
        return self.in_range(scalar, name, value, spec, spec.maximum, unit="")

    def read_reps(self, node: Node, name: str, spec: FieldSpec) -> tuple[int, int] | None:
        """(low, high): a whole number gives (n, n), a range such as 8-12 gives (8, 12)."""
        if not isinstance(node, Scalar) or node.tag != yamltree.STR:
            count = self.read_count(node, name, spec)
            return None if count is None else (count, count)
        try:
            low, high = parse_reps_range(node.text)
        except DurationError:
            self.error(
                node,
                f"'{name}' must be a whole number such as 10, not {quoted(node.text)}; "
                "a range such as 8-12 works too",
            )
            return None
        for end in (low, high):
            if self.in_range(node, name, end, spec, spec.maximum, unit="") is None:
                return None
        if low > high:
            self.error(
                node,
                f"the range {quoted(node.text)} runs downwards; write the smaller number "
                f"first: {name}: {high}-{low}",
            )
            return None
        return low, high

    def read_progress(self, node: Node, name: str, spec: FieldSpec) -> Progress | None:
        scalar = self.scalar(node, name, "a load step such as 2.5 kg or 5%")
        if scalar is None:
            return None
        if scalar.tag in (yamltree.INT, yamltree.FLOAT):
            amount = _shown(scalar.text)
            self.error(
                scalar,
                f"a load step needs a unit; write '{amount} kg', '{amount} lb' or '{amount}%'",
            )
            return None
        try:
            return parse_progress(scalar.text)
        except DurationError as error:
            self.error(scalar, str(error))
            return None

    def in_range(
        self, scalar: Scalar, name: str, value: int, spec: FieldSpec, maximum: int | None, unit: str
    ) -> int | None:
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
            word = node.text
            if word not in SIDE_WORDS:
                self.error(
                    node, f"unknown side {quoted(word)}{did_you_mean(word, SIDE_WORDS)}; {hint}"
                )
                return None
            return ("left", "right") if word == "both" else (word,)
        if not isinstance(node, Sequence) or not node.items:
            self.error(node, f"'sides' should be a word or a list; {hint}")
            return None
        sides = []
        for item in node.items:
            word = item.text if isinstance(item, Scalar) else ""
            if word not in ("left", "right"):
                shown = quoted(word) if word else yamltree.describe(item)
                self.error(
                    item,
                    f"unknown side {shown}{did_you_mean(word, ('left', 'right'))}; a list holds left and right",
                )
                return None
            sides.append(word)
        return tuple(sides)

    def read_load(self, node: Node, name: str, spec: FieldSpec) -> Load | None:
        scalar = self.scalar(node, name, "a load such as 20 kg")
        if scalar is None:
            return None
        if scalar.tag in (yamltree.INT, yamltree.FLOAT):
            amount = _shown(scalar.text)
            self.error(scalar, f"a load needs a unit; write '{amount} kg' or '{amount} lb'")
            return None
        try:
            return parse_load(scalar.text)
        except DurationError as error:
            self.error(scalar, str(error))
            return None

    def read_flare(self, node: Node, name: str, spec: FieldSpec) -> FlareRule | None:
        hint = (
            f"give it {FLARE_SKIP}, or what to change, such as {{sets: 2, load: 10 kg}}, "
            "{duration: 20s} or {exercise: pelvic-tilt}"
        )
        if isinstance(node, Scalar) and node.tag != yamltree.NULL:
            if node.text == FLARE_SKIP:
                return FlareRule(skip=True)
            self.error(
                node,
                f"'flare' of {quoted(node.text)} is not a rule"
                f"{did_you_mean(node.text, [FLARE_SKIP])}; {hint}",
            )
            return None
        if (isinstance(node, Mapping) and not node.pairs) or (
            isinstance(node, Scalar) and node.tag == yamltree.NULL
        ):
            self.error(node, f"'flare' is empty; {hint}")
            return None
        if not isinstance(node, Mapping):
            self.error(
                node,
                f"'flare' should be {FLARE_SKIP} or a mapping, not "
                f"{yamltree.describe(node)}; {hint}",
            )
            return None
        found = self.fields(node, FLARE_FIELDS, "a flare rule")
        if len(found) != len(node.pairs):
            return None
        values = {key: self.value(found, key, FLARE_FIELDS) for key in found}
        if any(value is None for value in values.values()):
            return None
        exercise = None
        if "exercise" in values:
            exercise = self.reference(found["exercise"][1], values["exercise"])
            if exercise is None:
                return None
        return FlareRule(
            exercise=exercise,
            sets=values.get("sets"),
            reps=values.get("reps"),
            duration=values.get("duration"),
            load=values.get("load"),
        )

    def read_target(self, node: Node, name: str, spec: FieldSpec) -> int | None:
        return self.parsed(node, name, "how often, such as 2 per week", _per_week)

    def read_apart(self, node: Node, name: str, spec: FieldSpec) -> int | None:
        return self.parsed(node, name, "whole days, such as 1 day", parse_apart)

    def parsed(
        self, node: Node, name: str, expected: str, parse: Callable[[str], int]
    ) -> int | None:
        """A scalar read by one of core.weekly's parsers, whose errors say how to write it."""
        scalar = self.scalar(node, name, expected)
        if scalar is None:
            return None
        try:
            return parse(scalar.text)
        except WeeklyError as error:
            self.error(scalar, str(error))
            return None


def _per_week(text: str) -> int:
    return parse_target(text).per_week


_SPECIAL_KINDS = {
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:value": "a special YAML value",
    "tag:yaml.org,2002:merge": "a special YAML merge key",
    yamltree.INT: "a number it cannot build",
    yamltree.FLOAT: "a number it cannot build",
}

_ID_KINDS = {
    **_SPECIAL_KINDS,
    yamltree.INT: "a number",
    yamltree.FLOAT: "a number",
    yamltree.BOOL: "true/false",
}

_CHARACTER_NAMES = {
    "\t": "a tab",
    "\r": "a carriage return",
    "\n": "a line break",
    "\x1b": "an escape character",
    "\x07": "a bell character",
    "\x08": "a backspace",
    "\x00": "a null character",
    "\x7f": "a delete character",
    "\x85": "a next-line character",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}

_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Invisible characters that reverse the order text is drawn in, so that what the screen
shows is not what the file says."""


def _shown(text: str) -> str:
    """The user's text as quoted() shows it (escaped, one line, cut short), without quotes."""
    return quoted(text)[1:-1]


def _in_quotes(text: str) -> str:
    return f'"{_shown(text)}"'


def _text_problem(text: str, name: str) -> str | None:
    """Why a text cannot be shown as it is, or None: control characters (escape codes,
    bells, carriage returns; line breaks outside a picture) would act on the terminal or
    break the layout; direction controls would make the screen disagree with the file."""
    if text.isprintable():  # has none of them (each is unprintable): the common case, fast
        return None
    for index, character in enumerate(text):
        if character == "\n" and name == "picture":
            continue
        category = unicodedata.category(character)
        if category in ("Cc", "Cs", "Zl", "Zp") or character in _DIRECTION_CONTROLS:
            described = _CHARACTER_NAMES.get(character) or (
                "an invisible direction control"
                if character in _DIRECTION_CONTROLS
                else "a control character"
            )
            escaped = character.encode("unicode_escape", "backslashreplace").decode("ascii")
            where = (
                f" after {quoted(text[max(0, index - 20) : index])}" if index else " at the start"
            )
            return f"'{name}' has {described} ({escaped}){where}; delete it, as it cannot be shown as text"
    return None


def _reads_as_nothing(text: str) -> bool:
    """True for text with no letter, digit or symbol in it, such as '...' or '—': a stop rule
    or cue made of it would read as nothing at all."""
    return all(unicodedata.category(c)[0] in "PZCM" for c in text)


def _width(line: str) -> int:
    """Columns a line takes in a terminal: wide (East Asian, emoji) characters take two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in line
    )


def _shown_amount(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else str(amount)


def _pick(values: dict[str, Any], name: str, default: int) -> int:
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
    if len(parts) == 2 and all(p.isdigit() and len(p) <= MAX_DIGITS for p in parts):
        return f"{int(parts[0])}m{int(parts[1]):02d}s"
    return "1m30s"


def _round_hint(text: str) -> str:
    """'30s' for '29.7': the nearest whole seconds, or an example when there is none."""
    try:
        seconds = float(text.replace("_", ""))
    except ValueError:
        return "30s"
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_SECONDS:
        return "a whole number of seconds such as 30s"
    return f"{max(1, round(seconds))}s"
