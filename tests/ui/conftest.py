from __future__ import annotations

import pytest

from backcoach.core.clock import FakeClock
from backcoach.core.library import load_library
from backcoach.core.settings import Settings
from backcoach.ui.app import BackcoachApp
from tests.helpers import RecordingCues


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def cues():
    return RecordingCues()


@pytest.fixture
def make_app(clock, cues):
    saved = []

    def make(plan=None, accepted=True, library=None, checkins=False, history=None, now=None):
        # Check-ins are off unless a test is about them: they would sit over every start.
        app = BackcoachApp(
            plan,
            clock_factory=lambda: clock,
            cues=cues,
            library_loader=(lambda: library) if library else load_library,
            settings=Settings(notice_accepted=accepted, checkins=checkins),
            save=saved.append,
            history=history,
            now=now,
        )
        app.saved = saved
        return app

    return make


@pytest.fixture
def plan_of():
    from backcoach.core.plan import build_plan

    def plan_of(routine_id: str):
        return build_plan(load_library().find(routine_id).routine)

    return plan_of
