"""The tree a YAML file reads into: nodes that remember their line and column.

Apart from yamltree, which reads files and builds the tree, so that the loader's readers
can walk a tree without reaching the file system or PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backcoach.core.wording import quoted

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
    builds: bool = field(default=True, compare=False)
    """Whether PyYAML's safe loader can build the value: yamltree sets it while parsing,
    as only it holds PyYAML (a number such as '0x_' resolves but cannot be built)."""

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
    return f"{node.kind} {quoted(node.text)}"
