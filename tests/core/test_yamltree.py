"""Reading files that are not files, and YAML that two YAML readers would read otherwise."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from backcoach.core import yamltree
from backcoach.core.problems import ProblemList


def read(path: Path) -> tuple[str | None, list[str]]:
    problems = ProblemList(path)
    text = yamltree.read_text(path, problems)
    return text, [p.message for p in problems.errors]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_refused_unread(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    link = tmp_path / "endless.yaml"
    link.symlink_to(device)
    text, messages = read(link)
    assert text is None and messages == [
        "not a regular file (it is a device); replace it with a plain .yaml file"
    ]


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    text, messages = read(fifo)  # opening it for reading would wait for a writer forever
    assert text is None and "not a regular file (it is a pipe)" in messages[0]


def test_a_fifo_swapped_in_after_the_check_does_not_block(tmp_path, monkeypatch):
    """Between stat() and open() the file can change; the open does not block and the
    opened file is checked again."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    regular = os.stat(__file__)
    real_stat = os.stat
    monkeypatch.setattr(
        yamltree.os, "stat", lambda p, *a, **k: regular if Path(p) == fifo else real_stat(p)
    )
    text, messages = read(fifo)
    assert text is None and "not a regular file (it is a pipe)" in messages[0]


def test_a_folder_a_dangling_link_and_a_link_loop_each_say_what_they_are(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "nowhere.yaml")
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    assert read(folder)[1] == ["this is a folder, not a file; name a .yaml file inside it"]
    assert "the link points nowhere" in read(dangling)[1][0]
    assert "loops back on itself" in read(loop)[1][0]
    assert "no such file" in read(tmp_path / "absent.yaml")[1][0]


def test_an_unreadable_file_is_a_problem_not_a_permission_error(tmp_path, monkeypatch):
    path = tmp_path / "locked.yaml"
    path.write_text("title: T\n")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(yamltree.os, "open", refuse)  # chmod 000 means nothing to root
    assert read(path)[1] == ["cannot read the file (permission denied); check its permissions"]


def test_the_read_stops_one_byte_past_the_limit_whatever_stat_says(tmp_path, monkeypatch):
    """A file that grows after stat(), or a /proc file whose size reads 0."""
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"#" * (yamltree.MAX_FILE_BYTES * 3))
    small = os.stat_result((0o100644, 0, 0, 1, 0, 0, 10, 0, 0, 0))
    monkeypatch.setattr(yamltree.os, "stat", lambda p, *a, **k: small)
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(yamltree.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    text, messages = read(path)
    assert text is None and "limited to 1 MiB" in messages[0]
    assert sum(reads) <= yamltree.MAX_FILE_BYTES + 1


def test_a_raw_control_character_is_reported_where_it_is_on_one_line():
    problems = ProblemList("x.yaml")
    assert yamltree.parse("title: T\nsummary: a\x1bb\n", problems) is None
    (problem,) = problems.errors
    assert (problem.line, problem.column) == (2, 11)
    assert problem.message == "the control character \\x1b is not allowed in a YAML file; delete it"


@pytest.mark.parametrize(
    ("text", "where"),
    [("tags\t: [a]\n", (1, 5)), ("title: a\tb\n", (1, 9)), ("title: T\t# note\n", (1, 9))],
)
def test_a_tab_outside_a_comment_is_refused_as_yaml_readers_disagree_on_it(text, where):
    problems = ProblemList("x.yaml")
    assert yamltree.parse(text, problems) is None
    assert [(p.line, p.column) for p in problems.errors] == [where]


def test_a_tab_inside_a_comment_is_fine():
    problems = ProblemList("x.yaml")
    assert yamltree.parse("# a\tcomment\ntitle: T  # another\tone\n", problems) is not None
    assert not problems.items


@pytest.mark.parametrize("tag", ["!!binary aGk=", "!thing x", "!!int 5", "!!python/none ''"])
def test_explicit_tags_other_than_str_are_refused(tag):
    problems = ProblemList("x.yaml")
    yamltree.parse(f"title: {tag}\n", problems)
    assert any("YAML tag" in p.message for p in problems.errors)


def test_syntax_errors_stay_on_one_line():
    problems = ProblemList("x.yaml")
    yamltree.parse('title: "unclosed\n\n', problems)
    assert problems.errors and all("\n" not in str(p) for p in problems.errors)
