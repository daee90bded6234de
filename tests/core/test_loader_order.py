"""Where one mistake causes another, the cause is listed first, whatever its line."""

from __future__ import annotations

import pytest

from backcoach.core.loader import load_routine

CASES = [
    (
        "title: T\nsteps:\n  - exercise: prone-press-up\n    duraton: 30s\n",
        ["unknown key 'duraton'", "a step needs 'duration: 30s'"],
    ),
    (
        "title: T\nsteps:\n  - exercise: prone-press-up\n    reptitions: 10\n",
        ["unknown key 'reptitions'", "a step needs 'duration: 30s'"],
    ),
    (
        "titel: T\nsteps:\n  - exercise: prone-press-up\n    reps: 10\n",
        ["unknown key 'titel'", "the routine is missing 'title'"],
    ),
    (
        "title: T\nsteps:\n  - reps: 10\n    exercize: prone-press-up\n",
        ["unknown key 'exercize'", "a step needs 'exercise: ID'"],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), CASES, ids=["duraton", "reptitions", "titel", "exercize"]
)
def test_a_misspelt_key_comes_before_the_missing_key_it_causes(
    text, expected, write_routine, exercises
):
    problems = load_routine(write_routine(text), exercises).problems.errors
    assert [next(e for e in expected if p.message.startswith(e)) for p in problems] == expected


def test_an_unrelated_unknown_key_does_not_move_a_missing_one(write_routine, exercises):
    text = "title: T\nsteps:\n  - exercise: prone-press-up\n    colour: red\n"
    problems = load_routine(write_routine(text), exercises).problems.errors
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [(3, "a"), (4, "unknown")]


def test_the_library_shows_the_cause_as_the_first_problem(isolated_home):
    from backcoach.core.library import load_library

    (isolated_home / "routines").mkdir(parents=True)
    (isolated_home / "routines" / "typo.yaml").write_text(
        "title: T\nsteps:\n  - exercise: prone-press-up\n    duraton: 30s\n"
    )
    entry = load_library().find("typo")
    assert entry is not None and entry.first_problem is not None
    assert entry.first_problem.message.startswith("unknown key 'duraton'")
