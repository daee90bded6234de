"""A stream of random keys and resizes must never crash, hang or strand the app.

Each seed drives the library or the player with keys a person (or a cat) could press, in
bursts of one to four that arrive before the app has handled the first (as fast fingers
send them: that is how a second Enter met a closing palette), advancing a fake clock
between bursts so routines run, rest and finish, and resizing the terminal between 30×8
and 160×45. A run passes when no exception escapes, the app never
shows a finished player, and at the end it still answers: it draws, and a key still moves
it. When the app quits (q, then y), a new one carries on with the rest of the keys.

A failure names its seed; `pytest tests/ui/test_fuzz.py -k "library-7"` replays it.
"""

from __future__ import annotations

import asyncio
import random
import string

import pytest
from textual import events
from textual.command import CommandPalette

from backcoach.core.clock import FakeClock
from backcoach.core.library import load_library
from backcoach.core.plan import Plan, build_plan
from backcoach.core.settings import Settings
from backcoach.ui.app import BackcoachApp
from backcoach.ui.guards import Dialog
from backcoach.ui.screens.finish import FinishScreen
from backcoach.ui.screens.library import LibraryScreen
from backcoach.ui.screens.player import PlayerScreen
from tests.helpers import RecordingCues, hold, manual_reps, rest, routine, tempo_reps

NAMED_KEYS = [
    "enter",
    "escape",
    "space",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "tab",
    "shift+tab",
    "backspace",
    "ctrl+p",
    "question_mark",
    "plus",
    "q",
    "y",
    "n",
    "p",
    "e",
    "m",
]
PRINTABLE = string.ascii_lowercase + string.digits + "[]/@=' -.?+N"
WEIGHTS = {"enter": 6, "escape": 4, "n": 3, "space": 2, "q": 0.5}
"""Enter, Escape and n move between screens; q is rare so that runs are long."""

SIZES = (30, 160), (8, 45)
STEPS = [0, 0, 0.5, 1, 3, 10, 40, 120]
"""Seconds of fake time between two keys: often none, sometimes a whole rest."""

USER_ROUTINES = {
    "odd.yaml": 'title: "Rehab [new [@click=app.bell()]x[/]"\ntags: ["[b]"]\nsteps:\n'
    "  - exercise: prone-press-up\n    reps: 3\n  - rest: 5s\n"
    "  - exercise: supine-piriformis-stretch\n    duration: 5s\n    sides: both\n",
    "broken.yaml": "title: Broken [/]\nsteps:\n  - exercise: '[/]'\n    reps: 5\n",
}


def short_plans() -> list[Plan]:
    return [
        build_plan(routine(hold(5, prep=2, sides=("left", "right"), sets=2, rest=3))),
        build_plan(routine(manual_reps(3, sets=2, rest=4), rest(5), tempo_reps(3, tempo=1))),
        build_plan(load_library().find("desk-break").routine),  # type: ignore[union-attr]
    ]


def choose_key(rnd: random.Random) -> str:
    if rnd.random() < 0.3:
        return rnd.choice(PRINTABLE)
    return rnd.choices(NAMED_KEYS, [WEIGHTS.get(k, 1) for k in NAMED_KEYS])[0]


CHARACTERS = {
    "enter": "\r",
    "escape": "\x1b",
    "space": " ",
    "tab": "\t",
    "backspace": "\x7f",
    "question_mark": "?",
    "plus": "+",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "at": "@",
    "equals_sign": "=",
    "apostrophe": "'",
    "minus": "-",
    "full_stop": ".",
}
NAMES = {character: name for name, character in CHARACTERS.items()}


def key_event(key: str) -> events.Key:
    """The event a terminal's key press becomes: `a`, or `question_mark` with its `?`."""
    if len(key) == 1:
        return events.Key(NAMES.get(key, key), key)
    return events.Key(key, CHARACTERS.get(key))


async def press(pilot, key: str) -> None:
    # A crash inside a key can leave Pilot waiting for an animation that never ends:
    # bound each key, so that a hang fails the test instead of the suite.
    await asyncio.wait_for(pilot.press(key), timeout=30)


def burst(app: BackcoachApp, keys: list[str]) -> None:
    """Send keys the way a terminal does, without waiting for each to be handled."""
    for key in keys:
        app.post_message(key_event(key))


def players(app: BackcoachApp) -> list[PlayerScreen]:
    return [s for s in app.screen_stack if isinstance(s, PlayerScreen)]


def check_stack(app: BackcoachApp) -> None:
    stack = app.screen_stack
    assert not (isinstance(app.screen, PlayerScreen) and app.screen.workout.finished), (
        "a finished player is on top: the app is stranded"
    )
    assert len(players(app)) <= 1 and sum(isinstance(s, FinishScreen) for s in stack) <= 1
    assert sum(isinstance(s, LibraryScreen) for s in stack) <= 1
    # A check-in can lead to its red-flag checklist and then the red-flag screen: at most
    # one of each, and no more than two of the other dialogs.
    dialogs = [s for s in stack if isinstance(s, Dialog | CommandPalette)]
    chain = [s for s in dialogs if type(s).__module__ == "backcoach.ui.dialogs.checkin"]
    assert len({type(s) for s in chain}) == len(chain), "a check-in dialog opened twice"
    assert len(dialogs) - len(chain) <= 2


async def still_answers(pilot) -> None:
    """The app draws, and keys still reach it."""
    app = pilot.app
    await asyncio.wait_for(pilot.resize_terminal(100, 30), timeout=30)
    await pilot.pause()
    assert app.export_screenshot()
    for _ in range(6):  # close whatever is open: help, palette, a question, an edit
        if not isinstance(app.screen, Dialog | CommandPalette):
            break
        await press(pilot, "escape")
    # In the editor ? is a character of the routine's text: F1 is its help key.
    await press(pilot, "f1" if app.screen.__class__.__name__ == "EditorScreen" else "question_mark")
    assert app.screen.__class__.__name__ == "HelpScreen"
    await press(pilot, "escape")


async def fuzz(mode: str, seed: int, steps: int, isolated_home, animate: bool = False) -> int:
    """Take `steps` steps (a burst of keys or a resize, then some fake time); returns how
    many apps the run went through."""
    rnd = random.Random(f"{mode}-{seed}")
    folder = isolated_home / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in USER_ROUTINES.items():
        (folder / name).write_text(text, encoding="utf-8")
    plans = short_plans()
    left, apps = steps, 0
    while left > 0:
        apps += 1
        clock = FakeClock()
        plan = rnd.choice(plans) if mode == "player" else None
        app = BackcoachApp(
            plan,
            clock_factory=lambda clock=clock: clock,
            cues=RecordingCues(),
            settings=Settings(notice_accepted=rnd.random() < 0.9, checkins=rnd.random() < 0.5),
            save=lambda settings: None,
        )
        if not animate:
            app.animation_level = "none"  # a scroll animation can hold a key for a second
        size = (rnd.randint(*SIZES[0]), rnd.randint(*SIZES[1]))
        async with app.run_test(size=size) as pilot:
            while left > 0 and app.is_running:
                left -= 1
                if rnd.random() < 0.06:
                    size = (rnd.randint(*SIZES[0]), rnd.randint(*SIZES[1]))
                    await asyncio.wait_for(pilot.resize_terminal(*size), timeout=30)
                else:
                    burst(app, [choose_key(rnd) for _ in range(rnd.choice((1, 1, 1, 2, 3, 4)))])
                clock.advance(rnd.choice(STEPS))
                for player in players(app):
                    player.refresh_state()  # the pulse, without waiting for it
                # Let the app handle all of it; a hang fails here rather than stalling the suite.
                await asyncio.wait_for(pilot.pause(), timeout=30)
                if app.is_running:
                    check_stack(app)
            if app.is_running:
                await still_answers(pilot)
        assert app.return_code in (None, 0), f"the app ended with {app.return_code}"
    return apps


# One seed a mode in the quick run; the others (and the long run below) in the full suite,
# which .ci/run runs.
@pytest.mark.parametrize(
    "seed", [0, *(pytest.param(seed, marks=pytest.mark.slow) for seed in range(1, 4))]
)
@pytest.mark.parametrize("mode", ["library", "player"])
async def test_random_keys(mode, seed, isolated_home):
    await fuzz(mode, seed, steps=40, isolated_home=isolated_home)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(100, 103))
@pytest.mark.parametrize("mode", ["library", "player"])
async def test_random_keys_at_length(mode, seed, isolated_home):
    # Every fourth seed with animations on: slower, but scrolling then takes its real path.
    await fuzz(mode, seed, steps=120, isolated_home=isolated_home, animate=seed % 4 == 0)
