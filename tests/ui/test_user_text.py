"""User text is text: titles, names, problems and file names never act as markup.

Each case was a crash or worse: `Rehab [new` and `Stretch [/b] oops` stopped the app at
start, a broken routine quoting `[/]` did the same, an exercise named `Press-up [/]` broke
the preview, and a `[@click=…]` title became a link that wrote a file where it said.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from backcoach.ui.screens.finish import FinishScreen
from backcoach.ui.screens.library import LibraryScreen
from backcoach.ui.screens.player import PlayerScreen

# The click case stays in the quick run; the rest (seconds each, clicking along the title)
# run in the full suite.
TITLES = [
    ("[@click=app.screenshot('x.svg','{folder}')]CLICKME[/]", "mine"),
    *(
        pytest.param(title, tag, marks=pytest.mark.slow)
        for title, tag in [
            ("Rehab [new", "mine"),
            ("Stretch [/b] oops", "mine"),
            ("Stretches [after run]", "mine"),
            ("[bold red]Loud[/] and [link=https://example.com]linked[/link]", "mine"),
            ("Tagged", "[b]tag["),
        ]
    ),
]

ROUTINE = """\
title: "{title}"
tags: ["{tag}"]
steps:
  - exercise: prone-press-up
    reps: 2
    tempo: 1s
"""


def yaml_string(text: str) -> str:
    """`text` inside YAML double quotes."""
    return (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\x07", "\\a").replace("\x1b", "\\e")
    )


def prompts(screen) -> list[str]:
    options = screen.query_one("#routines", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pytest.mark.parametrize(("title", "tag"), TITLES)
async def test_a_routine_title_is_shown_as_written(make_app, isolated_home, tmp_path, title, tag):
    folder = tmp_path / "clicked"
    folder.mkdir()
    title = title.format(folder=folder)
    routines = isolated_home / "routines"
    routines.mkdir(parents=True)
    text = ROUTINE.format(title=yaml_string(title), tag=yaml_string(tag))
    (routines / "mine.yaml").write_text(text, encoding="utf-8")
    expected = title.replace("\x07", "\\x07").replace("\x1b", "\\x1b")  # visible, not sent

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*"mine")
        assert any(expected in prompt for prompt in prompts(app.screen))
        assert any(f"· {tag} · yours" in prompt for prompt in prompts(app.screen))
        assert expected in shown(app.screen, "#preview")
        # Click along the title in the list and the preview: nothing may act on it.
        for selector in ("#routines", "#preview"):
            for x in range(0, 40, 4):
                await pilot.click(selector, offset=(x, 1 if selector == "#routines" else 0))
        assert list(folder.iterdir()) == []
        assert isinstance(app.screen, LibraryScreen)

        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen)
        assert expected in shown(app.screen, "#phase")
        await pilot.press("enter", "n", "n")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert expected in shown(app.screen, "#finish-title")


async def test_a_title_with_escape_codes_is_refused_and_its_problem_shown_not_obeyed(
    make_app, isolated_home
):
    routines = isolated_home / "routines"
    routines.mkdir(parents=True)
    title = yaml_string("Bell\x07 and \x1b[31mred\x1b[0m")
    (routines / "loud.yaml").write_text(
        f'title: "{title}"\nsteps:\n  - exercise: prone-press-up\n    reps: 5\n', encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*"loud")
        preview = shown(app.screen, "#preview")
        assert "loud has problems" in preview and "\\x07" in preview
        assert "\x07" not in preview and "\x1b" not in preview
        await pilot.press("enter")
        assert isinstance(app.screen, LibraryScreen)  # not started: it has problems


async def test_a_broken_routine_quoting_markup_is_listed_with_its_problem(make_app, isolated_home):
    routines = isolated_home / "routines"
    routines.mkdir(parents=True)
    (routines / "odd[name].yaml").write_text(
        "title: Odd\nsteps:\n  - exercise: '[/]'\n    reps: 5\n", encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        assert any(
            "line 3: '[/]' is not an id" in p and "odd[name]" in p for p in prompts(app.screen)
        )
        await pilot.press(*"odd")
        preview = shown(app.screen, "#preview")
        assert "odd[name] has problems" in preview and "'[/]'" in preview
        assert "backcoach validate" in preview
        await pilot.press("enter")
        assert isinstance(app.screen, LibraryScreen)  # not started: it has problems


async def test_an_exercise_of_ones_own_with_markup_in_its_words(make_app, isolated_home, clock):
    exercises = isolated_home / "exercises"
    exercises.mkdir(parents=True)
    (exercises / "x.yaml").write_text(
        "exercises:\n"
        "  - id: prone-press-up\n"
        "    name: Press-up [/]\n"
        "    cues: ['[b]Slowly[/b]', 'Hips [down']\n"
        "    caution: '[red]Careful'\n"
        "    stop_if: ['it [hurts]']\n"
        "    picture: |\n"
        "      [__]\n"
        "      /[/]\\\n",
        encoding="utf-8",
    )
    routines = isolated_home / "routines"
    routines.mkdir(parents=True)
    (routines / "markup.yaml").write_text(
        "title: Markup\nsteps:\n  - exercise: prone-press-up\n    reps: 10\n    tempo: 5s\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"markup")
        preview = shown(app.screen, "#preview")
        assert "Press-up [/]" in preview and "[red]Careful" in preview
        await pilot.press("enter")
        player = app.screen
        assert isinstance(player, PlayerScreen)
        await pilot.press("enter")
        clock.advance(6)  # through its get-ready
        player.refresh_state()
        await pilot.pause()
        assert shown(player, "#name") == "Press-up [/]"
        assert "[b]Slowly[/b]" in shown(player, "#cues") and "Hips [down" in shown(player, "#cues")
        assert "[red]Careful" in shown(player, "#caution")
        assert "it [hurts]" in shown(player, "#caution")
        assert "/[/]" in shown(player, "#picture")


async def test_preview_says_where_a_routine_lives_without_the_checkout_path(
    make_app, isolated_home
):
    routines = isolated_home / "routines"
    routines.mkdir(parents=True)
    (routines / "mine.yaml").write_text(ROUTINE.format(title="Mine", tag="x"), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        # Under the title: the id, then where the routine lives.
        assert shown(app.screen, "#preview").splitlines()[1] == "id pre-run-warmup · bundled"
        await pilot.press(*"mine")
        where = shown(app.screen, "#preview").splitlines()[1]
        assert where == "id mine · yours · routines/mine.yaml"
