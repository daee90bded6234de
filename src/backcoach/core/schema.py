"""The JSON Schema of the routine format, generated from the loader's own field table."""

from __future__ import annotations

import json

from backcoach.core.fields import (
    DEFAULT_FIELDS,
    REST_STEP_FIELDS,
    ROUTINE_FIELDS,
    STEP_FIELDS,
    FieldSpec,
)

_DURATION = {
    "oneOf": [
        {"type": "integer"},
        {"type": "string", "pattern": r"^\s*(\d+\s*h)?\s*(\d+\s*m)?\s*(\d+\s*s)?\s*$"},
    ]
}
_TEXTS = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


def _property(spec: FieldSpec) -> dict:
    if spec.kind == "duration":
        prop = dict(_DURATION)
        prop["oneOf"] = [
            {"type": "integer", "minimum": spec.minimum, "maximum": 4 * 3600},
            _DURATION["oneOf"][1],
        ]
    elif spec.kind == "count":
        prop = {"type": "integer", "minimum": spec.minimum}
        if spec.maximum is not None:
            prop["maximum"] = spec.maximum
    elif spec.kind == "texts":
        prop = dict(_TEXTS)
    elif spec.kind == "sides":
        prop = {
            "oneOf": [
                {"enum": ["both", "left", "right"]},
                {"type": "array", "items": {"enum": ["left", "right"]}, "minItems": 1},
            ]
        }
    elif spec.kind == "load":
        prop = {"type": "string", "pattern": r"^\s*(bodyweight|\d+(\.\d+)?\s*(kg|lb|lbs))\s*$"}
    elif spec.kind == "id":
        prop = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
    else:
        prop = {"type": "string", "minLength": 1}
    return {"description": spec.help, **prop}


def _object(fields: dict[str, FieldSpec], extra: dict | None = None) -> dict:
    properties = {}
    for name, spec in fields.items():
        if spec.kind not in ("defaults", "steps"):
            properties[name] = _property(spec)
    properties.update(extra or {})
    required = [name for name, spec in fields.items() if spec.required]
    result = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        result["required"] = required
    return result


def routine_schema() -> dict:
    exercise_step = _object(STEP_FIELDS)
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


def schema_text() -> str:
    return json.dumps(routine_schema(), indent=2) + "\n"
