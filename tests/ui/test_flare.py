"""Flare-up mode in the app: f in the library and the palette switch it, the library says
until when and previews the gentler version, the player wears the badge, the history keeps
the mode, and the end of the mode is said once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import OptionList, Static

from backcoach.core.clock import FakeClock
from backcoach.core.flare import flare_variant
from backcoach.core.flare_state import flare_file, start_flare_mode
from backcoach.core.library import load_library
from backcoach.core.plan import build_plan
from backcoach.core.settings import Settings
from backcoach.store import History
from backcoach.ui.app import BackcoachApp
from backcoach.ui.screens.library import LibraryScreen
from backcoach.ui.screens.player import PlayerScreen
from tests.helpers import RecordingCues
from tests.ui.test_app import palette_prompts, settles

NOW = datetime(2026, 11, 23, 8, 5, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def app_at(clock):
    def make(now: datetime = NOW, plan=None, days: int = 3) -> BackcoachApp:
        return BackcoachApp(
            plan,
            clock_factory=lambda: clock,
            cues=RecordingCues(),
            settings=Settings(notice_accepted=True, flare_days=days, checkins=False),
            save=lambda _: None,
            now=lambda: now,
        )

    return make


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def choose(screen: LibraryScreen, routine_id: str) -> None:
    options = screen.query_one("#routines", OptionList)
    options.highlighted = next(
        i
        for i in range(options.option_count)
        if options.get_option_at_index(i).id == f"bundled:{routine_id}"
    )


async def test_f_in_the_library_switches_the_mode_on_and_off(app_at, isolated_home):
    app = app_at()
    async with app.run_test(size=(100, 30)) as pilot:
        library = app.screen
        assert text(library, "#library-title") == "backcoach · choose a routine · type to filter"
        choose(library, "strength")
        await pilot.press("f")
        await pilot.pause()
        assert text(library, "#library-title") == (
            "backcoach · FLARE-UP until Thu 26 Nov, 08:05 (f ends it) · choose a routine"
        )
        assert library.query_one("#library-title").has_class("flare")
        assert flare_file().exists()
        preview = text(library, "#preview")
        assert "Flare-up mode: a gentler version" in preview
        assert "Good-morning: left out" in preview
        assert "Good-morning —" not in preview  # the steps listed are the gentler ones
        assert "A cold pack on the sore side may help too: Ice or heat" in preview
        assert library.query_one("#filter").value == "", "f is a key here, not a letter"

        await pilot.press("f")
        await pilot.pause()
        assert text(library, "#library-title") == "backcoach · choose a routine · type to filter"
        assert not flare_file().exists()
        assert "Flare-up mode" not in text(library, "#preview")


async def test_a_routine_started_in_flare_mode_is_the_gentler_one_with_the_badge(
    app_at, clock, isolated_home
):
    start_flare_mode(NOW - timedelta(days=1))
    app = app_at()
    async with app.run_test(size=(100, 30)) as pilot:
        choose(app.screen, "strength")
        await pilot.press("enter")
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen)
        assert text(player, "#phase").strip() == (
            "READY · press Enter to start · FLARE-UP · Posterior-chain strength"
        )
        exercises = {s.exercise.id for s in player.plan.work_segments()}
        assert exercises == {"stiff-legged-deadlift", "lying-leg-curl"}
        await pilot.press("enter")
        clock.advance(12)
        player.refresh_state()  # what the player's timer does when the second comes
        await pilot.pause()
        assert text(player, "#phase").strip().startswith("WORK · FLARE-UP · Posterior-chain")
        await pilot.press("enter")  # the first set done: it is recorded
        await pilot.press("q", "y")
        await pilot.pause(0.2)
    (session,) = History(isolated_home / "history.sqlite3").recent_sessions()
    assert session.flare is True


async def test_opened_on_a_flare_plan_the_player_wears_the_badge(app_at):
    strength = load_library().find("strength").routine
    app = app_at(plan=build_plan(flare_variant(strength)))
    async with app.run_test(size=(80, 24)):
        phase = text(app.screen, "#phase").strip()
        assert phase == "READY · press Enter to start · FLARE-UP · Posterior-chain strength"


async def test_the_palette_switches_it_on_renews_it_and_switches_it_off(app_at, isolated_home):
    app = app_at()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"flare")
        assert await settles(
            pilot,
            lambda: (
                palette_prompts(app)[:1]
                == ["Flare-up mode: switch on\nGentler routines for 3 days (the f key)"]
            ),
        )
        await pilot.press("enter")
        assert await settles(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert app.flare_mode is not None and flare_file().exists()

        await pilot.press("ctrl+p", *"flare")
        assert await settles(pilot, lambda: len(palette_prompts(app)) == 2)
        renew, off = palette_prompts(app)
        assert renew.startswith("Flare-up mode: renew\nOn until Thu 26 Nov, 08:05")
        assert off.startswith("Flare-up mode: switch off")
        await pilot.press("down", "enter")
        assert await settles(pilot, lambda: app.flare_mode is None)
        assert not flare_file().exists()


async def test_the_palette_offers_no_flare_switch_during_a_routine(app_at):
    strength = load_library().find("strength").routine
    app = app_at(plan=build_plan(strength))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"flare")
        await pilot.pause(0.3)
        assert not any("Flare-up" in prompt for prompt in palette_prompts(app))


async def test_the_end_of_the_mode_is_said_once(app_at, isolated_home):
    start_flare_mode(NOW - timedelta(days=3, hours=1))
    app = app_at()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert sum("Flare-up mode ended on Mon 23 Nov, 07:05" in t for t in toasts) == 1
        assert text(app.screen, "#library-title").startswith("backcoach · choose a routine")
        assert app.flare_mode is None and not flare_file().exists()


async def test_the_mode_lasts_the_days_set(app_at, isolated_home):
    start_flare_mode(NOW - timedelta(days=1, hours=1))
    app = app_at(days=1)
    async with app.run_test(size=(100, 30)):
        assert app.flare_mode is None
    start_flare_mode(NOW - timedelta(days=1, hours=1))
    app = app_at(days=2)
    async with app.run_test(size=(100, 30)):
        assert app.flare_mode is not None
        assert "until Tue 24 Nov, 07:05" in text(app.screen, "#library-title")


async def test_the_list_gives_the_gentler_times_while_the_mode_is_on(app_at, isolated_home):
    strength = load_library().find("strength").routine
    usual = build_plan(strength).short_total()
    gentler = build_plan(flare_variant(strength)).short_total()
    assert usual != gentler

    def strength_line(library) -> str:
        options = library.query_one("#routines", OptionList)
        return next(
            str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)
            if options.get_option_at_index(i).id == "bundled:strength"
        )

    app = app_at()
    async with app.run_test(size=(100, 30)) as pilot:
        library = app.screen
        assert f"  {usual} ·" in strength_line(library)
        await pilot.press("f")
        await pilot.pause()
        assert f"  {gentler} ·" in strength_line(library)
        await pilot.press("f")
        await pilot.pause()
        assert f"  {usual} ·" in strength_line(library)
