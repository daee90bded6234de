"""Every broken file in tests/corpus names, in its first line, the problem it must produce."""

from __future__ import annotations

import re

import pytest

from backcoach.core.loader import load_routine
from tests.conftest import CORPUS

EXPECT = re.compile(rb"^# expect: (\d+):(\d+) (.+)$")
CASES = sorted(CORPUS.glob("*.yaml"))


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_broken_file_reports_its_line_column_and_message(path, exercises):
    match = EXPECT.match(path.read_bytes().splitlines()[0])
    assert match, f"{path.name} must start with '# expect: LINE:COL message'"
    line, column, fragment = int(match[1]), int(match[2]), match[3].decode()
    before = path.read_bytes()

    loaded = load_routine(path, exercises)

    assert loaded.routine is None
    found = [(p.line, p.column, p.message) for p in loaded.problems.errors]
    assert any(
        (line, column) == (p_line, p_col) and fragment in message
        for p_line, p_col, message in found
    ), f"expected {line}:{column} {fragment!r}, got {found}"
    assert path.read_bytes() == before, "validation must never write to the file"
