"""What `play --plain` says about last time, in-process: which sets, and from which session."""

from __future__ import annotations

import io
from datetime import date

from backcoach.core.clock import FakeClock
from backcoach.core.durations import parse_load
from backcoach.core.plan import build_plan
from backcoach.core.session import Outcome
from backcoach.plain import PlainPlayer
from backcoach.progress import last_times
from backcoach.store import History
from tests.helpers import DEADLIFT, PIRIFORMIS, PRESS_UP, hold, manual_reps, routine, tempo_reps
from tests.store.builders import at, entry

KG20 = parse_load("20 kg")


def played(plan, known: dict[str, str]) -> list[str]:
    out = io.StringIO()
    player = PlainPlayer(plan, FakeClock(), out, last_times=known)
    player.workout.start()
    player.workout.poll()
    while not player.workout.finished:
        segment = player.workout.state().segment
        if segment is not None and segment.waits_for_user:
            player.workout.done()
        player.clock.advance(1)
        player.workout.poll()
    return out.getvalue().splitlines()


def test_last_time_comes_once_at_the_first_set_of_each_counted_or_loaded_step():
    plan = build_plan(
        routine(
            manual_reps(10, sets=3, load=KG20, rest=5),
            hold(5, sides=("left", "right")),  # a hold without a load: nothing to compare
            tempo_reps(2, tempo=1, sets=2),
            manual_reps(8, sets=1),  # the same exercise again, in a step of its own
        )
    )
    known = {DEADLIFT.id: "10 reps · today", PIRIFORMIS.id: "never shown", PRESS_UP.id: "2 reps"}
    lines = played(plan, known)
    said = [(index, line) for index, line in enumerate(lines) if "Last time" in line]
    assert [line.split("Last time: ")[1] for _, line in said] == [
        "10 reps · today",
        "2 reps",
        "10 reps · today",
    ]
    previous = [lines[index - 1].split("] ", 1)[1] for index, _ in said]
    assert [text.split(",")[0] for text in previous] == [
        "Stiff-legged deadlift",
        "Prone press-up",
        "Stiff-legged deadlift",
    ]
    assert all("(set 1 of" in text or "(set" not in text for text in previous)


def test_last_times_leave_out_practice_and_skipped_sets_and_say_the_day(isolated_home):
    history = History(isolated_home / "history.sqlite3")
    plan = build_plan(routine(manual_reps(10, sets=3, load=KG20), hold(30)))
    real = history.start_session(plan, at=at(17))
    history.record_set(real, entry(0, reps=10), at=at(17, 18, 1))
    history.record_set(real, entry(1, reps=0, outcome=Outcome.SKIPPED), at=at(17, 18, 2))
    history.record_set(real, entry(2, reps=8, load="22.5 kg"), at=at(17, 18, 3))
    history.finish_session(real, at=at(17, 18, 4))
    practice = history.start_session(plan, practice=True, at=at(19))
    history.record_set(practice, entry(0, reps=12), at=at(19, 18, 1))
    history.finish_session(practice, at=at(19, 18, 2))

    assert last_times(history, plan, today=date(2026, 11, 20)) == {
        DEADLIFT.id: "10 at 20 kg, 8 at 22.5 kg · Tue 17 Nov"
    }
    history.close()


def test_no_history_means_no_last_time_and_no_file(isolated_home):
    plan = build_plan(routine(manual_reps(10)))
    assert last_times(History(isolated_home / "history.sqlite3"), plan) == {}
    assert not (isolated_home / "history.sqlite3").exists()
