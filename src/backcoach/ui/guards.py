"""Textual widgets and screens with the edges that crashed backcoach filed off.

Each class here works around a way a stock Textual 8 widget raises on input a person can
give it: a key pressed twice before the screen it acts on has gone, or a list too short
to have a page. The workarounds live here so the screens read as if Textual had none of
these edges, and so each can be dropped when Textual fixes it.
"""

from __future__ import annotations

from typing import Literal

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import OptionList


def _not_on_top(screen: ModalScreen) -> bool:
    """True when `screen` is no longer the one a dismissal would pop.

    Screen.dismiss pops whatever screen is on top, so a second Enter or Escape queued
    behind the first (or one handled after the app has moved on) would pop the screen
    underneath, or raise ScreenStackError on the last one.
    """
    return not screen.is_attached or screen.app.screen is not screen


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen that can be dismissed once, and only while it is on top."""

    def dismiss(self, result: ScreenResultType | None = None) -> AwaitComplete:
        if _not_on_top(self):
            return AwaitComplete.nothing()
        return super().dismiss(result)


class GuardedCommandPalette(CommandPalette):
    """Textual's command palette, safe against keys that arrive as it closes.

    Ctrl+P then Enter twice quickly dismissed it twice (ScreenStackError); keys queued
    while it closes reached handlers that query widgets already removed (NoMatches).
    """

    def dismiss(self, result: None = None) -> AwaitComplete:
        if _not_on_top(self):
            return AwaitComplete.nothing()
        return super().dismiss(result)


class PagedOptionList(OptionList):
    """An OptionList whose PageUp and PageDown work at any height, and keep a highlight.

    When the list has no room to draw (a terminal 7 rows tall or less), Textual's
    OptionList has laid out no lines, and _move_page looks the highlight up in an empty
    table: KeyError. With no lines, a page is one option. And a page up that reaches a
    disabled option at the top (a group heading) found nothing enabled above it and left
    no option highlighted, so Enter did nothing: it now stops at the first enabled one.
    """

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        highlighted = self.highlighted or 0
        if self.scrollable_content_region.height <= 0 or highlighted not in self._index_to_line:
            if direction > 0:
                self.action_cursor_down()
            else:
                self.action_cursor_up()
            return
        super()._move_page(direction)
        if self.highlighted is None:
            if direction > 0:
                self.action_last()
            else:
                self.action_first()
