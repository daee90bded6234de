"""One table of keys: the player's bindings, the help screen and the README agree with it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from backcoach.ui.keys import LIBRARY_KEYS, PLAYER_KEYS
from backcoach.ui.library import LibraryScreen
from backcoach.ui.modals import HelpScreen
from backcoach.ui.player import PlayerScreen

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_player_keys() -> list[tuple[str, str]]:
    """The rows of README.md's 'Keys in the player' table, backticks dropped."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("### Keys in the player")
    rows = []
    for line in lines[start + 1 :]:
        if rows and not line.startswith("|"):
            break
        if not line.startswith("|") or line.startswith("| key") or line.startswith("| ---"):
            continue
        key, does = (cell.strip().replace("`", "") for cell in line.strip("|").split("|"))
        rows.append((key, does))
    return rows


def test_readme_lists_the_player_keys_the_app_binds():
    assert readme_player_keys() == [(key.label, key.does) for key in PLAYER_KEYS if key.label]


def test_every_bound_key_is_explained_and_every_explained_key_is_bound():
    for screen, table in ((PlayerScreen, PLAYER_KEYS), (LibraryScreen, LIBRARY_KEYS)):
        bound = {(b.key, b.action) for b in screen.BINDINGS}  # type: ignore[union-attr]
        assert bound == {(k.keys, k.action) for k in table if k.keys}
        explained = {k.keys for k in table if k.label}
        assert all(k.keys in explained for k in table if k.keys and k.footer)


async def test_help_shows_every_key_of_the_table(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        words = [str(s.render()) for s in app.screen.query(Static)]
        for key in (*PLAYER_KEYS, *LIBRARY_KEYS):
            if key.label:
                assert key.label in words and key.does in words
