"""Every benchmark runs to the end at tiny sizes (`--smoke`), so that none can rot unseen.

The figures of a smoke run mean nothing and are not checked: only that the script ran to
its end and printed figures. Each runs in a new process with its own home and temp folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(path.name for path in (ROOT / "benchmarks").glob("bench_*.py"))

# common.row(): two spaces, the label, the value (with a digit in it), three spaces, the goal.
FIGURE = re.compile(r"^ {2,}\S.*?\s\S*\d.*   .*$", re.MULTILINE)


def test_every_benchmark_is_here():
    assert len(SCRIPTS) >= 8, SCRIPTS


@pytest.mark.parametrize("script", SCRIPTS)
def test_benchmark_runs_at_tiny_sizes(script, tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {
        **os.environ,
        "BACKCOACH_HOME": str(tmp_path / "home"),
        "TMPDIR": str(temp),  # what the scripts leave behind stays in pytest's folder
        "PYTHONUNBUFFERED": "1",  # all that was printed, should it hang and time out
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--smoke"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output, output
    assert FIGURE.search(result.stdout), output
