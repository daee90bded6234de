"""`flare:` on a step: reading the rule, and checking that it only ever makes the step
gentler and that flare-up mode leaves something to play."""

from __future__ import annotations

from typing import Any

from backcoach.core.durations import Load
from backcoach.core.fields import FLARE_FIELDS, FLARE_SKIP, FieldSpec
from backcoach.core.model import ExerciseStep, FlareRule, Step
from backcoach.core.problems import did_you_mean
from backcoach.core.reading.context import Reading
from backcoach.core.wording import quoted
from backcoach.core.yamlnodes import NULL, Mapping, Node, Scalar, describe


def read_flare(reading: Reading, node: Node, name: str, spec: FieldSpec) -> FlareRule | None:
    hint = (
        f"give it {FLARE_SKIP}, or what to change, such as {{sets: 2, load: 10 kg}}, "
        "{duration: 20s} or {exercise: pelvic-tilt}"
    )
    if isinstance(node, Scalar) and node.tag != NULL:
        if node.text == FLARE_SKIP:
            return FlareRule(skip=True)
        reading.error(
            node,
            f"'flare' of {quoted(node.text)} is not a rule"
            f"{did_you_mean(node.text, [FLARE_SKIP])}; {hint}",
        )
        return None
    if (isinstance(node, Mapping) and not node.pairs) or (
        isinstance(node, Scalar) and node.tag == NULL
    ):
        reading.error(node, f"'flare' is empty; {hint}")
        return None
    if not isinstance(node, Mapping):
        reading.error(
            node,
            f"'flare' should be {FLARE_SKIP} or a mapping, not {describe(node)}; {hint}",
        )
        return None
    found = reading.fields(node, FLARE_FIELDS, "a flare rule")
    if len(found) != len(node.pairs):
        return None
    values = {key: reading.value(found, key, FLARE_FIELDS) for key in found}
    if any(value is None for value in values.values()):
        return None
    exercise = None
    if "exercise" in values:
        exercise = reading.reference(found["exercise"][1], values["exercise"])
        if exercise is None:
            return None
    return FlareRule(
        exercise=exercise,
        sets=values.get("sets"),
        reps=values.get("reps"),
        duration=values.get("duration"),
        load=values.get("load"),
    )


def flare_fits(reading: Reading, node: Node, values: dict[str, Any]) -> bool:
    """Whether the step's flare rule only makes it gentler; each way it does not is a
    problem at the key that says so."""
    rule: FlareRule = values["flare"]
    if rule.skip or not isinstance(node, Mapping):
        return True
    keys = {key.text: (key, value) for key, value in node.pairs}
    before = len(reading.problems.items)
    timed = values.get("duration") is not None
    if rule.reps is not None and timed:
        reading.error(
            keys["reps"][0],
            "'reps' in a flare rule is for a step with reps; this step is timed, so give "
            "a shorter 'duration' instead",
        )
    if rule.duration is not None and not timed:
        reading.error(
            keys["duration"][0],
            "'duration' in a flare rule is for a timed step; this step has reps, so give "
            "fewer 'reps' instead",
        )
    for name, gentler, own in (
        ("sets", rule.sets, values.get("sets", 1)),
        ("reps", rule.reps, (values.get("reps") or (None, None))[1]),  # a range: its top
        ("duration", rule.duration, values.get("duration")),
    ):
        if gentler is not None and own is not None and gentler > own:
            reading.error(
                keys[name][1],
                f"a flare rule makes the step gentler, but '{name}' here is more than the "
                f"step's own {own}; give at most {own}",
            )
    if rule.load is not None:
        _check_flare_load(reading, keys["load"][1], rule.load, values.get("load"))
    return len(reading.problems.items) == before


def _check_flare_load(reading: Reading, node: Node, lighter: Load, own: Load | None) -> None:
    if own is None:
        reading.error(node, "this step has no load to lighten; remove 'load' from its flare rule")
    elif lighter.amount is None:
        return  # body weight alone is lighter than any load on top of it
    elif own.amount is None:
        reading.error(
            node,
            "this step is done at bodyweight, and a flare rule cannot add a load to it; "
            "remove 'load' from its flare rule",
        )
    elif lighter.unit != own.unit:
        reading.error(node, f"write the flare load in {own.unit}, as the step's own load is")
    elif lighter.amount > own.amount:
        reading.error(
            node,
            f"a flare rule makes the step gentler, but this load is more than the step's "
            f"own {own}; give at most {own}",
        )


def check_flare_leaves_something(reading: Reading, steps_key: Node, steps: list[Step]) -> None:
    exercise_steps = [s for s in steps if isinstance(s, ExerciseStep)]
    if exercise_steps and all(s.flare is not None and s.flare.skip for s in exercise_steps):
        reading.error(
            steps_key,
            "every exercise here has 'flare: skip', so flare-up mode would have nothing "
            "to play; give one of them a gentler version instead, such as "
            "'flare: {sets: 1}'",
        )
