"""How the end of a routine is told: one rule for the finish screen, the voice and the
plain player's last line, so that none of them praises sets that were not done."""

from __future__ import annotations

import pytest

from backcoach.core.clock import FakeClock
from backcoach.core.plan import build_plan
from backcoach.core.session import Finished, Session
from backcoach.core.wording import Ending, ending, finish_words
from tests.helpers import hold, manual_reps, routine


@pytest.mark.parametrize(
    ("done", "total", "completed", "kind"),
    [
        (8, 8, True, Ending.ALL_DONE),
        (6, 8, True, Ending.SOME_SKIPPED),
        (1, 8, True, Ending.SOME_SKIPPED),
        (0, 8, True, Ending.ALL_SKIPPED),
        (3, 8, False, Ending.STOPPED),
        (0, 8, False, Ending.STOPPED_BEFORE_ANY),
        (1, 1, True, Ending.ALL_DONE),
    ],
)
def test_the_ending_is_what_happened(done, total, completed, kind):
    assert ending(done, total, completed) is kind


@pytest.mark.parametrize(
    ("done", "total", "completed", "heading", "spoken", "status"),
    [
        (8, 8, True, "Well done.", "Routine complete. Well done.", "Finished"),
        (
            6,
            8,
            True,
            "Finished, with 2 sets skipped.",
            "Routine complete, with 2 sets skipped.",
            "Finished, with 2 sets skipped",
        ),
        (
            7,
            8,
            True,
            "Finished, with 1 set skipped.",
            "Routine complete, with 1 set skipped.",
            "Finished, with 1 set skipped",
        ),
        (
            0,
            8,
            True,
            "Every set was skipped — that's fine.",
            "Routine over. Every set was skipped, and that's fine.",
            "Finished, every set skipped",
        ),
        (3, 8, False, "Stopped early — that's fine.", "Routine stopped.", "Stopped"),
        (
            0,
            8,
            False,
            "Stopped before any set was done — that's fine.",
            "Routine stopped.",
            "Stopped",
        ),
    ],
)
def test_the_screen_the_voice_and_the_plain_line_say_the_same_ending(
    done, total, completed, heading, spoken, status
):
    words = finish_words(done, total, completed)
    assert (words.heading, words.spoken, words.status) == (heading, spoken, status)


@pytest.mark.parametrize("done", [0, 1, 7])
def test_only_a_routine_with_every_set_done_is_praised(done):
    words = finish_words(done, 8, completed=True)
    assert "Well done" not in words.heading and "Well done" not in words.spoken
    assert finish_words(done, 8, completed=False).spoken == "Routine stopped."


def finished(session: Session) -> Finished:
    (event,) = [e for e in session.poll() if isinstance(e, Finished)]
    return event


def test_the_finished_event_counts_the_sets_done_of_all():
    clock = FakeClock()
    session = Session(build_plan(routine(manual_reps(10, sets=2), hold(30))), clock)
    session.start()
    session.next()  # the first set of reps is skipped
    session.done()
    clock.advance(100)  # the hold runs its time
    event = finished(session)
    assert (event.completed, event.sets_done, event.sets_total) == (True, 2, 3)


def test_a_stopped_routine_counts_only_what_was_done_before_the_stop():
    clock = FakeClock()
    session = Session(build_plan(routine(manual_reps(10, sets=3))), clock)
    session.start()
    session.done()
    session.stop()
    event = finished(session)
    assert (event.completed, event.sets_done, event.sets_total) == (False, 1, 3)
