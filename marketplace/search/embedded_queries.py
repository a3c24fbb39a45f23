"""How the embedded engine turns a search request into tantivy queries: the filters, one
scored clause per query word, the proximity and tie-break bonuses, and their composition.

Ranking is built into the score, which is made of constant parts so that the
rules apply in order, like Meilisearch's ranking rules:

    words matched   100000 each (every query word counts; a synonym of two words counts two)
    typos           +2000 exact or prefix, +1000 one typo, +0 two typos  (per word)
    proximity       +500 when all the words follow each other in the name, +300 in the second
                    field; +150 / +100 for each pair of neighbouring words that does
    attribute       +90 name, +50 producer/places/category, +20 third field, +0 after (per word)
    exactness       +10 a whole word rather than a prefix or a synonym (per word)
    tie break       +0.5 per star
"""
from dataclasses import replace

from tantivy import FieldType, Occur, Query

from marketplace.search.base import AnyOf, Eq, Range

WORD = 100_000.0  # more than all the other parts of a 10-word query together (10 × 2100)
TYPO_TIERS = {0: 2_000.0, 1: 1_000.0, 2: 0.0}
ATTRIBUTE_WEIGHTS = (90.0, 50.0, 20.0)
EXACT = 10.0
SYNONYM = 5.0
PROXIMITY_FIRST = 500.0
PROXIMITY_OTHER = 300.0
PAIR_FIRST = 150.0
PAIR_OTHER = 100.0
TIE_BREAK_STEP = 0.5
TIE_BREAK_VALUES = range(1, 6)


def filter_query(schema, spec, clause):
    if isinstance(clause, Eq):
        value = int(clause.value) if clause.field in spec.int_fields else str(clause.value)
        return Query.term_query(schema, clause.field, value)
    if isinstance(clause, AnyOf):
        values = [int(v) if clause.field in spec.int_fields else str(v) for v in clause.values]
        return Query.term_set_query(schema, clause.field, values) if values else Query.empty_query()
    if isinstance(clause, Range):
        if clause.gte is None and clause.lte is None:
            return Query.all_query()
        return Query.range_query(schema, clause.field, FieldType.Unsigned,
                                 None if clause.gte is None else max(int(clause.gte), 0),
                                 None if clause.lte is None else max(int(clause.lte), 0))
    raise TypeError(f"unknown filter {clause!r}")


def check_fields(spec, request):
    for clause in request.filters:
        if clause.field not in spec.filterable:
            raise ValueError(f"{clause.field!r} is not filterable in {spec.name}")
    if request.sort is not None and request.sort.field not in spec.sortable:
        raise ValueError(f"{request.sort.field!r} is not sortable in {spec.name}")


def _word_query(schema, spec, term, searcher):
    if term.typos and len(term.word) < 4 and any(searcher.doc_freq(f, term.word) for f in spec.text_fields):
        term = replace(term, typos=0)  # a short word that exists is meant as typed ("ong", not "long")
    options = []
    for position, field in enumerate(spec.text_fields):
        attribute = ATTRIBUTE_WEIGHTS[position] if position < len(ATTRIBUTE_WEIGHTS) else 0.0
        exact = WORD + TYPO_TIERS[0] + attribute + EXACT
        options.append(Query.const_score_query(Query.term_query(schema, field, term.word), exact))
        if term.prefix and (field in spec.typo_fields or len(term.word) >= 3):
            # (one or two letters would expand to thousands of words in long descriptions)
            options.append(Query.const_score_query(
                Query.fuzzy_term_query(schema, field, term.word, 0, True, True), WORD + TYPO_TIERS[0] + attribute))
        if field not in spec.typo_fields or (len(term.word) < 5 and position > 0):
            continue  # short words take a typo in the first field only, where they are few
        for distance in range(1, term.typos + 1):
            options.append(Query.const_score_query(
                Query.fuzzy_term_query(schema, field, term.word, distance, True, False),
                WORD + TYPO_TIERS[distance] + attribute))
        if term.prefix_typos:
            options.append(Query.const_score_query(
                Query.fuzzy_term_query(schema, field, term.word, 1, True, True), WORD + TYPO_TIERS[1] + attribute))
    return Query.disjunction_max_query(options)


def _phrase_word_query(schema, spec, words):
    """A synonym phrase: every word, exactly, in one field (the best field counts)."""
    options = []
    for position, field in enumerate(spec.text_fields):
        attribute = ATTRIBUTE_WEIGHTS[position] if position < len(ATTRIBUTE_WEIGHTS) else 0.0
        score = WORD + TYPO_TIERS[0] + attribute + SYNONYM
        if len(words) == 1:
            query = Query.term_query(schema, field, words[0])
        else:
            query = Query.phrase_query(schema, field, list(words))
        options.append(Query.const_score_query(query, score))
    return Query.disjunction_max_query(options)


def _unit_query(schema, spec, unit, searcher):
    if unit.span == 1:
        typed = _word_query(schema, spec, unit.terms[0], searcher)
    else:
        # Each typed word matches on its own; the unit scores their average.
        typed = Query.boost_query(Query.boolean_query(
            [(Occur.Must, _word_query(schema, spec, t, searcher)) for t in unit.terms]), 1.0 / unit.span)
    if not unit.synonyms:
        return typed
    return Query.disjunction_max_query([typed] + [_phrase_word_query(schema, spec, s)
                                                   for s in unit.synonyms])


def text_clauses(schema, spec, plan, searcher):
    """One Should clause per query word (a unit of n words repeated n times)."""
    clauses = []
    for unit in plan.units:
        query = _unit_query(schema, spec, unit, searcher)
        clauses.extend([query] * unit.span)
    return clauses


def bonus_clauses(schema, spec, plan):
    """Proximity (the typed words side by side, all of them or two by two) and the tie break."""
    bonuses = []
    words = plan.words
    last_is_prefix = bool(words) and plan.units[-1].terms[-1].prefix
    if last_is_prefix and len(words[-1]) < 3:
        words, last_is_prefix = words[:-1], False  # "bac h": the proximity of "h..." costs more than it tells
    if len(words) >= 2:

        def phrase(field, part, ends_query):
            if ends_query and last_is_prefix:
                return Query.phrase_prefix_query(schema, field, part)
            return Query.phrase_query(schema, field, part)

        for position, field in enumerate(spec.text_fields[:2]):
            weights = (PROXIMITY_FIRST, PAIR_FIRST) if position == 0 else (PROXIMITY_OTHER, PAIR_OTHER)
            if len(words) > 2:
                bonuses.append(Query.const_score_query(phrase(field, words, True), weights[0]))
            if position > 0 and len(words) > 4:
                continue  # long queries: pairs in the name only (each pair is a phrase query)
            for i in range(len(words) - 1):
                pair = words[i:i + 2]
                bonuses.append(Query.const_score_query(phrase(field, pair, i + 2 == len(words)),
                                                       weights[0] if len(words) == 2 else weights[1]))
    if spec.tie_break:
        for value in TIE_BREAK_VALUES:
            bonuses.append(Query.const_score_query(
                Query.term_query(schema, spec.tie_break, value), value * TIE_BREAK_STEP))
    return bonuses


def compose(text_clauses, minimum, bonuses, filters):
    parts = []
    if text_clauses:
        parts.append((Occur.Must, Query.boolean_query([(Occur.Should, q) for q in text_clauses], minimum)))
    else:
        parts.append((Occur.Must, Query.const_score_query(Query.all_query(), 0.0)))
    parts.extend((Occur.Should, q) for q in bonuses)
    parts.extend((Occur.Must, Query.const_score_query(q, 0.0)) for q in filters)
    return Query.boolean_query(parts)


def minimum_words(n):
    """How many of n query words a document must match: all of up to four, one less beyond."""
    return n if n <= 4 else n - 1
