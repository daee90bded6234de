"""Both players play through the one run flow, and each answers its requests as it
should: `play --plain` from typed lines, the app from its screens."""

from __future__ import annotations

import io
import queue

import pytest

from backcoach.coach.flow import Answer, AskCheckIn, Coach, FlareChoice, OfferFlare
from backcoach.core.backcheck import Reach, Reading
from backcoach.core.clock import FakeClock
from backcoach.core.plan import build_plan
from backcoach.core.settings import Settings
from backcoach.plain import CheckInAsker, PlainPort, run_plain
from backcoach.store import History, Phase
from backcoach.ui.app import BackcoachApp
from backcoach.ui.dialogs.checkin import CheckInScreen
from backcoach.ui.screens.player import PlayerScreen
from tests.helpers import RecordingCues, manual_reps, routine

PLAN = build_plan(routine(manual_reps(3), title="Quick"))


@pytest.fixture
def runs(monkeypatch):
    """Every run flow started, by the title of its first run."""
    started: list[str] = []
    original = Coach.run

    def run(self, first, later_check_first=False):
        started.append(first.plan.routine.title)
        return original(self, first, later_check_first)

    monkeypatch.setattr(Coach, "run", run)
    return started


def test_play_plain_plays_through_the_flow(runs, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))  # not a terminal: no check-ins
    assert run_plain(PLAN, sound=False, speed=50) == 0
    assert runs == ["Quick"]
    assert "Finished: Quick, 1 of 1 sets done" in capsys.readouterr().out


async def test_the_app_plays_through_the_flow(runs, tmp_path):
    app = BackcoachApp(
        PLAN,
        clock_factory=FakeClock,
        cues=RecordingCues(),
        settings=Settings(notice_accepted=True, checkins=True),
        save=lambda _: None,
        history=History(tmp_path / "history.sqlite3"),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert runs == ["Quick"]
        assert isinstance(app.screen, CheckInScreen)  # the flow's first question
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


def plain_port(*typed: str) -> tuple[PlainPort, io.StringIO]:
    lines: queue.Queue[str | None] = queue.Queue()
    for line in typed:
        lines.put(line + "\n")
    lines.put(None)
    out = io.StringIO()
    return PlainPort(lines, CheckInAsker(lines, out), lambda _: None, 3), out  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "choice"),
    [
        ("", FlareChoice.GENTLER),  # Enter, out of habit, is the gentler way, as in the app
        ("f", FlareChoice.GENTLER),
        ("s", FlareChoice.START),
        ("q", FlareChoice.STOP),
        ("\x1b", FlareChoice.STOP),
    ],
)
def test_plain_answers_the_flare_offer_from_a_typed_line(typed, choice):
    port, out = plain_port(typed)
    assert port.offer_flare(OfferFlare("Your back pain is 8 out of 10.")) is choice
    assert "Your back pain is 8 out of 10." in out.getvalue()


def test_plain_answers_a_check_in_and_says_where_the_symptoms_went():
    port, out = plain_port("2", "1", "0")
    before = Reading(2, 1, Reach.THIGH)
    request = AskCheckIn("Check-in after Quick", Phase.AFTER, before)
    assert port.ask_checkin(request) == Answer(Reading(2, 1, Reach.NONE))
    assert "Check-in after Quick: how do your back and leg feel now?" in out.getvalue()
    assert "moved up and out of the leg" in out.getvalue()


def test_plain_says_not_starting_when_a_warning_sign_applies():
    port, _ = plain_port("r", "y", "no")
    answer = port.ask_checkin(AskCheckIn("Check-in before Quick", Phase.BEFORE))
    assert answer == Answer(None, go_on=False)
