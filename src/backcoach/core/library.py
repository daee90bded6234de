"""The routine and exercise library: bundled files plus the user's own, found by id or path."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from backcoach.core import paths
from backcoach.core.loader import LoadedRoutine, load_exercises, load_routine, routine_id
from backcoach.core.model import Exercise
from backcoach.core.problems import Problem, ProblemList, did_you_mean


@dataclass
class Catalogue:
    """Every exercise by id; a user's exercise replaces a bundled one with the same id."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    overrides: list[Problem] = field(default_factory=list)


def yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_catalogue() -> Catalogue:
    catalogue = Catalogue()
    for path in yaml_files(paths.BUNDLED_EXERCISES):
        loaded = load_exercises(path, "bundled")
        catalogue.problems += loaded.problems.items
        catalogue.exercises.update((e.id, e) for e in loaded.exercises)
    bundled = set(catalogue.exercises)
    for path in yaml_files(paths.user_exercises()):
        loaded = load_exercises(path, "user")
        catalogue.problems += loaded.problems.items
        for exercise in loaded.exercises:
            if exercise.id in bundled:
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
    def routine(self):
        return self.loaded.routine

    @property
    def first_problem(self) -> Problem | None:
        errors = self.loaded.problems.errors
        return min(errors, key=lambda p: (p.line, p.column)) if errors else None


@dataclass
class Library:
    catalogue: Catalogue
    entries: list[Entry]

    def find(self, routine_id: str) -> Entry | None:
        """A user's routine wins over a bundled one with the same id."""
        matches = [e for e in self.entries if e.id == routine_id]
        users = [e for e in matches if e.source == "user"]
        return (users or matches or [None])[0]

    @property
    def ids(self) -> list[str]:
        return sorted({e.id for e in self.entries})

    def not_found(self, routine_id: str) -> str:
        """What to tell someone who named a routine that is not in the library."""
        return f"no routine called '{routine_id}'{did_you_mean(routine_id, self.ids)}; run 'backcoach list' to see them all"


def load_library() -> Library:
    catalogue = load_catalogue()
    entries = []
    bundled_ids = set()
    for path in yaml_files(paths.BUNDLED_ROUTINES):
        entries.append(
            Entry(
                routine_id(path),
                path,
                "bundled",
                load_routine(path, catalogue.exercises, "bundled"),
            )
        )
        bundled_ids.add(routine_id(path))
    for path in yaml_files(paths.user_routines()):
        rid = routine_id(path)
        entries.append(
            Entry(
                rid,
                path,
                "user",
                load_routine(path, catalogue.exercises, "user"),
                rid in bundled_ids,
            )
        )
    return Library(catalogue, entries)


def resolve(library: Library, name: str) -> tuple[LoadedRoutine | None, str]:
    """A routine named by id or by path; the string says what went wrong when it is None."""
    candidate = Path(name).expanduser()
    looks_like_path = candidate.suffix in (".yaml", ".yml") or "/" in name or "\\" in name
    if looks_like_path:
        if not candidate.exists():
            problems = ProblemList(candidate)
            problems.add(
                1, 1, "no such file; check the path, or run 'backcoach list' to see routines"
            )
            return LoadedRoutine(None, problems), ""
        return load_routine(candidate, library.catalogue.exercises, "user"), ""
    entry = library.find(name)
    if entry is None:
        return None, library.not_found(name)
    return entry.loaded, ""
