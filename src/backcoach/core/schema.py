"""The JSON Schema of the routine format, generated from the loader's own field table."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from backcoach.core.durations import (
    BODYWEIGHT_WORD,
    DURATION_PATTERN,
    LOAD_PATTERN,
    LOAD_UNITS,
    MAX_SECONDS,
    PROGRESS_PATTERN,
    PROGRESS_UNITS,
    REPS_RANGE_PATTERN,
)
from backcoach.core.fields import (
    DEFAULT_FIELDS,
    FLARE_FIELDS,
    FLARE_SKIP,
    ID_PATTERN,
    REST_STEP_FIELDS,
    ROUTINE_FIELDS,
    SIDE_WORDS,
    STEP_FIELDS,
    FieldSpec,
)
from backcoach.core.model import SIDES
from backcoach.core.weekly import APART_PATTERN, TARGET_PATTERN

JSON = dict[str, Any]


def _caseless(word: str) -> str:
    """A regex matching `word` in any case; JSON Schema patterns take no flags."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


def _progress_pattern() -> str:
    units = "|".join(_caseless(unit) for unit in PROGRESS_UNITS)
    return PROGRESS_PATTERN.replace("|".join(PROGRESS_UNITS), units)


def _load_pattern() -> str:
    units = "|".join(_caseless(unit) for unit in LOAD_UNITS)
    amount = LOAD_PATTERN.replace("|".join(LOAD_UNITS), units)
    return rf"{amount}|^\s*{_caseless(BODYWEIGHT_WORD)}\s*$"


# Text fields take any scalar but true/false and empty: YAML reads `title: 1984` as a number,
# and the loader keeps it as the text the user typed.
_TEXT: JSON = {"oneOf": [{"type": "string", "pattern": r"\S"}, {"type": "number"}]}


def _property(spec: FieldSpec) -> JSON:
    prop: JSON
    if spec.kind == "duration":
        prop = {
            "oneOf": [
                {"type": "integer", "minimum": spec.minimum, "maximum": MAX_SECONDS},
                {"type": "string", "pattern": DURATION_PATTERN},
            ]
        }
    elif spec.kind == "count":
        prop = {"type": "integer", "minimum": spec.minimum}
        if spec.maximum is not None:
            prop["maximum"] = spec.maximum
    elif spec.kind == "reps":
        count: JSON = {"type": "integer", "minimum": spec.minimum}
        if spec.maximum is not None:
            count["maximum"] = spec.maximum
        prop = {"oneOf": [count, {"type": "string", "pattern": REPS_RANGE_PATTERN}]}
    elif spec.kind == "progress":
        prop = {"type": "string", "pattern": _progress_pattern()}
    elif spec.kind == "texts":
        prop = {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]}
    elif spec.kind == "sides":
        prop = {
            "oneOf": [
                {"enum": list(SIDE_WORDS)},
                {"type": "array", "items": {"enum": list(SIDES)}, "minItems": 1},
            ]
        }
    elif spec.kind == "load":
        prop = {"type": "string", "pattern": _load_pattern()}
    elif spec.kind == "target":
        prop = {"type": "string", "pattern": TARGET_PATTERN}
    elif spec.kind == "apart":
        prop = {"type": "string", "pattern": APART_PATTERN}
    elif spec.kind == "id":
        prop = {"type": "string", "pattern": ID_PATTERN}
    elif spec.kind == "flare":
        prop = {"oneOf": [{"const": FLARE_SKIP}, {**_object(FLARE_FIELDS), "minProperties": 1}]}
    else:
        prop = dict(_TEXT)
    return {"description": spec.help, **prop}


def _object(fields: dict[str, FieldSpec], extra: JSON | None = None) -> JSON:
    properties: JSON = {}
    for name, spec in fields.items():
        if spec.kind not in ("defaults", "steps"):
            properties[name] = _property(spec)
    properties.update(extra or {})
    required = [name for name, spec in fields.items() if spec.required]
    result: JSON = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        result["required"] = required
    return result


def _exercise_property(exercise_ids: Iterable[str]) -> JSON:
    """The library's ids as an enum, so that editors offer them as you type, beside the
    id pattern, so that an exercise of the user's own is still accepted."""
    spec = STEP_FIELDS["exercise"]
    ids = sorted(set(exercise_ids))
    if not ids:
        return _property(spec)
    return {
        "description": spec.help,
        "type": "string",
        "anyOf": [{"enum": ids}, {"pattern": ID_PATTERN}],
    }


def routine_schema(exercise_ids: Iterable[str] | None = None) -> JSON:
    """The schema; `exercise_ids` are the ids editors offer (the bundled ones when None)."""
    if exercise_ids is None:
        from backcoach.core.library import bundled_exercise_ids

        exercise_ids = bundled_exercise_ids()
    exercise_step = _object(STEP_FIELDS, {"exercise": _exercise_property(exercise_ids)})
    exercise_step["oneOf"] = [{"required": ["exercise"]}, {"required": ["name"]}]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/backcoach/backcoach/routine.schema.json",
        "title": "backcoach routine",
        "description": "An exercise routine that backcoach plays.",
        **_object(
            ROUTINE_FIELDS,
            {
                "defaults": {
                    "description": ROUTINE_FIELDS["defaults"].help,
                    **_object(DEFAULT_FIELDS),
                },
                "steps": {
                    "description": ROUTINE_FIELDS["steps"].help,
                    "type": "array",
                    "minItems": 1,
                    "items": {"oneOf": [exercise_step, _object(REST_STEP_FIELDS)]},
                },
            },
        ),
    }


def schema_text(exercise_ids: Iterable[str] | None = None) -> str:
    return json.dumps(routine_schema(exercise_ids), indent=2) + "\n"


def refresh_user_schema(exercise_ids: Iterable[str]) -> Path:
    """Keep the user folder's copy of the schema current, the one that the `$schema` line
    of the user's routines points at, so that the line survives an upgrade or a move of
    the package. Written only when its content differs, so a start costs one small read."""
    from backcoach.core import paths
    from backcoach.core.storage import write_atomically

    target = paths.user_schema()
    text = schema_text(exercise_ids)
    try:
        current = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    if current != text:
        write_atomically(target, text)
    return target


def refresh_user_schema_if_possible(exercise_ids: Iterable[str]) -> None:
    """refresh_user_schema, quietly skipped when the folder cannot be written: nothing is
    lost but an editor's completion, so no command or screen should fail for it."""
    with contextlib.suppress(OSError):
        refresh_user_schema(exercise_ids)
