"""Read YAML into a small tree of nodes that remember their line and column.

The tree is built from parser events rather than PyYAML's constructor, so that nothing
dangerous or surprising is ever built: aliases are refused before they can expand,
nesting depth is bounded, duplicate keys are reported, and every scalar keeps the raw
text the user typed so the loader can explain YAML 1.1 surprises such as `no` or `1:30`.
"""

from __future__ import annotations

import functools
import gc
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.resolver import Resolver

from backcoach.core.problems import ProblemList

try:  # libyaml is several times faster; the pure-Python parser gives the same events.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import Loader as _Parser  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 20

_resolver = Resolver()

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"


@dataclass(slots=True)
class Node:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(slots=True)
class Scalar(Node):
    text: str
    tag: str
    quoted: bool = False

    @property
    def kind(self) -> str:
        return {STR: "text", INT: "number", FLOAT: "number", BOOL: "true/false", NULL: "empty"}.get(
            self.tag, "text"
        )


@dataclass(slots=True)
class Sequence(Node):
    items: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Mapping(Node):
    pairs: list[tuple[Scalar, Node]] = field(default_factory=list)

    def get(self, key: str) -> Node | None:
        for k, v in self.pairs:
            if k.text == key:
                return v
        return None


def describe(node: Node) -> str:
    """What a node is, in the user's words, for 'expected X, got Y' messages."""
    if isinstance(node, Mapping):
        return "a mapping (key: value lines)"
    if isinstance(node, Sequence):
        return "a list"
    assert isinstance(node, Scalar)
    if node.tag == NULL:
        return "nothing"
    return f"{node.kind} '{node.text}'"


def read_text(path: Path, problems: ProblemList) -> str | None:
    """The file's text, or None with a problem explaining why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.add(1, 1, f"file is {size // 1024} KiB; routine files are limited to 1 MiB")
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        problems.add(1, 1, "no such file; check the path, or run 'backcoach list' to see routines")
        return None
    except IsADirectoryError:
        problems.add(1, 1, "this is a folder, not a file; name a .yaml file inside it")
        return None
    except OSError as error:
        problems.add(1, 1, f"cannot read the file ({error.strerror}); check its permissions")
        return None
    return decode(data, problems)


def decode(data: bytes, problems: ProblemList) -> str | None:
    if len(data) > MAX_FILE_BYTES:
        problems.add(1, 1, f"file is {len(data) // 1024} KiB; routine files are limited to 1 MiB")
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
    return text.removeprefix("\ufeff")


def parse(text: str, problems: ProblemList) -> Node | None:
    """The document's root node, or None when the text is not usable YAML."""
    if not text.strip() or all(
        line.strip().startswith("#") or not line.strip() for line in text.splitlines()
    ):
        problems.add(1, 1, "file is empty; a routine needs at least a title and steps")
        return None
    if _report_tabs(text, problems):
        return None
    # The tree is acyclic and the file at most 1 MiB: the cycle collector would only
    # rescan the same young nodes over and over while it grows.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(text, problems)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
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
        problems.add(line, column, f"YAML syntax: {what}; check indentation and quoting here")
        return None
    except yaml.YAMLError as error:
        problems.add(1, 1, f"YAML syntax: {error}")
        return None
    finally:
        if collecting:
            gc.enable()


def _report_tabs(text: str, problems: ProblemList) -> bool:
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            problems.add(
                number,
                line.index("\t") + 1,
                "tab used for indentation; YAML needs spaces (replace the tab with two spaces)",
            )
            found = True
    return found


class _Stop(Exception):
    """Raised inside the builder when a problem makes the rest of the document meaningless."""


def _build(text: str, problems: ProblemList) -> Node | None:
    parser = _Parser(text)
    stack: list[Node] = []
    pending_key: list[Scalar | None] = []
    root: Node | None = None
    documents = 0
    try:
        while parser.check_event():
            event = parser.get_event()
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
                        f"anchor '&{event.anchor}' is not allowed; write each value out in full",
                    )
                    raise _Stop
                if kind is yaml.ScalarEvent:
                    node: Node = _scalar(event, line, column)
                elif kind is yaml.MappingStartEvent:
                    node = Mapping(line, column)
                else:
                    node = Sequence(line, column)
                if len(stack) >= MAX_DEPTH:
                    problems.add(
                        line,
                        column,
                        f"nesting is deeper than {MAX_DEPTH} levels; a routine never needs this",
                    )
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
                    f"alias '*{event.anchor}' is not allowed; write the value out in full",
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


@functools.lru_cache(maxsize=4096)
def _implicit_tag(value: str) -> str:
    return _resolver.resolve(yaml.ScalarNode, value, (True, False))


def _scalar(event: yaml.ScalarEvent, line: int, column: int) -> Scalar:
    quoted = event.style in ("'", '"', "|", ">")
    if event.tag and event.tag != "!":
        tag = event.tag
    elif quoted or not event.implicit[0]:
        tag = STR
    else:
        tag = _implicit_tag(event.value)
    return Scalar(line, column, event.value, tag, quoted)


def _attach(parent: Node, pending_key: list[Scalar | None], node: Node, problems: ProblemList):
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
                f"'{key.text}' is given twice (first on line {existing.line}); "
                "YAML would silently keep only the last one, so remove one of them",
            )
            return
    parent.pairs.append((key, node))
