"""Mark the words of a text that a query matched: <mark>Mật ong</mark> bạc hà.

Works on the original text (with its diacritics) by folding each word the way the
index does, so "mat ong" highlights "Mật ong". The same for every engine.
"""
import re
from dataclasses import replace

from markupsafe import Markup, escape

from marketplace.core.text import fold
from marketplace.search.analysis import term_matches

_WORD = re.compile(r"[^\W_]+")


def _matchers(plan):
    # Typos on words under 4 letters are left out: the engine takes most of them as typed
    # ("ong" finds "ong", not "Đồng"), and a wrong mark misleads more than a missing one.
    terms = [replace(term, typos=0) if len(term.word) < 4 else term for unit in plan.units for term in unit.terms]
    synonym_words = {word for unit in plan.units for phrase in unit.synonyms for word in phrase}
    return terms, synonym_words


def matches(plan, word):
    terms, synonym_words = _matchers(plan)
    folded = fold(word)
    return folded in synonym_words or any(term_matches(term, folded) for term in terms)


def highlight(text, plan):
    """`text` as safe HTML with the matched words in <mark>; plain escaped text without a query."""
    if not text:
        return Markup("")
    if not plan:
        return escape(text)
    terms, synonym_words = _matchers(plan)
    parts, last, open_mark = [], 0, False
    for match in _WORD.finditer(text):
        folded = fold(match.group())
        hit = folded in synonym_words or any(term_matches(term, folded) for term in terms)
        between = text[last:match.start()]
        if hit:
            if open_mark and not between.strip():
                parts.append(escape(between))  # join "Mật ong" into one mark
            else:
                if open_mark:
                    parts.append(Markup("</mark>"))
                parts.append(escape(between))
                parts.append(Markup("<mark>"))
            open_mark = True
        else:
            if open_mark:
                parts.append(Markup("</mark>"))
                open_mark = False
            parts.append(escape(between))
        parts.append(escape(match.group()))
        last = match.end()
    if open_mark:
        parts.append(Markup("</mark>"))
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
