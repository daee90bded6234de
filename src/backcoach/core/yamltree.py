"""Read YAML into a small tree of nodes that remember their line and column.

The tree is built from parser events rather than PyYAML's constructor, so that nothing
dangerous or surprising is ever built: aliases are refused before they can expand,
nesting depth is bounded, duplicate keys are reported, and every scalar keeps the raw
text the user typed so the loader can explain YAML 1.1 surprises such as `no` or `1:30`.
"""

from __future__ import annotations

import errno
import functools
import gc
import os
import re
import stat
from pathlib import Path
from typing import Any

# The ignores keep mypy quiet both with and without types-PyYAML installed.
import yaml  # type: ignore[import-untyped, unused-ignore]
from yaml import Loader as _PurePythonParser  # type: ignore[import-untyped, unused-ignore]
from yaml.resolver import Resolver  # type: ignore[import-untyped, unused-ignore]

from backcoach.core.problems import ProblemList
from backcoach.core.wording import one_line, quoted
from backcoach.core.yamlnodes import BOOL as BOOL
from backcoach.core.yamlnodes import FLOAT as FLOAT
from backcoach.core.yamlnodes import INT as INT
from backcoach.core.yamlnodes import NULL as NULL
from backcoach.core.yamlnodes import STR as STR
from backcoach.core.yamlnodes import Mapping as Mapping
from backcoach.core.yamlnodes import Node as Node
from backcoach.core.yamlnodes import Scalar as Scalar
from backcoach.core.yamlnodes import Sequence as Sequence
from backcoach.core.yamlnodes import describe as describe

try:  # libyaml is several times faster; the pure-Python parser gives the same events.
    from yaml._yaml import CParser as _Parser  # type: ignore[import-untyped, unused-ignore]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = _PurePythonParser  # type: ignore[misc, assignment, unused-ignore]

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 20
TOO_DEEP = (
    f"nesting is deeper than {MAX_DEPTH} levels; no backcoach file needs that many, so flatten it"
)

_resolver = Resolver()


def read_text(path: Path, problems: ProblemList) -> str | None:
    """The file's text, or None with a problem explaining why it cannot be read."""
    data = read_bytes(path, problems)
    return None if data is None else decode(data, problems)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check must not block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_bytes(path: Path, problems: ProblemList) -> bytes | None:
    """At most MAX_FILE_BYTES of a regular file, or None with a problem saying why not.

    Nothing that is not a regular file is ever opened for reading: /dev/zero never ends, a
    FIFO blocks until someone writes to it, and a size from stat() means nothing for either.
    The open itself does not block, the opened file is checked again (it may have been
    swapped since), and the read stops one byte past the limit whatever stat() said.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            problems.add(1, 1, "the link points nowhere; point it at a routine file or remove it")
        else:
            problems.add(
                1, 1, "no such file; check the path, or run 'backcoach list' to see routines"
            )
        return None
    except OSError as error:
        problems.add(1, 1, _cannot_read(error))
        return None
    except ValueError:  # a null character in the path; no file can have such a name
        problems.add(1, 1, "no such file; the path has a null character in it")
        return None
    if _not_a_file(info.st_mode, problems) or _too_big(info.st_size, problems):
        return None
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        problems.add(1, 1, _cannot_read(error))
        return None
    try:
        if _not_a_file(os.fstat(descriptor).st_mode, problems):
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(descriptor, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        problems.add(1, 1, _cannot_read(error))
        return None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > MAX_FILE_BYTES:  # it grew, or stat() did not know its size
        problems.add(1, 1, "file is over 1 MiB; routine files are limited to 1 MiB")
        return None
    return data


def _not_a_file(mode: int, problems: ProblemList) -> bool:
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISDIR(mode):
        problems.add(1, 1, "this is a folder, not a file; name a .yaml file inside it")
    else:
        what = (
            "a pipe"
            if stat.S_ISFIFO(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "something other than a file"
        )
        problems.add(1, 1, f"not a regular file (it is {what}); replace it with a plain .yaml file")
    return True


def _too_big(size: int, problems: ProblemList) -> bool:
    if size <= MAX_FILE_BYTES:
        return False
    shown = f"{size // 1024} KiB" if size < 100 * MAX_FILE_BYTES else "far more than 1 MiB"
    problems.add(1, 1, f"file is {shown}; routine files are limited to 1 MiB")
    return True


def _cannot_read(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot read the file (permission denied); check its permissions"
    if error.errno == errno.ELOOP:
        return "the link loops back on itself; point it at a routine file or remove it"
    if error.errno == errno.ENOTDIR:
        return "part of this path is a file, not a folder; check the path"
    if error.errno == errno.ENAMETOOLONG:
        return "the path is too long; check it"
    reason = error.strerror or type(error).__name__
    return f"cannot read the file ({reason.lower()}); check that it is there and readable"


_BOM = "\ufeff"


def decode(data: bytes, problems: ProblemList) -> str | None:
    if _too_big(len(data), problems):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        problems.add(
            line,
            column,
            f"byte 0x{data[error.start]:02x} is not UTF-8 text; save the file as UTF-8",
        )
        return None
    return text.removeprefix(_BOM)


def parse(text: str, problems: ProblemList) -> Node | None:
    """The document's root node, or None when the text is not usable YAML.

    None always comes with at least one error in `problems`: a caller can never be left
    with neither a document nor a reason.
    """
    before = len(problems.errors)
    root = _parse(text, problems)
    if root is None and len(problems.errors) == before:
        problems.add(1, 1, "file is empty; a routine needs at least a title and steps")
    return root


def _parse(text: str, problems: ProblemList) -> Node | None:
    if _report_stray_boms(text, problems):
        return None
    if all(line.strip().startswith("#") or not line.strip() for line in _lines(text)):
        problems.add(1, 1, "file is empty; a routine needs at least a title and steps")
        return None
    if _report_tabs(text, problems):
        return None
    # The tree is acyclic and the file at most 1 MiB: the cycle collector would only
    # rescan the same young nodes over and over while it grows.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build_bounded(text, problems)
    except yaml.reader.ReaderError as error:
        _report_unreadable_character(text, error, problems)
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if _is_nesting_limit(error):
            problems.add(line, column, TOO_DEEP)
            return None
        what = error.problem or "this is not valid YAML"
        context = error.context_mark
        if context is not None and mark is not None and context.line != mark.line and error.context:
            what += f" ({error.context.removeprefix('while parsing ')} that starts on line {context.line + 1})"
            what = what.replace("(a flow sequence", "(in the list").replace(
                "(a flow mapping", "(in the mapping"
            )
            what = what.replace("(a block mapping", "(in the mapping").replace(
                "(a block collection", "(in the list"
            )
        problems.add(
            line, column, f"YAML syntax: {one_line(what)}; check indentation and quoting here"
        )
        return None
    except yaml.YAMLError as error:
        problems.add(1, 1, f"YAML syntax: {one_line(str(error))}; check the file here")
        return None
    finally:
        if collecting:
            gc.enable()


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as the end of a line (str.splitlines counts more, such as form feeds)."""


def _lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting lines as the YAML parser does."""
    breaks = list(_LINE_BREAK.finditer(text, 0, index))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - line_start + 1


def _report_stray_boms(text: str, problems: ProblemList) -> bool:
    """A byte-order mark belongs only at the very start; anywhere else parsers disagree on it."""
    index = text.find(_BOM)
    if index < 0:
        return False
    line, column = _position(text, index)
    problems.add(
        line,
        column,
        "an invisible byte-order mark (U+FEFF) is here; delete it (save the file as UTF-8 "
        "without BOM, or retype this line)",
    )
    return True


def _report_unreadable_character(
    text: str, error: yaml.reader.ReaderError, problems: ProblemList
) -> None:
    character = error.character
    if isinstance(character, int):
        character = chr(character)
    index = text.find(character) if isinstance(character, str) and character else -1
    line, column = _position(text, index) if index >= 0 else (1, 1)
    shown = one_line(character) if isinstance(character, str) else "a character"
    problems.add(
        line,
        column,
        f"the control character {shown} is not allowed in a YAML file; delete it",
    )


_COMMENT = re.compile(r"(?:^| )#")


def _report_tabs(text: str, problems: ProblemList) -> bool:
    """Tabs outside comments. YAML forbids them in indentation, and between tokens ('key\t:')
    libyaml accepts them where PyYAML's own parser does not: one file, two readings."""
    found = False
    for number, line in enumerate(_lines(text), start=1):
        if "\t" not in line:
            continue
        comment = _COMMENT.search(line)
        code = line[: comment.start()] if comment else line
        if "\t" not in code:
            continue
        column = code.index("\t") + 1
        indent = len(line) - len(line.lstrip(" \t"))
        if column <= indent:
            message = (
                "tab used for indentation; YAML needs spaces (replace the tab with two spaces)"
            )
        else:
            message = "a tab character is here; YAML readers disagree about tabs, so use spaces"
        problems.add(number, column, message)
        found = True
    return found


class _Stop(Exception):
    """Raised inside the builder when a problem makes the rest of the document meaningless."""


def _build_bounded(text: str, problems: ProblemList) -> Node | None:
    """The tree, with nesting past MAX_DEPTH refused at the first node too deep.

    libyaml 0.2.6 and later refuse deep nesting themselves, in their own words and at a
    position far past that node, because their scanner reads ahead. The pure-Python parser
    reads no further than asked, so a file refused that way is read again with it: the
    message and its position then do not depend on how PyYAML was built.
    """
    before = len(problems.items)
    try:
        return _build(text, problems, _Parser)
    except yaml.MarkedYAMLError as error:
        if _Parser is _PurePythonParser or not _is_nesting_limit(error):  # type: ignore[comparison-overlap]
            raise
    del problems.items[before:]  # the second reading finds the same problems again
    return _build(text, problems, _PurePythonParser)


def _is_nesting_limit(error: yaml.MarkedYAMLError) -> bool:
    return "nesting" in (error.problem or "")


def _build(text: str, problems: ProblemList, parser_type: Any) -> Node | None:
    parser = parser_type(text)
    stack: list[Node] = []
    pending_key: list[Scalar | None] = []
    root: Node | None = None
    documents = 0
    try:
        while parser.check_event():
            event: Any = parser.get_event()  # narrowed below by its type, which mypy cannot follow
            kind = type(event)
            if (
                kind is yaml.ScalarEvent
                or kind is yaml.MappingStartEvent
                or kind is yaml.SequenceStartEvent
            ):
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                if event.anchor is not None:
                    problems.add(
                        line,
                        column,
                        f"anchor {quoted('&' + event.anchor)} is not allowed; write each value out in full",
                    )
                    raise _Stop
                if kind is yaml.ScalarEvent:
                    node: Node = _scalar(event, line, column)
                elif kind is yaml.MappingStartEvent:
                    node = Mapping(line, column)
                else:
                    node = Sequence(line, column)
                if not _plain_tag(event.tag, kind):
                    problems.add(
                        line,
                        column,
                        f"the YAML tag {quoted(_short_tag(event.tag))} is not used in routines; remove it "
                        "(put the value in quotes if it should be text)",
                    )
                if len(stack) >= MAX_DEPTH:
                    problems.add(line, column, TOO_DEEP)
                    raise _Stop
                if stack:
                    _attach(stack[-1], pending_key, node, problems)
                else:
                    root = node
                if kind is not yaml.ScalarEvent:
                    stack.append(node)
                    pending_key.append(None)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                pending_key.pop()
            elif kind is yaml.AliasEvent:
                mark = event.start_mark
                problems.add(
                    mark.line + 1,
                    mark.column + 1,
                    f"alias {quoted('*' + event.anchor)} is not allowed; write the value out in full",
                )
                raise _Stop
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    problems.add(
                        mark.line + 1,
                        mark.column + 1,
                        "a second YAML document ('---') was found; keep one routine per file",
                    )
                    raise _Stop
    except _Stop:
        return None
    return root


_constructor = yaml.constructor.SafeConstructor()


def builds(scalar: Scalar) -> bool:
    """Whether PyYAML's safe loader can build this scalar's value.

    Its resolver takes '0x_' or '._' for numbers that its constructor then cannot build,
    and a 5,000-digit number is past what int() will read; any YAML tool built on it would
    fail on such a file, so the loader must not accept it.
    """
    return _builds(scalar.tag, scalar.text)


@functools.lru_cache(maxsize=4096)
def _builds(tag: str, text: str) -> bool:
    if tag == STR:  # PyYAML's str constructor hands the text back as it is
        return True
    make = _constructor.yaml_constructors.get(tag)
    if make is None:
        return False
    try:
        make(_constructor, yaml.ScalarNode(tag, text))
    except (ValueError, OverflowError, yaml.YAMLError):
        return False
    return True


@functools.lru_cache(maxsize=4096)
def _implicit_tag(value: str) -> str:
    tag: str = _resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


def _scalar(event: yaml.ScalarEvent, line: int, column: int) -> Scalar:
    quoted = event.style in ("'", '"', "|", ">")
    if event.tag and event.tag != "!":
        tag = event.tag
    elif quoted or not event.implicit[0]:
        tag = STR
    else:
        tag = _implicit_tag(event.value)
    return Scalar(line, column, event.value, tag, quoted, _builds(tag, event.value))


_PLAIN_TAGS = {
    yaml.ScalarEvent: (None, "!", STR),
    yaml.MappingStartEvent: (None, "!", "tag:yaml.org,2002:map"),
    yaml.SequenceStartEvent: (None, "!", "tag:yaml.org,2002:seq"),
}


def _short_tag(tag: str) -> str:
    """'!!set' for 'tag:yaml.org,2002:set', as the user wrote it."""
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


_YAML_TAG = "tag:yaml.org,2002:"


def _plain_tag(tag: str | None, kind: type) -> bool:
    """No tag, or one that changes nothing. Any other ('!!binary', '!!set', '!thing') makes a
    value that is not text, number or list, or one other YAML readers cannot build at all."""
    return tag in _PLAIN_TAGS[kind]


def _attach(
    parent: Node, pending_key: list[Scalar | None], node: Node, problems: ProblemList
) -> None:
    if isinstance(parent, Sequence):
        parent.items.append(node)
        return
    assert isinstance(parent, Mapping)
    key = pending_key[-1]
    if key is None:
        if not isinstance(node, Scalar):
            problems.add(
                node.line, node.column, "a key must be a plain word, not a list or mapping"
            )
            raise _Stop
        pending_key[-1] = node
        return
    pending_key[-1] = None
    for existing, _ in parent.pairs:
        if existing.text == key.text:
            problems.add(
                key.line,
                key.column,
                f"{quoted(key.text)} is given twice (first on line {existing.line}); "
                "YAML would silently keep only the last one, so remove one of them",
            )
            return
    parent.pairs.append((key, node))
