"""Issues 4 and 11: time until the library is on screen, CPU while a hold counts down, memory.

Both comparisons run the reference in the same run, on the same machine, at the same time
or interleaved, so that a loaded machine slows both alike:

- the library's first frame against a bare Textual app drawn the same way (bare_library.py),
  launched alternately in a pseudo-terminal;
- the CPU of a 5-minute hold in the real app against termdown counting down 5 minutes,
  side by side in two pseudo-terminals of the same size, read from /proc/<pid>/stat.

    .venv/bin/python benchmarks/bench_tui.py               # 30 s of CPU
    .venv/bin/python benchmarks/bench_tui.py --seconds 60  # a longer, steadier sample
    .venv/bin/python benchmarks/bench_tui.py --smoke       # one launch each, 0.5 s of CPU, no termdown
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BIN, SMOKE, Terminal, backcoach_command, median, row, sized

MARKER = b"choose a routine"
HOLD = "title: One hold\nsteps:\n  - exercise: supine-piriformis-stretch\n    duration: 5m\n"
SIZE = (100, 30)


def home() -> dict:
    folder = Path(tempfile.mkdtemp())
    # No check-in before the hold: the CPU sample starts as soon as the hold does.
    (folder / "settings.yaml").write_text("notice_accepted: true\ncheckins: false\n")
    return {"BACKCOACH_HOME": str(folder)}


def compile_backcoach() -> None:
    """Byte-compile backcoach as `pip install .` does. An editable install run with
    PYTHONDONTWRITEBYTECODE set (as on the CI machines) would otherwise compile every
    module from source at each launch, which no installed copy does, while Textual, the
    reference's only import, is compiled."""
    import compileall

    import backcoach

    compileall.compile_dir(Path(backcoach.__file__).parent, quiet=1)


def time_to_marker(command: list[str], env: dict, marker: bytes = MARKER) -> float:
    terminal = Terminal(command, env, SIZE)
    terminal.watch = (marker,)
    try:
        return terminal.wait_for(marker)
    finally:
        terminal.close()


def ensure_termdown() -> list[str] | None:
    """termdown, the reference terminal countdown, installed into this environment if missing."""
    script = BIN / "termdown"
    if not script.exists():
        print("  (installing termdown into this environment: pip install termdown)")
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "termdown"],
            check=False,
            capture_output=True,
        )
    return [str(script)] if script.exists() else None


def library_screen(env: dict) -> Path:
    """What the library screen shows, as text, in a JSON file for bare_library.py: read
    from the real app run headless in this process, with the same home folder."""
    import asyncio
    import json
    import os

    os.environ.update(env)
    from textual.widgets import Input, OptionList, Static

    from backcoach.ui.app import BackcoachApp

    async def read() -> dict:
        app = BackcoachApp(sound=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            options = screen.query_one("#routines", OptionList)
            return {
                "title": str(screen.query_one("#library-title", Static).render()),
                "placeholder": screen.query_one("#filter", Input).placeholder,
                "rows": [
                    (str(option.prompt), option.disabled)
                    for option in (
                        options.get_option_at_index(i) for i in range(options.option_count)
                    )
                ],
                "preview": str(screen.query_one("#preview", Static).render()),
                "keys": [
                    (key, active.binding.description)
                    for key, active in screen.active_bindings.items()
                    if active.binding.show and active.binding.description
                ],
            }

    shown = asyncio.run(read())
    path = Path(tempfile.mkdtemp()) / "library-screen.json"
    path.write_text(json.dumps(shown), encoding="utf-8")
    return path


def first_frames(runs: int) -> None:
    env = home()
    compile_backcoach()
    bare_command = [
        sys.executable,
        str(Path(__file__).with_name("bare_library.py")),
        str(library_screen(env)),
    ]
    time_to_marker(backcoach_command(), env)  # a first launch warms the disk cache for both
    ours, bare = [], []
    for _ in range(runs):  # alternated: a burst of load elsewhere falls on both alike
        ours.append(time_to_marker(backcoach_command(), env))
        bare.append(time_to_marker(bare_command, env))
    print("Time to the library (issues 4 and 11)")
    row(f"time until the library is on screen (median of {runs})", f"{median(ours) * 1000:.0f} ms")
    row("  reference: bare Textual app showing the same text", f"{median(bare) * 1000:.0f} ms")
    row("  ratio", f"{median(ours) / median(bare):.2f}x", "goal <= 1.2x")


def countdown_cpu(seconds: float) -> None:
    env = home()
    hold = Path(tempfile.mkdtemp()) / "hold.yaml"
    hold.write_text(HOLD)
    print(f"CPU while a 5-minute hold counts down, {seconds:g} s sampled (issue 11)")
    player = Terminal(backcoach_command("play", str(hold), "--no-sound"), env, SIZE)
    player.watch = (b"READY", b"WORK")
    termdown_command = None if SMOKE else ensure_termdown()  # a smoke run needs no network
    reference = None
    try:
        player.wait_for(b"READY")
        player.send(b"\r")
        player.wait_for(b"WORK")
        if termdown_command is not None:
            reference = Terminal([*termdown_command, "5m"], env, SIZE)
        elif not SMOKE:
            print("  termdown could not be installed (no network?); only our figure is printed")
        time.sleep(sized(3, 0.2))  # past start-up for both
        ours_before = player.cpu_seconds()
        reference_before = reference.cpu_seconds() if reference else 0.0
        started = time.monotonic()
        time.sleep(seconds)
        window = time.monotonic() - started
        ours = (player.cpu_seconds() - ours_before) / window * 100
        row("backcoach: average CPU of one core", f"{ours:.2f} %", "goal <= 2 % of a core")
        if reference is not None:
            theirs = (reference.cpu_seconds() - reference_before) / window * 100
            row("  reference: termdown 5m, at the same time", f"{theirs:.2f} %")
            ratio = f"{ours / theirs:.2f}x" if theirs > 0 else "termdown used no measurable CPU"
            row("  ratio", ratio, "goal <= 1.2x")
        row(
            "peak memory (VmHWM) of the player",
            f"{player.peak_memory_mib():.1f} MiB",
            "goal <= 80 MiB",
        )
    finally:
        player.close()
        if reference is not None:
            reference.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=sized(30.0, 0.5), help="CPU sample length")
    parser.add_argument("--runs", type=int, default=sized(9, 1), help="launches of each app")
    parser.add_argument("--cpu-only", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes (common.py), no termdown")
    args = parser.parse_args()
    if not args.cpu_only:
        first_frames(args.runs)
    countdown_cpu(args.seconds)


if __name__ == "__main__":
    main()
