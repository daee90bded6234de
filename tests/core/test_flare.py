"""Flare-up mode in the core: `flare:` rules read and checked, the gentler variant of
every bundled routine, how long the mode lasts, and where its start is kept."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

from backcoach.core import paths
from backcoach.core.durations import Load
from backcoach.core.flare import (
    FLARE_OFFER,
    FlareMode,
    badged_title,
    flare_changes,
    flare_variant,
)
from backcoach.core.flare_state import (
    FlareStatus,
    end_flare_mode,
    flare_file,
    flare_status,
    start_flare_mode,
)
from backcoach.core.library import load_library, yaml_files
from backcoach.core.loader import load_routine
from backcoach.core.model import ExerciseStep, FlareRule, RestStep
from backcoach.core.plan import build_plan
from backcoach.core.settings import load_settings
from tests.helpers import hold, manual_reps, rest, routine

BUNDLED = yaml_files(paths.BUNDLED_ROUTINES)
PARIS = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 23, 8, 5, tzinfo=PARIS)


def load(write_routine, exercises, step: str):
    # A second step without a rule: a routine whose every step is skipped is refused.
    path = write_routine(
        f"title: Mine\nsteps:\n  - {step}\n  - {{exercise: pelvic-tilt, reps: 5}}\n"
    )
    return load_routine(path, exercises)


# -- reading rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "rule"),
    [
        ("{exercise: good-morning, reps: 10, flare: skip}", FlareRule(skip=True)),
        (
            "{exercise: stiff-legged-deadlift, sets: 3, reps: 10, load: 20 kg, "
            "flare: {sets: 2, reps: 8, load: 10 kg}}",
            FlareRule(sets=2, reps=8, load=Load(10.0, "kg")),
        ),
        (
            "{exercise: stiff-legged-deadlift, reps: 10, load: 20 kg, flare: {load: bodyweight}}",
            FlareRule(load=Load(None, "bodyweight")),
        ),
        ("{exercise: knee-to-chest, duration: 30s, flare: {duration: 20}}", FlareRule(duration=20)),
        (
            "{exercise: knee-to-chest, duration: 30s, flare: {duration: 30s}}",
            FlareRule(duration=30),
        ),
    ],
)
def test_the_loader_reads_each_shape_of_rule(write_routine, exercises, step, rule):
    loaded = load(write_routine, exercises, step)
    assert not loaded.problems.items, [str(p) for p in loaded.problems.items]
    assert loaded.routine.steps[0].flare == rule


def test_a_rule_may_name_another_exercise_from_the_library(write_routine, exercises):
    loaded = load(
        write_routine,
        exercises,
        "{exercise: good-morning, reps: 10, flare: {exercise: pelvic-tilt, reps: 5}}",
    )
    rule = loaded.routine.steps[0].flare
    assert rule.exercise == exercises["pelvic-tilt"] and rule.reps == 5


def test_a_step_without_a_rule_has_none(write_routine, exercises):
    loaded = load(write_routine, exercises, "{exercise: knee-to-chest, duration: 30s}")
    assert loaded.routine.steps[0].flare is None


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (
            "{exercise: knee-to-chest, duration: 30s, flare: }",
            "'flare' is empty; give it skip, or what to change",
        ),
        (
            "{exercise: knee-to-chest, duration: 30s, flare: 20s}",
            "'flare' of '20s' is not a rule; give it skip",
        ),
        (
            "{exercise: stiff-legged-deadlift, reps: 10, flare: {duration: 20s}}",
            "'duration' in a flare rule is for a timed step; this step has reps",
        ),
        (
            "{exercise: stiff-legged-deadlift, sets: 2, reps: 10, flare: {sets: 3}}",
            "'sets' here is more than the step's own 2; give at most 2",
        ),
        (
            "{exercise: stiff-legged-deadlift, reps: 10, flare: {reps: 12}}",
            "'reps' here is more than the step's own 10",
        ),
        (
            "{exercise: knee-to-chest, duration: 30s, flare: {duration: 1m}}",
            "'duration' here is more than the step's own 30",
        ),
        (
            "{exercise: stiff-legged-deadlift, reps: 10, flare: {load: 10 kg}}",
            "this step has no load to lighten",
        ),
        (
            "{exercise: good-morning, reps: 10, load: bodyweight, flare: {load: 5 kg}}",
            "a flare rule cannot add a load",
        ),
        (
            "{exercise: stiff-legged-deadlift, reps: 10, load: 20 kg, flare: {load: 30 lb}}",
            "write the flare load in kg",
        ),
        (
            "{exercise: stiff-legged-deadlift, reps: 10, flare: {exercise: 12}}",
            "reads as a number in YAML",
        ),
        (
            "{exercise: stiff-legged-deadlift, reps: 10, flare: {sets: 0}}",
            "'sets' must be more than zero",
        ),
    ],
)
def test_a_rule_that_is_not_gentler_or_not_a_rule_is_refused(
    write_routine, exercises, step, message
):
    loaded = load(write_routine, exercises, step)
    assert loaded.routine is None
    found = [p.message for p in loaded.problems.errors]
    assert any(message in text for text in found), found
    assert all(p.line == 3 for p in loaded.problems.errors)  # pinned to the step's line


def test_a_flare_rule_does_not_belong_on_a_rest(write_routine, exercises):
    path = write_routine(
        "title: Mine\nsteps:\n  - {exercise: knee-to-chest, duration: 30s}\n"
        "  - {rest: 30s, flare: skip}\n"
    )
    loaded = load_routine(path, exercises)
    assert loaded.routine is None


# -- the variant ---------------------------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_routine_has_a_gentler_variant_that_plans(path, exercises):
    original = load_routine(path, exercises, "bundled").routine
    variant = flare_variant(original)
    plan, usual = build_plan(variant), build_plan(original)

    assert variant.flare and not original.flare
    assert plan.work_segments(), "flare-up mode always leaves something to play"
    assert plan.total <= usual.total
    assert len(plan.work_segments()) <= len(usual.work_segments())
    assert not isinstance(variant.steps[0], RestStep)
    for before, after in zip(variant.steps, variant.steps[1:], strict=False):
        assert not (isinstance(before, RestStep) and isinstance(after, RestStep))
    for work in plan.work_segments():
        assert work.reps is None or work.reps >= 1
    kept = [s for s in original.steps if isinstance(s, ExerciseStep) and s.flare is None]
    assert all(step in variant.steps for step in kept), "steps without a rule play as they are"


def test_the_strength_variant_leaves_out_the_good_morning_and_lightens_the_rest():
    strength = load_library().find("strength").routine
    plan = build_plan(flare_variant(strength))
    exercises = {s.exercise.id for s in plan.work_segments()}
    assert exercises == {"stiff-legged-deadlift", "lying-leg-curl"}
    deadlifts = [s for s in plan.work_segments() if s.exercise.id == "stiff-legged-deadlift"]
    assert len(deadlifts) == 2 and {str(s.load) for s in deadlifts} == {"10 kg"}
    assert flare_changes(strength) == [
        "Stiff-legged deadlift: 2 sets, 8–12 reps, 10 kg (usually 3 sets, 8–12 reps, 20 kg)",
        "Good-morning: left out",
        "Lying leg curl: 2 sets, 8–12 reps, 10 kg (usually 3 sets, 8–12 reps, 15 kg)",
    ]


def test_the_stretches_are_held_for_less_time():
    stretches = load_library().find("stretch-and-extend").routine
    holds = [s for s in build_plan(flare_variant(stretches)).work_segments() if s.reps is None]
    assert holds and {s.seconds for s in holds} == {20}


def test_the_offered_routine_is_bundled():
    assert load_library().find(FLARE_OFFER).routine is not None


def test_a_rest_left_between_two_skipped_steps_goes_with_them():
    skipped = manual_reps(flare=FlareRule(skip=True))
    variant = flare_variant(routine(rest(10), hold(), rest(20), skipped, rest(30), hold(40)))
    assert variant.steps == (hold(), rest(20), hold(40))


def test_a_replacement_keeps_the_steps_numbers_unless_the_rule_changes_them(exercises):
    step = manual_reps(reps=10, sets=3, flare=FlareRule(exercise=exercises["pelvic-tilt"], reps=5))
    (gentler,) = flare_variant(routine(step)).steps
    assert (gentler.exercise.id, gentler.sets, gentler.reps) == ("pelvic-tilt", 3, 5)
    assert flare_changes(routine(step)) == [
        "Stiff-legged deadlift: Pelvic tilt instead",
        "Pelvic tilt: 3 sets, 5 reps (usually 3 sets, 10 reps)",
    ]
    single = hold(30, flare=FlareRule(duration=20))
    assert flare_changes(routine(single)) == ["Piriformis stretch: 20s (usually 30s)"]


def test_the_badge_leads_the_title_of_the_variant_only():
    mine = routine(hold(), title="Evening")
    assert badged_title(mine) == "Evening"
    assert badged_title(flare_variant(mine)) == "FLARE-UP · Evening"


# -- how long it lasts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "later", "on"),
    [
        (3, timedelta(0), True),
        (3, timedelta(days=2, hours=23, minutes=59), True),
        (3, timedelta(days=3), False),
        (3, timedelta(days=10), False),
        (1, timedelta(hours=23), True),
        (1, timedelta(hours=24), False),
        (3, -timedelta(hours=2), True),  # a clock set back: still on
    ],
)
def test_the_mode_lasts_its_days(days, later, on):
    assert FlareMode(MONDAY, days).active(MONDAY + later) is on


def test_the_mode_says_when_it_ends():
    mode = FlareMode(MONDAY, 3)
    assert mode.until_text() == "until Thu 26 Nov, 08:05"
    assert mode.ended_notice().startswith(
        "Flare-up mode ended on Thu 26 Nov, 08:05, after 3 days: routines are back to "
        "their usual plan."
    )


def test_the_start_is_kept_in_the_user_folder_and_the_end_is_said_once():
    assert flare_status(MONDAY).mode is None
    start_flare_mode(MONDAY)
    assert flare_file().parent == paths.user_home()
    assert flare_status(MONDAY + timedelta(days=1)).mode == FlareMode(MONDAY, 3)

    ended = flare_status(MONDAY + timedelta(days=3, minutes=1))
    assert ended.mode is None and ended.ended is not None and "Thu 26 Nov" in ended.ended
    assert flare_status(MONDAY + timedelta(days=4)) == flare_status(MONDAY) and not (
        flare_file().exists()
    )


def test_renewing_restarts_the_days_and_ending_switches_it_off():
    start_flare_mode(MONDAY)
    start_flare_mode(MONDAY + timedelta(days=2))
    assert flare_status(MONDAY + timedelta(days=4)).mode is not None
    end_flare_mode()
    assert flare_status(MONDAY + timedelta(days=4)) == flare_status(MONDAY)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "yesterday\n", "\x00\xff"])
def test_a_file_that_holds_no_time_counts_as_off(text):
    flare_file().parent.mkdir(parents=True, exist_ok=True)
    flare_file().write_text(text, encoding="latin-1")
    assert flare_status(MONDAY).mode is None


def test_a_folder_in_its_place_counts_as_off():
    flare_file().mkdir(parents=True)
    assert flare_status(MONDAY).mode is None


@pytest.mark.parametrize(
    "text", ["9999-12-31T23:59:00+00:00", "0001-01-01T00:00:00", "2090-01-01T08:00:00+01:00"]
)
def test_a_start_no_clock_could_have_written_counts_as_off_said_once(text):
    flare_file().parent.mkdir(parents=True, exist_ok=True)
    flare_file().write_text(text + "\n")
    status = flare_status(MONDAY)
    assert status.mode is None
    assert status.ended == (
        f"flare-mode.txt held a start backcoach cannot use ({text}), so flare-up mode is "
        "off. Switch it on again if the back needs it."
    )
    assert flare_status(MONDAY) == FlareStatus(None)  # said once: the file is gone


def test_a_start_read_without_forgetting_leaves_the_file():
    flare_file().parent.mkdir(parents=True, exist_ok=True)
    flare_file().write_text("9999-12-31T23:59:00+00:00\n")
    assert flare_status(MONDAY, forget_ended=False).mode is None
    assert flare_file().exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_its_place_counts_as_off_without_blocking_and_stays():
    flare_file().parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(flare_file())
    assert flare_status(MONDAY) == FlareStatus(None)
    assert flare_file().exists()  # not ours to remove


def test_the_days_are_a_setting():
    assert load_settings().flare_days == 3
    paths.settings_file().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file().write_text("flare_days: 5\n")
    assert load_settings().flare_days == 5
    paths.settings_file().write_text("flare_days: 30\n")
    settings = load_settings()
    assert settings.flare_days == 3
    assert "'flare_days: 30' is not a whole number from 1 to 14; using 3" in settings.problems[0]
