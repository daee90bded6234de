"""Changes made to a routine's text for its author keep everything else they wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.core import yamltree
from backcoach.core.library import load_catalogue
from backcoach.core.loader import routine_from_tree
from backcoach.core.problems import ProblemList
from backcoach.core.routine_text import (
    StepDraft,
    completion,
    retitled,
    starter_text,
    step_insertion,
    typed_exercise_id,
    with_schema,
)


def load(text: str):
    problems = ProblemList("mine.yaml")
    root = yamltree.parse(text, problems)
    loaded = routine_from_tree(
        root, Path("mine.yaml"), load_catalogue().exercises, "user", problems
    )
    return loaded


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("title: Strength", 'title: "Evening"'),
        ("title: Strength   # for Tuesdays", 'title: "Evening"   # for Tuesdays'),
        ('title: "Hash # inside"  # note', 'title: "Evening"  # note'),
        ("title: 'It''s mine'", 'title: "Evening"'),
        ("title: C#minor", 'title: "Evening"'),
    ],
)
def test_retitled_replaces_only_the_title_value(line, expected):
    text = f"# top comment\n{line}\nsteps:\n  - rest: 30s   # breathe\n"
    assert (
        retitled(text, "Evening")
        == f"# top comment\n{expected}\nsteps:\n  - rest: 30s   # breathe\n"
    )


def test_retitled_adds_a_title_before_the_first_key_when_there_is_none():
    text = "# mine\nsteps:\n  - rest: 30s\n"
    assert retitled(text, "No") == '# mine\ntitle: "No"\nsteps:\n  - rest: 30s\n'


def test_a_title_that_yaml_would_misread_stays_text():
    text = retitled(starter_text("x", "file:///s.json", "~/x.yaml"), "no")
    assert load(text).routine.title == "no"


def test_the_starter_is_a_valid_routine():
    routine = load(starter_text("Evening", "file:///s.json", "~/evening.yaml")).routine
    assert routine is not None and routine.title == "Evening"


def test_with_schema_points_the_comment_at_the_new_schema_even_with_backslashes():
    text = "# yaml-language-server: $schema=file:///old.json\ntitle: x\n"
    assert with_schema(text, r"file:///C:\new.json").startswith(
        r"# yaml-language-server: $schema=file:///C:\new.json" + "\n"
    )


ROUTINE = """\
title: Mine
steps:
  - exercise: prone-press-up   # keep this comment
    reps: 10

  - rest: 30s
tags: [x]
"""
STEP = StepDraft("pelvic-tilt", reps="8", sets="2")


@pytest.mark.parametrize(
    ("cursor_row", "row", "replaces"),
    [
        (0, 2, False),  # above the steps: the first step's place
        (2, 2, False),  # on a step's first line: before it
        (3, 4, False),  # inside a step: after it
        (4, 4, True),  # a blank line between steps: there
        (5, 5, False),
        (6, 6, False),  # below the steps: after the last
    ],
)
def test_a_step_goes_at_the_cursor_indented_like_the_others(cursor_row, row, replaces):
    insertion = step_insertion(ROUTINE, cursor_row, STEP)
    assert (insertion.row, insertion.replaces_blank_line) == (row, replaces)
    assert insertion.text == "  - exercise: pelvic-tilt\n    reps: 8\n    sets: 2\n"


def test_a_step_inserted_anywhere_gives_a_valid_routine_with_one_more_step():
    for cursor_row in range(len(ROUTINE.split("\n"))):
        insertion = step_insertion(ROUTINE, cursor_row, STEP)
        lines = ROUTINE.split("\n")
        if insertion.replaces_blank_line:
            del lines[insertion.row]
        lines.insert(insertion.row, insertion.text.rstrip("\n"))
        routine = load("\n".join(lines)).routine
        assert routine is not None and len(routine.steps) == 3, cursor_row
        assert "# keep this comment" in "\n".join(lines)


def test_steps_written_at_the_left_edge_keep_their_indent():
    text = "title: x\nsteps:\n- rest: 30s\n- exercise: pelvic-tilt\n  reps: 5\n"
    insertion = step_insertion(text, 4, StepDraft("knee-to-chest", duration="30s"))
    assert (insertion.row, insertion.text) == (5, "- exercise: knee-to-chest\n  duration: 30s\n")


def test_a_routine_without_steps_gets_the_key():
    insertion = step_insertion("title: x", 0, StepDraft("pelvic-tilt", duration="30s"))
    assert insertion.text == "\nsteps:\n  - exercise: pelvic-tilt\n    duration: 30s\n"


@pytest.mark.parametrize(
    ("before", "typed"),
    [
        ("  - exercise: pro", "pro"),
        ("    exercise:", ""),
        ("exercise: cat-", "cat-"),
        ("  - name: pro", None),
        ("  - exercise: prone # x", None),
    ],
)
def test_an_exercise_id_is_completed_only_after_exercise(before, typed):
    assert typed_exercise_id(before) == typed


def test_completion_adds_what_every_matching_id_shares():
    ids = ["prone-press-up", "prone-lying", "pelvic-tilt"]
    assert completion("pr", ids) == ("one-", ["prone-lying", "prone-press-up"])
    assert completion("pe", ids) == ("lvic-tilt", ["pelvic-tilt"])
    assert completion("x", ids) == ("", [])
