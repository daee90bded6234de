"""What a screen may read of the app, typed: a small Protocol the app satisfies, defined
here below the app so that no screen imports the app module (not even for types)."""

from __future__ import annotations

from typing import Protocol, cast

from textual.dom import DOMNode

from backcoach.core.flare import FlareMode


class AppState(Protocol):
    muted: bool
    """Sound is off for this session (the m key); a reactive screens watch."""
    flare_mode: FlareMode | None
    """Flare-up mode while it is on; a reactive screens watch."""

    def action_toggle_mute(self) -> None: ...


def app_state(node: DOMNode) -> AppState | None:
    """The app as screens see it; None under another app (a bare harness in a test)."""
    app = node.app
    if all(hasattr(app, name) for name in ("muted", "flare_mode", "action_toggle_mute")):
        return cast(AppState, app)
    return None
