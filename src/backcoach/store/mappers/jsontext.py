"""JSON text as `json.dumps(value, indent=2)` writes it, fast: the general writer
(`indented`) and what the mappers' templates are made of."""

from __future__ import annotations

import json
from functools import cache
from json.encoder import encode_basestring_ascii
from typing import cast

string = encode_basestring_ascii
"""A str as JSON (ASCII only, as json.dumps writes it by default)."""


def indented(value: object, level: int = 0) -> str:
    """`json.dumps(value, indent=2)`, byte for byte, for JSON's own types, with `level`
    indents before every line but the first. The standard library's C encoder does not
    indent, and its Python one made ten years of sessions take ten seconds: here each
    scalar is written in place, and only containers recurse."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = ",\n" + "  " * (level + 1)
        parts = [f"{string(str(key))}: {_json(item, level + 1)}" for key, item in value.items()]
    elif isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = ",\n" + "  " * (level + 1)
        parts = [_json(item, level + 1) for item in value]
    else:
        return _json(value, level)
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    return f"{opening}\n{'  ' * (level + 1)}{inner.join(parts)}\n{'  ' * level}{closing}"


def _json(item: object, level: int) -> str:
    kind = type(item)
    if kind is str:
        return string(cast(str, item))
    if item is None:
        return "null"
    if item is True:
        return "true"
    if item is False:
        return "false"
    if kind is int:
        return int.__repr__(cast(int, item))
    if kind is float and item == item and item not in (_INF, -_INF):
        return float.__repr__(cast(float, item))
    if isinstance(item, dict | list | tuple):
        return indented(item, level)
    return json.dumps(item)  # anything else (a subclass, NaN): as json writes it


_INF = float("inf")


@cache
def template(keys: tuple[str, ...], level: int) -> str:
    """An object with these keys at `level`, a `%s` for each value (already JSON text)."""
    inner = ",\n" + "  " * (level + 1)
    fields = inner.join(f"{string(key)}: %s" for key in keys)
    return "{\n" + "  " * (level + 1) + fields + "\n" + "  " * level + "}"


def array(items: list[str], level: int) -> str:
    """A list at `level` of items already written as JSON text at `level + 1`."""
    if not items:
        return "[]"
    inner = ",\n" + "  " * (level + 1)
    return "[\n" + "  " * (level + 1) + inner.join(items) + "\n" + "  " * level + "]"


def number(value: float) -> str:
    """A float as json.dumps writes it (a finite one is its repr)."""
    return repr(value) if value - value == 0 else json.dumps(value)
