"""The player at every size: a countdown that fills the screen, blocks kept whole in order
of importance, states told apart without colour, and a flash that hides what is below."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.geometry import Region
from textual.widgets import Static

from backcoach.core.library import load_library
from backcoach.core.model import ExerciseStep
from backcoach.core.plan import Kind, build_plan
from backcoach.ui.screens.player import (
    PlayerScreen,
    arrange,
    picture_keeps_clock,
    size_band,
)
from backcoach.ui.widgets.bigclock import SMALL, BigText, best_fit, draw, for_glyphs, split_words
from tests.helpers import hold, rest, routine, screen_text


async def test_the_flash_never_shows_the_library_below_the_player(make_app, clock):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Desk break" in screen_text(app)
        await pilot.press(*"warm", "enter")
        player = app.screen
        assert isinstance(player, PlayerScreen)
        await pilot.press("enter")
        clock.advance(3)
        player.refresh_state()
        await pilot.pause()
        before = screen_text(app)
        app.flash()
        await pilot.pause()
        assert player.has_class("flash")
        # A see-through background would let Textual draw the library in every cell the
        # player leaves uncovered (its margins), which is what bled through.
        assert player.styles.background.a == 1
        assert screen_text(app) == before and "Desk break" not in before


# -- the glyph maths, without Textual ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width", "height", "rows"),
    [
        ("1:30", 76, 10, 10),  # the 3×5 font, each pixel 4 columns by 2 half rows
        ("1:30", 76, 9, 8),
        ("0:05", 156, 26, 25),
        ("12", 40, 5, 5),
        ("10:00", 17, 3, 3),  # the smallest glyphs: one column by one half row
    ],
)
def test_the_tallest_glyphs_that_fit_are_chosen(text, width, height, rows):
    fit = best_fit(text, width, height)
    assert fit is not None and fit.rows == rows and fit.columns <= width
    drawn = draw(fit)
    assert len(drawn) == rows and {len(row) for row in drawn} == {fit.columns}


def test_no_glyph_fits_a_space_too_small_or_a_character_it_has_no_glyph_for():
    assert best_fit("10:00", 16, 3) is None
    assert best_fit("1:30", 80, 2) is None
    assert best_fit("ÉTIRER", 80, 10, (SMALL,)) is None


def test_words_are_wrapped_whole_or_not_drawn_big():
    fit = best_fit(for_glyphs("Hamstring stretch with a towel"), 75, 10, (SMALL,), max_lines=2)
    assert fit is not None and fit.lines == ("HAMSTRING STRETCH", "WITH A TOWEL")
    assert fit.rows == 6
    assert split_words("HAMSTRING", SMALL, 1, 20, max_lines=3) is None  # never split


@pytest.mark.parametrize(
    ("size", "band"),
    [((40, 12), "xs"), ((60, 20), "s"), ((80, 24), "m"), ((100, 30), "l"), ((160, 45), "l")],
)
def test_each_size_has_its_band(size, band):
    assert size_band(*size) == band


def test_blocks_are_kept_in_order_of_importance_and_dropped_whole():
    blocks = [("hint", 1), ("next", 1), ("cues", 4), ("picture", 0), ("progress", 1)]
    assert arrange(12, 8, blocks, lambda rows: True) == {"hint", "next"}
    # The progress bar would fit alone, but the cues before it do not: it goes too.
    assert arrange(11, 8, blocks, lambda rows: True) == {"hint", "next"}
    assert arrange(20, 8, blocks, lambda rows: True) == {"hint", "next", "cues", "progress"}


def test_a_picture_is_kept_only_beside_digits_it_does_not_shrink():
    blocks = [("hint", 1), ("picture", 8), ("caution", 2)]
    assert arrange(12, 8, blocks, lambda alone, beside: True) == {"hint", "picture", "caution"}
    assert arrange(12, 8, blocks, lambda alone, beside: False) == {"hint", "caution"}
    # A picture taller than the clock box costs the rows it adds.
    tall = [("picture", 10), ("caution", 3)]
    assert arrange(12, 6, tall, lambda alone, beside: True) == {"picture"}
    assert arrange(12, 6, tall, lambda alone, beside: False) == {"caution"}
    assert picture_keeps_clock("0:30", 80, 8, 8, 26)
    assert not picture_keeps_clock("0:30", 40, 8, 8, 26)


def test_the_picture_is_weighed_in_the_rows_the_clock_really_gets():
    # The clock keeps 6 rows but takes the 9 left over: the digits are compared there,
    # where the narrower box beside a picture would draw them smaller.
    asked = []

    def beside(alone, with_picture):
        asked.append((alone, with_picture))
        return picture_keeps_clock("1:00", 56, alone, with_picture, 28)

    assert arrange(12, 6, [("hint", 1), ("next", 2), ("picture", 8)], beside) == {"hint", "next"}
    assert asked == [(9, 9)]
    # Blocks a picture pushes out give the clock their rows, and those count too.
    asked.clear()
    arrange(12, 6, [("picture", 10), ("caution", 3)], lambda *rows: asked.append(rows) or True)
    assert asked == [(9, 12)]


# -- the player on screen -----------------------------------------------------------

SIZES = [(40, 12), (60, 20), (80, 24), (100, 30)]


def picture_plan():
    """The stretches, where the hamstring stretch has a long name, a side and a picture."""
    return build_plan(load_library().find("stretch-and-extend").routine)


async def to_the_hamstring_stretch(pilot, clock) -> None:
    player = pilot.app.screen
    start = next(
        s.offset
        for s in player.plan.segments
        if s.kind is Kind.WORK and s.exercise.id == "supine-hamstring-stretch"
    )
    await pilot.press("enter")
    clock.advance(start + 11)  # the clock alone: far quicker than skipping step by step
    player.refresh_state()
    await pilot.pause()


async def to_rest(pilot, clock) -> None:
    await pilot.press("enter")
    clock.advance(40)
    pilot.app.screen.refresh_state()
    await pilot.pause()


async def to_reps(pilot, clock) -> None:
    await pilot.press("enter")
    clock.advance(25)  # prep 10 s, then 15 s into the first set of deadlifts
    pilot.app.screen.refresh_state()
    await pilot.pause()


async def to_paused(pilot, clock) -> None:
    await pilot.press("enter")
    clock.advance(8)
    await pilot.press("space")


STATES = {
    "work": (picture_plan, to_the_hamstring_stretch),
    "rest": (lambda: build_plan(routine(hold(30, sets=2, rest=45), rest(60))), to_rest),
    "reps": (lambda: build_plan(load_library().find("strength").routine), to_reps),
    "paused": (lambda: build_plan(load_library().find("pre-run-warmup").routine), to_paused),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("state", list(STATES))
def test_snapshot(snap_compare, make_app, clock, state, size):
    plan, get_there = STATES[state]

    async def run_before(pilot):
        await get_there(pilot, clock)

    assert snap_compare(make_app(plan()), terminal_size=size, run_before=run_before)


def digit_rows(app, player) -> int:
    region = player.query_one("#timer").content_region
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return sum(1 for row in rows if set(row[region.x : region.right]) & set("▀▄█"))


@pytest.mark.parametrize(
    ("size", "at_least"), [((40, 12), 3), ((60, 20), 5), ((80, 24), 7), ((160, 45), 12)]
)
@pytest.mark.parametrize("state", ["work", "reps"])  # both with a picture
async def test_the_digits_are_as_tall_as_the_size_allows(make_app, clock, size, at_least, state):
    plan, get_there = STATES[state]
    app = make_app(plan())
    async with app.run_test(size=size) as pilot:
        await get_there(pilot, clock)
        player = app.screen
        assert digit_rows(app, player) >= at_least
        if size == (160, 45):  # no empty half screen: the clock box fills what is left
            assert player.query_one("#middle").region.height >= size[1] // 2


def without_pictures(plan):
    """The same plan with every picture taken out: the layout a picture is weighed against."""
    return replace(
        plan,
        segments=tuple(
            s._replace(exercise=replace(s.exercise, picture=None)) if s.exercise else s
            for s in plan.segments
        ),
    )


async def shown_digits(make_app, clock, plan, get_there, size) -> tuple[int, bool]:
    """How many rows the digits take, and whether a picture is shown beside them."""
    app = make_app(plan)
    async with app.run_test(size=size) as pilot:
        await get_there(pilot, clock)
        player = app.screen
        return digit_rows(app, player), player.query_one("#picture").display


async def to_the_hamstring_stretch_paused(pilot, clock) -> None:
    await to_the_hamstring_stretch(pilot, clock)
    await pilot.press("space")


def lone_stretch_plan():
    """One minute of the hamstring stretch, as a tester found it at 60×20: nothing under
    the clock, so the clock box takes most of the screen."""
    stretch = next(
        s.exercise
        for s in picture_plan().segments
        if s.exercise and s.exercise.id == "supine-hamstring-stretch"
    )
    return build_plan(routine(ExerciseStep(stretch, duration=60)))


async def to_the_lone_stretch(pilot, clock) -> None:
    await pilot.press("enter")
    clock.advance(8)
    pilot.app.screen.refresh_state()
    await pilot.pause()


PICTURED = {
    "lone-hold": (lone_stretch_plan, to_the_lone_stretch),
    "work": (picture_plan, to_the_hamstring_stretch),
    "paused": (picture_plan, to_the_hamstring_stretch_paused),
    "reps": STATES["reps"],
}


@pytest.mark.parametrize("size", [*SIZES, (160, 45)], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("state", list(PICTURED))
async def test_a_picture_never_costs_the_digits_a_row(make_app, clock, state, size):
    plan, get_there = PICTURED[state]
    alone, _ = await shown_digits(make_app, clock, without_pictures(plan()), get_there, size)
    beside, pictured = await shown_digits(make_app, clock, plan(), get_there, size)
    assert beside == alone, f"digits {beside} rows beside the picture, {alone} without"
    if size == (100, 30) and state != "lone-hold":  # room for both: a picture does show
        assert pictured


LEAVES = ("#phase", "#big-name", "#big-side", "#name", "#detail", "#timer", "#picture")
LEAVES += ("#hint", "#next", "#last", "#cues", "#caution", "#progress", "#times")


@pytest.mark.parametrize("size", [*SIZES, (160, 45)], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("state", list(STATES))
async def test_nothing_overlaps_and_words_are_never_split(make_app, clock, state, size):
    plan, get_there = STATES[state]
    app = make_app(plan())
    async with app.run_test(size=size) as pilot:
        await get_there(pilot, clock)
        player = app.screen
        shown = [player.query_one(leaf) for leaf in LEAVES]
        regions = [w.region for w in shown if w.display and w.region.area]
        screen = Region(0, 0, *size)
        for number, region in enumerate(regions):
            assert screen.contains_region(region)
            assert not any(region.overlaps(other) for other in regions[number + 1 :])
        text = screen_text(app)
        name = player.query_one("#name", Static)
        if name.display:
            assert all(word in text for word in str(name.render()).split())


async def test_the_side_is_large_from_100x30(make_app, clock):
    app = make_app(picture_plan())
    async with app.run_test(size=(100, 30)) as pilot:
        await to_the_hamstring_stretch(pilot, clock)
        side = app.screen.query_one("#big-side", BigText)
        assert side.display and side.value == "LEFT" and side.region.height == 3
        assert app.screen.query_one("#big-name", BigText).region.height >= 3
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.query_one("#headline").display
        assert app.screen.query_one("#name").display


async def test_a_side_switch_reads_switch_to_and_the_side(make_app, clock):
    app = make_app(picture_plan())
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        await pilot.press("enter")
        clock.advance(37)  # get ready 5 s, the left side 30 s, 2 s into the switch
        player.refresh_state()
        await pilot.pause()
        assert player.query_one("#big-name", BigText).value == "Switch to"
        assert player.query_one("#big-side", BigText).value == "RIGHT"
        assert str(player.query_one("#name", Static).render()) == "Switch to the right side"


async def test_each_state_looks_different_without_colour(make_app, clock):
    app = make_app(build_plan(routine(hold(30, sets=2, rest=45, prep=5))))
    looks = {}

    def look(player):
        phase = player.query_one("#phase")
        return (
            player.query_one("#middle").styles.border_top[0],
            "reverse" in str(phase.styles.text_style),
            str(phase.render()).split(" · ")[0].strip(),
        )

    async with app.run_test(size=(80, 24)) as pilot:
        player = app.screen
        await pilot.press("enter")
        looks["get ready"] = look(player)
        clock.advance(10)
        player.refresh_state()
        await pilot.pause()
        looks["work"] = look(player)
        await pilot.press("space")
        looks["paused"] = look(player)
        await pilot.press("space")
        clock.advance(25)
        player.refresh_state()
        await pilot.pause()
        looks["rest"] = look(player)
    assert looks["rest"][2] == "REST" and looks["paused"][2] == "PAUSED"
    assert len({border for border, _, _ in looks.values()}) == 4
    assert looks["work"][1] and not looks["rest"][1]
