"""Where files live: the bundled data inside the package, and the user's own folder."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _shipped(name: str) -> Path:
    """A file or folder kept at the top of the repository and copied into the wheel beside the code.

    An installed wheel has it inside the package; a source checkout (or an editable
    install, which runs from the checkout) has it two levels above, at the repository top.
    """
    inside = PACKAGE_DIR / name
    return inside if inside.exists() else PACKAGE_DIR.parent.parent / name


BUNDLED_ROUTINES = _shipped("routines")
BUNDLED_SOUNDS = _shipped("sounds")
BUNDLED_EXERCISES = PACKAGE_DIR / "exercises"
SCHEMA_FILE = _shipped("routine.schema.json")


def user_home() -> Path:
    """BACKCOACH_HOME when set (tests, portable installs); else the platform's data folder."""
    override = os.environ.get("BACKCOACH_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("backcoach", appauthor=False)


def user_routines() -> Path:
    return user_home() / "routines"


def user_exercises() -> Path:
    return user_home() / "exercises"


def user_schema() -> Path:
    """The schema the `$schema` line of the user's routines points at (../routine.schema.json)."""
    return user_home() / SCHEMA_FILE.name


def settings_file() -> Path:
    return user_home() / "settings.yaml"


def user_sounds() -> Path:
    return user_home() / "sounds"
