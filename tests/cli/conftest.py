from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.fixture
def run(isolated_home, tmp_path):
    """Run the real entry point in a subprocess, from a directory other than the checkout."""

    def run(*args: str, stdin: str | None = None, env: dict | None = None, timeout: float = 60):
        environment = {**os.environ, "BACKCOACH_HOME": str(isolated_home), **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "backcoach", *args],
            capture_output=True,
            text=True,
            input=stdin,
            cwd=tmp_path,
            env=environment,
            timeout=timeout,
        )

    return run
