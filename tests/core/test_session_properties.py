"""Properties that must hold for any routine: events land exactly on the plan's offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.core.clock import FakeClock
from backcoach.core.model import ExerciseStep, RestStep, Routine
from backcoach.core.plan import build_plan
from backcoach.core.session import Finished, Started
from tests.helpers import PIRIFORMIS, PRESS_UP

sides = st.sampled_from([(), ("left",), ("left", "right"), ("right", "left", "right")])
timed = st.builds(
    ExerciseStep,
    exercise=st.just(PIRIFORMIS),
    duration=st.integers(1, 120),
    sets=st.integers(1, 4),
    sides=sides,
    rest=st.integers(0, 60),
    prep=st.integers(0, 10),
    switch=st.integers(0, 10),
    countdown=st.integers(0, 5),
)
counted = st.builds(
    ExerciseStep,
    exercise=st.just(PRESS_UP),
    reps=st.integers(1, 20),
    tempo=st.integers(1, 6),
    sets=st.integers(1, 3),
    sides=sides,
    rest=st.integers(0, 30),
)
steps = st.lists(
    st.one_of(timed, counted, st.builds(RestStep, st.integers(1, 60))), min_size=1, max_size=6
)


@settings(max_examples=150, deadline=None)
@given(steps=steps, poll_every=st.floats(0.05, 40))
def test_events_fall_on_plan_offsets_whatever_the_polling(steps, poll_every):
    plan = build_plan(Routine("r", "R", tuple(steps)))
    if not plan.segments:
        return
    clock = FakeClock()
    from backcoach.core.session import Session

    session = Session(plan, clock)
    session.start()
    events = []
    while not session.finished:
        events += session.poll()
        clock.advance(poll_every)
    events += session.poll()

    starts = [e for e in events if isinstance(e, Started)]
    assert [e.segment.position for e in starts] == list(range(len(plan.segments)))
    assert [e.at for e in starts] == [s.offset for s in plan.segments]
    for event in events:
        if event.segment is not None and not isinstance(event, Finished):
            assert event.segment.offset <= event.at <= event.segment.offset + event.segment.seconds
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert events[-1].at == plan.total == sum(s.seconds for s in plan.segments)
