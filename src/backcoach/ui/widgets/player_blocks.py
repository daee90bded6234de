"""The player's blocks as small widgets: each holds what it shows in a reactive and is
redrawn only when that changes, so a redraw pulse that moves only the clock repaints only
the clock. (The countdown and the big name are bigclock.py's BigClock and BigText.)"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static


class Words(Static):
    """One block of words: the banner, the name, what to do, next, last time, the times.

    The player's words carry no styles of their own (the stylesheet colours each block
    from the screen's classes), so Content's comparison, which is of the plain text, is a
    comparison of what shows."""

    words: reactive[Content] = reactive(Content(), init=False, repaint=False)

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, markup=False)

    def watch_words(self, old: Content, new: Content) -> None:
        # Laying the whole screen out again costs more than the rest of a refresh: skip it
        # when the new text has the same shape and fits unwrapped, as a ticking clock does.
        widths = [cell_len(line) for line in new.plain.split("\n")]
        same_size = (
            widths == [cell_len(line) for line in old.plain.split("\n")]
            and max(widths) <= self.content_size.width
        )
        self.update(new, layout=not same_size)


class StillProgressBar(ProgressBar):
    """Textual's progress bar, minus the redraw it makes every second for an ETA never shown
    here: the bar moves only when the player moves it, and not at all while paused."""

    def update(self, **changes: Any) -> None:
        if changes:  # the bar's own timer asks with nothing new
            super().update(**changes)


class RunProgress(StillProgressBar):
    """How far through the routine: moved once per second of the run at most (a bar that
    creeps at every pulse costs a repaint for nothing a person sees), and on a new step."""

    second: reactive[tuple[int, int, bool] | None] = reactive(None, init=False, repaint=False)
    """The second of the run shown, the step, whether it has started."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, total=1000, show_eta=False, show_percentage=False)
        self._done = 0.0

    def show(self, done: float, second: tuple[int, int, bool]) -> None:
        """`done` of the whole (0 to 1), as of `second`."""
        self._done = done
        self.second = second

    def watch_second(self) -> None:
        self.update(progress=self._done * 1000)
