"""From what people type to what an engine looks for, the same way for every engine.

Text is folded (lower case, no diacritics, đ → d: `core.text.fold`) on both sides,
documents and queries, then cut into words of letters and digits. A query becomes
a `QueryPlan`: a list of units, each one or more typed words (with how many typos
each may carry and whether it may be a prefix) plus the other ways of saying the
same thing from the synonym list.

Typo budget. Vietnamese syllables are short, so waiting for 5 letters (Meilisearch's
default) would leave most words without tolerance. Here: 1 typo from 4 letters,
2 from 9; in queries of 3 words or more, 1 typo from 3 letters too, since the
other words keep such a loose match in check ("nuoc mam phu qoc" → "quoc").
Words with digits ("500ml") must match exactly. The last word may be the start of
a word (search as you type), with a typo from 5 letters on. The embedded engine
narrows short words further: a 3-letter word that exists in the index is taken as
typed ("ong" is not "long"), and words under 5 letters take their typo in product
names only, where they are few.
"""
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marketplace.core.text import fold

VOCABULARY_FILE = Path(__file__).with_name("synonyms.json")
MAX_WORD_LENGTH = 40  # longer tokens are dropped at indexing, so they can never match
MAX_QUERY_WORDS = 10
MAX_PHRASE_WORDS = 4

_WORD = re.compile(r"[^\W_]+")


class _FoldTable(dict):
    """str.translate table folding one character at a time, filled on first sight: the
    same result as `core.text.fold` for Vietnamese, some ten times faster on long text."""

    def __missing__(self, code):
        folded = fold(chr(code)) if not chr(code).isspace() else " "
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fast_fold(text):
    return text.translate(_FOLD) if text else ""


def words(text):
    """The folded words of `text` (letters and digits), as the index stores them."""
    return [w for w in _WORD.findall(fast_fold(text)) if len(w) <= MAX_WORD_LENGTH]


def folded_text(*parts):
    """Fold and join text for a searchable field (what the engines index)."""
    return " ".join(w for part in parts if part for w in words(part))


def typo_budget(word, n_words):
    if any(ch.isdigit() for ch in word):
        return 0
    if len(word) >= 9:
        return 2
    if len(word) >= 4:
        return 1
    if len(word) == 3 and n_words >= 3:
        return 1
    return 0


@dataclass(frozen=True)
class Term:
    word: str
    typos: int = 0
    prefix: bool = False

    @property
    def prefix_typos(self):
        """Typos allowed while the word is still being typed (prefix match)."""
        return 1 if self.prefix and len(self.word) >= 5 and self.typos else 0


@dataclass(frozen=True)
class Unit:
    """Query words that match together: `span` typed words, or one of `synonyms`."""

    terms: tuple
    synonyms: tuple = ()  # tuples of folded words, matched exactly

    @property
    def span(self):
        return len(self.terms)


@dataclass(frozen=True)
class QueryPlan:
    text: str
    units: tuple
    ignored: tuple = ()

    @property
    def n_words(self):
        return sum(unit.span for unit in self.units)

    @property
    def words(self):
        return [term.word for unit in self.units for term in unit.terms]

    def __bool__(self):
        return bool(self.units)


@dataclass(frozen=True)
class Vocabulary:
    synonyms: dict  # phrase (tuple of words) -> tuple of the other phrases of its group
    stop_words: frozenset  # of phrases (tuples)

    @property
    def groups(self):
        """Each synonym group once, as lists of folded phrases (for engines with their own synonyms)."""
        seen, groups = set(), []
        for phrase, others in self.synonyms.items():
            group = tuple(sorted((phrase,) + others))
            if group not in seen:
                seen.add(group)
                groups.append([" ".join(p) for p in group])
        return groups


@lru_cache(maxsize=4)
def load_vocabulary(path=VOCABULARY_FILE):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    synonyms = {}
    for group in data.get("synonyms", []):
        phrases = []
        for text in group:
            phrase = tuple(words(text))
            if phrase and phrase not in phrases:
                phrases.append(phrase)
        for phrase in phrases:
            others = tuple(p for p in phrases if p != phrase)
            synonyms[phrase] = tuple(dict.fromkeys(synonyms.get(phrase, ()) + others))
    stop_words = frozenset(tuple(words(text)) for text in data.get("stop_words", []) if words(text))
    return Vocabulary(synonyms=synonyms, stop_words=stop_words)


def _match_phrase(tokens, i, table):
    """The longest phrase of `table` starting at tokens[i], or None."""
    for size in range(min(MAX_PHRASE_WORDS, len(tokens) - i), 0, -1):
        phrase = tuple(tokens[i:i + size])
        if phrase in table:
            return phrase
    return None


def analyze(query, vocabulary=None, prefix=True):
    """The `QueryPlan` of a raw query string."""
    vocabulary = vocabulary or load_vocabulary()
    tokens = words(query or "")
    text = " ".join(tokens)
    # Stop words go, unless nothing else is left.
    kept, ignored, i = [], [], 0
    while i < len(tokens):
        stop = _match_phrase(tokens, i, vocabulary.stop_words)
        if stop:
            ignored.extend(stop)
            i += len(stop)
        else:
            kept.append(tokens[i])
            i += 1
    if not kept:
        kept, ignored = tokens, []
    # Repeated words count once ("ha giang ha noi" still needs "ha" once).
    deduped = list(dict.fromkeys(kept))[:MAX_QUERY_WORDS]
    n = len(deduped)
    units, i = [], 0
    while i < n:
        phrase = _match_phrase(deduped, i, vocabulary.synonyms)
        size = len(phrase) if phrase else 1
        terms = tuple(Term(word=w, typos=typo_budget(w, n), prefix=prefix and i + k == n - 1)
                      for k, w in enumerate(deduped[i:i + size]))
        units.append(Unit(terms=terms, synonyms=vocabulary.synonyms.get(phrase, ()) if phrase else ()))
        i += size
    return QueryPlan(text=text, units=tuple(units), ignored=tuple(ignored))


def edit_distance(a, b, limit=2):
    """Optimal string alignment distance (a swap of neighbours counts 1), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=65536)
def term_matches(term, word):
    """Does folded `word` match `term` (exactly, as a prefix, or within its typos)?"""
    if word == term.word:
        return True
    if term.prefix and word.startswith(term.word):
        return True
    if term.typos and edit_distance(term.word, word, term.typos) <= term.typos:
        return True
    if term.prefix_typos and len(word) >= len(term.word):
        size = len(term.word)
        return any(edit_distance(term.word, word[:k], 1) <= 1 for k in (size - 1, size, size + 1))
    return False
