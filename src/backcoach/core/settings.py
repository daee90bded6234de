"""User settings in a small YAML file under the user folder, written atomically."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import yaml

from backcoach.core import paths
from backcoach.core.storage import write_atomically


@dataclass
class Settings:
    notice_accepted: bool = False
    sound: bool = True
    voice: bool = True


def load_settings() -> Settings:
    """The saved settings; defaults where the file is missing or unreadable."""
    try:
        data = yaml.safe_load(paths.settings_file().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known and isinstance(v, bool)})


def save_settings(settings: Settings) -> None:
    path = paths.settings_file()
    if path.exists():
        try:
            yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            # A file the user broke by hand is kept beside the new one, not thrown away.
            path.replace(path.with_suffix(".yaml.bak"))
    text = "# backcoach settings\n" + yaml.safe_dump(asdict(settings), sort_keys=False)
    write_atomically(path, text)
