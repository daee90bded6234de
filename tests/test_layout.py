"""The given layout: routines/ and sounds/ at the top of the repository, and in every install."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from backcoach.audio.cues import SOUND_NAMES
from backcoach.core import paths

TOP = Path(__file__).resolve().parent.parent


def test_routines_and_sounds_sit_at_the_top_of_the_repository():
    assert sorted(p.name for p in (TOP / "routines").glob("*.yaml")) == [
        "core.yaml",
        "desk-break.yaml",
        "ice-heat.yaml",
        "pre-run-warmup.yaml",
        "strength.yaml",
        "stretch-and-extend.yaml",
    ]
    assert {p.stem for p in (TOP / "sounds").glob("*.wav")} == set(SOUND_NAMES)


def test_a_source_checkout_reads_them_from_the_top():
    assert paths.BUNDLED_ROUTINES.resolve() == (TOP / "routines").resolve()
    assert paths.BUNDLED_SOUNDS.resolve() == (TOP / "sounds").resolve()
    assert paths.SCHEMA_FILE.resolve() == (TOP / "routine.schema.json").resolve()


@pytest.mark.slow
def test_an_installed_wheel_finds_them_from_any_directory(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(TOP), "-w", str(wheels)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("backcoach-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "backcoach/routines/strength.yaml" in names
    assert "backcoach/sounds/start.wav" in names
    assert "backcoach/routine.schema.json" in names
    assert "backcoach/docs/SOURCES.md" in names  # the routines' comments point there

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), wheel],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import backcoach.core.paths as p, backcoach.audio.sounds as s; "
        "print(p.BUNDLED_ROUTINES); print(s.sound_path('start')); print(p.SCHEMA_FILE.is_file())"
    )
    # The installed copy comes first on the path, ahead of this checkout's editable install.
    env = {**os.environ, "PYTHONPATH": str(target), "BACKCOACH_HOME": str(tmp_path / "home")}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    routines, sound, schema = out.stdout.split("\n")[:3]
    assert Path(routines) == target / "backcoach" / "routines"
    assert Path(sound) == target / "backcoach" / "sounds" / "start.wav"
    assert schema == "True"
    listing = subprocess.run(
        [sys.executable, "-m", "backcoach", "list"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert listing.returncode == 0, listing.stderr
    assert "strength" in listing.stdout and "pre-run-warmup" in listing.stdout
