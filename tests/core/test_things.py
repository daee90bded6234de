"""The diary's things: the sources' ones with their units, and the person's own words."""

from __future__ import annotations

import pytest

from backcoach.core.things import Thing, ThingError, Unit, amount_text, find_thing, parse_amount


@pytest.mark.parametrize(
    ("given", "thing_id", "unit"),
    [
        ("ice", "ice", Unit.MINUTES),
        ("Heat", "heat", Unit.MINUTES),
        ("long drive", "long-drive", Unit.HOURS),
        ("LONG-SITTING", "long-sitting", Unit.HOURS),
        ("poor night's sleep", "poor-sleep", None),
        ("sprint session", "sprints", None),
    ],
)
def test_the_sources_things_are_found_by_id_or_name(given, thing_id, unit):
    thing = find_thing(given)
    assert (thing.id, thing.unit) == (thing_id, unit)


def test_the_persons_own_words_are_a_thing_of_their_own():
    assert find_thing("  Tennis   ball ") == Thing("tennis-ball", "Tennis ball")


@pytest.mark.parametrize("given", ["", "   ", "x" * 41, "ice\nheat", "!!!"])
def test_a_thing_that_cannot_be_kept_says_why(given):
    with pytest.raises(ThingError):
        find_thing(given)


@pytest.mark.parametrize(
    ("thing", "given", "amount"),
    [("ice", "20", 20), ("ice", "20m", 20), ("ice", "15 min", 15), ("long drive", "1.5h", 1.5)],
)
def test_amounts_are_read_in_the_things_unit(thing, given, amount):
    assert parse_amount(find_thing(thing), given) == amount


@pytest.mark.parametrize(
    ("thing", "given", "said"),
    [
        ("ice", "-5", "is not an amount of ice; give minutes as a number above 0"),
        ("ice", "0", "give minutes above 0 and at most 1440"),
        ("ice", "2h", "is not an amount of ice"),
        ("long drive", "30", "give hours above 0 and at most 24"),
        ("sprints", "3", "sprint session takes no amount"),
    ],
)
def test_an_amount_that_cannot_be_kept_says_how_to_write_it(thing, given, said):
    with pytest.raises(ThingError, match=said):
        parse_amount(find_thing(thing), given)


def test_amounts_read_as_people_say_them():
    assert amount_text(find_thing("ice"), 20) == "20 minutes"
    assert amount_text(find_thing("long drive"), 1) == "1 hour"
    assert amount_text(find_thing("sprints"), None) == ""
