"""The last words spoken fit what happened: praise only when every set was done."""

from __future__ import annotations

import pytest

from backcoach.audio.cues import TOP, cue_for
from backcoach.core.clock import FakeClock
from backcoach.core.plan import build_plan
from backcoach.core.session import Finished, Session
from tests.helpers import manual_reps, routine


def last_words(*moves: str) -> str | None:
    """Start a routine of three sets of reps, say each set done ('done') or skip it
    ('next'), stop with 'stop', and return what the end cue says."""
    clock = FakeClock()
    session = Session(build_plan(routine(manual_reps(10, sets=3))), clock)
    session.start()
    for move in moves:
        clock.advance(5)
        getattr(session, move)()
    (end,) = [e for e in session.poll() if isinstance(e, Finished)]
    cue = cue_for(end)
    assert cue is not None and cue.sound == "end" and cue.priority == TOP
    return cue.speech


@pytest.mark.parametrize(
    ("moves", "speech"),
    [
        (("done", "done", "done"), "Routine complete. Well done."),
        (("done", "next", "done"), "Routine complete, with 1 set skipped."),
        (("next", "next", "done"), "Routine complete, with 2 sets skipped."),
        (("next", "next", "next"), "Routine over. Every set was skipped, and that's fine."),
        (("done", "stop"), "Routine stopped."),
        (("stop",), "Routine stopped."),
    ],
    ids=["all done", "one skipped", "two skipped", "all skipped", "stopped", "stopped at once"],
)
def test_the_end_cue_says_what_happened(moves, speech):
    assert last_words(*moves) == speech
