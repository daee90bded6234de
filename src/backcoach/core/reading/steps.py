"""One item of `steps:`: a rest on its own, or an exercise (from the library or inline)
with its dose, each key checked against the others it goes with."""

from __future__ import annotations

import re
from typing import Any

from backcoach.core.durations import Load, Progress
from backcoach.core.fields import EXERCISE_FIELDS, REST_STEP_FIELDS, STEP_FIELDS
from backcoach.core.model import Defaults, Exercise, ExerciseStep, RestStep, Step
from backcoach.core.reading.context import Found, Reading
from backcoach.core.reading.flare import flare_fits
from backcoach.core.reading.text import shown_amount
from backcoach.core.wording import quoted
from backcoach.core.yamlnodes import Mapping, Node

INLINE_PREFIX = "inline:"
"""Inline exercises have ids of their own kind, so that one named like a library exercise
(an inline 'Prone press-up') can never be mistaken for it."""


def read_step(reading: Reading, node: Node, defaults: Defaults) -> Step | None:
    if (
        isinstance(node, Mapping)
        and node.get("rest") is not None
        and not (node.get("exercise") or node.get("name"))
    ):
        only_rest = {k.text for k, _ in node.pairs} <= set(REST_STEP_FIELDS)
        if only_rest:
            found = reading.fields(node, REST_STEP_FIELDS, "a rest step")
            seconds = reading.value(found, "rest", REST_STEP_FIELDS)
            countdown = reading.value(found, "countdown", REST_STEP_FIELDS)
            if not seconds:
                return None
            return RestStep(
                seconds, defaults.countdown if countdown is None else countdown, node.line
            )
    found = reading.fields(node, STEP_FIELDS, "a step")
    if isinstance(node, Mapping) and not node.pairs:
        reading.error(
            node,
            "this step is empty; give it 'exercise: ID' and 'duration: 30s' or 'reps: 10', "
            "or remove it",
        )
    if not found:
        return None
    values = {name: reading.value(found, name, STEP_FIELDS) for name in found}
    exercise = _step_exercise(reading, node, found, values)
    ok = exercise is not None
    if "duration" in found and "reps" in found:
        reading.error(
            found["reps"][0], "a step has either 'duration' or 'reps', not both; remove one"
        )
        ok = False
    elif "duration" not in found and "reps" not in found:
        reading.knock_on(
            node,
            ("duration", "reps"),
            "a step needs 'duration: 30s' (a timed exercise) or 'reps: 10'",
        )
        ok = False
    if "tempo" in found and "duration" in found:
        reading.error(
            found["tempo"][0],
            "'tempo' sets the seconds per rep, so it goes with 'reps', not with 'duration'",
        )
        ok = False
    ok = _check_progression(reading, node, found, values) and ok
    if exercise is None or not ok or any(values.get(k) is None for k in found):
        return None
    low, high = values.get("reps") or (None, None)
    if "flare" in found and not flare_fits(reading, found["flare"][1], values):
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


def _check_progression(reading: Reading, node: Node, found: Found, values: dict[str, Any]) -> bool:
    """A rep range and a load step make sense only together with what they act on."""
    ok = True
    reps = values.get("reps")
    if "tempo" in found and reps is not None and reps[0] != reps[1]:
        reading.error(
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
        reading.error(key, "'progress' raises the load of a counted step, so it needs 'reps: 8-12'")
        return False
    if "load" not in found:
        reading.error(
            key, "'progress' raises the load, so the step needs one, such as 'load: 20 kg'"
        )
        return False
    if load is not None and load.amount is None:
        reading.error(
            key,
            f"'progress' raises the load, and {load} has no amount to raise; give a weight "
            "such as 'load: 20 kg', or remove 'progress'",
        )
        return False
    if load is not None and not progress.is_percent and progress.unit != load.unit:
        reading.error(
            key,
            f"the load is in {load.unit} but 'progress' is in {progress.unit}; write "
            f"'progress: {shown_amount(progress.amount)} {load.unit}' or a percent such "
            "as 5%",
        )
        return False
    return ok


def _step_exercise(
    reading: Reading, node: Node, found: Found, values: dict[str, Any]
) -> Exercise | None:
    inline_keys = [k for k in EXERCISE_FIELDS if k in found]
    if "exercise" in found:
        if "name" in found:
            reading.error(
                found["name"][0],
                "a step uses either 'exercise: ID' from the library or 'name:' for an inline "
                "exercise, not both",
            )
            return None
        for key in inline_keys:
            reading.error(
                found[key][0],
                f"'{key}' is only for inline exercises (with 'name:'); the library's "
                f"{quoted(str(values.get('exercise')))} already has its own",
            )
        return reading.reference(found["exercise"][1], values.get("exercise"))
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
    reading.knock_on(
        node,
        ("exercise", "name"),
        "a step needs 'exercise: ID' (run 'backcoach list --exercises' to see ids) "
        "or 'name:' for an exercise of your own",
    )
    return None


def _pick(values: dict[str, Any], name: str, default: int) -> int:
    value = values.get(name)
    return default if value is None else value


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "exercise"
