from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.core.library import load_catalogue

CORPUS = Path(__file__).parent / "corpus"


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
