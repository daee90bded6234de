"""The sources behind the bundled content live in this repository, in docs/SOURCES.md.

Routines, the exercise library and the safety text cite sections of that page as
`docs/SOURCES.md#anchor`. A user's copy of a routine keeps those comments, so every
citation has to lead somewhere real: no file may point at the project's private notes
folder, and every anchor cited must be a heading on the page.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "docs" / "SOURCES.md"
ROUTINES = REPO / "routines"

# Spelled in two parts so that this file does not match itself.
PRIVATE_FOLDER = "shared" + "/"

CITATION = re.compile(r"docs/SOURCES\.md#([A-Za-z0-9_-]+)")
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: its text, lowercased, punctuation dropped, spaces to dashes."""
    text = LINK.sub(r"\1", heading).strip().lower()
    kept = "".join(
        char
        for char in text
        if char in " -"
        or unicodedata.category(char)[0] in "LMN"
        or unicodedata.category(char) == "Pc"
    )
    return kept.replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """Every heading anchor on a Markdown page, numbered as GitHub numbers repeated headings."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    fence: str | None = None
    for line in markdown.splitlines():
        opening = FENCE.match(line)
        if opening:
            marker = opening.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        heading = HEADING.match(line)
        if not heading:
            continue
        anchor = github_anchor(heading.group(2))
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        found.add(anchor if count == 0 else f"{anchor}-{count}")
    return found


def citations(text: str) -> set[str]:
    return set(CITATION.findall(text))


def citing_files() -> list[Path]:
    """The text files under routines/ and src/, and the README: where citations may appear."""
    files = [REPO / "README.md"]
    for top in (REPO / "routines", REPO / "src"):
        files += [
            path
            for path in sorted(top.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path)
        ]
    return files


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def tracked_files() -> list[str]:
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: cannot list the tracked files")
    return [name for name in listing.decode("utf-8").split("\0") if name]


def test_the_anchor_rule_matches_github() -> None:
    assert github_anchor("Red flags and stop rules") == "red-flags-and-stop-rules"
    assert github_anchor("pre-run-warmup") == "pre-run-warmup"
    assert github_anchor("`core`: Core strength (3x/week)") == "core-core-strength-3xweek"
    assert github_anchor("What counts as a real change?") == "what-counts-as-a-real-change"
    assert github_anchor("See [the list](#sources)") == "see-the-list"
    assert anchors("# A\n## A\n```\n# B\n```\n") == {"a", "a-1"}


def test_no_tracked_file_points_at_the_private_notes_folder() -> None:
    offenders = []
    for name in tracked_files():
        path = REPO / name
        if not path.is_file():
            continue
        data = path.read_bytes()
        if PRIVATE_FOLDER.encode() not in data:
            continue
        lines = data.decode("utf-8", errors="replace").splitlines()
        offenders += [
            f"{name}:{number}: {line.strip()}"
            for number, line in enumerate(lines, start=1)
            if PRIVATE_FOLDER in line
        ] or [f"{name}: (binary)"]
    assert not offenders, (
        f"these tracked files mention '{PRIVATE_FOLDER}', which users never see; "
        "cite docs/SOURCES.md#<section> instead:\n" + "\n".join(offenders)
    )


def test_every_cited_section_exists() -> None:
    headings = anchors(SOURCES.read_text(encoding="utf-8"))
    missing = []
    for path in citing_files():
        text = read_text(path)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            missing += [
                f"{path.relative_to(REPO)}:{number}: #{anchor}"
                for anchor in sorted(citations(line))
                if anchor not in headings
            ]
    assert not missing, "these cite a section docs/SOURCES.md does not have:\n" + "\n".join(missing)


BUNDLED_ROUTINES = sorted(ROUTINES.glob("*.yaml"))


def test_there_are_bundled_routines() -> None:
    assert len(BUNDLED_ROUTINES) >= 6


@pytest.mark.parametrize("routine", BUNDLED_ROUTINES, ids=lambda path: path.stem)
def test_every_bundled_routine_cites_its_own_section(routine: Path) -> None:
    cited = citations(routine.read_text(encoding="utf-8"))
    assert routine.stem in cited, (
        f"{routine.name} should say where its numbers come from, "
        f"with a comment such as '# Sources: docs/SOURCES.md#{routine.stem}'"
    )
    assert routine.stem in anchors(SOURCES.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "path",
    [
        REPO / "src" / "backcoach" / "exercises" / "library.yaml",
        REPO / "src" / "backcoach" / "core" / "safety.py",
    ],
    ids=lambda path: path.name,
)
def test_the_library_and_the_safety_text_cite_a_section(path: Path) -> None:
    assert citations(path.read_text(encoding="utf-8")), (
        f"{path.name} cites no docs/SOURCES.md section"
    )


def test_links_within_the_sources_page_lead_to_its_headings() -> None:
    page = SOURCES.read_text(encoding="utf-8")
    broken = sorted(set(re.findall(r"\]\(#([^)]+)\)", page)) - anchors(page))
    assert not broken, f"docs/SOURCES.md links to sections it does not have: {broken}"
