"""The routine and exercise library: bundled files plus the user's own, found by id or path."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from backcoach.core import paths
from backcoach.core.loader import LoadedRoutine, load_exercises, load_routine, routine_id
from backcoach.core.model import Exercise, Routine
from backcoach.core.problems import Problem, ProblemList, did_you_mean
from backcoach.core.wording import one_line, plural, quoted


@dataclass(frozen=True)
class ExerciseFile:
    """What became of one exercise file: the entries in use, and those left out."""

    path: Path
    used: tuple[str, ...]
    skipped: tuple[str, ...]  # ids (or 'line N') of entries left out for their problems
    has_errors: bool

    def note(self) -> str | None:
        """One calm, true sentence for `list` about a file with problems; None without any."""
        if not self.has_errors:
            return None
        where = one_line(str(self.path))
        fix = f"run 'backcoach validate {where}' to see why"
        if not self.used:
            return f"{where} has problems, so none of its exercises are available; {fix}"
        if not self.skipped:
            return f"{where} has problems, though each of its exercises is in use; {fix}"
        names = ", ".join(quoted(entry) for entry in self.skipped[:5])
        if len(self.skipped) > 5:
            names += f" and {len(self.skipped) - 5} more"
        left_out = "was" if len(self.skipped) == 1 else "were"
        in_use = "is" if len(self.used) == 1 else "are"
        return (
            f"{where} has problems, so {plural(len(self.skipped), 'exercise')} in it "
            f"{left_out} left out ({names}); the other {len(self.used)} {in_use} in use; {fix}"
        )


@dataclass
class Catalogue:
    """Every exercise by id; a user's exercise replaces a bundled one with the same id."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    overrides: list[Problem] = field(default_factory=list)
    bundled_ids: frozenset[str] = frozenset()
    """Ids the bundled library defines, whether or not a user's exercise replaces them."""
    files: list[ExerciseFile] = field(default_factory=list)
    folder_problems: list[Problem] = field(default_factory=list)
    """An exercises folder that cannot be read (its problem is in `problems` too)."""


def yaml_files(folder: Path) -> list[Path]:
    """Every *.yaml and *.yml entry in a folder, whatever it is (file, folder, link, pipe):
    the loader gives each that is not a readable file its own problem, so that none
    vanishes from the library without a word. [] for a folder that is missing or unreadable
    (folder_problem says which)."""
    return scan_folder(folder)[0]


def scan_folder(folder: Path) -> tuple[list[Path], Problem | None]:
    """The folder's YAML entries, and a problem when the folder is there but unreadable."""
    try:
        with os.scandir(folder) as listing:
            names = [entry.name for entry in listing]
    except FileNotFoundError:
        if os.path.islink(folder):
            return [], Problem(
                str(folder), 1, 1, "the folder link points nowhere; fix or remove it"
            )
        return [], None  # nothing made yet: a new user's folder
    except NotADirectoryError:
        return [], Problem(
            str(folder), 1, 1, "this is a file, not a folder; move it aside so a folder can be here"
        )
    except OSError as error:
        reason = "permission denied" if isinstance(error, PermissionError) else error.strerror
        return [], Problem(
            str(folder),
            1,
            1,
            f"cannot open this folder ({(reason or 'unknown error').lower()}); check its permissions",
        )
    paths_found = [folder / name for name in names]
    return sorted(p for p in paths_found if p.suffix in (".yaml", ".yml")), None


def _load_exercise_folder(catalogue: Catalogue, folder: Path, source: str) -> None:
    files, problem = scan_folder(folder)
    if problem is not None:
        catalogue.problems.append(problem)
        catalogue.folder_problems.append(problem)
    bundled = catalogue.bundled_ids
    for path in files:
        loaded = load_exercises(path, source)
        catalogue.problems += loaded.problems.items
        catalogue.files.append(
            ExerciseFile(
                path,
                tuple(e.id for e in loaded.exercises),
                tuple(loaded.skipped),
                bool(loaded.problems.errors),
            )
        )
        for exercise in loaded.exercises:
            if source == "user" and exercise.id in bundled:
                line, column = loaded.lines[exercise.id]
                catalogue.overrides.append(
                    Problem(
                        str(path),
                        line,
                        column,
                        f"exercise '{exercise.id}' replaces the bundled one of the same id",
                        "note",
                    )
                )
            catalogue.exercises[exercise.id] = exercise


def bundled_exercise_ids() -> frozenset[str]:
    """The ids of the bundled exercise library alone, as the shipped schema lists them."""
    catalogue = Catalogue()
    _load_exercise_folder(catalogue, paths.BUNDLED_EXERCISES, "bundled")
    return frozenset(catalogue.exercises)


def load_catalogue() -> Catalogue:
    catalogue = Catalogue()
    _load_exercise_folder(catalogue, paths.BUNDLED_EXERCISES, "bundled")
    catalogue.bundled_ids = frozenset(catalogue.exercises)
    _load_exercise_folder(catalogue, paths.user_exercises(), "user")
    return catalogue


@dataclass
class Entry:
    """One routine file in the library, loaded or not."""

    id: str
    path: Path
    source: str  # bundled or user
    loaded: LoadedRoutine
    shadows_bundled: bool = False

    @property
    def routine(self) -> Routine | None:
        return self.loaded.routine

    @property
    def first_problem(self) -> Problem | None:
        errors = self.loaded.problems.errors
        return errors[0] if errors else None  # the cause before its knock-on


DiskStamp = tuple[tuple[str, int, int, int], ...]
"""Each file the library reads, with its size, modification time and inode."""


def disk_stamp() -> DiskStamp:
    """What the library's folders hold now, in a few stat calls (a quarter of a ms for the
    bundled files and a dozen of the user's): cheap enough to compare every second, so the
    library can notice a file added, changed, replaced (a new inode: an editor's atomic
    save) or removed while it is open, without a file-watching dependency."""
    stamp = []
    folders = (
        paths.BUNDLED_EXERCISES,
        paths.user_exercises(),
        paths.BUNDLED_ROUTINES,
        paths.user_routines(),
    )
    for folder in folders:
        for path in scan_folder(folder)[0]:
            try:
                info = path.stat()
            except OSError:  # gone since the listing, or unreadable: the loader will say
                stamp.append((str(path), -1, -1, -1))
                continue
            stamp.append((str(path), info.st_size, info.st_mtime_ns, info.st_ino))
    return tuple(stamp)


def folder_stamp() -> tuple[tuple[str, int, int], ...]:
    """The library's four folders themselves, in four stat calls: a file added, removed or
    replaced (an editor's atomic save renames into the folder) changes its folder's time."""
    stamp = []
    for folder in (
        paths.BUNDLED_EXERCISES,
        paths.user_exercises(),
        paths.BUNDLED_ROUTINES,
        paths.user_routines(),
    ):
        try:
            info = folder.stat()
        except OSError:
            stamp.append((str(folder), -1, -1))
            continue
        stamp.append((str(folder), info.st_mtime_ns, info.st_ino))
    return tuple(stamp)


FILES_PER_SECOND = 250
"""How many files a full look at the disk may stat per second of watching: with a few
hundred files it is every second or two, with 10,000 every 40 s (well under 1 % of a core)."""


class DiskWatch:
    """Whether the library's files changed since `stamp`, cheaply enough to ask every
    second however many files there are. The folders' own times are looked at each time
    (a file added, removed or saved by renaming); every file's size, time and inode only
    as often as FILES_PER_SECOND allows, which catches a file rewritten in place too."""

    def __init__(self, stamp: DiskStamp, now: float) -> None:
        self.stamp = stamp
        self.folders = folder_stamp()
        self.looked = now

    def changed(self, now: float) -> bool:
        folders = folder_stamp()
        due = now - self.looked >= max(1.0, len(self.stamp) / FILES_PER_SECOND)
        if folders == self.folders and not due:
            return False
        self.folders, self.looked = folders, now
        return disk_stamp() != self.stamp


@dataclass
class Library:
    catalogue: Catalogue
    entries: list[Entry]
    problems: list[Problem] = field(default_factory=list)
    """Problems with the folders themselves, such as a routines folder that cannot be opened."""
    stamp: DiskStamp = ()
    """The folders as they were just before loading: a later disk_stamp() that differs
    means the library on screen may no longer be what is on disk."""

    def find(self, routine_id: str) -> Entry | None:
        """A user's routine wins over a bundled one with the same id."""
        matches = [e for e in self.entries if e.id == routine_id]
        users = [e for e in matches if e.source == "user"]
        return (users or matches)[0] if matches else None

    @property
    def ids(self) -> list[str]:
        return sorted({e.id for e in self.entries})

    def not_found(self, routine_id: str) -> str:
        """What to tell someone who named a routine that is not in the library."""
        return f"no routine called {quoted(routine_id)}{did_you_mean(routine_id, self.ids)}; run 'backcoach list' to see them all"


def load_library() -> Library:
    stamp = disk_stamp()  # taken first: a file changed while loading shows as a change
    catalogue = load_catalogue()
    library = Library(catalogue, [], stamp=stamp)
    bundled_ids = set()
    for folder, source in ((paths.BUNDLED_ROUTINES, "bundled"), (paths.user_routines(), "user")):
        files, problem = scan_folder(folder)
        if problem is not None:
            library.problems.append(problem)
        for path in files:
            rid = routine_id(path)
            loaded = (
                load_routine(path, catalogue.exercises, source)
                if _nameable(path.name)
                else _unnameable(path)
            )
            shadows = source == "user" and rid in bundled_ids
            library.entries.append(Entry(rid, path, source, loaded, shadows))
            if source == "bundled":
                bundled_ids.add(rid)
    return library


def _nameable(name: str) -> bool:
    """Whether the file's id can be typed: a name that is not valid UTF-8 reaches Python
    with stand-in characters that no keyboard or command line can give back."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unnameable(path: Path) -> LoadedRoutine:
    problems = ProblemList(path)
    problems.add(
        1,
        1,
        "the file name is not valid UTF-8, so the routine cannot be named to play or edit; "
        "rename the file with characters your keyboard can type",
    )
    return LoadedRoutine(None, problems)


def resolve(library: Library, name: str) -> tuple[LoadedRoutine | None, str]:
    """A routine named by id or by path; the string says what went wrong when it is None."""
    candidate = Path(name).expanduser()
    looks_like_path = candidate.suffix in (".yaml", ".yml") or "/" in name or "\\" in name
    if looks_like_path:
        # The loader says what is wrong with any path: missing, a folder, a dangling link,
        # unreadable, not a regular file.
        return load_routine(candidate, library.catalogue.exercises, "user"), ""
    entry = library.find(name)
    if entry is None:
        return None, library.not_found(name)
    return entry.loaded, ""


def retitle(text: str, title: str) -> str | None:
    """The routine text with its top-level title replaced, every other byte (comments
    included) kept; None when the file has no single-line title to replace."""
    span = _title_span(text)
    if span is None:
        return None
    start, end = span
    return text[:start] + json.dumps(title, ensure_ascii=False) + text[end:]


def _title_span(text: str) -> tuple[int, int] | None:
    """Where the top-level `title:` value is written, read from parser events, which never
    expand an alias, so a copy costs no more than validating. The pure-Python parser,
    whose marks count characters, as the string is indexed."""
    import yaml

    depth = 0
    expect_key = after_title = False
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            starts = isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
            if depth == 1 and (starts or isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent))):
                if expect_key:
                    after_title = isinstance(event, yaml.ScalarEvent) and event.value == "title"
                elif after_title:
                    begin, end = event.start_mark, event.end_mark
                    if begin is None or end is None or begin.line != end.line:
                        return None  # a title written over several lines
                    if not isinstance(event, yaml.ScalarEvent):
                        return None  # a list or mapping, which the loader refuses anyway
                    return begin.index, end.index
                expect_key = not expect_key
            if starts:
                expect_key = depth == 0 or expect_key
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None
