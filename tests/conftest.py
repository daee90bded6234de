from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.core.library import load_catalogue

CORPUS = Path(__file__).parent / "corpus"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that compares a screenshot: a snapshot pins what one Textual
    version draws, so CI leaves them out where it runs the oldest versions allowed."""
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets an empty user folder, so nothing leaks in from the machine."""
    home = tmp_path / "home"
    monkeypatch.setenv("BACKCOACH_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def exercises():
    return load_catalogue().exercises


@pytest.fixture
def write_routine(tmp_path):
    def write(text: str, name: str = "mine.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
