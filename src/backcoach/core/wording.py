"""Phrases that several screens, the plain player and the spoken cues all say.

Each lives here once, so that a stop rule or an estimate reads the same wherever the
user meets it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

ESTIMATE_MARK = "~"
"""Put before a time that is an estimate (sets of reps that wait for the user)."""

ESTIMATE_NOTE = (
    f"{ESTIMATE_MARK} estimate: sets of reps without a tempo last until you say they are done."
)


def estimated(time_text: str, is_estimate: bool) -> str:
    """'~15:50' for a table cell, or the time as it is when it is exact."""
    return (ESTIMATE_MARK if is_estimate else "") + time_text


def about(time_text: str, is_estimate: bool) -> str:
    """'about 15:50' for a sentence, or the time as it is when it is exact."""
    return ("about " if is_estimate else "") + time_text


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 set', '3 sets', '2 problems'; `many` for irregular words."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _rule_words(rule: str) -> str:
    return lower_first(rule.strip().rstrip(".").strip())


def stop_rules(rules: Iterable[str]) -> str:
    """'Stop if pain spreads down the leg; you feel numbness.' or '' when there are none."""
    words = [w for w in (_rule_words(rule) for rule in rules) if w]
    return f"Stop if {'; '.join(words)}." if words else ""


def stop_rule_lines(rules: Iterable[str]) -> list[str]:
    """One 'Stop if …' line per rule, for screens that list them."""
    return [line for line in (stop_rules([rule]) for rule in rules) if line]


def visible(text: str) -> str:
    """Text safe to print or draw: control characters (escape codes, bells, carriage
    returns) are shown as \\x1b-style escapes instead of acting on the terminal.
    Newlines are kept; a caller that needs one line replaces them itself.
    """
    if text.isprintable() or all(c.isprintable() or c == "\n" for c in text):
        return text
    return "".join(
        c if c.isprintable() or c == "\n" else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


def one_line(text: object) -> str:
    """User-given text for one printed line: control characters shown, never obeyed, and
    newlines shown as \\n so that one item can never split into two lines."""
    return visible(str(text)).replace("\n", "\\n")


def quoted(text: str, limit: int = 40) -> str:
    """The user's own words inside a message, in quotes: "unknown key 'titel'".

    Passed through visible(), so an escape code in a key can never act on the terminal, kept
    on one line, and cut short with '…' so that a 100 KB value is not printed back in full.
    """
    if len(text) > limit:  # cut before escaping, so that no escape is cut in half
        return f"'{one_line(text[: limit - 1])}…'"
    return f"'{one_line(text)}'"


# -- how a routine ended ---------------------------------------------------------------


class Ending(Enum):
    """How a routine ended, as far as the words about it go."""

    ALL_DONE = "all done"
    SOME_SKIPPED = "some skipped"
    ALL_SKIPPED = "all skipped"
    STOPPED = "stopped"
    STOPPED_BEFORE_ANY = "stopped before any set"


def ending(done: int, total: int, completed: bool) -> Ending:
    """`completed`: the routine ran to its end, whether or not sets were skipped on the way."""
    if not completed:
        return Ending.STOPPED if done else Ending.STOPPED_BEFORE_ANY
    if done >= total:
        return Ending.ALL_DONE
    return Ending.SOME_SKIPPED if done else Ending.ALL_SKIPPED


@dataclass(frozen=True)
class FinishWords:
    """What is said at the end, in each of the places that say it."""

    ending: Ending
    heading: str
    """The finish screen's first words."""
    spoken: str
    """The voice's last words: short, for the ear."""
    status: str
    """The opening of the plain player's last line, before the routine's title."""


def finish_words(done: int, total: int, completed: bool) -> FinishWords:
    """The screen, the voice and the plain line all tell the end from this one rule, so
    that none of them praises a routine whose sets were skipped or stopped."""
    kind = ending(done, total, completed)
    skipped = plural(total - done, "set")
    heading, spoken, status = {
        Ending.ALL_DONE: ("Well done.", "Routine complete. Well done.", "Finished"),
        Ending.SOME_SKIPPED: (
            f"Finished, with {skipped} skipped.",
            f"Routine complete, with {skipped} skipped.",
            f"Finished, with {skipped} skipped",
        ),
        Ending.ALL_SKIPPED: (
            "Every set was skipped — that's fine.",
            "Routine over. Every set was skipped, and that's fine.",
            "Finished, every set skipped",
        ),
        Ending.STOPPED: ("Stopped early — that's fine.", "Routine stopped.", "Stopped"),
        Ending.STOPPED_BEFORE_ANY: (
            "Stopped before any set was done — that's fine.",
            "Routine stopped.",
            "Stopped",
        ),
    }[kind]
    return FinishWords(kind, heading, spoken, status)
