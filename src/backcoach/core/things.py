"""Things done or endured for (or against) the back, as the diary keeps them: the ones the
sources name, each with its unit, and whatever words the person uses for their own.

Which of them help is different for each person (S4: "what works wonders for some people
hasn't done anything for me"); the diary only keeps what happened, and when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from backcoach.core.wording import quoted


class Unit(Enum):
    MINUTES = "minutes"
    HOURS = "hours"


@dataclass(frozen=True)
class Thing:
    id: str
    name: str
    unit: Unit | None = None
    """None: it happened or it did not (a sprint session, new shoes)."""
    warned: bool = False
    """The sources warn against it: never shown as something to do more of."""


BUILT_IN = (
    Thing("ice", "ice", Unit.MINUTES),
    Thing("heat", "heat", Unit.MINUTES),
    Thing("walk", "walk", Unit.MINUTES),
    Thing("foam-roller", "foam roller"),
    Thing("long-sitting", "long sitting", Unit.HOURS, warned=True),
    Thing("long-drive", "long drive", Unit.HOURS, warned=True),
    Thing("sprints", "sprint session", warned=True),
    Thing("new-shoes", "new shoes"),
    Thing("poor-sleep", "poor night's sleep", warned=True),
)

MAX_NAME = 40


class ThingError(ValueError):
    """A thing or an amount the diary cannot keep; the message says how to write it."""


def slug(text: str) -> str:
    """'Poor night's sleep' -> 'poor-nights-sleep': how two spellings are told the same."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("'", "")).strip("-")


_BY_WORD = {key: thing for thing in BUILT_IN for key in (thing.id, slug(thing.name))}


def find_thing(text: str) -> Thing:
    """A built-in thing by its id or its name (any case, spaces or dashes), or the
    person's own words as a thing of its own."""
    words = " ".join(text.split())
    if not words or len(words) > MAX_NAME or not text.isprintable():
        raise ThingError(
            f"a thing is a few words on one line, at most {MAX_NAME} characters, such as "
            "ice, heat or 'long drive'"
        )
    key = slug(words)
    found = _BY_WORD.get(key)
    if found is not None:
        return found
    if not key:
        raise ThingError(f"{quoted(words)} needs a letter or a digit to be told apart")
    return Thing(key, words)


_AMOUNT = re.compile(r"^\s*([0-9]{1,4}(?:\.[0-9]{1,2})?)\s*([a-z]*)\s*$", re.IGNORECASE)
_UNIT_WORDS = {
    Unit.MINUTES: ("", "m", "min", "mins", "minute", "minutes"),
    Unit.HOURS: ("", "h", "hr", "hrs", "hour", "hours"),
}
_MOST = {Unit.MINUTES: 24 * 60, Unit.HOURS: 24}


def parse_amount(thing: Thing, text: str | None) -> float | None:
    """How much, in the thing's unit: "20" or "20m" minutes of ice, "1.5h" of sitting."""
    if text is None:
        return None
    if thing.unit is None:
        raise ThingError(f"{thing.name} takes no amount; leave it out")
    match = _AMOUNT.match(text)
    if match is None or match.group(2).lower() not in _UNIT_WORDS[thing.unit]:
        example = "20 or 20m" if thing.unit is Unit.MINUTES else "2 or 1.5h"
        raise ThingError(
            f"{quoted(text.strip())} is not an amount of {thing.name}; give "
            f"{thing.unit.value} as a number above 0, like {example}"
        )
    amount = float(match.group(1))
    if not 0 < amount <= _MOST[thing.unit]:
        raise ThingError(
            f"{quoted(text.strip())} is not an amount of {thing.name} in a day; give "
            f"{thing.unit.value} above 0 and at most {_MOST[thing.unit]}"
        )
    return amount


def amount_text(thing: Thing, amount: float | None) -> str:
    """'20 minutes', '1.5 hours', or '' for a thing without an amount."""
    if amount is None or thing.unit is None:
        return ""
    number = f"{amount:g}"
    word = thing.unit.value if amount != 1 else thing.unit.value[:-1]
    return f"{number} {word}"
