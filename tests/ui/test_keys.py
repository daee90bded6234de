"""One table of keys: the player's bindings, the help screen and the README agree with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from backcoach.core.durations import Load
from backcoach.core.plan import Kind, build_plan
from backcoach.core.session import Outcome
from backcoach.ui.dialogs.modals import AdjustSetScreen, HelpScreen
from backcoach.ui.keys import LIBRARY_KEYS, PLAYER_KEYS
from backcoach.ui.screens.library import LibraryScreen
from backcoach.ui.screens.player import PlayerScreen
from tests.helpers import footer_keys, hold, manual_reps, routine, tempo_reps

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_player_keys() -> list[tuple[str, str]]:
    """The rows of README.md's 'Keys in the player' table, backticks dropped."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("### Keys in the player")
    rows = []
    for line in lines[start + 1 :]:
        if rows and not line.startswith("|"):
            break
        if not line.startswith("|") or line.startswith("| key") or line.startswith("| ---"):
            continue
        key, does = (cell.strip().replace("`", "") for cell in line.strip("|").split("|"))
        rows.append((key, does))
    return rows


def test_readme_lists_the_player_keys_the_app_binds():
    assert readme_player_keys() == [(key.label, key.does) for key in PLAYER_KEYS if key.label]


def test_every_bound_key_is_explained_and_every_explained_key_is_bound():
    for screen, table in ((PlayerScreen, PLAYER_KEYS), (LibraryScreen, LIBRARY_KEYS)):
        bound = {(b.key, b.action) for b in screen.BINDINGS}  # type: ignore[union-attr]
        assert bound == {(k.keys, k.action) for k in table if k.keys}
        explained = {k.keys for k in table if k.label}
        assert all(k.keys in explained for k in table if k.keys and k.footer)


async def test_help_shows_every_key_of_the_table(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        words = [str(s.render()) for s in app.screen.query(Static)]
        for key in (*PLAYER_KEYS, *LIBRARY_KEYS):
            if key.label:
                assert key.label in words and key.does in words


# -- what each key does, and what the footer says it does --------------------------------


async def tick(pilot, player, clock, seconds: float) -> None:
    clock.advance(seconds)
    player.refresh_state()
    await pilot.pause()


async def test_the_footer_names_what_space_and_enter_do_at_each_moment(make_app, clock):
    plan = build_plan(routine(hold(30, prep=5, countdown=0, rest=20), manual_reps(8)))
    app = make_app(plan)
    async with app.run_test(size=(120, 30)) as pilot:
        player = app.screen
        await pilot.pause()
        keys = footer_keys(player)
        assert keys["enter"] == "Start" and "space" not in keys
        await pilot.press("space")  # Space starts too, as it always has
        assert player.workout.started
        await pilot.pause()
        assert footer_keys(player)["enter"] == "Ready" and footer_keys(player)["space"] == "Pause"
        await pilot.press("enter")  # the get-ready ends: the hold begins
        await pilot.pause()
        keys = footer_keys(player)
        assert "enter" not in keys and keys["space"] == "Pause"
        await pilot.press("space")
        await pilot.pause()
        assert footer_keys(player)["space"] == "Resume" and "enter" not in footer_keys(player)
        await pilot.press("space")
        await tick(pilot, player, clock, 31)
        assert player.workout.state().segment.kind is Kind.REST
        assert footer_keys(player)["enter"] == "End rest"
        await pilot.press("enter")
        await pilot.pause()
        assert footer_keys(player)["enter"] == "Done"


@pytest.mark.parametrize("step", [hold(30), tempo_reps(5, tempo=3)], ids=["hold", "tempo reps"])
async def test_enter_never_ends_timed_work_as_done(make_app, clock, step):
    app = make_app(build_plan(routine(step, hold(10))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        await tick(pilot, player, clock, 2)
        await pilot.press("enter", "enter")
        assert player.workout.state().segment.position == 0 and not player.workout.records
        await pilot.press("n")  # n is the way past it, and says so in the history
        assert player.workout.records[0].outcome is Outcome.SKIPPED


async def test_rests_get_readies_and_side_switches_end_early_with_enter(make_app, clock):
    plan = build_plan(routine(hold(10, prep=5, sides=("left", "right"), switch=5, rest=30)))
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter", "enter")  # start, then go at once
        assert player.workout.state().segment.kind is Kind.WORK
        await tick(pilot, player, clock, 10)
        assert player.workout.state().segment.kind is Kind.SWITCH
        await pilot.press("enter")
        assert player.workout.state().segment.side == "right"
        assert player.workout.records[1].outcome is Outcome.DONE  # the left side, in full


async def test_mute_shows_in_the_banner_and_the_footer_until_unmuted(make_app, clock):
    app = make_app(build_plan(routine(hold(30))))
    async with app.run_test(size=(120, 30)) as pilot:
        player = app.screen
        await pilot.press("enter", "m")
        await pilot.pause()
        assert app.muted and footer_keys(player)["m"] == "Unmute"
        assert "muted" in str(player.query_one("#phase", Static).render())
        await tick(pilot, player, clock, 5)  # it lasts
        assert "muted" in str(player.query_one("#phase", Static).render())
        app.action_toggle_mute()  # as the palette's command does
        await pilot.pause()
        assert not app.muted and footer_keys(player)["m"] == "Mute"
        assert "muted" not in str(player.query_one("#phase", Static).render())


COVERS = {
    "help": ("question_mark", "escape"),
    "palette": ("ctrl+p", "escape"),
    "quit question": ("q", "n"),
    "set correction": ("e", "escape"),
}


@pytest.mark.parametrize("cover", list(COVERS))
async def test_a_dialog_pauses_the_routine_and_closing_it_carries_on(make_app, clock, cover):
    opening, closing = COVERS[cover]
    app = make_app(build_plan(routine(manual_reps(10, sets=2, rest=60))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter", "enter")  # start; the first set is done: a rest
        await tick(pilot, player, clock, 10)
        await pilot.press(opening)
        assert app.screen is not player and player.workout.paused
        clock.advance(600)  # a long read: the rest would have ended ten times over
        await pilot.press(closing)
        assert app.screen is player and not player.workout.paused
        state = player.workout.state()
        assert state.segment.kind is Kind.REST and state.segment_elapsed == 10
        assert "PAUSED" not in str(player.query_one("#phase", Static).render())


@pytest.mark.parametrize("cover", list(COVERS))
async def test_a_routine_paused_first_stays_paused_after_a_dialog(make_app, clock, cover):
    opening, closing = COVERS[cover]
    app = make_app(build_plan(routine(manual_reps(10, sets=2, rest=60))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter", "enter", "space", opening)
        assert player.workout.paused
        await pilot.press(closing)
        assert app.screen is player and player.workout.paused
        assert "press Space to resume" in str(player.query_one("#phase", Static).render())


async def test_next_is_always_the_step_after_the_one_on_screen(make_app, clock):
    plan = build_plan(routine(hold(30, prep=5, sets=2, rest=20), manual_reps(8)))
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen

        def next_line() -> str:
            return str(player.query_one("#next", Static).render())

        # The ready screen and the get-ready show the first exercise: Next is what follows it.
        assert next_line() == "Next: Rest 20s"
        await pilot.press("enter")
        assert next_line() == "Next: Rest 20s"
        await tick(pilot, player, clock, 5)  # the hold itself
        assert next_line() == "Next: Rest 20s"
        await tick(pilot, player, clock, 30)
        assert next_line().startswith("Next: Piriformis stretch, 30s (set 2 of 2)")
        await pilot.press("n", "n", "n")  # the second set, its rest, the last exercise
        assert next_line() == "Next: the end of the routine"


async def test_correcting_a_skipped_set_makes_it_done_and_its_load_carries_on(make_app, clock):
    plan = build_plan(routine(manual_reps(10, sets=3, rest=60, load=Load(20, "kg"))))
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter", "n")  # the first set skipped: a rest
        assert player.workout.records[0].outcome is Outcome.SKIPPED
        await pilot.press("e")
        assert isinstance(app.screen, AdjustSetScreen)
        assert app.screen.query_one("#reps", Input).value == "10"  # what was planned
        await pilot.press("ctrl+u", "8", "tab", "ctrl+u", *"22.5 kg", "enter")
        await pilot.pause()
        record = player.workout.records[0]
        assert record.outcome is Outcome.DONE and record.reps == 8
        assert str(record.load) == "22.5 kg"
        assert "22.5 kg (set 2 of 3)" in str(player.query_one("#next", Static).render())
        await pilot.press("enter")  # the rest ends: the second set, at the corrected load
        await pilot.pause()
        assert "22.5 kg" in str(player.query_one("#detail", Static).render())
        await pilot.press("enter")
        assert str(player.workout.records[2].load) == "22.5 kg"


async def test_a_set_corrected_to_no_reps_is_not_counted_as_done(make_app, clock):
    app = make_app(build_plan(routine(manual_reps(10, sets=2, rest=60))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter", "enter", "e", "ctrl+u", "0", "enter")
        await pilot.pause()
        record = player.workout.records[0]
        assert record.outcome is Outcome.SKIPPED and record.reps == 0
