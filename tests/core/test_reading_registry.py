"""Field kinds and their readers: every value kind has exactly one reader, a table that
breaks that is refused when it is built, and a field is read by its kind's reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.core import yamltree
from backcoach.core.fields import (
    DEFAULT_FIELDS,
    FLARE_FIELDS,
    LIBRARY_ENTRY_FIELDS,
    LIBRARY_FIELDS,
    REST_STEP_FIELDS,
    ROUTINE_FIELDS,
    SECTION_KINDS,
    STEP_FIELDS,
    VALUE_KINDS,
    FieldSpec,
)
from backcoach.core.problems import ProblemList
from backcoach.core.reading.context import Reading
from backcoach.core.reading.registry import READERS, ReaderTableError, reader_table
from backcoach.core.reading.routine import read_routine

ALL_TABLES = (
    DEFAULT_FIELDS,
    FLARE_FIELDS,
    LIBRARY_ENTRY_FIELDS,
    LIBRARY_FIELDS,
    REST_STEP_FIELDS,
    ROUTINE_FIELDS,
    STEP_FIELDS,
)


def test_every_value_kind_has_one_reader_and_no_section_has_any():
    assert set(READERS) == set(VALUE_KINDS)
    assert not set(READERS) & set(SECTION_KINDS)


def test_every_key_of_every_table_has_a_kind_that_is_read_or_walked():
    for table in ALL_TABLES:
        for name, spec in table.items():
            assert spec.kind in READERS or spec.kind in SECTION_KINDS, name


def test_a_table_missing_a_kind_is_refused_naming_it():
    incomplete = [(kind, reader) for kind, reader in READERS.items() if kind != "sides"]
    with pytest.raises(ReaderTableError, match="'sides' has no reader"):
        reader_table(incomplete)


def test_a_kind_with_two_readers_is_refused():
    doubled = [*READERS.items(), ("load", READERS["text"])]
    with pytest.raises(ReaderTableError, match="'load' has two readers"):
        reader_table(doubled)


def test_a_reader_for_a_section_or_an_unknown_kind_is_refused():
    extra = [*READERS.items(), ("steps", READERS["text"]), ("colour", READERS["text"])]
    with pytest.raises(ReaderTableError) as refused:
        reader_table(extra)  # type: ignore[arg-type]
    assert "'steps' is not a value kind" in str(refused.value)
    assert "'colour' is not a value kind" in str(refused.value)


def test_a_complete_table_is_accepted_whatever_its_order():
    assert reader_table(reversed(list(READERS.items()))) == READERS


def test_a_field_spec_of_an_unknown_kind_fails_when_built():
    with pytest.raises(ValueError, match="'duraton' is not a field kind"):
        FieldSpec("duraton", "A typo'd kind.")  # type: ignore[arg-type]


def _tree(text: str) -> yamltree.Node:
    root = yamltree.parse(text, ProblemList("t.yaml"))
    assert root is not None
    return root


def test_each_field_is_read_by_the_reader_of_its_kind(exercises):
    seen = []

    def shouting(reading, node, name, spec):
        seen.append((name, spec.kind))
        return node.text.upper()

    problems = ProblemList("t.yaml")
    reading = Reading(problems, exercises, {**READERS, "text": shouting})
    root = _tree(
        "title: Evening\nsummary: After runs.\nsteps:\n  - {exercise: prone-press-up, reps: 10}\n"
    )

    routine = read_routine(reading, root, Path("t.yaml"), "user")

    assert routine is not None and not problems.items
    assert (routine.title, routine.summary) == ("EVENING", "AFTER RUNS.")
    assert seen == [("title", "text"), ("summary", "text")]


def test_a_section_is_never_read_as_a_value(exercises):
    reading = Reading(ProblemList("t.yaml"), exercises, READERS)
    root = _tree("steps: []\n")
    assert isinstance(root, yamltree.Mapping)
    found = reading.fields(root, {"steps": ROUTINE_FIELDS["steps"]}, "the routine")

    with pytest.raises(TypeError, match="'steps' is a steps section"):
        reading.value(found, "steps", ROUTINE_FIELDS)
