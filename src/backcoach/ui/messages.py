"""What screens ask of the app. A screen posts one of these; the app decides where to go.

Screens never call the app's methods to navigate: the app alone knows whether it was
opened on the library or on one routine, and what is on the screen stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from pathlib import Path

    from backcoach.core.library import Entry
    from backcoach.core.model import Routine
    from backcoach.workout import Workout


class StartRequested(Message):
    """Play this routine (from the library, or the command palette over it)."""

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine


class WorkoutFinished(Message):
    """The player's workout ended: every step done, or stopped early."""

    def __init__(self, workout: Workout, completed: bool) -> None:
        super().__init__()
        self.workout = workout
        self.completed = completed


class FinishClosed(Message):
    """The person has read the finish screen."""


class QuitRequested(Message):
    """Leave the app; a workout still running is stopped first, keeping what was done."""


class StopRequested(Message):
    """Stop the routine being played, keeping what was done, and leave the player: back to
    the library it was started from, or out of the app when it was opened on the routine."""


class HistoryRequested(Message):
    """Show the history: sessions and their sets, progress charts, weekly targets."""


class HistoryClosed(Message):
    """The person is done with the history screen."""


class EditRequested(Message):
    """Open the editor: on a new routine (no entry), on a copy of `entry`, or on `entry`
    itself (a bundled one opens as a copy)."""

    def __init__(self, entry: Entry | None, copy: bool = False) -> None:
        super().__init__()
        self.entry = entry
        self.copy = copy


class EditorClosed(Message):
    """The person left the editor; `saved` is the routine file it wrote, if any."""

    def __init__(self, saved: Path | None) -> None:
        super().__init__()
        self.saved = saved
