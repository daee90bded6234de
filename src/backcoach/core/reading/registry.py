"""The reader of each value kind, in one table checked when it is built, at import: a
kind with no reader (or two) fails the first import, not the first file that uses it."""

from __future__ import annotations

from collections.abc import Iterable

from backcoach.core.fields import VALUE_KINDS, ValueKind
from backcoach.core.reading import values
from backcoach.core.reading.context import ValueReader
from backcoach.core.reading.flare import read_flare


class ReaderTableError(TypeError):
    """A reader table that does not give every value kind exactly one reader."""


def reader_table(entries: Iterable[tuple[ValueKind, ValueReader]]) -> dict[ValueKind, ValueReader]:
    """The readers by kind, or ReaderTableError naming each kind that has no reader, two
    readers, or is no value kind at all (a section such as 'steps' has no value reader)."""
    table: dict[ValueKind, ValueReader] = {}
    wrong: list[str] = []
    for kind, reader in entries:
        if kind not in VALUE_KINDS:
            wrong.append(f"{kind!r} is not a value kind")
        elif kind in table:
            wrong.append(f"{kind!r} has two readers")
        table[kind] = reader
    wrong += [f"{kind!r} has no reader" for kind in VALUE_KINDS if kind not in table]
    if wrong:
        raise ReaderTableError("; ".join(wrong))
    return table


READERS = reader_table(
    [
        ("text", values.read_text),
        ("texts", values.read_texts),
        ("duration", values.read_duration),
        ("count", values.read_count),
        ("reps", values.read_reps),
        ("progress", values.read_progress),
        ("sides", values.read_sides),
        ("load", values.read_load),
        ("id", values.read_id),
        ("target", values.read_target),
        ("apart", values.read_apart),
        ("flare", read_flare),
    ]
)
