"""The command palette's gathering worker, started as the palette closes, ends nothing.

Random keys crashed the app twice in 24 rounds: the palette's worker that gathers commands
started (a key typed as it went) after its list had been removed, and the NoMatches it
raised in a worker ended the app, with exit status 0."""

from __future__ import annotations

from textual.command import CommandList

from backcoach.ui.guards import GuardedCommandPalette
from tests.helpers import settle


async def test_gathering_after_the_list_is_gone_raises_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, GuardedCommandPalette))
        palette = app.screen
        assert isinstance(palette, GuardedCommandPalette)
        await palette.query_one(CommandList).remove()
        worker = palette._gather_commands("start")
        await worker.wait()
        assert worker.error is None
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
