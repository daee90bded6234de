"""Issue 4: time until the library is on screen, CPU while a hold counts down, peak memory."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BIN, Terminal, backcoach_command, median, row

MARKER = b"choose a routine"
HOLD = "title: One hold\nsteps:\n  - exercise: supine-piriformis-stretch\n    duration: 70s\n"


def home() -> dict:
    folder = Path(tempfile.mkdtemp())
    (folder / "settings.yaml").write_text("notice_accepted: true\n")
    return {"BACKCOACH_HOME": str(folder)}


def time_to_marker(command: list[str], env: dict, marker: bytes = MARKER) -> float:
    terminal = Terminal(command, env)
    terminal.watch = (marker,)
    try:
        return terminal.wait_for(marker)
    finally:
        terminal.close()


def ensure_termdown() -> list[str] | None:
    """termdown, the reference terminal countdown, installed into this environment if missing."""
    script = BIN / "termdown"
    if not script.exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "termdown"],
            check=False,
            capture_output=True,
        )
    return [str(script)] if script.exists() else None


def main() -> None:
    env = home()
    ours = [time_to_marker(backcoach_command(), env) for _ in range(7)]
    bare = [
        time_to_marker([sys.executable, str(Path(__file__).with_name("bare_library.py"))], env)
        for _ in range(7)
    ]
    print("The Textual app (issue 4)")
    row("time until the library is on screen (median of 7)", f"{median(ours) * 1000:.0f} ms")
    row("  reference: bare Textual app drawn the same way", f"{median(bare) * 1000:.0f} ms")
    row("  ratio", f"{median(ours) / median(bare):.2f}x", "goal <= 1.3x")

    hold = Path(tempfile.mkdtemp()) / "hold.yaml"
    hold.write_text(HOLD)
    player = Terminal(backcoach_command("play", str(hold), "--no-sound"), env)
    player.watch = (b"READY", b"WORK")
    player.wait_for(b"READY")
    player.send(b"\r")
    player.wait_for(b"WORK")
    termdown_command = ensure_termdown()
    reference = Terminal([*termdown_command, "70"], env) if termdown_command else None
    time.sleep(2)  # past start-up for both
    cpu_ours = player.cpu_seconds()
    cpu_ref = reference.cpu_seconds() if reference else 0.0
    started = time.monotonic()
    time.sleep(60)
    window = time.monotonic() - started
    ours_cpu = (player.cpu_seconds() - cpu_ours) / window * 100
    peak = player.peak_memory_mib()
    row(
        "average CPU while a hold counts down for 60 s",
        f"{ours_cpu:.2f} %",
        "goal <= 2 % of a core",
    )
    if reference:
        row(
            "  reference: termdown on the same countdown",
            f"{(reference.cpu_seconds() - cpu_ref) / window * 100:.2f} %",
        )
        reference.close()
    else:
        row("  reference: termdown", "not installable")
    row("peak memory (VmHWM) of the player", f"{peak:.1f} MiB", "goal <= 80 MiB")
    player.close()


if __name__ == "__main__":
    main()
