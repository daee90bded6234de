"""The app driven through Pilot with a fake clock: no test waits on real time."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from backcoach.core.durations import parse_load
from backcoach.core.plan import Kind, build_plan
from backcoach.core.session import Outcome
from backcoach.ui.dialogs.modals import AdjustSetScreen, ConfirmQuitScreen, HelpScreen, NoticeScreen
from backcoach.ui.screens.finish import FinishScreen
from backcoach.ui.screens.library import LibraryScreen
from backcoach.ui.screens.player import PlayerScreen
from backcoach.ui.widgets.bigclock import BigClock
from tests.helpers import hold, manual_reps, rest, routine


def text_of(screen, selector):
    return str(screen.query_one(selector, Static).render())


async def tick(pilot, player, clock, seconds):
    clock.advance(seconds)
    player.refresh_state()
    await pilot.pause()


async def test_first_start_notice_is_accepted_once_with_enter(make_app):
    app = make_app(accepted=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, NoticeScreen)
        assert "not a medical device" in str(app.screen.query(Static)[1].render())
        await pilot.press("enter")
        assert isinstance(app.screen, LibraryScreen)
    assert app.saved[-1].notice_accepted


async def test_library_groups_routines_and_typing_filters(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        options = app.screen.query_one("#routines", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "Warm-up" in prompts and "Strength" in prompts
        assert any("Posterior-chain strength" in p for p in prompts)
        await pilot.press(*"deadl")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 2 and "Posterior-chain strength" in prompts[1]
        assert "Stiff-legged deadlift" in text_of(app.screen, "#preview")
        assert "Lying leg curl — 8–12 reps, 3 sets" in text_of(app.screen, "#preview")
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.plan.routine.id == "strength"
        assert "8–12 reps" in text_of(app.screen, "#detail")  # the range, not its bottom


async def test_escape_clears_the_filter_and_q_quits_the_library(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x", "y", "z")
        assert "No routine matches" in str(
            app.screen.query_one(OptionList).get_option_at_index(0).prompt
        )
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_invalid_user_routine_stays_listed_with_its_first_problem(make_app, isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text("title: Mine\nsteps:\n  - exercise: nope\n    reps: 5\n")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "My routines" in prompts
        assert any("mine" in p and "line 3: unknown exercise 'nope'" in p for p in prompts)
        await pilot.press("m", "i", "n", "e", "enter")
        assert isinstance(app.screen, LibraryScreen)  # not started: it has problems


async def test_player_start_countdown_pause_and_resume(make_app, clock):
    plan = build_plan(routine(hold(30, prep=5, sides=("left", "right"), switch=5, sets=2, rest=10)))
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        assert "READY" in text_of(player, "#phase")
        clock.advance(100)  # nothing moves before Enter
        player.refresh_state()
        assert not player.workout.started
        await pilot.press("enter")
        await tick(pilot, player, clock, 7.5)
        assert "WORK" in text_of(player, "#phase")
        assert player.query_one("#timer", BigClock).value == "0:28"
        assert text_of(player, "#detail") == "Left side · set 1 of 2"
        assert "Next: Switch to the right side" in text_of(player, "#next")
        await pilot.press("space")
        assert player.has_class("paused") and "PAUSED" in text_of(player, "#phase")
        await tick(pilot, player, clock, 60)
        assert player.query_one("#timer", BigClock).value == "0:28"
        await pilot.press("space")
        await tick(pilot, player, clock, 28)
        assert "SWITCH SIDES" in text_of(player, "#phase")
        sounds = [c.sound for c in app.cues.played]
        assert (
            sounds[:4] == ["start", "tick", "tick", "go"] and sounds[4] == "start"
        )  # prep, then work


async def test_next_back_and_extend(make_app, clock):
    plan = build_plan(routine(hold(30, countdown=0), rest(20), hold(30)))
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        await tick(pilot, player, clock, 5)
        await pilot.press("n")
        assert player.workout.state().segment.kind is Kind.REST
        assert player.workout.records[0].outcome is Outcome.SKIPPED
        await pilot.press("plus")
        await tick(pilot, player, clock, 1)
        assert player.query_one("#timer", BigClock).value == "0:34"
        await pilot.press("left")
        assert player.workout.state().segment.position == 0
        await pilot.press("right", "right")
        assert player.workout.state().segment.position == 2


async def test_shift_n_skips_the_whole_exercise_and_minus_takes_time_off(make_app, clock):
    plan = build_plan(
        routine(hold(30, sides=("left", "right"), sets=2, rest=20, countdown=0), rest(60), hold(10))
    )
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        await tick(pilot, player, clock, 5)
        await pilot.press("N")  # every set, side and rest of the stretch: one key
        state = player.workout.state()
        assert state.segment.kind is Kind.REST and state.segment.step_index == 1
        assert [r.outcome for r in player.workout.records.values()] == [Outcome.SKIPPED] * 4
        await pilot.press("minus")
        await tick(pilot, player, clock, 1)
        assert player.query_one("#timer", BigClock).value == "0:44"


async def test_reps_without_tempo_wait_for_enter_then_edit_the_set(make_app, clock):
    plan = build_plan(routine(manual_reps(10, sets=2, rest=60)))
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        await tick(pilot, player, clock, 500)
        assert "Press Enter when the set is done" in text_of(player, "#hint")
        assert player.query_one("#timer", BigClock).value == "8:20"  # counts up
        await pilot.press("enter")
        assert player.workout.state().segment.kind is Kind.REST
        await pilot.press("e")
        assert isinstance(app.screen, AdjustSetScreen)
        await pilot.press("ctrl+u", "8", "tab", "ctrl+u", *"22.5 kg", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert (
            player.workout.records[0].reps == 8 and str(player.workout.records[0].load) == "22.5 kg"
        )


async def test_a_paused_rest_still_says_how_to_correct_the_last_set(make_app, clock):
    app = make_app(build_plan(routine(manual_reps(10, sets=2, rest=60))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        await tick(pilot, player, clock, 20)
        await pilot.press("enter")  # the set is done: a rest
        assert text_of(player, "#hint").startswith("Breathe.")
        await pilot.press("space")
        assert text_of(player, "#hint").strip() == "e corrects the last set"


async def test_get_ready_shows_the_load_and_reps_of_the_set_it_leads_into(make_app, clock):
    step = manual_reps(10, sets=3, load=parse_load("20 kg"), prep=10)
    app = make_app(build_plan(routine(step)))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        assert player.workout.state().segment.kind is Kind.PREP
        assert "set 1 of 3 · 10 reps · 20 kg" in text_of(player, "#detail")


async def test_a_bad_reps_entry_is_explained_and_nothing_is_saved(make_app, clock):
    app = make_app(build_plan(routine(manual_reps(10, sets=2, rest=60))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter", "enter", "e", "ctrl+u", *"lots", "enter")
        assert isinstance(app.screen, AdjustSetScreen)
        assert "whole number" in str(app.screen.query_one("#adjust-error", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, PlayerScreen)
        assert player.workout.records[0].reps == 10


async def test_mute_toggles_the_cue_player(make_app, clock, cues):
    app = make_app(build_plan(routine(hold(30))))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        assert cues.muted and app.muted
        await pilot.press("enter")
        await tick(pilot, app.screen, clock, 1)
        assert cues.played == []
        await pilot.press("m")
        assert not cues.muted


async def test_quit_mid_routine_asks_first(make_app, clock):
    app = make_app(build_plan(routine(hold(30))))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "q")
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("n")
        assert isinstance(app.screen, PlayerScreen) and not app.screen.workout.finished
        await pilot.press("q", "y")
    assert app.return_code == 0


async def test_help_shows_keys_and_red_flags(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        words = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "numb or tingles" in words and "add 15 s to a hold" in words
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_finish_screen_shows_what_was_done(make_app, clock):
    plan = build_plan(routine(manual_reps(10, sets=2, rest=30), hold(20)))
    app = make_app(plan)
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter", "enter")  # start, first set done
        await pilot.press("n", "n", "n")  # skip the rest, the second set and the rest after it
        await tick(pilot, player, clock, 30)
        assert isinstance(app.screen, FinishScreen)
        table = app.screen.query_one("#finish-table")
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][3] == "✓" and rows[1][3] == "skipped" and rows[2][3] == "✓"
        assert "2 of 3 sets" in text_of(app.screen, "#finish-title")
        await pilot.press("enter")
    assert app.return_code == 0


async def test_resize_mid_routine_keeps_time_and_layout(make_app, clock):
    app = make_app(build_plan(routine(hold(60, prep=0))))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        await tick(pilot, player, clock, 10)
        await pilot.resize_terminal(40, 12)
        await tick(pilot, player, clock, 5)
        assert player.has_class("band-xs") and player.query_one("#timer", BigClock).value == "0:45"
        await pilot.resize_terminal(80, 24)
        await tick(pilot, player, clock, 5)
        assert (
            not player.has_class("band-xs") and player.query_one("#timer", BigClock).value == "0:40"
        )


async def settles(pilot, condition, tries: int = 100) -> bool:
    """Let the app work until `condition` holds (the palette gathers hits on a worker)."""
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def palette_prompts(app) -> list[str]:
    from textual.command import CommandList

    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_command_palette_starts_a_routine_from_the_library_only(make_app, clock):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Mute or unmute sound" in titles
        assert any("theme" in title.lower() for title in titles)
        await pilot.press("ctrl+p", *"posterior")
        assert await settles(
            pilot, lambda: any("Posterior-chain strength" in p for p in palette_prompts(app))
        )
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.plan.routine.id == "strength"
        await pilot.press("ctrl+p", *"mute")
        assert await settles(pilot, lambda: any("Mute" in p for p in palette_prompts(app)))
        assert not any("Start routine" in p for p in palette_prompts(app))


async def test_sound_and_voice_settings_are_saved(make_app, cues):
    app = make_app()
    async with app.run_test(size=(100, 30)):
        app.action_toggle_voice_setting()
        assert app.saved[-1].voice is False
        app.action_toggle_sound_setting()
        assert app.saved[-1].sound is False and app.muted and cues.muted
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Settings: turn sound on" in titles and "Settings: turn spoken cues on" in titles


async def test_the_picture_is_dropped_whole_when_the_terminal_is_small(make_app, plan_of, clock):
    app = make_app(plan_of("strength"))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        await tick(pilot, player, clock, 12)  # past the get-ready, into the deadlifts
        picture = player.query_one("#picture")
        assert "WORK" in text_of(player, "#phase") and picture.display
        await pilot.resize_terminal(40, 12)
        await tick(pilot, player, clock, 1)
        assert not picture.display
        await pilot.resize_terminal(100, 30)
        await tick(pilot, player, clock, 1)
        assert picture.display


async def test_a_start_up_with_the_collector_paused_resumes_it_after_the_first_frame(make_app):
    """As `backcoach` launches it (cli.py pauses the collector): once the library is on
    screen the collector runs again, with what the start-up built frozen out of its walks."""
    import gc

    gc.disable()
    try:
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


async def test_a_narrow_library_leaves_the_preview_out_rather_than_split_its_words(make_app):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#preview-scroll").display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.screen.query_one("#preview-scroll").display
