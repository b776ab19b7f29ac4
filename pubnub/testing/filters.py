"""Subscribe filter expressions (``filter-expr``), compiled once and cached.

Layer: test server. Pure. The grammar covers what PubNub documents for message filtering:
``==  !=  <  >  <=  >=  LIKE  CONTAINS``, ``&&``, ``||``, ``!``, parentheses, string
(``'..'`` or ``".."``), number and ``true``/``false``/``null`` literals. Identifiers name
fields of the publish ``meta`` object (``meta.a.b`` and bare ``a.b`` both work); bare
``uuid`` falls back to the publisher's uuid when ``meta`` has no ``uuid`` field. ``LIKE``
takes ``*`` wildcards and ignores case. Filters apply to user messages and signals only.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Optional, Tuple

Getter = Callable[[Any, Optional[str]], Any]
Predicate = Callable[[Any, Optional[str]], bool]

_TOKEN = re.compile(r"""\s*(?:(?P<num>-?\d+(?:\.\d+)?)|(?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
                    r"""|(?P<op>==|!=|<=|>=|&&|\|\||[<>!()\[\]])|(?P<id>[A-Za-z_$][\w$.\-]*))""")
_KEYWORDS = {"like": "LIKE", "contains": "CONTAINS", "and": "&&", "or": "||", "not": "!"}
_CONSTANTS: Dict[str, Any] = {"true": True, "false": False, "null": None}
_CACHE: Dict[str, Predicate] = {}
_CACHE_SIZE = 256


class FilterError(ValueError):
    """The expression is not valid."""


def compile_filter(expression: str) -> Predicate:
    """Compile ``expression`` to ``predicate(meta, publisher) -> bool`` (cached)."""
    found = _CACHE.get(expression)
    if found is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        found = _CACHE[expression] = _Parser(expression).parse()
    return found


def _tokenize(text: str) -> List[Tuple[str, str]]:
    tokens: List[Tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise FilterError("unexpected input at %d" % position)
        position = match.end()
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "id" and value.lower() in _KEYWORDS:
            kind, value = "op", _KEYWORDS[value.lower()]
        tokens.append((kind, value))
    return tokens


def _field(path: List[str]) -> Getter:
    names = path[1:] if path[0] == "meta" and len(path) > 1 else path

    def get(meta: Any, publisher: Optional[str]) -> Any:
        value = meta
        for name in names:
            if not isinstance(value, dict) or name not in value:
                if names == ["uuid"]:
                    return publisher
                return None
            value = value[name]
        return value
    return get


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _compare(op: str, left: Any, right: Any) -> bool:
    a, b = _number(left), _number(right)
    if a is None or b is None:
        if op in ("==", "!="):
            same = left == right or (left is not None and right is not None and str(left) == str(right))
            return same if op == "==" else not same
        if left is None or right is None:
            return False
        a, b = str(left), str(right)  # type: ignore[assignment]
    return {"==": a == b, "!=": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]  # type: ignore


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.index = 0

    def peek(self) -> Tuple[str, str]:
        return self.tokens[self.index] if self.index < len(self.tokens) else ("end", "")

    def take(self) -> Tuple[str, str]:
        token = self.peek()
        self.index += 1
        return token

    def expect(self, value: str) -> None:
        if self.take() != ("op", value):
            raise FilterError("expected %r" % value)

    def parse(self) -> Predicate:
        if not self.tokens:
            raise FilterError("empty expression")
        getter = self.disjunction()
        if self.peek()[0] != "end":
            raise FilterError("unexpected %r" % self.peek()[1])
        return lambda meta, publisher: bool(getter(meta, publisher))

    def disjunction(self) -> Getter:
        left = self.conjunction()
        while self.peek() == ("op", "||"):
            self.take()
            right, first = self.conjunction(), left
            left = (lambda a, b: lambda m, p: bool(a(m, p)) or bool(b(m, p)))(first, right)
        return left

    def conjunction(self) -> Getter:
        left = self.negation()
        while self.peek() == ("op", "&&"):
            self.take()
            right, first = self.negation(), left
            left = (lambda a, b: lambda m, p: bool(a(m, p)) and bool(b(m, p)))(first, right)
        return left

    def negation(self) -> Getter:
        if self.peek() == ("op", "!"):
            self.take()
            inner = self.negation()
            return lambda m, p: not inner(m, p)
        return self.comparison()

    def comparison(self) -> Getter:
        left = self.operand()
        kind, op = self.peek()
        if kind != "op" or op not in ("==", "!=", "<", ">", "<=", ">=", "LIKE", "CONTAINS"):
            return left
        self.take()
        right = self.operand()
        if op == "LIKE":
            return self._like(left, right)
        if op == "CONTAINS":
            def contains(m: Any, p: Optional[str]) -> bool:
                container, item = left(m, p), right(m, p)
                if isinstance(container, list):
                    return item in container
                return isinstance(container, str) and item is not None and str(item) in container
            return contains
        return lambda m, p: _compare(op, left(m, p), right(m, p))

    def _like(self, left: Getter, right: Getter) -> Getter:
        pattern = right(None, None)
        if not isinstance(pattern, str):
            raise FilterError("LIKE needs a string pattern")
        regex = re.compile("^%s$" % ".*".join(re.escape(part) for part in pattern.split("*")),
                           re.IGNORECASE | re.DOTALL)
        return lambda m, p: isinstance(left(m, p), str) and regex.match(left(m, p)) is not None

    def operand(self) -> Getter:
        kind, value = self.take()
        if (kind, value) == ("op", "("):
            inner = self.disjunction()
            self.expect(")")
            return inner
        if kind == "num":
            number = float(value) if "." in value else int(value)
            return lambda m, p: number
        if kind == "str":
            text = re.sub(r"\\(.)", r"\1", value[1:-1])
            return lambda m, p: text
        if kind == "id":
            if value.lower() in _CONSTANTS:
                constant = _CONSTANTS[value.lower()]
                return lambda m, p: constant
            return _field(value.split("."))
        raise FilterError("unexpected %r" % (value or "end of expression"))
