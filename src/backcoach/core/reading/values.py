"""The readers of one value each, shared by every part of a file: text, ids, durations,
counts, reps, loads, sides, how often and how far apart. Each says, at the value, what
YAML 1.1 made of what the user typed when that is not what they meant."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

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
from backcoach.core.fields import ID_PATTERN, SIDE_WORDS, FieldSpec
from backcoach.core.problems import did_you_mean
from backcoach.core.reading.context import Reading
from backcoach.core.reading.text import (
    in_quotes,
    reads_as_nothing,
    shown,
    text_problem,
    width,
)
from backcoach.core.weekly import WeeklyError, parse_apart, parse_target
from backcoach.core.wording import quoted
from backcoach.core.yamlnodes import BOOL, FLOAT, INT, NULL, STR, Node, Scalar, Sequence, describe

_ID = re.compile(ID_PATTERN)
_DECIMAL = re.compile(r"^[-+]?[0-9]+$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]")
_MAX_PICTURE_LINES = 8
_MAX_PICTURE_WIDTH = 24


def _scalar(reading: Reading, node: Node, name: str, expected: str) -> Scalar | None:
    if isinstance(node, Scalar) and node.tag != NULL:
        return node
    if isinstance(node, Scalar):
        reading.error(node, f"'{name}' is empty; give it {expected}")
    else:
        reading.error(node, f"'{name}' should be {expected}, not {describe(node)}")
    return None


def read_text(reading: Reading, node: Node, name: str, spec: FieldSpec) -> str | None:
    scalar = _scalar(reading, node, name, "some text")
    if scalar is None:
        return None
    if scalar.tag == BOOL:
        reading.error(
            scalar,
            f"{quoted(scalar.text)} reads as true/false in YAML; put it in quotes: "
            f"{name}: {in_quotes(scalar.text)}",
        )
        return None
    if scalar.tag not in (STR, INT, FLOAT) or not scalar.builds:
        what = _SPECIAL_KINDS.get(scalar.tag, "something other than text")
        reading.error(
            scalar,
            f"{quoted(scalar.text)} reads as {what} in YAML; put it in quotes: "
            f"{name}: {in_quotes(scalar.text)}",
        )
        return None
    text = scalar.text.strip()
    if not text:
        reading.error(scalar, f"'{name}' is empty; give it some text")
        return None
    problem = text_problem(text, name)
    if problem:
        reading.error(scalar, problem)
        return None
    if name == "picture":
        return _picture(reading, scalar)
    if reads_as_nothing(text):
        reading.error(
            scalar,
            f"'{name}' has no words in it, only {quoted(text)}; write it out in words",
        )
        return None
    return text


def _picture(reading: Reading, scalar: Scalar) -> str | None:
    lines = scalar.text.rstrip("\n").splitlines()
    if len(lines) > _MAX_PICTURE_LINES or any(width(line) > _MAX_PICTURE_WIDTH for line in lines):
        reading.error(
            scalar,
            f"the picture is larger than {_MAX_PICTURE_LINES} lines of "
            f"{_MAX_PICTURE_WIDTH} columns; make it smaller so it fits beside the timer",
        )
        return None
    return "\n".join(lines)


def read_texts(reading: Reading, node: Node, name: str, spec: FieldSpec) -> tuple[str, ...] | None:
    if isinstance(node, Scalar) and node.tag != NULL:
        single = read_text(reading, node, name, spec)
        return None if single is None else (single,)
    if not isinstance(node, Sequence):
        reading.error(node, f"'{name}' should be a list of text lines, not {describe(node)}")
        return None
    texts = [read_text(reading, item, name, spec) for item in node.items]
    return None if None in texts else tuple(t for t in texts if t is not None)


def read_id(reading: Reading, node: Node, name: str, spec: FieldSpec) -> str | None:
    scalar = _scalar(reading, node, name, "an exercise id such as prone-press-up")
    if scalar is None:
        return None
    if not _ID.fullmatch(scalar.text):
        reading.error(
            scalar,
            f"{quoted(scalar.text)} is not an id; ids use lowercase letters, digits and "
            "dashes, such as prone-press-up",
        )
        return None
    if scalar.tag != STR:
        # '77080', 'no' or '2024-05-01' fit the id pattern, but YAML reads them as a
        # number, true/false or a date, and so would every other YAML tool.
        what = _ID_KINDS.get(scalar.tag, "something other than text")
        reading.error(
            scalar,
            f"{quoted(scalar.text)} reads as {what} in YAML; put the id in quotes: "
            f"{name}: {in_quotes(scalar.text)}",
        )
        return None
    return scalar.text


def read_duration(reading: Reading, node: Node, name: str, spec: FieldSpec) -> int | None:
    scalar = _scalar(reading, node, name, "a duration such as 30s or 1m30s")
    if scalar is None:
        return None
    if scalar.tag == INT and ":" in scalar.text:
        reading.error(
            scalar,
            f"{quoted(scalar.text)} reads as a base-60 number in YAML 1.1; "
            f"write minutes and seconds as {_sexagesimal_hint(scalar.text)}",
        )
        return None
    if scalar.tag == FLOAT:
        reading.error(
            scalar,
            f"'{name}' is in whole seconds; write {_round_hint(scalar.text)} instead of "
            f"{shown(scalar.text)}",
        )
        return None
    if scalar.tag not in (STR, INT):
        reading.error(
            scalar,
            f"{quoted(scalar.text)} is not a duration; write 30s, 1m30s or a number of seconds",
        )
        return None
    if scalar.tag == INT and _DECIMAL.match(scalar.text):
        seconds = _whole_number(reading, scalar, name, MAX_SECONDS)
        if seconds is None:
            return None
    else:
        try:
            seconds = parse_duration(scalar.text)
        except DurationError as error:
            reading.error(scalar, str(error))
            return None
    return _in_range(reading, scalar, name, seconds, spec, MAX_SECONDS, unit="seconds")


def _whole_number(reading: Reading, scalar: Scalar, name: str, maximum: int | None) -> int | None:
    """A plain decimal number as YAML 1.1 reads it, or None with a problem."""
    digits = scalar.text.lstrip("+-")
    if _LEADING_ZERO.match(digits):
        reading.error(
            scalar,
            f"{quoted(scalar.text)} starts with 0, which YAML 1.1 reads as an octal "
            f"number; write it without the leading zero",
        )
        return None
    if len(digits) > MAX_DIGITS:
        limit = f"more than {maximum}" if maximum is not None else "far too big"
        reading.error(scalar, f"'{name}' of {quoted(scalar.text)} is {limit}; check the number")
        return None
    return int(scalar.text)


def read_count(reading: Reading, node: Node, name: str, spec: FieldSpec) -> int | None:
    scalar = _scalar(reading, node, name, "a whole number")
    if scalar is None:
        return None
    if scalar.tag == FLOAT:
        reading.error(scalar, f"'{name}' must be a whole number, not {shown(scalar.text)}")
        return None
    if scalar.tag != INT or not _DECIMAL.match(scalar.text):
        reading.error(
            scalar, f"'{name}' must be a whole number such as 10, not {quoted(scalar.text)}"
        )
        return None
    value = _whole_number(reading, scalar, name, spec.maximum)
    if value is None:
        return None
    return _in_range(reading, scalar, name, value, spec, spec.maximum, unit="")


def read_reps(reading: Reading, node: Node, name: str, spec: FieldSpec) -> tuple[int, int] | None:
    """(low, high): a whole number gives (n, n), a range such as 8-12 gives (8, 12)."""
    if not isinstance(node, Scalar) or node.tag != STR:
        count = read_count(reading, node, name, spec)
        return None if count is None else (count, count)
    try:
        low, high = parse_reps_range(node.text)
    except DurationError:
        reading.error(
            node,
            f"'{name}' must be a whole number such as 10, not {quoted(node.text)}; "
            "a range such as 8-12 works too",
        )
        return None
    for end in (low, high):
        if _in_range(reading, node, name, end, spec, spec.maximum, unit="") is None:
            return None
    if low > high:
        reading.error(
            node,
            f"the range {quoted(node.text)} runs downwards; write the smaller number "
            f"first: {name}: {high}-{low}",
        )
        return None
    return low, high


def read_progress(reading: Reading, node: Node, name: str, spec: FieldSpec) -> Progress | None:
    scalar = _scalar(reading, node, name, "a load step such as 2.5 kg or 5%")
    if scalar is None:
        return None
    if scalar.tag in (INT, FLOAT):
        amount = shown(scalar.text)
        reading.error(
            scalar,
            f"a load step needs a unit; write '{amount} kg', '{amount} lb' or '{amount}%'",
        )
        return None
    try:
        return parse_progress(scalar.text)
    except DurationError as error:
        reading.error(scalar, str(error))
        return None


def _in_range(
    reading: Reading,
    scalar: Scalar,
    name: str,
    value: int,
    spec: FieldSpec,
    maximum: int | None,
    unit: str,
) -> int | None:
    if value < spec.minimum:
        floor = "zero or more" if spec.minimum == 0 else "more than zero"
        reading.error(scalar, f"'{name}' must be {floor}, not {value}")
        return None
    if maximum is not None and value > maximum:
        if unit == "seconds":
            reading.error(
                scalar,
                f"'{name}' of {value} seconds is over {maximum // 3600} hours; check the number",
            )
        else:
            reading.error(scalar, f"'{name}' of {value} is more than {maximum}; check the number")
        return None
    return value


def read_sides(reading: Reading, node: Node, name: str, spec: FieldSpec) -> tuple[str, ...] | None:
    hint = "use both, left, right, or a list such as [right, left, right]"
    if isinstance(node, Scalar) and node.tag != NULL:
        word = node.text
        if word not in SIDE_WORDS:
            reading.error(
                node, f"unknown side {quoted(word)}{did_you_mean(word, SIDE_WORDS)}; {hint}"
            )
            return None
        return ("left", "right") if word == "both" else (word,)
    if not isinstance(node, Sequence) or not node.items:
        reading.error(node, f"'sides' should be a word or a list; {hint}")
        return None
    sides = []
    for item in node.items:
        word = item.text if isinstance(item, Scalar) else ""
        if word not in ("left", "right"):
            shown = quoted(word) if word else describe(item)
            reading.error(
                item,
                f"unknown side {shown}{did_you_mean(word, ('left', 'right'))}; a list holds left and right",
            )
            return None
        sides.append(word)
    return tuple(sides)


def read_load(reading: Reading, node: Node, name: str, spec: FieldSpec) -> Load | None:
    scalar = _scalar(reading, node, name, "a load such as 20 kg")
    if scalar is None:
        return None
    if scalar.tag in (INT, FLOAT):
        amount = shown(scalar.text)
        reading.error(scalar, f"a load needs a unit; write '{amount} kg' or '{amount} lb'")
        return None
    try:
        return parse_load(scalar.text)
    except DurationError as error:
        reading.error(scalar, str(error))
        return None


def read_target(reading: Reading, node: Node, name: str, spec: FieldSpec) -> int | None:
    return _parsed(reading, node, name, "how often, such as 2 per week", _per_week)


def read_apart(reading: Reading, node: Node, name: str, spec: FieldSpec) -> int | None:
    return _parsed(reading, node, name, "whole days, such as 1 day", parse_apart)


def _parsed(
    reading: Reading, node: Node, name: str, expected: str, parse: Callable[[str], int]
) -> int | None:
    """A scalar read by one of core.weekly's parsers, whose errors say how to write it."""
    scalar = _scalar(reading, node, name, expected)
    if scalar is None:
        return None
    try:
        return parse(scalar.text)
    except WeeklyError as error:
        reading.error(scalar, str(error))
        return None


def _per_week(text: str) -> int:
    return parse_target(text).per_week


_SPECIAL_KINDS = {
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:value": "a special YAML value",
    "tag:yaml.org,2002:merge": "a special YAML merge key",
    INT: "a number it cannot build",
    FLOAT: "a number it cannot build",
}

_ID_KINDS = {
    **_SPECIAL_KINDS,
    INT: "a number",
    FLOAT: "a number",
    BOOL: "true/false",
}


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
