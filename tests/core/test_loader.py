from __future__ import annotations

import pytest

from backcoach.core.durations import Load
from backcoach.core.loader import load_routine
from backcoach.core.model import ExerciseStep, RestStep
from backcoach.core.yamltree import MAX_FILE_BYTES


def test_a_full_routine_loads_with_defaults_applied(write_routine, exercises):
    path = write_routine(
        """
title: Evening
summary: After runs.
tags: [stretch, after-run]
defaults: {prep: 5s, rest: 15s, countdown: 3, switch: 5s}
steps:
  - exercise: supine-piriformis-stretch
    duration: 30s
    sides: both
    sets: 2
  - exercise: prone-press-up
    reps: 10
    tempo: 3s
  - exercise: stiff-legged-deadlift
    sets: 3
    reps: 10
    load: 20 kg
    rest: 90s
  - rest: 1m
  - name: Foam roll the glutes
    duration: 1m
    cues: [Roll slowly, Pause on tender spots]
""",
        name="evening.yaml",
    )
    loaded = load_routine(path, exercises)
    assert not loaded.problems.items, [str(p) for p in loaded.problems.items]
    routine = loaded.routine
    assert routine.id == "evening"
    assert routine.tags == ("stretch", "after-run")
    stretch, press, deadlift, pause, roll = routine.steps
    assert stretch.sides == ("left", "right") and stretch.rest == 15 and stretch.prep == 5
    assert press.tempo == 3 and not press.waits_for_user
    assert deadlift.load == Load(20.0, "kg") and deadlift.rest == 90 and deadlift.waits_for_user
    assert isinstance(pause, RestStep) and pause.seconds == 60
    assert isinstance(roll, ExerciseStep) and roll.exercise.source == "inline"
    assert roll.exercise.cues == ("Roll slowly", "Pause on tender spots")


def test_sides_can_repeat_the_sore_side(write_routine, exercises):
    path = write_routine(
        "title: T\nsteps:\n  - exercise: supine-piriformis-stretch\n"
        "    duration: 30s\n    sides: [right, left, right]\n"
    )
    assert load_routine(path, exercises).routine.steps[0].sides == ("right", "left", "right")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45s", 45), ("1m30s", 90), ("5m", 300), ("90", 90), ("1h", 3600), ('"2m 5s"', 125)],
)
def test_durations_in_every_written_form(write_routine, exercises, text, seconds):
    path = write_routine(f"title: T\nsteps:\n  - exercise: brisk-walk\n    duration: {text}\n")
    assert load_routine(path, exercises).routine.steps[0].duration == seconds


def test_all_problems_in_a_file_are_reported_at_once(write_routine, exercises):
    path = write_routine(
        "title: T\nsteps:\n  - exercise: nope\n    reps: 0\n  - exercise: brisk-walk\n    duration: 1:30\n"
    )
    problems = load_routine(path, exercises).problems.errors
    assert [(p.line, p.column) for p in problems] == [(3, 15), (4, 11), (6, 15)]


def test_missing_file_is_a_problem_not_a_crash(tmp_path, exercises):
    loaded = load_routine(tmp_path / "nope.yaml", exercises)
    assert "no such file" in loaded.problems.errors[0].message


def test_file_over_one_mebibyte_is_refused_unread(write_routine, exercises):
    path = write_routine("title: T\n" + "#" * (MAX_FILE_BYTES + 1))
    assert "limited to 1 MiB" in load_routine(path, exercises).problems.errors[0].message


def test_a_billion_laughs_is_refused_at_the_first_anchor(write_routine, exercises):
    lines = ["a0: &a0 [lol, lol]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    path = write_routine("\n".join(lines) + "\n")
    problem = load_routine(path, exercises).problems.errors[0]
    assert (problem.line, "anchor '&a0'") == (1, problem.message[: len("anchor '&a0'")])


def test_very_deep_nesting_does_not_overflow(write_routine, exercises):
    path = write_routine("title: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert "nesting is deeper" in load_routine(path, exercises).problems.errors[0].message


def test_inline_exercise_with_quoted_yaml_words_is_fine(write_routine, exercises):
    path = write_routine('title: "no"\nsteps:\n  - name: "yes"\n    duration: 30s\n')
    routine = load_routine(path, exercises).routine
    assert routine.title == "no" and routine.steps[0].exercise.name == "yes"
