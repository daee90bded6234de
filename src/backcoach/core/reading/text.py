"""Checks on text a user typed, and how it is shown back in a message."""

from __future__ import annotations

import unicodedata

from backcoach.core.wording import quoted

_CHARACTER_NAMES = {
    "\t": "a tab",
    "\r": "a carriage return",
    "\n": "a line break",
    "\x1b": "an escape character",
    "\x07": "a bell character",
    "\x08": "a backspace",
    "\x00": "a null character",
    "\x7f": "a delete character",
    "\x85": "a next-line character",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}

_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Invisible characters that reverse the order text is drawn in, so that what the screen
shows is not what the file says."""


def shown(text: str) -> str:
    """The user's text as quoted() shows it (escaped, one line, cut short), without quotes."""
    return quoted(text)[1:-1]


def in_quotes(text: str) -> str:
    return f'"{shown(text)}"'


def text_problem(text: str, name: str) -> str | None:
    """Why a text cannot be shown as it is, or None: control characters (escape codes,
    bells, carriage returns; line breaks outside a picture) would act on the terminal or
    break the layout; direction controls would make the screen disagree with the file."""
    if text.isprintable():  # has none of them (each is unprintable): the common case, fast
        return None
    for index, character in enumerate(text):
        if character == "\n" and name == "picture":
            continue
        category = unicodedata.category(character)
        if category in ("Cc", "Cs", "Zl", "Zp") or character in _DIRECTION_CONTROLS:
            described = _CHARACTER_NAMES.get(character) or (
                "an invisible direction control"
                if character in _DIRECTION_CONTROLS
                else "a control character"
            )
            escaped = character.encode("unicode_escape", "backslashreplace").decode("ascii")
            where = (
                f" after {quoted(text[max(0, index - 20) : index])}" if index else " at the start"
            )
            return f"'{name}' has {described} ({escaped}){where}; delete it, as it cannot be shown as text"
    return None


def reads_as_nothing(text: str) -> bool:
    """True for text with no letter, digit or symbol in it, such as '...' or '—': a stop rule
    or cue made of it would read as nothing at all."""
    return all(unicodedata.category(c)[0] in "PZCM" for c in text)


def width(line: str) -> int:
    """Columns a line takes in a terminal: wide (East Asian, emoji) characters take two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in line
    )


def shown_amount(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else str(amount)
