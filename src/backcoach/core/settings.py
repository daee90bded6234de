"""User settings: a small YAML file in the user folder, read safely and written atomically.

Each setting is declared once, as a field of `Settings` made with `setting(kind, default)`;
that declaration is the whole table: its name is the key in settings.yaml, its kind says
which values are allowed and how they are written back. To add one:

    weekly_target: int = setting(WholeNumber(1, 14), 2, "sessions a week to aim for")

A value that is not allowed is reported in `Settings.problems` (with its line) and the
default is used in its place. Keys backcoach does not know are kept and written back on
save. Before a save would lose anything the file holds (a bad value, comments, a file
that is not key: value lines at all), the file is copied to settings.yaml.bak.
"""

from __future__ import annotations

import shutil
import stat
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from backcoach.core import paths, yamltree
from backcoach.core.flare import DEFAULT_FLARE_DAYS
from backcoach.core.problems import ProblemList, did_you_mean
from backcoach.core.running import SHOES_KM_LIMIT
from backcoach.core.storage import write_atomically
from backcoach.core.weekly import WEEKDAYS

MAX_SETTINGS_BYTES = 64 * 1024
"""A settings file holds a handful of lines; anything larger is not one."""

HEADER = "# backcoach settings: edit by hand if you like; a bad value is reported, not lost.\n"

T = TypeVar("T")


# -- kinds of setting --------------------------------------------------------------


class Kind(Generic[T]):
    """What values a setting takes: how to read one from the file and write it back."""

    def allowed(self) -> str:
        """The values allowed, in the user's words, to follow 'is not'."""
        return "a value"

    def parse(self, node: yamltree.Scalar) -> T | None:
        """The value a scalar stands for, or None when it is not allowed."""
        raise NotImplementedError

    def dump(self, value: T) -> object:
        """The value as YAML should write it."""
        return value

    def show(self, value: T) -> str:
        """The value as the user would type it, for messages."""
        return str(value)


class OnOff(Kind[bool]):
    _ON = frozenset({"on", "true", "yes"})
    _OFF = frozenset({"off", "false", "no"})

    def allowed(self) -> str:
        return "on or off"

    def parse(self, node: yamltree.Scalar) -> bool | None:
        word = node.text.strip().lower()
        return True if word in self._ON else False if word in self._OFF else None

    def show(self, value: bool) -> str:
        return "on" if value else "off"


@dataclass(frozen=True)
class WholeNumber(Kind[int]):
    minimum: int
    maximum: int

    def allowed(self) -> str:
        return f"a whole number from {self.minimum} to {self.maximum}"

    def parse(self, node: yamltree.Scalar) -> int | None:
        text = node.text.strip()
        if not text.isascii() or not text.isdigit() or len(text) > 9:
            return None
        number = int(text)
        return number if self.minimum <= number <= self.maximum else None


@dataclass(frozen=True)
class Choice(Kind[str]):
    options: tuple[str, ...]

    def allowed(self) -> str:
        return "one of " + ", ".join(self.options)

    def parse(self, node: yamltree.Scalar) -> str | None:
        word = node.text.strip().lower()
        return word if word in self.options else None


@dataclass(frozen=True)
class Text(Kind[str]):
    max_length: int = 80

    def allowed(self) -> str:
        return f"text of at most {self.max_length} characters on one line"

    def parse(self, node: yamltree.Scalar) -> str | None:
        text = node.text.strip()
        if node.tag == yamltree.NULL or not text or len(text) > self.max_length:
            return None
        return text if text.isprintable() else None


class Marker(Kind[str]):
    """A note backcoach keeps for itself, such as an id; empty when there is none."""

    def allowed(self) -> str:
        return "an id made of letters, digits and dashes, or nothing"

    def parse(self, node: yamltree.Scalar) -> str | None:
        if node.tag == yamltree.NULL:
            return ""
        text = node.text.strip()
        return text if len(text) <= 64 and all(c.isalnum() or c == "-" for c in text) else None


class OptionalText(Text):
    """Text, or nothing at all."""

    def allowed(self) -> str:
        return f"text of at most {self.max_length} characters on one line, or nothing"

    def parse(self, node: yamltree.Scalar) -> str | None:
        if node.tag == yamltree.NULL or not node.text.strip():
            return ""
        return super().parse(node)


ON_OFF = OnOff()
OPTIONAL_TEXT = OptionalText()
MARKER = Marker()
WEEKDAY = Choice(WEEKDAYS)


def setting(kind: Kind[T], default: T, help: str) -> T:
    """Declare a setting: a dataclass field that remembers its kind and what it is for."""
    return field(default=default, metadata={"kind": kind, "help": help})


# -- the settings ------------------------------------------------------------------


@dataclass
class Settings:
    notice_accepted: bool = setting(ON_OFF, False, "the first-start notice was read")
    sound: bool = setting(ON_OFF, True, "play sound cues")
    voice: bool = setting(ON_OFF, True, "speak cues where a speech program exists")
    week_starts: str = setting(WEEKDAY, "monday", "the day a week begins, for weekly targets")
    flare_days: int = setting(
        WholeNumber(1, 14), DEFAULT_FLARE_DAYS, "days flare-up mode lasts unless renewed"
    )
    theme: str = setting(Text(40), "textual-dark", "the colour theme chosen in the command palette")
    checkins: bool = setting(
        ON_OFF, True, "ask how the back and leg feel before and after each routine"
    )
    shoes: str = setting(
        OPTIONAL_TEXT, "", "the pair imported runs are counted against, unless logged with --shoes"
    )
    shoes_km_limit: int = setting(
        WholeNumber(50, 5000),
        SHOES_KM_LIMIT,
        "km after which a pair of running shoes is pointed out",
    )
    later_check_asked: str = setting(
        MARKER, "", "the session whose next-day check-in was last asked for (asked once)"
    )

    problems: list[str] = field(default_factory=list, compare=False, repr=False)
    """What was wrong in settings.yaml, one line each, to show the user once."""
    extra: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    """Keys this version does not know, kept as they were and written back on save."""


@dataclass(frozen=True)
class SettingField:
    name: str
    kind: Kind[Any]
    default: Any
    help: str


def setting_fields() -> list[SettingField]:
    """The table of settings, in the order they are written."""
    return [
        SettingField(f.name, f.metadata["kind"], f.default, f.metadata["help"])
        for f in fields(Settings)
        if "kind" in f.metadata
    ]


# -- reading -----------------------------------------------------------------------


def load_settings() -> Settings:
    """The saved settings; defaults (and a problem saying why) where a value is unusable."""
    return _read(paths.settings_file())[0]


def _read(path: Path) -> tuple[Settings, str | None]:
    """The settings in `path`, and the text they were read from (None when unreadable)."""
    settings = Settings()
    name = path.name
    fallback = f"; using the defaults (the file is kept as {name}.bak when settings are saved)"

    def whole_file(line: int, message: str) -> tuple[Settings, str | None]:
        settings.problems.append(f"{path}:{line}: {message}{fallback}")
        return settings, None

    try:
        info = path.stat()
    except FileNotFoundError:
        return settings, None
    except OSError as error:
        return whole_file(1, f"cannot read the settings file ({error.strerror or error})")
    if stat.S_ISDIR(info.st_mode):
        return whole_file(1, f"{name} is a folder; move it away so settings can be kept there")
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
        return whole_file(1, f"{name} is not a plain file; replace it with a text file")
    if info.st_size > MAX_SETTINGS_BYTES:
        return whole_file(
            1,
            f"the settings file is {info.st_size // 1024} KiB, but a settings file is at most "
            f"{MAX_SETTINGS_BYTES // 1024} KiB",
        )
    problems = ProblemList(path)
    text = yamltree.read_text(path, problems)
    if text is None or len(text) > MAX_SETTINGS_BYTES:
        first = problems.errors[0] if problems.errors else None
        if first is None:
            return whole_file(1, "the settings file is too large to be one")
        return whole_file(first.line, first.message)
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return settings, text  # empty: every default
    root = yamltree.parse(text, problems)
    if root is None:
        first = problems.errors[0] if problems.errors else None
        line, message = (first.line, first.message) if first else (1, "this is not valid YAML")
        return whole_file(line, message)
    for problem in problems.sorted():  # e.g. a key given twice; the rest is still usable
        settings.problems.append(f"{path}:{problem.line}: {problem.message}")
    if not isinstance(root, yamltree.Mapping):
        return whole_file(
            root.line,
            f"the settings file holds {yamltree.describe(root)}, not 'key: value' lines such as "
            "'sound: on'",
        )
    table = {f.name: f for f in setting_fields()}
    unknown = False
    for key, node in root.pairs:
        spec = table.get(key.text)
        if spec is None:
            unknown = True
            hint = did_you_mean(key.text, table)
            if hint:
                settings.problems.append(
                    f"{path}:{key.line}: '{key.text}' is not a setting{hint}; it is kept as it is"
                )
            continue
        value = spec.kind.parse(node) if isinstance(node, yamltree.Scalar) else None
        if value is None:
            given = (
                f"'{key.text}: {node.text}'"
                if isinstance(node, yamltree.Scalar)
                else f"'{key.text}' ({yamltree.describe(node)})"
            )
            settings.problems.append(
                f"{path}:{node.line}: {given} is not {spec.kind.allowed()}; "
                f"using {spec.kind.show(spec.default)}"
            )
            continue
        setattr(settings, spec.name, value)
    if unknown:
        constructor = yaml.constructor.SafeConstructor()
        settings.extra = {
            _value(key, constructor): _value(node, constructor)
            for key, node in root.pairs
            if key.text not in table
        }
    return settings, text


def _value(node: yamltree.Node, constructor: yaml.constructor.SafeConstructor) -> Any:
    """A key backcoach does not know, as the plain value to write back.

    Built from the event-based tree, whose depth is bounded and which has no aliases, so
    nothing here can recurse deeply or expand.
    """
    if isinstance(node, yamltree.Mapping):
        return {_value(k, constructor): _value(v, constructor) for k, v in node.pairs}
    if isinstance(node, yamltree.Sequence):
        return [_value(item, constructor) for item in node.items]
    assert isinstance(node, yamltree.Scalar)
    if node.tag == yamltree.STR:
        return node.text
    try:
        return constructor.construct_object(yaml.ScalarNode(node.tag, node.text))
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return node.text  # a tag backcoach cannot build (such as !mine): kept as its text


# -- writing -----------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Writes true and false as on and off, the words the settings speak."""


def _represent_bool(dumper: yaml.SafeDumper, value: bool) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:bool", "on" if value else "off")


_Dumper.add_representer(bool, _represent_bool)


def render(settings: Settings) -> str:
    """The text of settings.yaml for these settings: known keys first, then the rest."""
    data: dict[Any, Any] = {
        spec.name: spec.kind.dump(getattr(settings, spec.name)) for spec in setting_fields()
    }
    data.update(settings.extra)
    body = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return HEADER + body


def save_settings(settings: Settings) -> None:
    """Write the settings atomically, first keeping anything the old file held that the
    new one would lose as settings.yaml.bak. Raises OSError when the file cannot be written."""
    path = paths.settings_file()
    _keep_original(path)
    write_atomically(path, render(settings))


def _keep_original(path: Path) -> None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        return  # a folder or a device is not the user's text; writing will say what is wrong
    existing, text = _read(path)
    if text is not None and (not text.strip() or text == render(existing)):
        return  # empty, or exactly what backcoach writes: nothing can be lost
    shutil.copyfile(path, path.with_name(path.name + ".bak"))
