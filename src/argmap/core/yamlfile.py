"""Reading one YAML file safely, with positions for error messages.

libyaml (`CSafeLoader`) composes the node tree in C; we build plain Python
values from it ourselves instead of using PyYAML's constructor, because that
lets us (a) refuse alias bombs before expanding them, (b) report duplicate keys
that PyYAML silently overwrites, and (c) keep the tree's line/column marks out
of memory: positions are looked up again only when a problem must be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from argmap.core.errors import Problem
from argmap.core.model import yaml_texts_are_showable
from argmap.core.readfile import read_bounded as _read_bounded

MAX_EXPANDED_NODES = 500_000
MAX_DEPTH = 64
MAX_NODES = 100_000
"""Most values (scalars, lists and mappings) one file may hold: composing a node
costs far more than its bytes, so a file under the byte limit made of tiny lists
would otherwise take minutes and gigabytes. The whole bundled map holds about
17,000; composing 100,000 takes about a second."""

# What YAML accepts in a file: tab, line breaks and printable characters. Anything
# else (C0/C1 controls, noncharacters U+FFFE/U+FFFF) is reported at its position.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Characters that may start a node in either block or flow style; their count
# bounds the number of nodes from above, so most files skip the exact count.
_NODE_MARKS = re.compile(r"[\[\]{},:\-\n]")

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_SCALARS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}
_scalars = SafeConstructor()

Path_ = tuple[str | int, ...]


@dataclass
class ParsedFile:
    """A file's plain data, or the problems that kept it from being read."""

    path: Path
    display: str
    data: dict[str, Any] | None
    problems: list[Problem]
    root: Node | None = None
    """The composed tree, kept so that locating problems does not compose it again."""
    texts_checked: bool = False
    """Every string in ``data`` is known to pass argmap.core.model.check_text."""


def read_yaml(path: Path, display: str) -> ParsedFile:
    """Parse a file into plain data; never raises for bad content."""
    raw, problem = _read_bounded(path, display)
    return parse_yaml(path, display, raw, problem)


def read_bytes(path: Path, display: str) -> tuple[bytes, Problem | None]:
    """A file's bytes with the same refusals as read_yaml (for the load cache,
    which hashes exactly the bytes it then parses)."""
    return _read_bounded(path, display)


def parse_yaml(path: Path, display: str, raw: bytes, problem: Problem | None = None) -> ParsedFile:
    """Parse bytes already read from `path` (see read_yaml)."""
    problems: list[Problem] = []

    def fail(line: int, col: int, message: str, hint: str = "") -> ParsedFile:
        problems.append(Problem(display, line, col, message, hint))
        return ParsedFile(path, display, None, problems)

    if problem is None:
        text, problem = _decode(raw, display)
    if problem is None:
        problem = _count_nodes(text, display)
    if problem is not None:
        return fail(problem.line, problem.column, problem.message, problem.hint)
    root, problem = _compose(text, display)
    if problem is not None:
        return fail(problem.line, problem.column, problem.message, problem.hint)
    if root is None:
        return ParsedFile(path, display, {}, problems)
    if not isinstance(root, MappingNode):
        line, col = _mark(root)
        return fail(
            line, col, f"the file holds a {_kind(root)}; a mapping of collections is expected",
            "start with a key such as 'claims:' followed by a list of records",
        )
    if "&" in text and "*" in text:  # only a file with anchors and aliases can be a bomb
        size_problem = _check_expansion(root, display)
        if size_problem is not None:
            return fail(size_problem.line, size_problem.column, size_problem.message,
                        size_problem.hint)
    try:
        data = _build(root, display, problems, 0)
    except RecursionError:
        return fail(1, 1, "YAML nesting is too deep", "flatten the structure")
    return ParsedFile(path, display, data if isinstance(data, dict) else None, problems, root,
                      yaml_texts_are_showable(text))


def _count_nodes(text: str, display: str) -> Problem | None:
    """Refuse a file with more values than MAX_NODES before composing it.

    The cheap count of node-starting characters is an upper bound, so a normal
    file costs one regex pass; only a suspicious one is walked with the event
    parser, which stops as soon as the limit is passed (memory stays flat).
    """
    if len(_NODE_MARKS.findall(text)) + 1 <= MAX_NODES:
        return None
    count = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.NodeEvent) and not isinstance(event, yaml.AliasEvent):
                count += 1
                if count > MAX_NODES:
                    mark = event.start_mark
                    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
                    return Problem(display, line, col,
                                   f"the file holds more than {MAX_NODES} values",
                                   "split the map into several files")
    except (yaml.YAMLError, RecursionError):
        return None  # composing reports the syntax error at its position
    return None


def _decode(raw: bytes, display: str) -> tuple[str, Problem | None]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return "", Problem(display, line, col, "file is not UTF-8 text", "save it as UTF-8")
    bad = _UNPRINTABLE.search(text)
    if bad is not None:
        head = text[: bad.start()]
        line = head.count("\n") + 1
        col = len(head) - (head.rfind("\n") + 1) + 1
        if bad.group() == "\x00":
            return "", Problem(display, line, col, "file contains a NUL byte", "is this a binary file?")
        return "", Problem(
            display, line, col, f"file contains the control character U+{ord(bad.group()):04X}",
            "delete it: YAML files may hold only printable characters, tabs and line breaks",
        )
    return text, None


def _compose(text: str, display: str) -> tuple[Node | None, Problem | None]:
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return None, Problem(
            display, line, col, f"YAML syntax error: {message}",
            "check indentation, and quote text that contains ': ' or starts with a quote",
        )
    except yaml.YAMLError as exc:
        return None, Problem(display, 1, 1, f"YAML error: {exc}", "")
    except RecursionError:
        return None, Problem(display, 1, 1, "YAML nesting is too deep", "flatten the structure")


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "list"
    return "single value"


def _check_expansion(root: Node, display: str) -> Problem | None:
    """Refuse alias bombs: count the expanded size over the shared node graph.

    Aliases make the tree a DAG; sizes are computed once per distinct node in
    post-order, so a billion-laughs file is rejected after touching a few dozen
    nodes instead of expanding them.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if depth > MAX_DEPTH:
            line, col = _mark(node)
            return Problem(display, line, col, f"nesting deeper than {MAX_DEPTH} levels", "")
        children = _children(node)
        if not children_done:
            stack.append((node, depth, True))
            stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)
            continue
        total = 1 + sum(sizes.get(id(child), 1) for child in children)
        if total > MAX_EXPANDED_NODES:
            line, col = _mark(node)
            return Problem(
                display, line, col,
                f"aliases expand to more than {MAX_EXPANDED_NODES} values",
                "this looks like an alias bomb; write the data out instead of nesting aliases",
            )
        sizes[id(node)] = total
    return None


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _build(node: Node, display: str, problems: list[Problem], depth: int) -> Any:
    if isinstance(node, ScalarNode):
        return _scalar(node, display, problems)
    if node.tag not in (_SEQ, _MAP):
        line, col = _mark(node)
        problems.append(
            Problem(display, line, col, f"unsupported YAML tag {node.tag}", "remove the '!' tag")
        )
        return None
    if isinstance(node, SequenceNode):
        return [_build(child, display, problems, depth + 1) for child in node.value]
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, display, problems, depth + 1)
            if not isinstance(key, str | int):
                line, col = _mark(key_node)
                problems.append(Problem(display, line, col, "a key must be a plain word", ""))
                continue
            if key in result:
                line, col = _mark(key_node)
                problems.append(
                    Problem(display, line, col, f"duplicate key '{key}'", "remove one of the two")
                )
            result[key] = _build(value_node, display, problems, depth + 1)
        return result
    return None  # pragma: no cover - libyaml composes only these three kinds


def _scalar(node: ScalarNode, display: str, problems: list[Problem]) -> Any:
    tag = node.tag
    if tag in (_STR, _TIMESTAMP):
        # Dates stay text: the model keeps them as written (1934, 1934-12, 1934-12-01).
        return node.value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return node.value.lower() in ("true", "yes", "on")
    if tag in _PLAIN_SCALARS:
        try:
            if tag.endswith("int"):
                return _scalars.construct_yaml_int(node)
            return _scalars.construct_yaml_float(node)
        except (ConstructorError, ValueError):
            return node.value
    line, col = _mark(node)
    problems.append(
        Problem(display, line, col, f"unsupported YAML tag {tag}", "remove the '!' tag")
    )
    return None


def locate(
    path: Path, loc: Path_, *, at_key: bool = False, cache: dict[Path, Node | None] | None = None
) -> tuple[int, int]:
    """Line and column of the value at `loc` (or of its key), for error messages.

    Walks as far as the path exists: a missing field is reported at the mapping
    that should hold it. Pass a cache when locating many problems in one file.
    """
    if cache is not None and path in cache:
        root = cache[path]
    else:
        raw, problem = _read_bounded(path, str(path))
        text, problem = _decode(raw, str(path)) if problem is None else ("", problem)
        root = _compose(text, str(path))[0] if problem is None else None
        if cache is not None:
            cache[path] = root
    if root is None:
        return 1, 1
    node: Node = root
    key_node: Node | None = None
    for step in loc:
        child = _step(node, step)
        if child is None:
            return _mark(node)
        key_node, node = child
    if at_key and key_node is not None:
        return _mark(key_node)
    return _mark(node)


def _step(node: Node, step: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, SequenceNode) and isinstance(step, int):
        if 0 <= step < len(node.value):
            return None, node.value[step]
        return None
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                return key_node, value_node
    return None
