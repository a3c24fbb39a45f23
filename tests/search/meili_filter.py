"""Meilisearch's filter language, read the way its filter parser reads it, for the
contract suite's fake server.

The grammar is the BNF Meilisearch publishes with its parser (crates/filter-parser):

    or        = and ("OR" and)*
    and       = not ("AND" not)*
    not       = "NOT" not | primary
    primary   = "(" or ")" | in | not_in | condition | exists | not_exists | is | to
    in        = value "IN" "[" (value ("," value)* ","?)? "]"
    condition = value ("=" | "!=" | ">" | ">=" | "<" | "<=") value
    to        = value value "TO" value
    value     = word | 'single quoted' | "double quoted"     (a backslash escapes the next character)
    word      = (alphanumeric | _ | - | .)+                  (keywords are not words)

`compile_filter(text, filterable)` returns a predicate over documents, or raises
`FilterError` with the message Meilisearch would give (invalid_search_filter):
a syntax error, or an attribute that the index settings do not declare filterable.
Numbers compare as numbers whether quoted or not, as in Meilisearch.
"""
import re

KEYWORDS = {"AND", "OR", "NOT", "IN", "TO", "EXISTS", "IS", "NULL", "EMPTY"}
OPERATORS = ("!=", ">=", "<=", "=", ">", "<")
_WORD = re.compile(r"[\w.\-]+", re.UNICODE)


class FilterError(ValueError):
    """The filter Meilisearch would refuse with code invalid_search_filter."""


class _Token:
    def __init__(self, kind, text, position):
        self.kind, self.text, self.position = kind, text, position  # kind: value, keyword, punct, op

    def __repr__(self):
        return f"{self.kind}:{self.text!r}@{self.position}"


def tokenize(text):
    tokens, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()[],":
            tokens.append(_Token("punct", ch, i))
            i += 1
        elif ch in "\"'":
            start, i, out = i, i + 1, []
            while i < len(text) and text[i] != ch:
                if text[i] == "\\" and i + 1 < len(text):
                    i += 1
                out.append(text[i])
                i += 1
            if i >= len(text):
                raise FilterError(f"Expression `{text[start:]}` is missing the following closing delimiter: `{ch}`.")
            tokens.append(_Token("value", "".join(out), start))
            i += 1
        else:
            operator = next((op for op in OPERATORS if text.startswith(op, i)), None)
            if operator:
                tokens.append(_Token("op", operator, i))
                i += len(operator)
                continue
            match = _WORD.match(text, i)
            if not match:
                raise FilterError(f"Was expecting a value but instead got `{ch}` at position {i}.")
            word = match.group(0)
            tokens.append(_Token("keyword" if word in KEYWORDS else "value", word, i))
            i = match.end()
    return tokens


class _Parser:
    def __init__(self, text, filterable):
        self.text, self.filterable = text, set(filterable)
        self.tokens, self.i = tokenize(text), 0

    def peek(self, offset=0):
        index = self.i + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def is_(self, kind, text=None, offset=0):
        token = self.peek(offset)
        return token is not None and token.kind == kind and (text is None or token.text == text)

    def take(self, kind, text=None, expected=None):
        if not self.is_(kind, text):
            found = self.peek()
            where = f"`{found.text}` at position {found.position}" if found else "the end of the filter"
            raise FilterError(f"Was expecting {expected or text or kind} but instead got {where}: `{self.text}`.")
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self):
        node = self.or_()
        if self.peek() is not None:
            self.take("end", expected="an operation like `AND` or `OR`")
        return node

    def or_(self):
        nodes = [self.and_()]
        while self.is_("keyword", "OR"):
            self.i += 1
            nodes.append(self.and_())
        return nodes[0] if len(nodes) == 1 else ("or", nodes)

    def and_(self):
        nodes = [self.not_()]
        while self.is_("keyword", "AND"):
            self.i += 1
            nodes.append(self.not_())
        return nodes[0] if len(nodes) == 1 else ("and", nodes)

    def not_(self):
        if self.is_("keyword", "NOT"):
            self.i += 1
            return ("not", self.not_())
        return self.primary()

    def attribute(self):
        token = self.take("value", expected="a value")
        if token.text not in self.filterable:
            available = ", ".join(sorted(self.filterable))
            raise FilterError(f"Attribute `{token.text}` is not filterable. Available filterable attributes are: "
                              f"`{available}`.\n{token.position}:{token.position + len(token.text)} {self.text}")
        return token.text

    def value_list(self):
        self.take("punct", "[", expected="`[`")
        values = []
        while not self.is_("punct", "]"):
            values.append(self.take("value", expected="a value").text)
            if not self.is_("punct", ","):
                break
            self.i += 1
        self.take("punct", "]", expected="`]`")
        return values

    def primary(self):
        if self.is_("punct", "("):
            self.i += 1
            node = self.or_()
            self.take("punct", ")", expected="`)`")
            return node
        field = self.attribute()
        if self.is_("op"):
            operator = self.take("op").text
            return ("cmp", field, operator, self.take("value", expected="a value").text)
        if self.is_("keyword", "IN"):
            self.i += 1
            return ("in", field, self.value_list())
        if self.is_("keyword", "NOT") and self.is_("keyword", "IN", offset=1):
            self.i += 2
            return ("not", ("in", field, self.value_list()))
        if self.is_("keyword", "EXISTS"):
            self.i += 1
            return ("exists", field)
        if self.is_("keyword", "NOT") and self.is_("keyword", "EXISTS", offset=1):
            self.i += 2
            return ("not", ("exists", field))
        if self.is_("keyword", "IS"):
            self.i += 1
            negate = self.is_("keyword", "NOT")
            self.i += negate
            what = self.take("keyword", expected="`NULL` or `EMPTY`").text
            if what not in ("NULL", "EMPTY"):
                raise FilterError(f"Was expecting `NULL` or `EMPTY` after `IS` in `{self.text}`.")
            node = ("is", field, what)
            return ("not", node) if negate else node
        if self.is_("value") and self.is_("keyword", "TO", offset=1):
            low = self.take("value").text
            self.i += 1
            return ("to", field, low, self.take("value", expected="a value").text)
        self.take("op", expected="an operator (`=`, `!=`, `>`, `>=`, `<`, `<=`, `TO`, `EXISTS`, `IN`, `IS`)")


def _number(text):
    try:
        return float(text)
    except ValueError:
        return None


def _values(document, field):
    value = document.get(field)
    return value if isinstance(value, list) else [value]


def _equal(value, literal):
    if isinstance(value, bool) or value is None:
        return str(value).lower() == literal.lower()
    if isinstance(value, (int, float)):
        number = _number(literal)
        return number is not None and float(value) == number
    return str(value).lower() == literal.lower()


def _compare(value, operator, literal):
    number = _number(literal)
    if number is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return {">": value > number, ">=": value >= number, "<": value < number, "<=": value <= number}[operator]


def evaluate(node, document):
    kind = node[0]
    if kind == "or":
        return any(evaluate(n, document) for n in node[1])
    if kind == "and":
        return all(evaluate(n, document) for n in node[1])
    if kind == "not":
        return not evaluate(node[1], document)
    if kind == "exists":
        return node[1] in document
    if kind == "is":
        value = document.get(node[1])
        return value is None if node[2] == "NULL" else node[1] in document and value in ("", [], {})
    values = _values(document, node[1])
    if kind == "in":
        return any(_equal(v, literal) for v in values for literal in node[2])
    if kind == "to":
        return any(_compare(v, ">=", node[2]) and _compare(v, "<=", node[3]) for v in values)
    _, _, operator, literal = node
    if operator == "=":
        return any(_equal(v, literal) for v in values)
    if operator == "!=":
        return not any(_equal(v, literal) for v in values)
    return any(_compare(v, operator, literal) for v in values)


def compile_filter(text, filterable):
    """A predicate `document -> bool` for a filter (a string, or arrays: AND of ORs)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return lambda document: True
    if isinstance(text, list):
        parts = [compile_filter(part, filterable) if isinstance(part, str) else
                 _any([compile_filter(p, filterable) for p in part]) for part in text]
        return lambda document: all(p(document) for p in parts)
    if not isinstance(text, str):
        raise FilterError(f"Invalid syntax for the filter parameter: expected a string or an array, found {text!r}.")
    node = _Parser(text, filterable).parse()
    return lambda document: evaluate(node, document)


def _any(predicates):
    return lambda document: any(p(document) for p in predicates)
