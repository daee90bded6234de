"""The routine editor, used as a person would: typing, mistakes, the picker, saving, leaving."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from backcoach.core import paths
from backcoach.core.settings import Settings
from backcoach.ui.app import BackcoachApp
from backcoach.ui.dialogs.step_form import (
    ConfirmLeaveScreen,
    ExercisePickerScreen,
    NameRoutineScreen,
    StepFormScreen,
)
from backcoach.ui.keys import EDITOR_KEYS
from backcoach.ui.screens.editor import EditorScreen, EditTarget, RoutineText
from backcoach.ui.screens.library import LibraryScreen
from backcoach.ui.screens.player import PlayerScreen
from tests.helpers import notified

SIZE = (120, 36)


@pytest.fixture
def editor_app(clock, cues):
    def make(text: str = "", name: str = "mine") -> BackcoachApp:
        path = paths.user_routines() / f"{name}.yaml"
        return BackcoachApp(
            clock_factory=lambda: clock,
            cues=cues,
            settings=Settings(notice_accepted=True, checkins=False),
            save=lambda settings: None,
            edit=EditTarget(text, path),
        )

    return make


async def settle(pilot) -> EditorScreen:
    """Wait until the text as it stands has been checked and shown."""
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    for _ in range(200):
        await pilot.pause(0.02)
        if not screen.pending:
            return screen
    raise AssertionError("the check never finished")


async def type_text(pilot, text: str) -> None:
    """Type the text a key at a time, as a person would."""
    for character in text:
        await pilot.press("enter" if character == "\n" else character)


def problems_shown(screen: EditorScreen) -> str:
    return str(screen.query_one("#editor-problems", Static).render())


def preview_shown(screen: EditorScreen) -> str:
    return str(screen.query_one("#editor-preview", Static).render())


async def test_typing_a_routine_with_mistakes_shows_each_problem_until_it_is_fixed(editor_app):
    app = editor_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(
            pilot, "title: Evening\nsteps:\n  - exercise: prone-press-up\n    duraton: 30"
        )
        screen = await settle(pilot)
        shown = problems_shown(screen)
        assert "4:5" in shown and "duraton" in shown and "did you mean 'duration'" in shown
        assert 3 in screen.area.marked  # the line of the typo is marked in the gutter
        assert screen.check is not None and screen.check.routine is None

        # The fix: back to the typo, put the missing letter in.
        for _ in "on: 30":
            await pilot.press("left")
        await pilot.press("i")
        await pilot.press("end")
        await type_text(pilot, "s")
        screen = await settle(pilot)
        assert problems_shown(screen) == "✔ No problems"
        assert not screen.area.marked
        assert "Prone press-up — 30s" in preview_shown(screen)
        assert "0:30" in preview_shown(screen)  # the total

        await type_text(pilot, "\n  - rest: 0s")  # a new mistake
        screen = await settle(pilot)
        assert "5:" in problems_shown(screen)
        assert "As last checked without problems" in preview_shown(screen)


async def test_problems_are_reported_against_the_file_being_edited(editor_app):
    app = editor_app("title: x\nsteps: 3\n")
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        assert screen.check is not None
        problem = screen.check.errors[0]
        assert problem.path == str(paths.user_routines() / "mine.yaml")
        assert (problem.line, problem.column) == (2, 8)


async def test_f8_goes_to_each_problem_in_turn(editor_app):
    text = "title: x\nsteps:\n  - exercise: nope\n    duration: 30s\n  - rest: 0s\n"
    app = editor_app(text)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(pilot)
        await pilot.press("f8")
        first = screen.area.cursor_location
        await pilot.press("f8")
        second = screen.area.cursor_location
        await pilot.press("f8")
        assert first[0] == 2 and second[0] == 4
        assert screen.area.cursor_location == first  # round again


async def test_tab_completes_an_exercise_id(editor_app):
    app = editor_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "title: x\nsteps:\n  - exercise: prone-pr")
        await pilot.press("tab")
        screen = await settle(pilot)
        assert screen.area.text.endswith("exercise: prone-press-up")
        await type_text(pilot, "\n")
        await pilot.press("tab")  # elsewhere Tab indents, with spaces
        assert screen.area.text.endswith("\n  ")


async def test_a_step_inserted_through_the_picker_then_saved(editor_app):
    text = "title: Evening  # mine\nsteps:\n  - rest: 30s\n"
    app = editor_app(text, name="evening")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")  # below the last step
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, ExercisePickerScreen)
        await type_text(pilot, "pelvic")
        options = app.screen.query_one("#pick-list", OptionList)
        assert options.option_count == 1
        assert "Tighten your stomach" in str(app.screen.query_one("#pick-details", Static).render())
        await pilot.press("enter")
        assert isinstance(app.screen, StepFormScreen)
        await pilot.press("enter")  # neither a duration nor reps: the form says so
        assert "duration" in str(app.screen.query_one(".form-error", Static).render())
        await pilot.press("tab")
        await type_text(pilot, "8")
        await pilot.press("tab")
        await type_text(pilot, "2")
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.area.text == (
            "title: Evening  # mine\nsteps:\n  - rest: 30s\n"
            "  - exercise: pelvic-tilt\n    reps: 8\n    sets: 2\n"
        )
        assert problems_shown(screen) == "✔ No problems"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = paths.user_routines() / "evening.yaml"
        assert saved.read_text(encoding="utf-8") == screen.area.text
        assert "modified" not in str(screen.query_one("#editor-title", Static).render())


async def test_saving_a_routine_with_problems_warns_and_the_library_marks_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NameRoutineScreen)
        app.screen.query_one("#routine-id", Input).value = "evening"
        app.screen.query_one("#routine-title", Input).value = "Evening"
        await pilot.press("enter")
        screen = await settle(pilot)
        assert 'title: "Evening"' in screen.area.text and "evening.yaml" in screen.area.text
        screen.area.insert("oops: 1\n", (4, 0))
        await settle(pilot)
        toasts = notified(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Saved with 1 problem" in message for message in toasts)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        entry = app.screen.selected()
        assert entry is not None and entry.id == "evening" and entry.routine is None


async def test_leaving_with_unsaved_changes_asks_first(editor_app):
    text = "title: x\nsteps:\n  - rest: 30s\n"
    app = editor_app(text)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "# a note\n")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmLeaveScreen)
        await pilot.press("n")  # stay
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("ctrl+q")  # the app's quit asks too
        assert isinstance(app.screen, ConfirmLeaveScreen)
        await pilot.press("s")
        await pilot.pause()
    saved = (paths.user_routines() / "mine.yaml").read_text(encoding="utf-8")
    assert saved == "# a note\n" + text


async def test_leaving_without_saving_keeps_the_file_as_it_was(make_app):
    mine = paths.user_routines() / "mine.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("title: Mine\nsteps:\n  - rest: 30s\n", encoding="utf-8")
    app = make_app()  # the library read from the folder, and read again after a save
    async with app.run_test(size=SIZE) as pilot:
        routines = app.screen.query_one("#routines", OptionList)
        routines.highlighted = routines.get_option_index("user:mine")
        await pilot.press("e")
        screen = await settle(pilot)
        assert screen.area.text == mine.read_text(encoding="utf-8")
        await type_text(pilot, "x")
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
    assert mine.read_text(encoding="utf-8") == "title: Mine\nsteps:\n  - rest: 30s\n"


async def test_a_bundled_routine_opens_as_a_copy_with_its_comments(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")  # the first routine in the list is bundled
        assert isinstance(app.screen, NameRoutineScreen)
        assert app.screen.query_one("#routine-id", Input).value == "my-pre-run-warmup"
        title = app.screen.query_one("#routine-title", Input)
        assert title.value == "My pre-run warm-up"  # never two routines of one name
        title.value = "My warm-up"
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.path == paths.user_routines() / "my-pre-run-warmup.yaml"
        assert 'title: "My warm-up"' in screen.area.text
        assert "#" in screen.area.text.split("title:")[1]  # comments after the title survive
        assert problems_shown(screen) == "✔ No problems"


async def test_play_starts_the_routine_as_it_stands_and_quitting_it_returns_to_the_text(
    editor_app,
):
    app = editor_app("title: Quick\nsteps:\n  - exercise: pelvic-tilt\n    duration: 5s\n")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "# unsaved\n")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.workout.plan.routine.title == "Quick"
        await pilot.press("q")  # not started: q leaves the routine for where it came from
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.is_running
        assert app.screen.area.text.startswith("# unsaved\n")
        await pilot.press("ctrl+q")  # leaving the app: the unsaved changes come first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmLeaveScreen)


async def test_the_finish_screen_leads_back_to_the_editor(editor_app, clock):
    app = editor_app("title: Quick\nsteps:\n  - exercise: pelvic-tilt\n    duration: 5s\n")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.press("enter")  # start
        clock.advance(10)
        app.screen.refresh_state()
        await pilot.pause()
        from backcoach.ui.screens.finish import FinishScreen

        assert isinstance(app.screen, FinishScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


def readme_editor_keys() -> list[tuple[str, str]]:
    readme = Path(__file__).resolve().parents[2] / "README.md"
    text = readme.read_text(encoding="utf-8").split("## The editor", 1)[1]
    rows = []
    for line in text.splitlines():
        if rows and not line.startswith("|"):
            break
        if line.startswith("|") and not line.startswith(("| key", "| ---")):
            key, does = (cell.strip().replace("`", "") for cell in line.strip("|").split("|"))
            rows.append((key, does))
    return rows


def test_the_readme_lists_the_editor_keys():
    assert readme_editor_keys() == [(key.label, key.does) for key in EDITOR_KEYS]


async def test_the_preview_goes_below_the_text_on_a_narrow_screen(editor_app):
    app = editor_app("title: x\nsteps:\n  - rest: 30s\n")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(pilot)
        text = screen.query_one(RoutineText).region
        side = screen.query_one("#editor-side").region
        assert side.y >= text.bottom and side.width == text.width


def test_every_editor_key_is_bound_and_explained():
    bound = {(b.key, b.action) for b in EditorScreen.BINDINGS}  # type: ignore[union-attr]
    assert bound == {(k.keys, k.action) for k in EDITOR_KEYS if k.keys}
    assert all(k.label and k.does for k in EDITOR_KEYS)


def test_snapshot_of_the_editor_with_problems(snap_compare, clock, cues):
    text = Path(__file__).parent.joinpath("editor_sample.yaml").read_text(encoding="utf-8")
    app = BackcoachApp(
        clock_factory=lambda: clock,
        cues=cues,
        settings=Settings(notice_accepted=True),
        save=lambda settings: None,
        edit=EditTarget(text, Path("/nowhere/routines/sample.yaml")),
    )

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f8")

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


async def test_slash_starts_a_filter_that_begins_with_a_key_letter(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "c", "o", "r", "e")
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#filter", Input).value == "core"
        assert app.screen.selected().id == "core"


async def test_c_copies_a_routine_of_yours_under_a_new_id_and_title(make_app):
    mine = paths.user_routines() / "mine.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("title: Mine   # why\nsteps:\n  - rest: 30s\n", encoding="utf-8")
    app = make_app()  # the library read from the folder, and read again after a save
    async with app.run_test(size=SIZE) as pilot:
        routines = app.screen.query_one("#routines", OptionList)
        routines.highlighted = routines.get_option_index("user:mine")
        await pilot.press("c")
        assert isinstance(app.screen, NameRoutineScreen)
        assert app.screen.query_one("#routine-id", Input).value == "mine-copy"
        assert app.screen.query_one("#routine-title", Input).value == "Mine (copy)"
        await pilot.press("enter")
        screen = await settle(pilot)
        assert screen.area.text == 'title: "Mine (copy)"   # why\nsteps:\n  - rest: 30s\n'
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.selected().id == "mine-copy"
    assert mine.read_text(encoding="utf-8").startswith("title: Mine   # why")
