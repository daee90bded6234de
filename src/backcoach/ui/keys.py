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
    essential: bool = False
    """Kept in the footer at every width: the keys to leave, get help or pause. The footer
    lists these first and drops the others, from the end, when there is no room."""

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.footer,
            show=bool(self.footer),
            priority=self.priority,
        )


# A key may have several rows: the first, with a label, is what help and the README say;
# the others (no label) are the same key doing what fits the moment, each with its own
# footer word. The player's check_action lets through the one row that applies, so the
# footer names what the key does now: Start, Pause or Resume; Done, End rest or Ready.
PLAYER_KEYS: tuple[Key, ...] = (
    Key(
        "Space",
        "start, pause and resume (paused, the banner turns red and the clock stops)",
        "space",
        "pause",
        "Pause",
        essential=True,
    ),
    Key("", "", "space", "resume", "Resume", essential=True),
    Key("", "", "space", "start", essential=True),
    Key(
        "Enter",
        "start the routine; say a set of reps is done; end a rest, get-ready or side switch "
        "early. A timed hold, or reps the app counts, runs its time (n skips it)",
        "enter",
        "done",
        "Done",
        essential=True,
    ),
    Key("", "", "enter", "start", "Start", essential=True),
    Key("", "", "enter", "end_rest", "End rest", essential=True),
    Key("", "", "enter", "ready", "Ready", essential=True),
    Key("0–9", "type the reps you did before Enter; Backspace takes a digit back"),
    Key(
        "Esc",
        "keep the old load when a new one is proposed; clear the reps typed",
        "escape",
        "keep",
    ),
    Key("n or →", "skip to the next step (recorded as skipped)", "n,right", "next", "Next"),
    Key(
        "N",
        "skip the rest of this exercise: all its sets (recorded as skipped) and rests",
        "N",
        "skip_exercise",
    ),
    Key(
        "p or ←",
        "restart this step, or go back one if it began under 3 s ago",
        "p,left",
        "previous",
        "Back",
    ),
    # Out of the footer, which has no room for it at 80 columns beside "End rest" and
    # "Unmute"; the rest's hint names it, and help lists it.
    Key("+", "add 15 s to a hold, rest or side switch", "plus", "extend"),
    Key(
        "-",
        "take 15 s off a hold, rest or side switch (less left: it ends now)",
        "minus",
        "shorten",
    ),
    Key(
        "e",
        "correct the reps done and load used in the last set; a skipped set becomes done, "
        "and a new load carries on to the later sets",
        "e",
        "adjust",
    ),
    Key("m", "mute or unmute (the banner says muted while it is)", "m", "mute", "Mute"),
    Key("", "", "m", "unmute", "Unmute"),
    Key(
        "?",
        "help: every key, the warning signs, the first-start notice",
        "question_mark",
        "app.help",
        "Help",
        essential=True,
    ),
    Key(
        "q",
        "leave the routine: back to the library, or out of backcoach if it began with play; "
        "during a routine it asks first (y or Enter to stop)",
        "q",
        "quit_routine",
        "Quit",
        essential=True,
    ),
    Key("Ctrl+Q", "quit backcoach; during a routine it asks first, like q"),
    Key("Ctrl+C", "stop at once: what was done is kept, and backcoach exits (code 130)"),
    Key(
        "Ctrl+P",
        "command palette: mute, sound and voice settings, theme; in the library, start a routine",
    ),
)
"""Help, the question to quit, and the palette pause the routine while they are open, and
it carries on when they close, unless it was already paused."""

LIBRARY_KEYS: tuple[Key, ...] = (
    Key("letters", "type to filter the routines"),
    Key("↑ ↓", "choose a routine", "down", "move(1)"),
    Key("", "", "up", "move(-1)"),
    Key(
        "Enter",
        "start the chosen routine",
        "enter",
        "start",
        "Start",
        priority=True,
        essential=True,
    ),
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
    # Like h, n, c and e are letters in the filter box: they act from the list only, and /
    # starts a filter that begins with one of them (core, evening).
    Key("n", "new routine from the starter, in the editor", "n", "new_routine", "New"),
    Key("c", "copy the chosen routine (asks for a new id and title)", "c", "copy_routine"),
    Key(
        "e",
        "edit the chosen routine of yours; a bundled one opens as a copy",
        "e",
        "edit_routine",
        "Edit",
    ),
    Key("/", "type a filter that begins with c, e, f, h, n or q", "slash", "focus_filter"),
    # `?` opens help even while the filter has focus: no routine is found by a question mark.
    Key("?", "this help", "question_mark", "app.help", "Help", priority=True, essential=True),
    # In the filter box q is a letter (squat): Textual drops Quit from the footer there.
    Key("q", "quit", "q", "quit", "Quit", essential=True),
)

EDITOR_KEYS: tuple[Key, ...] = (
    Key(
        "Ctrl+S",
        "save (a routine with problems saves too, with a warning)",
        "ctrl+s",
        "save",
        "Save",
        priority=True,
        essential=True,
    ),
    Key(
        "Ctrl+T",
        "insert a step: pick an exercise, then its amount, sets, sides, load and rest",
        "ctrl+t",
        "insert_step",
        "Step",
        priority=True,
    ),
    Key("Tab", "after exercise:, complete the exercise id (else indent)"),
    Key("F8", "go to the next problem", "f8", "next_problem", "Next problem", priority=True),
    Key(
        "Ctrl+R",
        "play the routine as it stands in the editor",
        "ctrl+r",
        "play",
        "Play",
        priority=True,
    ),
    Key("F1", "help", "f1", "app.help", "Help", priority=True, essential=True),
    Key(
        "Esc",
        "leave the editor; with unsaved changes it asks first",
        "escape",
        "leave",
        "Leave",
        priority=True,
        essential=True,
    ),
)


def bindings(table: tuple[Key, ...]) -> list[BindingType]:
    """The Textual bindings of the keys in `table` that a screen binds itself, the essential
    ones first: the footer shows keys in this order. Help and the README keep the table's."""
    bound = [key for key in table if key.keys]
    return [key.binding() for key in sorted(bound, key=lambda key: not key.essential)]


def help_rows(table: tuple[Key, ...]) -> list[tuple[str, str]]:
    """(label, does) for each key a person should read about."""
    return [(key.label, key.does) for key in table if key.label]
