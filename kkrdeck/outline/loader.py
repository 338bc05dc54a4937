"""Load stage: YAML bytes to a tree of nodes that remember their line and column, every scalar kept as text."""

from __future__ import annotations

import bisect
import codecs
import itertools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from kkrdeck.errors import DeckError, Problem, display_path
from kkrdeck.i18n import N_, _, number
from kkrdeck.outline.yaml_errors import GENERIC, cannot_start, example_for, syntax_problem

try:
    # libyaml does the scanning and parsing in C, several times faster than the pure parser;
    # the *Base* loaders resolve no implicit tags, so nothing here ever turns text into bool/int/date.
    from yaml import CBaseLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _Parser  # type: ignore[assignment]


@dataclass(frozen=True)
class Node:
    """Any node of the outline; line and column are 1-based, as editors show them."""

    line: int
    column: int


@dataclass(frozen=True)
class Scalar(Node):
    """A piece of text, exactly as YAML reads it (never converted to a number, date or boolean)."""

    value: str
    plain: bool  # written without quotes and not as a '|' or '>' block

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Sequence(Node):
    """A list ('- item' lines or [a, b])."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Mapping(Node):
    """A block of 'key: value' lines (or {key: value}); keys are unique and kept in source order."""

    items: tuple[tuple[Scalar, Node], ...]

    def get(self, key: str) -> Node | None:
        # Blocks hold a handful of keys, so a scan beats building (and storing) a dict.
        for k, v in self.items:
            if k.value == key:
                return v
        return None

    def keys(self) -> list[str]:
        return [k.value for k, _ in self.items]


@dataclass(frozen=True)
class Limits:
    """Guards against files that would make a build slow or exhaust memory, hostile or accidental."""

    max_bytes: int = 1_000_000
    max_nodes: int = 50_000  # counted as if every alias were copied out in full
    max_depth: int = 40
    max_scalar_chars: int = 20_000


_NOT_FOUND = N_("deck file not found — check the name, or run 'kkrdeck new DIR' to start a deck")
_EMPTY = N_("the deck file is empty — write the outline into it, or run 'kkrdeck new DIR' to start from an example")

# Everything YAML accepts in a stream; the rest are control characters that mostly arrive by copy and paste.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The parser counts all of these as line breaks, so positions computed here must too.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_MAX_REPORTED = 20  # control characters listed one by one


def load_file(path: Path, limits: Limits = Limits()) -> Node:
    """Read and load a deck file; every problem, including a missing file, is raised as DeckError."""
    name = display_path(path)
    try:
        # Opened without waiting, then looked at: a named pipe or a device would otherwise hang or never end.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as f:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise DeckError([Problem(name, 0, 0, _not_regular(mode))])
            # Read one byte past the limit so a huge file is refused without reading all of it.
            data = f.read(limits.max_bytes + 1)
            if len(data) > limits.max_bytes:
                size = max(len(data), _file_size(f.fileno()))
                raise DeckError([_too_large(name, size, limits)])
    except FileNotFoundError:
        raise DeckError([Problem(name, 0, 0, _(_NOT_FOUND))]) from None
    except PermissionError:
        raise DeckError([Problem(name, 0, 0, _("cannot read the deck file: permission denied — check that the file "
                                               "is readable (ls -l shows who may read it)"))]) from None
    except OSError as e:
        raise DeckError([Problem(name, 0, 0, _("cannot read the deck file: {reason}").format(
            reason=e.strerror or e))]) from None
    return load_yaml(data, name, limits)


def load_yaml(data: bytes, filename: str, limits: Limits = Limits()) -> Node:
    """Parse one YAML document into Nodes; raises DeckError with every problem found."""
    if len(data) > limits.max_bytes:
        raise DeckError([_too_large(filename, len(data), limits)])
    text = _decode(data, filename)
    _check_printable(text, filename)
    # Both parsers treat CRLF as one break already; normalising makes that independent of parser details.
    text = text.replace("\r\n", "\n")
    return _Composer(text, filename, limits).run()


def to_plain(node: Node) -> object:
    """The tree as dicts, lists, strings and None (for null scalars), for validation libraries."""
    if isinstance(node, Scalar):
        return None if node.is_null else node.value
    if isinstance(node, Sequence):
        return [to_plain(item) for item in node.items]
    if isinstance(node, Mapping):
        # Keys stay text even when they spell null: JSON-schema style validators need string keys.
        return {key.value: to_plain(value) for key, value in node.items}
    raise TypeError(f"not a loader node: {node!r}")


class _Stop(Exception):
    """Ends composing at the first problem that makes the rest pointless or unsafe to read."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Frame:
    """A sequence or mapping that is still being read."""

    __slots__ = ("is_map", "line", "column", "anchor", "items", "key", "seen", "size", "height")

    def __init__(self, is_map: bool, line: int, column: int, anchor: str | None) -> None:
        self.is_map = is_map
        self.line = line
        self.column = column
        self.anchor = anchor
        self.items: list[Node | tuple[Scalar, Node]] = []
        self.key: Scalar | None = None
        self.seen: dict[str, tuple[Scalar, int]] = {}  # key text -> (first key, times seen)
        self.size = 1  # nodes in this subtree with aliases expanded
        self.height = 1  # collection levels in this subtree with aliases expanded


# Stands in for a node that is already reported (a bad alias, a non-text key) so that reading can go on.
_PLACEHOLDER = Scalar(0, 0, "", False)
_STANDARD_TAG = "tag:yaml.org,2002:"


class _Composer:
    """Builds Nodes from the parser's event stream.

    PyYAML's own composers recurse once per nesting level (the C one overflows the C stack and crashes
    the interpreter on a 1 MB file of '['), and cannot count expanded aliases before building them, so
    composing is done here, iteratively, with every limit checked as each event arrives.
    """

    def __init__(self, text: str, filename: str, limits: Limits) -> None:
        self.text = text
        self.lines: list[str] | None = None  # split only when a problem needs the source
        self.filename = filename
        self.limits = limits
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Node, int, int]] = {}  # name -> (node, expanded size, height)
        self.open_anchors: set[str] = set()
        self.total = 0
        self.root: Node | None = None

    def run(self) -> Node:
        parser = _Parser(self.text)
        try:
            self._consume(parser)
        except yaml.MarkedYAMLError as e:
            if "maximum nesting depth" in (e.problem or ""):
                # libyaml ≥ 0.2.5 scans ahead and stops at its own depth limit before ours is reached
                raise DeckError([self._too_deep(*self._deepest_opening())]) from None
            # After a syntax error the events before it may be half a structure: report only the cause.
            raise DeckError([syntax_problem(e, _LINE_BREAK.split(self.text), self.filename)]) from None
        except yaml.YAMLError:
            raise DeckError([Problem(self.filename, 0, 0, _(GENERIC))]) from None
        except _Stop as stop:
            raise DeckError(self.problems + [stop.problem]) from None
        finally:
            parser.dispose()
        if self.root is None or (isinstance(self.root, Scalar) and self.root.plain and self.root.value == ""):
            raise DeckError(self.problems + [Problem(self.filename, 0, 0, _(_EMPTY))])
        if self.problems:
            raise DeckError(self.problems)
        return self.root

    def _consume(self, parser: _Parser) -> None:
        documents = 0
        while True:
            event = parser.get_event()
            kind = type(event)
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            if kind is yaml.ScalarEvent:
                node = Scalar(line, column, event.value, event.style in (None, ""))
                if event.tag is not None:
                    self._check_tag(event.tag, mark.line, mark.column)
                if len(event.value) > self.limits.max_scalar_chars:
                    self._add(line, column, _("this text is {length} characters long, over the limit of {limit} — "
                                              "shorten it or split it up").format(
                        length=number(len(event.value)), limit=number(self.limits.max_scalar_chars)))
                self._count(1, line, column)
                self._finish(node, event.anchor, 1, 0)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(self.stack) + 1 > self.limits.max_depth:
                    raise _Stop(self._too_deep(line, column))
                self._count(1, line, column)
                if event.tag is not None:
                    self._check_tag(event.tag, mark.line, mark.column)
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                self.stack.append(_Frame(kind is yaml.MappingStartEvent, line, column, event.anchor))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = self.stack.pop()
                collection: Node
                if frame.is_map:
                    collection = Mapping(frame.line, frame.column, tuple(frame.items))  # type: ignore[arg-type]
                else:
                    collection = Sequence(frame.line, frame.column, tuple(frame.items))  # type: ignore[arg-type]
                if frame.anchor is not None:
                    self.open_anchors.discard(frame.anchor)
                self._finish(collection, frame.anchor, frame.size, frame.height)
            elif kind is yaml.AliasEvent:
                self._alias(event.anchor, line, column)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Stop(Problem(self.filename, line, column,
                                        _("a second YAML document starts here — a deck file holds one outline; "
                                          "remove the '---' (or '...') line that splits it")))
            elif kind is yaml.StreamEndEvent:
                return

    def _check_tag(self, tag: str, line0: int, column0: int) -> None:
        # Standard tags (!!str ...) are deliberate YAML and change nothing here, since all values are text;
        # any other '!word' is almost always text such as "!important" that YAML would silently drop.
        if tag.startswith(_STANDARD_TAG):
            return
        if self.lines is None:
            self.lines = _LINE_BREAK.split(self.text)
        source = self.lines[line0] if line0 < len(self.lines) else ""
        bang = source.find("!", column0)
        if bang < 0:
            bang = column0
        self._add(line0 + 1, bang + 1, cannot_start("!", source[bang:]))

    def _alias(self, name: str, line: int, column: int) -> None:
        if name in self.open_anchors or name not in self.anchors:
            self._count(1, line, column)  # the placeholder counts, or a file of bad aliases would be unbounded
        if name in self.open_anchors:
            self._add(line, column, _("'*{name}' is used inside the very block that '&{name}' marks, so it would "
                                      "repeat forever — refer to it from outside that block").format(name=name))
            self._finish(_PLACEHOLDER, None, 1, 0)
            return
        if name not in self.anchors:
            example = example_for("*" + name)
            message = _("'*{name}' refers to an anchor '&{name}' that is not defined above — define '&{name}' first, "
                        "or put the text in quotes if you meant it as text").format(name=name)
            self._add(line, column, _("{message}, e.g. {example}").format(message=message, example=example)
                      if example else message)
            self._finish(_PLACEHOLDER, None, 1, 0)
            return
        node, size, height = self.anchors[name]
        # The anchored node is shared, not copied, so a 'billion laughs' file costs only its own size;
        # the limits still see the expanded size, because whatever walks the tree later would.
        if len(self.stack) + height > self.limits.max_depth:
            raise _Stop(self._too_deep(line, column))
        self._count(size, line, column)
        self._finish(node, None, size, height)

    def _finish(self, node: Node, anchor: str | None, size: int, height: int) -> None:
        if anchor is not None:
            self.anchors[anchor] = (node, size, height)
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        frame.size += size
        if height >= frame.height:
            frame.height = height + 1
        if not frame.is_map:
            frame.items.append(node)
        elif frame.key is None:
            if isinstance(node, Scalar) and node is not _PLACEHOLDER:
                frame.key = node
            else:
                if node is not _PLACEHOLDER:
                    self._add(node.line, node.column,
                              _("a key must be plain text, not a list or a block — write it as 'name: value'"))
                frame.key = _PLACEHOLDER
        else:
            key, frame.key = frame.key, None
            if key is _PLACEHOLDER:
                return
            first = frame.seen.get(key.value)
            if first is None:
                frame.seen[key.value] = (key, 1)
                frame.items.append((key, node))
                return
            first_key, times = first
            frame.seen[key.value] = (first_key, times + 1)
            message = (_("the key '{key}' appears twice in this block (first on line {line}) — keep one of them")
                       if times == 1 else
                       _("the key '{key}' appears again in this block (first on line {line}) — keep one of them"))
            self._add(key.line, key.column, message.format(key=key.value, line=first_key.line))

    def _count(self, size: int, line: int, column: int) -> None:
        self.total += size
        if self.total > self.limits.max_nodes:
            raise _Stop(Problem(self.filename, line, column,
                                _("the outline is too big: more than {limit} entries (the limit), "
                                  "counting each '*' alias as a full copy — split it into smaller decks or use "
                                  "fewer aliases").format(limit=number(self.limits.max_nodes))))

    def _deepest_opening(self) -> tuple[int, int]:
        """Line and column of the first bracket that opens one level more than the limit (quotes aside)."""
        depth, line, column, quote = 0, 1, 0, ""
        for char in self.text:
            column += 1
            if char == "\n":
                line, column = line + 1, 0
            elif quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
                if depth > self.limits.max_depth:
                    return line, column
            elif char in "]}":
                depth -= 1
        return 1, 1

    def _too_deep(self, line: int, column: int) -> Problem:
        return Problem(self.filename, line, column,
                       _("the outline is nested more than {limit} levels deep (the limit) — "
                         "flatten it: fewer blocks inside blocks").format(limit=self.limits.max_depth))

    def _add(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.filename, line, column, message))


def _not_regular(mode: int) -> str:
    what = _("a folder") if stat.S_ISDIR(mode) else _("a named pipe (FIFO)") if stat.S_ISFIFO(mode) else \
        _("a device") if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else _("a socket") if stat.S_ISSOCK(mode) else \
        _("not a regular file")
    return _("this is {what}, not a file kkrdeck can read — give the path of the .yaml file itself").format(what=what)


def _file_size(fd: int) -> int:
    try:
        return os.fstat(fd).st_size
    except OSError:
        return 0


def _too_large(filename: str, size: int, limits: Limits) -> Problem:
    return Problem(filename, 0, 0, _("the deck file is {size} bytes, over the limit of {limit} "
                                     "bytes — split it into smaller decks").format(size=number(size),
                                                                                  limit=number(limits.max_bytes)))


def _decode(data: bytes, filename: str) -> str:
    # Editors on Windows like to add a BOM; it is not content, and positions must not shift because of it.
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        before = data[: e.start].decode("utf-8")
        problem = _problem_at(filename, before, len(before),
                              _("the file is not UTF-8 text (byte {byte}) — save it as UTF-8 "
                                "(in most editors: Save As → Encoding → UTF-8)").format(byte=f"0x{data[e.start]:02x}"))
        raise DeckError([problem]) from None


def _check_printable(text: str, filename: str) -> None:
    found = list(itertools.islice(_NOT_PRINTABLE.finditer(text), _MAX_REPORTED + 1))
    if not found:
        return
    # A binary file can hold a million of these; a screenful says all there is to say.
    starts = _line_starts(text)
    problems = []
    for m in found[:_MAX_REPORTED]:
        line = bisect.bisect_right(starts, m.start())
        problems.append(Problem(filename, line, m.start() - starts[line - 1] + 1,
                                _("the file contains an invisible control character ({char}) — "
                                  "delete it (it often comes in through copy and paste)").format(
                                    char=f"U+{ord(m.group()):04X}")))
    if len(found) > _MAX_REPORTED:
        more = sum(1 for _ in _NOT_PRINTABLE.finditer(text, found[-1].start()))
        problems.append(Problem(filename, 0, 0, _("{more} more invisible control characters follow — is this "
                                                  "really the deck file?").format(more=number(more))))
    raise DeckError(problems)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def _problem_at(filename: str, text: str, index: int, message: str) -> Problem:
    starts = _line_starts(text[:index])
    return Problem(filename, len(starts), index - starts[-1] + 1, message)
