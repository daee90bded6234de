"""The library follows the files on disk while it is open, and plays what is on disk.

The once-a-second poll is driven by hand (screen.check_disk()), so no test waits on a timer.
"""

from __future__ import annotations

import os

from textual.widgets import OptionList, Static

from backcoach.ui.screens.library import LibraryScreen

ROUTINE = "title: {title}\nsteps:\n  - exercise: {exercise}\n    duration: 30s\n"


def write(path, text: str) -> None:
    """Write, then move the modification time on a second: the poll must not depend on
    how finely the file system keeps times."""
    path.parent.mkdir(parents=True, exist_ok=True)
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def preview(screen) -> str:
    return str(screen.query_one("#preview", Static).render())


def highlighted(screen) -> str | None:
    options = screen.query_one("#routines", OptionList)
    if options.highlighted is None:
        return None
    return options.get_option_at_index(options.highlighted).id


def labels(screen) -> str:
    options = screen.query_one("#routines", OptionList)
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


def highlight(screen, option_id: str) -> None:
    options = screen.query_one("#routines", OptionList)
    options.highlighted = options.get_option_index(option_id)


async def test_an_outside_edit_shows_and_the_selection_stays(make_app, isolated_home):
    mine = isolated_home / "routines" / "mine.yaml"
    write(mine, ROUTINE.format(title="Evening", exercise="prone-press-up"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        highlight(screen, "user:mine")
        await pilot.pause()
        assert "Evening" in preview(screen)
        assert screen.check_disk() is False  # nothing changed: nothing is read again

        write(mine, ROUTINE.format(title="Evening, longer", exercise="curl-up"))
        assert screen.check_disk() is True
        await pilot.pause()

        assert highlighted(screen) == "user:mine"
        assert "Evening, longer" in preview(screen) and "Modified sit-up" in preview(screen)
        assert app.library is screen.library  # the app's copy (weekly targets) is the new one


async def test_files_added_and_removed_appear_and_go(make_app, isolated_home):
    routines = isolated_home / "routines"
    write(routines / "a-first.yaml", ROUTINE.format(title="First", exercise="curl-up"))
    write(routines / "b-second.yaml", ROUTINE.format(title="Second", exercise="curl-up"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        highlight(screen, "user:a-first")
        write(routines / "c-third.yaml", ROUTINE.format(title="Third", exercise="curl-up"))
        screen.check_disk()
        await pilot.pause()
        assert "Third" in labels(screen) and highlighted(screen) == "user:a-first"

        (routines / "a-first.yaml").unlink()
        screen.check_disk()
        await pilot.pause()
        assert "First" not in labels(screen)
        assert highlighted(screen) == "user:b-second"  # the one now in its place


async def test_a_changed_exercise_file_shows_in_the_routines_that_use_it(make_app, isolated_home):
    write(
        isolated_home / "routines" / "mine.yaml", ROUTINE.format(title="Mine", exercise="wall-sit")
    )
    exercises = isolated_home / "exercises" / "mine.yaml"
    write(exercises, "exercises:\n  - id: wall-sit\n    name: Wall sit\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        highlight(screen, "user:mine")
        write(exercises, "exercises:\n  - id: wall-sit\n    name: Wall sit, back flat\n")
        screen.check_disk()
        await pilot.pause()
        assert "Wall sit, back flat" in preview(screen)

        exercises.unlink()  # the routine now names an exercise that is gone
        screen.check_disk()
        await pilot.pause()
        assert "unknown exercise 'wall-sit'" in preview(screen)
        assert "needs fixing" in labels(screen)


async def test_the_filter_is_kept_across_a_reload(make_app, isolated_home):
    routines = isolated_home / "routines"
    write(routines / "mine.yaml", ROUTINE.format(title="Mine", exercise="curl-up"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press(*"mine")
        write(routines / "mine-too.yaml", ROUTINE.format(title="Mine too", exercise="curl-up"))
        screen.check_disk()
        await pilot.pause()
        assert screen.query_one("#filter").value == "mine"
        assert "Mine too" in labels(screen) and "Posterior-chain" not in labels(screen)


async def test_a_routine_plays_as_it_is_on_disk_when_it_starts(make_app, isolated_home):
    mine = isolated_home / "routines" / "mine.yaml"
    write(mine, ROUTINE.format(title="Old", exercise="prone-press-up"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        highlight(app.screen, "user:mine")
        write(mine, ROUTINE.format(title="New", exercise="curl-up"))  # no poll in between
        await pilot.press("enter")
        await pilot.pause()
        assert app.workout is not None
        routine = app.workout.plan.routine
        assert routine.title == "New" and routine.steps[0].exercise.id == "curl-up"


async def test_a_routine_that_became_invalid_shows_its_problems_instead_of_playing(
    make_app, isolated_home
):
    mine = isolated_home / "routines" / "mine.yaml"
    write(mine, ROUTINE.format(title="Mine", exercise="prone-press-up"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        highlight(screen, "user:mine")
        write(mine, "title: Mine\nsteps:\n  - exercise: prone-press-up\n    duraton: 30s\n")
        await pilot.press("enter")
        await pilot.pause()
        assert app.workout is None and app.screen is screen
        shown = preview(screen)
        assert "has problems to fix" in shown
        assert shown.index("unknown key 'duraton'") < shown.index("a step needs")  # cause first


async def test_a_routine_removed_before_it_starts_is_not_played(make_app, isolated_home):
    mine = isolated_home / "routines" / "mine.yaml"
    write(mine, ROUTINE.format(title="Mine", exercise="prone-press-up"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        highlight(app.screen, "user:mine")
        mine.unlink()
        await pilot.press("enter")
        await pilot.pause()
        assert app.workout is None and "Mine" not in labels(app.screen)


async def test_the_poll_leaves_a_library_under_the_player_alone(make_app, isolated_home):
    mine = isolated_home / "routines" / "mine.yaml"
    write(mine, ROUTINE.format(title="Mine", exercise="prone-press-up"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        library = app.screen
        highlight(library, "user:mine")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not library
        write(mine, ROUTINE.format(title="Mine, edited", exercise="prone-press-up"))
        assert library.check_disk() is False  # nothing is read again during a run


async def test_a_change_made_under_another_screen_shows_on_the_way_back(make_app, isolated_home):
    mine = isolated_home / "routines" / "mine.yaml"
    write(mine, ROUTINE.format(title="Mine", exercise="prone-press-up"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        library = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        write(mine, ROUTINE.format(title="Mine, edited", exercise="prone-press-up"))
        assert library.check_disk() is False
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is library and "Mine, edited" in labels(library)


async def test_opening_the_library_brings_the_user_schema_up_to_date(make_app, isolated_home):
    write(
        isolated_home / "exercises" / "mine.yaml",
        "exercises:\n  - id: wall-sit\n    name: Wall sit\n",
    )
    schema_file = isolated_home / "routine.schema.json"
    schema_file.write_text('{"from": "an older backcoach"}\n')  # as an upgrade leaves it
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "wall-sit" in schema_file.read_text()
