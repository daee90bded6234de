"""Textual widgets and screens with the edges that crashed backcoach filed off.

Each class here works around a way a stock Textual 8 widget raises on input a person can
give it: a key pressed twice before the screen it acts on has gone, or a list too short
to have a page. The workarounds live here so the screens read as if Textual had none of
these edges, and so each can be dropped when Textual fixes it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import suppress
from inspect import unwrap
from typing import Any, Literal

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import OptionList


def _not_on_top(screen: ModalScreen[Any]) -> bool:
    """True when `screen` is no longer the one a dismissal would pop.

    Screen.dismiss pops whatever screen is on top, so a second Enter or Escape queued
    behind the first (or one handled after the app has moved on) would pop the screen
    underneath, or raise ScreenStackError on the last one.
    """
    return not screen.is_attached or screen.app.screen is not screen


def _nothing() -> AwaitComplete:
    """An AwaitComplete that is already complete (Textual leaves its helper untyped)."""
    done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
    return done


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen that can be dismissed once, and only while it is on top."""

    def dismiss(self, result: ScreenResultType | None = None) -> AwaitComplete:
        if _not_on_top(self):
            return _nothing()
        return super().dismiss(result)


# The method under Textual's @work, to run inside a guarded worker of our own.
_GATHER: Callable[[CommandPalette, str], Awaitable[None]] = unwrap(CommandPalette._gather_commands)
_GATHER_GROUP = CommandPalette._GATHER_COMMANDS_GROUP


class GuardedCommandPalette(CommandPalette):
    """Textual's command palette, safe against keys that arrive as it closes.

    Ctrl+P then Enter twice quickly dismissed it twice (ScreenStackError). PageDown in
    a palette with no room for its list raised KeyError (see `page`). And the worker
    that gathers commands could finish after the palette had closed, then set reactives
    whose watchers query widgets already removed: NoMatches, raised in a worker, which
    ends the app. The palette now stops gathering when it closes, and its watchers
    ignore a palette with nothing left in it.
    """

    def dismiss(self, result: None = None) -> AwaitComplete:
        if _not_on_top(self):
            return _nothing()
        return super().dismiss(result)

    async def _on_unmount(self) -> None:  # type: ignore[override]
        self._cancel_gather_commands()
        await super()._on_unmount()

    def _watch__list_visible(self) -> None:
        with suppress(NoMatches):
            super()._watch__list_visible()

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            try:
                commands = self.query_one(CommandList)
            except NoMatches:
                return
            page(commands, -1 if action == "page_up" else 1)
            return
        super()._action_command_list(action)

    async def _watch__show_busy(self) -> None:
        with suppress(NoMatches):
            await super()._watch__show_busy()

    @work(exclusive=True, group=_GATHER_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        # The gathering can also start after the palette began to close (a key typed as
        # it goes): its list is gone at once, and the NoMatches would end the app.
        with suppress(NoMatches):
            await _GATHER(self, search_value)


def page(options: OptionList, direction: Literal[-1, 1]) -> None:
    """PageUp (-1) or PageDown (1) in any OptionList, at any height, keeping a highlight.

    When the list has no room to draw (a terminal 7 rows tall or less), Textual's
    OptionList has laid out no lines, and its page move looks the highlight up in an
    empty table: KeyError. With no lines, a page is one option. And a page up that
    reaches a disabled option at the top (a group heading) found nothing enabled above
    it and left no option highlighted, so Enter did nothing: it stops at the first
    enabled one instead.
    """
    room = options.scrollable_content_region.height > 0
    highlighted = options.highlighted
    if highlighted is not None and (not room or highlighted not in options._index_to_line):
        if direction < 0:
            options.action_cursor_up()
        else:
            options.action_cursor_down()
        return
    if highlighted is not None:
        options._move_page(direction)
    if options.highlighted is None:
        if direction < 0:
            options.action_first()
        else:
            options.action_last()


class PagedOptionList(OptionList):
    """An OptionList whose PageUp and PageDown work at any height (see `page`)."""

    def action_page_up(self) -> None:
        page(self, -1)

    def action_page_down(self) -> None:
        page(self, 1)
