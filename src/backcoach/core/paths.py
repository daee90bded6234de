"""Where files live: the bundled data inside the package, and the user's own folder."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BUNDLED_ROUTINES = PACKAGE_DIR / "routines"
BUNDLED_EXERCISES = PACKAGE_DIR / "exercises"
SCHEMA_FILE = PACKAGE_DIR / "routine.schema.json"


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


def settings_file() -> Path:
    return user_home() / "settings.yaml"


def user_sounds() -> Path:
    return user_home() / "sounds"
