"""The routine library: grouped, filtered as you type, with a preview of the chosen routine."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from backcoach.core.flare import FLARE_OFFER, FlareMode, flare_changes, flare_variant
from backcoach.core.library import DiskWatch, Entry, Library, disk_stamp
from backcoach.core.model import ExerciseStep, Routine
from backcoach.core.plan import build_plan
from backcoach.ui.guards import PagedOptionList
from backcoach.ui.keys import LIBRARY_KEYS, bindings
from backcoach.ui.messages import (
    EditRequested,
    HistoryRequested,
    QuitRequested,
    StartRequested,
)
from backcoach.ui.state import app_state
from backcoach.ui.text import (
    cautions,
    home_path,
    join,
    lines,
    one_line,
    plain,
    step_lines,
    total_text,
    where,
)
from backcoach.ui.widgets.footer import KeysFooter

GROUPS = (
    ("Warm-up", {"warm-up", "before-run"}),
    ("Strength", {"strength"}),
    ("Core", {"core"}),
    ("Stretch", {"stretch", "after-run"}),
)

NOT_FILTERED = ("q", "?", " ", "+", "h", "f", "n", "c", "e", "/")
"""Printable keys that keep their binding while the list has focus: q quits, ? helps,
h opens the history, f switches flare-up mode, n, c and e open the editor, / starts a
filter; space and + (keys of the player) would only surprise."""

TITLE = "backcoach · choose a routine · type to filter"


class FilterInput(Input):
    """The filter box, where every printable key is a letter of the filter except `?`,
    which opens help as it does everywhere else (no routine is found by a question mark).

    Textual drops the bindings of keys an Input consumes from the screen's binding chain,
    priority ones too, so the box must say it does not consume `?`.
    """

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character != "?" and super().check_consume_key(key, character)


def group_of(entry: Entry) -> str:
    if entry.source == "user":
        return "My routines"
    tags = set(entry.routine.tags) if entry.routine else set()
    for name, wanted in GROUPS:
        if tags & wanted:
            return name
    return "Other"


def matches(entry: Entry, words: str) -> bool:
    """Every typed word appears in the id, title, tags or an exercise name."""
    routine = entry.routine
    if routine is None:
        return all(word in entry.id.lower() for word in words.lower().split())
    names = [step.exercise.name for step in routine.steps if isinstance(step, ExerciseStep)]
    haystack = " ".join([entry.id, routine.title, *routine.tags, *names]).lower()
    return all(word in haystack for word in words.lower().split())


Weeks = dict[str, tuple[str, str]]
"""By routine id: this week's progress, short for the list ('1 of 2 this week') and in
full for the preview ('1 of 2 this week · last Tue · next from Thu 19 Nov')."""


def entry_label(entry: Entry, week: str | None = None, flare: bool = False) -> Content:
    """One line of the list: title, time, tags, source and this week's progress; or the
    first problem. `flare`: the time is the gentler version's, as flare-up mode plays it."""
    routine = entry.routine
    if routine is None:
        problem = entry.first_problem
        where_ = f"line {problem.line}: {problem.message}" if problem else "cannot be read"
        return join("  ⚠ ", one_line(entry.id), (one_line(f" — needs fixing, {where_}"), "italic"))
    played = flare_variant(routine) if flare else routine
    about = [build_plan(played).short_total(), ", ".join(routine.tags)]
    about.append("yours" if entry.source == "user" else "bundled")
    note = " (replaces the bundled one)" if entry.shadows_bundled else ""
    if week is not None:
        note += f" · {week}"
    return join(
        "  ",
        one_line(routine.title),
        "  ",
        (one_line(" · ".join(filter(None, about)) + note), "dim"),
    )


def flare_title(mode: FlareMode | None) -> str:
    """The library's header: flare-up mode and when it ends, while it is on."""
    if mode is None:
        return TITLE
    return f"backcoach · FLARE-UP {mode.until_text()} (f ends it) · choose a routine"


def flare_rows(usual: Routine, library: Library) -> list[Content]:
    """What flare-up mode changes in the routine previewed, and the routine it offers."""
    changes = flare_changes(usual) or ["Nothing here changes in flare-up mode."]
    rows = [plain("Flare-up mode: a gentler version", "bold"), *(plain(c) for c in changes)]
    offer = library.find(FLARE_OFFER)
    if offer is not None and offer.routine is not None and usual.id != FLARE_OFFER:
        rows.append(
            plain(f"A cold pack on the sore side may help too: {offer.routine.title}", "italic")
        )
    return rows


def preview_of(
    entry: Entry,
    week: str | None = None,
    flare: list[Content] | None = None,
    loads: list[str] | None = None,
) -> Content:
    """`flare`: the routine is previewed as flare-up mode plays it, led by these rows.
    `loads`: what the next session lifts in each exercise, and why."""
    if entry.routine is None:
        problems = [
            plain(f"{p.line}:{p.column}: {p.message}") for p in entry.loaded.problems.errors
        ]
        return lines(
            [
                join((one_line(entry.id), "bold"), " has problems to fix before it can play:"),
                Content(),
                *problems,
                Content(),
                plain(f"Check it with: backcoach validate {home_path(entry.path)}"),
            ]
        )
    routine = entry.routine if flare is None else flare_variant(entry.routine)
    plan = build_plan(routine)
    rows = [
        join((one_line(routine.title), "bold"), f"  ·  {total_text(plan)}"),
        # The id is what `backcoach play`, `show` and `new --from` take.
        plain(f"id {one_line(entry.id)} · {where(entry.path, entry.source)}", "dim"),
        *([*flare, Content()] if flare is not None else []),
        plain(routine.summary),
        *([Content(), plain(week)] if week is not None else []),
        Content(),
        *(plain(row) for row in step_lines(routine)),
    ]
    if loads:
        rows += [Content(), plain("Next session's load", "bold"), *(plain(row) for row in loads)]
    warnings = cautions(routine)
    if warnings:
        rows += [Content(), plain("Cautions", "bold"), *(plain(f"⚠ {w}") for w in warnings)]
    return lines(rows)


class LibraryScreen(Screen[None]):
    BINDINGS = bindings(LIBRARY_KEYS)
    # The list has focus from the first frame. Focusing it in on_mount left a moment in
    # which the filter box (the first focusable widget) had it, and a key pressed then
    # went into the box: on Python 3.13 a test's first `?` landed there.
    AUTO_FOCUS = "#routines"

    PREVIEW_MIN_WIDTH = 56
    """Below this many columns the preview is left out: beside the list it would be a
    few columns wide, with every word split."""

    POLL_SECONDS = 1.0
    """How often the folders are compared with what is shown (a few stat calls)."""

    def __init__(
        self,
        library: Library,
        weeks: Callable[[], Weeks] | None = None,
        reload: Callable[[], Library] | None = None,
        next_loads: Callable[[Routine], list[str]] | None = None,
    ) -> None:
        """`weeks` reads this week's progress from the history (the app's), when given;
        `reload` reads the library from disk again, so the list follows the files;
        `next_loads` reads what a routine's next session lifts (read when previewed)."""
        super().__init__()
        self._read_next_loads = next_loads
        self._history_read = False
        self._filter_asked = False  # / was pressed: letters are the filter's until it has focus
        self._next_loads: dict[str, list[str]] = {}
        """By routine id, read once each time the library is shown: sessions change it."""
        self.library = library
        self._read_weeks = weeks
        self.weeks: Weeks = {}
        self.flare: FlareMode | None = None
        """Flare-up mode while it is on (the app says): previews show the gentler version."""
        self._reload = reload
        self._stamp = library.stamp or disk_stamp()
        self._watch = DiskWatch(self._stamp, time.monotonic())
        self._filled_for = ""
        """The filter the list was last filled for: behind the box while typing is read."""

    def compose(self) -> ComposeResult:
        yield Static(flare_title(self.flare), id="library-title", markup=False)
        yield FilterInput(
            # c, e, f, h, n and q are keys in the list (copy, edit, …): say how to filter
            # by a word that begins with one, such as core.
            placeholder="Type to filter (press / first for a word that begins with c, e, f, h, n or q)",
            id="filter",
            select_on_focus=False,
        )
        with Horizontal(id="library-body"):
            yield PagedOptionList(id="routines", markup=False)
            with VerticalScroll(id="preview-scroll"):
                yield Static(id="preview", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.fill("")
        state = app_state(self)
        if state is not None:  # the app's state, followed from now on
            if state.flare_mode != self.flare:
                self.show_flare(state.flare_mode)
            self.watch(self.app, "flare_mode", self.show_flare, init=False)
        self.call_after_refresh(self.update_weeks)  # the first frame never waits for sqlite
        if self._reload is not None:
            self.set_interval(self.POLL_SECONDS, self.look_at_disk)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < self.PREVIEW_MIN_WIDTH, "no-preview")

    def on_screen_resume(self) -> None:
        # Back from a routine (or the history): its session may have changed the counts.
        if self.is_mounted and self.weeks:
            self.call_after_refresh(self.update_weeks)
        if self.is_mounted:
            self.check_disk()  # a file saved while another screen was on top

    def look_at_disk(self) -> bool:
        """The once-a-second look: as `check_disk`, but only as thorough as DiskWatch can
        afford with this many files (the folders each time, every file now and then)."""
        if self._reload is None or not self.is_active:
            return False
        if not self._watch.changed(time.monotonic()):
            return False
        self.reload()
        return True

    def check_disk(self) -> bool:
        """Reload when a routine or exercise file was added, changed or removed since the
        library was read, keeping the filter and the highlighted routine; True if it did.
        Only while the library is on screen: a routine being played is left alone."""
        if self._reload is None or not self.is_active or disk_stamp() == self._stamp:
            return False
        self.reload()
        return True

    def reload(self) -> None:
        """Read the library again; redraw the list only if a file changed since it was
        drawn (a start reads it every time, and should not pay for the redraw too)."""
        if self._reload is None:
            return
        drawn = self._stamp
        self.library = self._reload()
        self._stamp = self.library.stamp or disk_stamp()
        self._watch = DiskWatch(self._stamp, time.monotonic())
        if self._stamp == drawn:
            return
        self.fill(self.query_one("#filter", Input).value, keep_highlight=True)
        if self._read_weeks is not None and self.is_active:
            self.call_after_refresh(self.update_weeks)  # a new routine may have a target

    def update_weeks(self) -> None:
        """Read this week's progress again and redraw the labels, keeping the highlight."""
        if self._read_weeks is None:
            return
        self.weeks = self._read_weeks()
        self._history_read = True
        self._next_loads.clear()
        self.relabel()

    def relabel(self) -> None:
        """Redraw each routine's line (its week or its time changed), keeping the highlight."""
        options = self.query_one("#routines", OptionList)
        for index in range(options.option_count):
            entry = self.entry_of(options.get_option_at_index(index))
            if entry is not None:
                options.replace_option_prompt_at_index(index, self.label_of(entry))
        self.show_preview()

    def week_of(self, entry: Entry, full: bool) -> str | None:
        week = self.weeks.get(entry.id) if entry.routine is not None else None
        return None if week is None else week[1 if full else 0]

    def label_of(self, entry: Entry) -> Content:
        return entry_label(entry, self.week_of(entry, full=False), flare=self.flare is not None)

    def fill(self, words: str, keep_highlight: bool = False) -> None:
        options = self.query_one("#routines", OptionList)
        before = options.highlighted
        kept = None
        if keep_highlight and before is not None and before < options.option_count:
            kept = options.get_option_at_index(before).id
        self._filled_for = words
        entries = [e for e in self.library.entries if matches(e, words)]
        groups: dict[str, list[Entry]] = {}
        for entry in entries:
            groups.setdefault(group_of(entry), []).append(entry)
        new: list[Option] = []
        for name in [name for name, _ in GROUPS] + ["Other", "My routines"]:
            if name in groups:
                new.append(Option(plain(name, "bold"), disabled=True))
                new += [
                    Option(self.label_of(e), id=f"{e.source}:{e.id}")
                    for e in sorted(groups[name], key=lambda e: e.id)
                ]
        if not entries:
            new.append(Option(plain("No routine matches; Esc clears the filter"), disabled=True))
        options.clear_options()
        options.add_options(new)  # one batch: each separate add would restyle the list
        enabled = [i for i, option in enumerate(new) if not option.disabled]
        if keep_highlight:
            # The same routine; if it went, the one now in its place, or the last.
            same = [i for i in enabled if new[i].id == kept]
            later = [i for i in enabled if i >= (before or 0)]
            enabled = same + later + enabled[-1:]
        options.highlighted = enabled[0] if enabled else None
        self.show_preview()

    def selected(self) -> Entry | None:
        options = self.query_one("#routines", OptionList)
        if options.highlighted is None:
            return None
        return self.entry_of(options.get_option_at_index(options.highlighted))

    def entry_of(self, option: Option) -> Entry | None:
        if option.id is None:
            return None
        source, _, routine_id = option.id.partition(":")
        return next(
            (e for e in self.library.entries if e.id == routine_id and e.source == source), None
        )

    def show_flare(self, mode: FlareMode | None) -> None:
        """Flare-up mode switched on, renewed or ended (the app's `flare_mode`, watched):
        the header and preview follow."""
        self.flare = mode
        if self.query("#library-title"):  # composed (else compose draws it this way)
            title = self.query_one("#library-title", Static)
            title.update(flare_title(mode))
            title.set_class(mode is not None, "flare")
            self.relabel()  # the times in the list are the gentler ones while it is on

    @on(OptionList.OptionHighlighted)
    def show_preview(self) -> None:
        entry = self.selected()
        flare = None
        if entry is not None and entry.routine is not None and self.flare is not None:
            flare = flare_rows(entry.routine, self.library)
        preview = (
            Content()
            if entry is None
            else preview_of(entry, self.week_of(entry, full=True), flare, self.loads_of(entry))
        )
        self.query_one("#preview", Static).update(preview)

    def loads_of(self, entry: Entry) -> list[str] | None:
        """What the next session lifts, once the history has been read (after the first
        frame, as the week's progress is); none for flare-up mode, which lifts its own."""
        routine = entry.routine
        if routine is None or self._read_next_loads is None or not self._history_read:
            return None
        if self.flare is not None:
            return None
        if entry.id not in self._next_loads:
            self._next_loads[entry.id] = self._read_next_loads(routine)
        return self._next_loads[entry.id]

    @on(OptionList.OptionSelected)
    def on_selected(self) -> None:
        self.action_start()

    @on(Input.Changed, "#filter")
    def on_filter(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted, "#filter")
    def on_submit(self) -> None:
        self.action_start()

    def on_key(self, event: events.Key) -> None:
        if event.key == "ctrl+j":
            # Enter typed before the app had the terminal (`backcoach`, then `desk` Enter
            # at once): the terminal's line mode made it a newline. It reaches here behind
            # the letters typed before it, so the filter holds them already.
            event.stop()
            self._start_when_settled(tries=40)
            return
        # Typing anywhere filters: the first printable key moves focus to the filter box.
        field = self.query_one("#filter", Input)
        character = event.character
        if field.has_focus:
            self._filter_asked = False
            return
        if not event.is_printable or character is None:
            return
        if character == "/":
            # Taken here, in the order the keys came, not by the binding, whose action
            # would run after the letters typed with it ("/ham" opened the history).
            event.stop()
            self.action_focus_filter()
            return
        # Once a filter is begun (or asked for with /) its letters are letters: keys that
        # arrive together ("/ham" typed in one burst, a paste, a slow link) reach here
        # before the box has taken the focus.
        begun = bool(field.value) or self._filter_asked
        if character == "?" or (character in NOT_FILTERED and not begun):
            return
        field.focus()
        field.insert_text_at_cursor(character)
        event.stop()

    def on_paste(self, event: events.Paste) -> None:
        field = self.query_one("#filter", Input)
        if field.has_focus:
            return
        field.focus()
        field.insert_text_at_cursor(" ".join(event.text.split()))
        event.stop()

    def action_move(self, delta: int) -> None:
        options = self.query_one("#routines", OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_clear_filter(self) -> None:
        self._filter_asked = False
        field = self.query_one("#filter", Input)
        field.value = ""
        self.query_one("#routines", OptionList).focus()

    def action_quit(self) -> None:
        self.post_message(QuitRequested())

    def action_history(self) -> None:
        self.post_message(HistoryRequested())

    def action_new_routine(self) -> None:
        self.post_message(EditRequested(None))

    def action_copy_routine(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.post_message(EditRequested(entry, copy=True))

    def action_edit_routine(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.post_message(EditRequested(entry))

    def action_focus_filter(self) -> None:
        self._filter_asked = True
        self.query_one("#filter", Input).focus()

    def show_saved(self, chosen: Path) -> None:
        """After the editor saved `chosen`: the library read again, with `chosen` picked."""
        self.reload()
        options = self.query_one("#routines", OptionList)
        for index in range(options.option_count):
            entry = self.entry_of(options.get_option_at_index(index))
            if entry is not None and entry.path == chosen:
                options.highlighted = index

    def action_start(self) -> None:
        if self.focused is None:
            # Enter typed with a filter before the first frame (`backcoach`, then `desk`
            # Enter at once) comes before the screen has its focus, and as a priority key
            # it overtakes the letters typed before it: start once they have been read.
            self._start_when_settled(tries=40)
            return
        entry = self.selected()
        if entry is not None:
            self.start(entry.source, entry.id)

    def _start_when_settled(self, tries: int) -> None:
        """Start the chosen routine once the screen has its focus and the list shows what
        the filter box holds; looked at every 25 ms, for a second at most."""
        typed = self.query_one("#filter", Input).value
        if (self.focused is None or typed != self._filled_for) and tries > 0:
            self.set_timer(0.025, lambda: self._start_when_settled(tries - 1))
            return
        entry = self.selected()
        if entry is not None:
            self.start(entry.source, entry.id)

    def start(self, source: str, routine_id: str) -> None:
        """Play a routine as it is on disk now, not as it was when the list was drawn: the
        library is read again first (a few ms). One that became invalid shows its problems
        in the preview instead of playing."""
        self.reload()
        entry = next(
            (e for e in self.library.entries if e.id == routine_id and e.source == source), None
        )
        if entry is None:
            self.notify(
                f"{one_line(routine_id)} is no longer in your folder.",
                severity="warning",
                markup=False,
            )
            return
        if entry.routine is None:
            self.notify(
                f"{one_line(entry.id)} has problems; fix them first (see the preview).",
                severity="warning",
                markup=False,
            )
            return
        self.post_message(StartRequested(entry.routine))
