"""Progression through the real entry point: a user's routine with a rep range and a load
step, played with `play --plain`, checked in on, and proposed heavier next time."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest

from backcoach.core.progression import Verdict
from backcoach.progress import proposals
from backcoach.store import History
from backcoach.store.csvio import EXTRA_COLUMNS
from tests.store.builders import at, entry
from tests.ui.test_progression import PLAN, last_session

LIFT = """\
title: My lift
steps:
  - exercise: stiff-legged-deadlift
    sets: 3
    reps: 8-12
    load: 20 kg
    progress: 2.5 kg
"""


@pytest.fixture
def lift(isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "lift.yaml").write_text(LIFT, encoding="utf-8")
    return "lift"


def check_in(home, back: int, leg: int, reach: str, at: datetime) -> None:
    """A check-in as `backcoach checkin` or the app's check-in screen writes it."""
    with History(home / "history.sqlite3") as history:
        history.add_checkin(back, leg, reach, at=at)


def now() -> datetime:
    return datetime.now().astimezone()


def next_morning() -> datetime:
    return (now() + timedelta(days=1)).replace(hour=7, minute=30)


def sets_of_last_session(run) -> list[tuple[int, str]]:
    entries = json.loads(run("history", "--json").stdout)
    sessions = [e for e in entries if e.get("kind", "session") == "session"]
    return [(s["reps"], s["load"]) for s in sessions[-1]["sets"]]


def play_all_at_twelve(run, lift, isolated_home, *, later: tuple[int, int, str]):
    check_in(isolated_home, 2, 1, "buttock", now() - timedelta(minutes=1))
    played = run("play", lift, "--plain", "--no-sound", stdin="12\n12\n12\n")
    assert played.returncode == 0, played.stderr
    check_in(isolated_home, *later, next_morning())  # the later check
    return played


def test_typed_reps_are_what_the_history_keeps(run, lift):
    played = run("play", lift, "--plain", "--no-sound", stdin="12\n\n0\n")
    assert played.returncode == 0
    assert "(type the reps you did first; Enter alone records 8)" in played.stdout
    assert "set 1 of 3 done, 12 reps" in played.stdout
    assert "set 2 of 3 done, 8 reps" in played.stdout
    assert "no reps: the set is kept as skipped" in played.stdout
    assert sets_of_last_session(run) == [(12, "20 kg"), (8, "20 kg"), (0, "20 kg")]


def test_words_typed_for_reps_are_explained_and_the_set_waits(run, lift):
    played = run("play", lift, "--plain", "--no-sound", stdin="twelve\n12\n10\n9\n")
    assert "'twelve' is not a number of reps; type one such as 12, or just press Enter" in (
        played.stdout
    )
    assert sets_of_last_session(run) == [(12, "20 kg"), (10, "20 kg"), (9, "20 kg")]


def test_all_sets_at_the_top_and_the_back_the_same_proposes_the_heavier_load(
    run, lift, isolated_home
):
    play_all_at_twelve(run, lift, isolated_home, later=(2, 1, "buttock"))

    shown = run("show", lift)
    assert shown.returncode == 0
    assert "Next session's load:" in shown.stdout
    assert re.search(
        r"Stiff-legged deadlift: All sets 12 reps, back the same [a-z -]+ → 22\.5 kg", shown.stdout
    )
    data = json.loads(run("show", lift, "--json").stdout)
    assert data["next_loads"][0]["load"] == "20 kg"
    assert data["next_loads"][0]["proposed"] == "22.5 kg"


def test_enter_takes_the_heavier_load_and_the_next_time_builds_on_it(run, lift, isolated_home):
    play_all_at_twelve(run, lift, isolated_home, later=(2, 1, "buttock"))

    # Enter takes the heavier load; every set of the run is then lifted at it.
    played = run("play", lift, "--plain", "--no-sound", stdin="\n12\n11\n10\n")
    assert (
        "Stiff-legged deadlift: lift 22.5 kg today? y or Enter: yes; n: keep 20 kg" in played.stdout
    )
    assert "Today: Stiff-legged deadlift at 22.5 kg." in played.stdout
    assert "Stiff-legged deadlift, 8–12 reps, 22.5 kg (set 1 of 3)" in played.stdout
    assert sets_of_last_session(run) == [(12, "22.5 kg"), (11, "22.5 kg"), (10, "22.5 kg")]

    # Next time starts from 22.5 kg: not every set reached 12, so it stays there.
    shown = run("show", lift)
    assert "Last time 12, 11, 10 reps: 22.5 kg until every set reaches 12" in shown.stdout


def test_a_run_stopped_before_any_set_never_takes_the_load_back(run, lift, isolated_home):
    play_all_at_twelve(run, lift, isolated_home, later=(2, 1, "buttock"))
    run("play", lift, "--plain", "--no-sound", stdin="\n12\n11\n10\n")  # at 22.5 kg
    # Started, then stopped at once: stdin closed before the first set's Enter counts it
    # as skipped, so the run records the exercise with no set done.
    run("play", lift, "--plain", "--no-sound", stdin="0\n0\n0\n")
    shown = run("show", lift)
    assert "22.5 kg until every set reaches 12" in shown.stdout
    assert "20 kg" not in shown.stdout.split("Cautions")[0].split("Last time")[-1]


def test_n_keeps_the_old_load(run, lift, isolated_home):
    play_all_at_twelve(run, lift, isolated_home, later=(1, 1, "buttock"))
    played = run("play", lift, "--plain", "--no-sound", stdin="n\n12\n12\n12\n")
    assert "Keeping 20 kg." in played.stdout
    assert sets_of_last_session(run) == [(12, "20 kg")] * 3


def test_a_worse_later_check_holds_the_load_and_says_why(run, lift, isolated_home):
    play_all_at_twelve(run, lift, isolated_home, later=(2, 4, "knee"))

    shown = run("show", lift)
    assert re.search(
        r"Stiff-legged deadlift: Your pain was worse [a-z -]+ than before the last session: "
        r"the load waits at 20 kg",
        shown.stdout,
    )
    played = run("play", lift, "--plain", "--no-sound", stdin="12\n12\n12\n")
    assert "the load waits at 20 kg." in played.stdout
    assert "today? y or Enter" not in played.stdout
    assert sets_of_last_session(run) == [(12, "20 kg")] * 3


def test_without_a_later_check_the_load_waits_for_one(run, lift, isolated_home):
    check_in(isolated_home, 2, 1, "buttock", now() - timedelta(minutes=1))
    run("play", lift, "--plain", "--no-sound", stdin="12\n12\n12\n")
    shown = run("show", lift)
    assert "no check-in since then to say how your back took it: 20 kg for now" in shown.stdout


def test_a_closed_stdin_keeps_the_old_load(run, lift, isolated_home):
    play_all_at_twelve(run, lift, isolated_home, later=(2, 1, "buttock"))
    played = run("play", lift, "--plain", "--no-sound", "--speed", "1000", stdin="")
    assert played.returncode == 0
    assert "No answer: keeping 20 kg." in played.stdout


def test_show_of_a_routine_without_a_load_step_never_opens_the_history(run, isolated_home):
    shown = run("show", "stretch-and-extend")
    assert shown.returncode == 0 and "Next session's load" not in shown.stdout
    assert not (isolated_home / "history.sqlite3").exists()


# -- which session and which check-ins the proposal reads (in-process, on a temporary store) --


def test_the_proposal_reads_the_routines_latest_real_session(tmp_path):
    history, plan = History(tmp_path / "history.sqlite3"), PLAN
    last_session(history)  # Tuesday: all at 12, back the same the next morning
    practice = history.start_session(plan, practice=True, at=at(18, 19))
    history.record_set(practice, entry(1, reps=3), at=at(18, 19))
    history.finish_session(practice, at=at(18, 20))

    (proposal,) = proposals(history, plan.routine, today=at(19).date())
    assert proposal.verdict is Verdict.RAISE and str(proposal.proposed) == "22.5 kg"
    assert proposals(history, plan.routine, flare=True, today=at(19).date())[0].proposed is None


@pytest.mark.parametrize(
    ("checks", "verdict"),
    [
        # A check-in recorded as the session's later check wins over a diary entry.
        ([("later", 2, 1, "buttock", 18, 9), (None, 6, 6, "foot", 18, 8)], "raise"),
        # The first check-in after the session is its later check: the worse one came first.
        ([(None, 5, 1, "buttock", 18, 8), (None, 2, 1, "buttock", 18, 9)], "worse later"),
        # A diary entry the next evening counts, too (`backcoach checkin`).
        ([(None, 2, 1, "none", 18, 20)], "raise"),
        # The check right after the session, if worse, holds it however the morning went.
        ([("after", 2, 4, "buttock", 17, 19), (None, 2, 1, "buttock", 18, 8)], "worse after"),
        ([], "no check"),
    ],
)
def test_the_later_check_is_the_first_after_the_session(tmp_path, checks, verdict):
    history, plan = History(tmp_path / "history.sqlite3"), PLAN
    last_session(history, later=None)
    (tuesday,) = history.recent_sessions(1)
    for phase, back, leg, reach, day, hour in checks:
        linked = tuesday.id if phase in ("later", "after") else None
        history.add_checkin(
            back,
            leg,
            reach,
            session=linked,
            phase=phase,
            at=at(day, hour),
        )
    (proposal,) = proposals(history, plan.routine, today=at(19).date())
    assert proposal.verdict.value == verdict


def test_the_top_of_a_range_is_part_of_the_plans_identity():
    from dataclasses import replace

    from backcoach.core.plan import build_plan
    from backcoach.store import plan_fingerprint
    from tests.helpers import routine

    (step,) = PLAN.routine.steps
    narrower = build_plan(routine(replace(step, reps_top=11)))  # 8-11: planned as long
    assert narrower.total == PLAN.total
    assert plan_fingerprint(narrower) != plan_fingerprint(PLAN)


def test_a_worse_checkin_right_after_a_session_is_its_after_check_and_holds_the_load(run, lift):
    assert run("checkin", "--back", "2", "--leg", "1", "--reach", "buttock").returncode == 0
    assert run("play", lift, "--plain", "--no-sound", stdin="12\n12\n12\n").returncode == 0
    after = run("checkin", "--back", "2", "--leg", "4", "--reach", "knee")
    assert after.returncode == 0
    assert "It counts as the after check of My lift" in after.stdout

    shown = run("show", lift)
    assert "Your pain was worse right after the last session: the load waits at 20 kg" in (
        shown.stdout
    )
    played = run("play", lift, "--plain", "--no-sound", stdin="12\n12\n12\n")
    assert "the load waits at 20 kg." in played.stdout
    assert "today? y or Enter" not in played.stdout


def test_a_checkin_minutes_after_a_session_never_raises_the_load(run, lift):
    """The load rose twice in one morning when a check-in typed seconds after a session
    counted as its later check: sciatic pain often comes back hours later."""
    assert run("checkin", "--back", "2", "--leg", "1", "--reach", "buttock").returncode == 0
    assert run("play", lift, "--plain", "--no-sound", stdin="12\n12\n12\n").returncode == 0
    quick = run("checkin", "--back", "2", "--leg", "1", "--reach", "buttock")
    assert "It counts as the after check of My lift" in quick.stdout

    shown = run("show", lift)
    assert (
        "no check-in since then to say how your back took it: 20 kg for now "
        "(a check-in tomorrow, or 8 hours after it, lets it go up)"
    ) in shown.stdout
    played = run("play", lift, "--plain", "--no-sound", stdin="12\n12\n12\n")
    assert "today? y or Enter" not in played.stdout
    assert sets_of_last_session(run) == [(12, "20 kg")] * 3


def yesterdays_session(home, lift: str) -> None:
    """Yesterday's session of the routine, every set at the top, with a check before it."""
    from backcoach.core.library import load_library
    from backcoach.core.plan import build_plan

    loaded = load_library().find(lift)
    assert loaded is not None and loaded.routine is not None
    plan = build_plan(loaded.routine)
    ended = now() - timedelta(days=1)
    with History(home / "history.sqlite3") as history:
        history.add_checkin(2, 1, "buttock", at=ended - timedelta(minutes=30))
        session = history.start_session(plan, at=ended - timedelta(minutes=20))
        for work in plan.work_segments():
            history.record_set(session, entry(work.position, reps=12), at=ended)
        history.finish_session(session, at=ended)


def test_a_checkin_the_next_day_raises_the_load_once(run, lift, isolated_home):
    yesterdays_session(isolated_home, lift)
    later = run("checkin", "--back", "2", "--leg", "1", "--reach", "buttock")
    assert "It counts as the later check of My lift" in later.stdout
    assert "→ 22.5 kg" in run("show", lift).stdout

    played = run("play", lift, "--plain", "--no-sound", stdin="\n12\n12\n12\n")
    assert "Today: Stiff-legged deadlift at 22.5 kg." in played.stdout
    # Straight after this session at 22.5 kg, another check-in is its after check: the
    # load stays at 22.5 kg until a check-in tomorrow says how the back took it.
    again = run("checkin", "--back", "2", "--leg", "1", "--reach", "buttock")
    assert "It counts as the after check of My lift" in again.stdout
    shown = run("show", lift).stdout
    assert "no check-in since then to say how your back took it: 22.5 kg for now" in shown
    assert "25 kg" not in shown


def test_in_flare_up_mode_the_heavier_load_never_comes(run, lift, isolated_home):
    play_all_at_twelve(run, lift, isolated_home, later=(2, 1, "buttock"))
    shown = run("show", lift, "--flare")
    assert "Stiff-legged deadlift: Flare-up mode: the load stays at 20 kg" in shown.stdout
    played = run("play", lift, "--plain", "--no-sound", "--flare", stdin="12\n12\n12\n")
    assert played.returncode == 0
    assert "today? y or Enter" not in played.stdout
    assert sets_of_last_session(run) == [(12, "20 kg")] * 3
    # The mode is on now: a plain `show` reads the gentler plan, and proposes nothing.
    assert "Flare-up mode: the load stays at 20 kg" in run("show", lift).stdout
    # Once it is over, the flare-up session is no base: the usual one before it still is.
    (isolated_home / "flare-mode.txt").unlink()
    assert re.search(
        r"All sets 12 reps, back the same [a-z -]+ → 22\.5 kg", run("show", lift).stdout
    )


def test_after_a_long_break_the_routines_own_load_is_the_start_again(tmp_path):
    from backcoach.core.progression import BREAK_AFTER

    history = History(tmp_path / "history.sqlite3")
    last_session(history)  # Tuesday 17 November
    just_within = (at(17) + BREAK_AFTER).date()
    assert proposals(history, PLAN.routine, today=just_within)[0].verdict is Verdict.RAISE
    too_long = just_within + timedelta(days=1)
    (proposal,) = proposals(history, PLAN.routine, today=too_long)
    assert proposal.verdict is Verdict.BREAK and str(proposal.current) == "20 kg"
    assert proposal.reason.startswith("Last done on Tue 17 Nov 2026, more than 8 weeks ago")


def test_an_exercise_skipped_last_time_keeps_the_load_last_lifted(tmp_path):
    from backcoach.core.plan import build_plan
    from backcoach.core.session import Outcome
    from tests.helpers import hold, routine
    from tests.ui.test_progression import STEP

    plan = build_plan(routine(STEP, hold(30)))
    deadlifts = [s.position for s in plan.work_segments() if s.exercise.id == STEP.exercise.id]
    stretch = next(s.position for s in plan.work_segments() if s.exercise.id != STEP.exercise.id)
    history = History(tmp_path / "history.sqlite3")
    lifted = history.start_session(plan, at=at(16, 18))
    for position in deadlifts:
        history.record_set(lifted, entry(position, reps=10, load="25 kg"), at=at(16, 18))
    history.finish_session(lifted, at=at(16, 19))
    # Two days later every deadlift set was skipped, but the stretch was done.
    skipped = history.start_session(plan, at=at(18, 18))
    for position in deadlifts:
        history.record_set(skipped, entry(position, reps=0, outcome=Outcome.SKIPPED), at=at(18, 18))
    history.record_set(
        skipped, entry(stretch, exercise="x", name="Stretch", reps=None, load=None), at=at(18, 18)
    )
    history.finish_session(skipped, at=at(18, 19))

    (proposal,) = proposals(history, plan.routine, today=at(19).date())
    assert proposal.verdict is Verdict.SHORT
    assert str(proposal.current) == "25 kg"


def test_a_rep_range_reads_8_to_12_everywhere_and_the_history_keeps_it(run, lift, isolated_home):
    shown = run("show", lift)
    assert "Stiff-legged deadlift, 8–12 reps, 20 kg (set 1 of 3)" in shown.stdout
    played = run("play", lift, "--plain", "--no-sound", stdin="12\n6\n\n")
    assert "Stiff-legged deadlift, 8–12 reps, 20 kg (set 1 of 3)" in played.stdout
    entries = json.loads(run("history", "--json").stdout)
    sets = entries[-1]["sets"]
    assert [(s["reps"], s["planned_reps"], s["planned_reps_top"]) for s in sets] == [
        (12, 8, 12),
        (6, 8, 12),
        (8, 8, 12),  # Enter alone: the bottom of the range
    ]
    csv_text = run("history", "--csv").stdout
    header, *rows = csv_text.splitlines()
    assert header.split(",")[-1 - len(EXTRA_COLUMNS)] == "planned_reps_top"
    tail = 1 + len(EXTRA_COLUMNS)
    assert [row.rsplit(",", tail)[1] for row in rows if ",set," in row] == ["12", "12", "12"]


def test_sets_below_the_range_twice_propose_a_lighter_load_with_the_reason(run, lift):
    for _ in range(2):
        assert run("play", lift, "--plain", "--no-sound", stdin="6\n7\n6\n").returncode == 0
    reason = "A set fell below 8 reps in each of the last two sessions: 20 kg → 17.5 kg"
    assert reason in run("show", lift).stdout
    played = run("play", lift, "--plain", "--no-sound", stdin="\n8\n8\n8\n")
    assert f"Stiff-legged deadlift: {reason}." in played.stdout
    assert "Stiff-legged deadlift: lift 17.5 kg today? y or Enter: yes; n: keep 20 kg" in (
        played.stdout
    )
    assert sets_of_last_session(run) == [(8, "17.5 kg")] * 3


def test_two_worse_mornings_propose_a_lighter_load(run, lift, isolated_home):
    from backcoach.core.library import load_library
    from backcoach.core.plan import build_plan

    entry_found = load_library().find(lift)
    assert entry_found is not None and entry_found.routine is not None
    plan = build_plan(entry_found.routine)
    today = now().replace(hour=12, minute=0, second=0, microsecond=0)
    with History(isolated_home / "history.sqlite3") as history:
        for days_ago in (4, 2):
            evening = today - timedelta(days=days_ago) + timedelta(hours=6)
            history.add_checkin(2, 1, "buttock", at=evening - timedelta(minutes=5))
            session = history.start_session(plan, at=evening)
            for segment in plan.work_segments():
                history.record_set(session, entry(segment.position, reps=12), at=evening)
            history.finish_session(session, at=evening + timedelta(minutes=20))
            morning = evening + timedelta(hours=13)
            history.add_checkin(2, 4, "knee", at=morning)  # leg +3 and spreading: worse
    shown = run("show", lift).stdout
    assert (
        "Your pain was worse next morning after each of the last two sessions: 20 kg → 17.5 kg"
    ) in shown
    played = run("play", lift, "--plain", "--no-sound", stdin="n\n12\n12\n12\n")
    assert "Keeping 20 kg." in played.stdout
    assert sets_of_last_session(run) == [(12, "20 kg")] * 3


TWO_LIFTS = """\
title: Two lifts
steps:
  - exercise: stiff-legged-deadlift
    reps: 8-12
    load: 20 kg
    progress: 2.5 kg
  - exercise: lying-leg-curl
    reps: 8-12
    load: 15 kg
    progress: 2.5 kg
"""


def test_each_exercise_s_new_load_is_taken_or_kept_on_its_own(run, isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "two.yaml").write_text(TWO_LIFTS, encoding="utf-8")
    check_in(isolated_home, 2, 1, "buttock", now() - timedelta(minutes=1))
    assert run("play", "two", "--plain", "--no-sound", stdin="12\n12\n").returncode == 0
    check_in(isolated_home, 2, 1, "buttock", next_morning())
    played = run("play", "two", "--plain", "--no-sound", stdin="y\nn\n12\n12\n")
    assert "Stiff-legged deadlift: lift 22.5 kg today? y or Enter: yes; n: keep 20 kg" in (
        played.stdout
    )
    assert "Lying leg curl: lift 17.5 kg today? y or Enter: yes; n: keep 15 kg" in played.stdout
    assert sets_of_last_session(run) == [(12, "22.5 kg"), (12, "15 kg")]


def test_a_number_of_reps_that_looks_like_a_slip_is_asked_about(run, lift):
    played = run("play", lift, "--plain", "--no-sound", stdin="9999\n12\n999\ny\n\n")
    assert "9999 reps, for a set of 8–12? Type y and Enter to keep 9999" in played.stdout
    assert "999 reps, for a set of 8–12? Type y and Enter to keep 999" in played.stdout
    assert sets_of_last_session(run) == [(12, "20 kg"), (999, "20 kg"), (8, "20 kg")]
