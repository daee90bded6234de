"""The keys, in one table: the player's bindings, the help screen and the README are drawn from it.

README.md's "Keys in the player" table is checked against PLAYER_KEYS by a test, so a key
added here without a line there (or the other way round) fails the suite.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    label: str
    """How the key is written for people: 'n or →', 'Ctrl+P'."""
    does: str
    """What it does, as the help screen and the README say it."""
    keys: str = ""
    """Textual key names, comma-separated ('n,right'); empty when the app binds it itself."""
    action: str = ""
    footer: str = ""
    """The footer's word for it; empty keeps the key out of the footer."""
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.footer,
            show=bool(self.footer),
            priority=self.priority,
        )


PLAYER_KEYS: tuple[Key, ...] = (
    Key(
        "Space",
        "pause and resume (the banner turns red and the clock stops)",
        "space",
        "toggle_pause",
        "Pause",
    ),
    Key(
        "Enter",
        "start the routine; say a set of reps is done; end a rest early",
        "enter",
        "done",
        "Done",
    ),
    Key("0–9", "type the reps you did before Enter; Backspace takes a digit back"),
    Key(
        "Esc",
        "keep the old load when a heavier one is proposed; clear the reps typed",
        "escape",
        "keep",
    ),
    Key("n or →", "skip to the next step (recorded as skipped)", "n,right", "next", "Next"),
    Key(
        "p or ←",
        "restart this step, or go back one if it began under 3 s ago",
        "p,left",
        "previous",
        "Back",
    ),
    Key("+", "add 15 s to a hold, rest or side switch", "plus", "extend", "+15s"),
    Key("e", "correct the reps done and load used in the last set", "e", "adjust"),
    Key("m", "mute or unmute", "m", "app.toggle_mute", "Mute"),
    Key(
        "?",
        "help: every key, the warning signs, the first-start notice",
        "question_mark",
        "app.help",
        "Help",
    ),
    Key(
        "q",
        "quit; during a routine it asks first (y or Enter to stop)",
        "q",
        "quit_routine",
        "Quit",
    ),
    Key(
        "Ctrl+P",
        "command palette: mute, sound and voice settings, theme; in the library, start a routine",
    ),
)

LIBRARY_KEYS: tuple[Key, ...] = (
    Key("letters", "type to filter the routines"),
    Key("↑ ↓", "choose a routine", "down", "move(1)"),
    Key("", "", "up", "move(-1)"),
    Key("Enter", "start the chosen routine", "enter", "start", "Start", priority=True),
    Key("Esc", "clear the filter", "escape", "clear_filter"),
    # Like q, h is a letter in the filter box: it opens the history from the list only.
    Key(
        "h",
        "history: past sessions and their sets, progress, weekly targets",
        "h",
        "history",
        "History",
    ),
    Key(
        "f",
        "flare-up mode on or off: gentler routines for a few days",
        "f",
        "app.toggle_flare",
        "Flare-up",
    ),
    # `?` opens help even while the filter has focus: no routine is found by a question mark.
    Key("?", "this help", "question_mark", "app.help", "Help", priority=True),
    # In the filter box q is a letter (squat): Textual drops Quit from the footer there.
    Key("q", "quit", "q", "quit", "Quit"),
)


def bindings(table: tuple[Key, ...]) -> list[BindingType]:
    """The Textual bindings of the keys in `table` that a screen binds itself."""
    return [key.binding() for key in table if key.keys]


def help_rows(table: tuple[Key, ...]) -> list[tuple[str, str]]:
    """(label, does) for each key a person should read about."""
    return [(key.label, key.does) for key in table if key.label]
