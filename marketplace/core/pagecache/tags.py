"""Tags: the names under which a page records what it shows, and a change what it moved.

- `products:42` a row (table and primary key);
- `products` the rows of a table as a set: which there are, their order, counts over them;
- `products@producer_id:7` the rows of a table whose column (a foreign key, or a
  dimension a domain computes, such as a product's `province_id`) has this value.

A page holds a row tag for every row it loaded and a set tag for every list or count it
ran; a change gives the row's own tag, its parents' row tags, and, when it moves lists,
the set tags for the old and the new values of its dimensions (core/pagecache/changes.py).

The small reference tables (provinces, regions, categories…) are on almost every page
and change almost never: their rows count as their table (`provinces`), which keeps a
page's tags to a few dozen.

`statement_tags` reads a SELECT that a page runs without saying what it depends on
(`render.declared`): a table filtered by its primary key gives row tags, by a foreign
key equal to a value that set tag, otherwise the whole table.
"""
from sqlalchemy import Column, Table
from sqlalchemy.sql import operators, visitors
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, BooleanClauseList
from sqlalchemy.sql.selectable import Alias, Join, Select

REFERENCE_TABLES = frozenset({"provinces", "former_provinces", "regions", "macro_regions", "categories"})


def row_tag(table, key):
    return table if table in REFERENCE_TABLES else f"{table}:{key}"


def set_tag(table, column=None, value=None):
    return table if column is None else f"{table}@{column}:{value}"


def identity_key(identity):
    """A primary key (a tuple from SQLAlchemy) as it appears in a tag."""
    if identity is None:
        return None
    if len(identity) == 1:
        return identity[0]
    return ",".join(str(part) for part in identity)


def _tables_of(from_clause, found):
    if isinstance(from_clause, Table):
        found.add(from_clause)
    elif isinstance(from_clause, Join):
        _tables_of(from_clause.left, found)
        _tables_of(from_clause.right, found)
    elif isinstance(from_clause, Alias) and isinstance(from_clause.element, Table):
        found.add(from_clause.element)
    # a subquery is a Select of its own, read on its own


def _conjuncts(clause):
    if clause is None:
        return []
    if isinstance(clause, BooleanClauseList) and clause.operator is operators.and_:
        out = []
        for part in clause.clauses:
            out.extend(_conjuncts(part))
        return out
    return [clause]


def _bound_value(element):
    if isinstance(element, BindParameter):
        value = element.effective_value
        if isinstance(value, (list, tuple, set, frozenset)):
            return list(value)
        return [value]
    return None


def column_predicates(where):
    """[(table name, column, [values])] of the conjuncts `column = value` and `column IN (…)`."""
    found = []
    for clause in _conjuncts(where):
        if not isinstance(clause, BinaryExpression) or clause.operator not in (operators.eq, operators.in_op):
            continue
        left, right = clause.left, clause.right
        if not isinstance(left, Column) and isinstance(right, Column) and clause.operator is operators.eq:
            left, right = right, left
        values = _bound_value(right)
        if not isinstance(left, Column) or values is None or not isinstance(left.table, Table):
            continue
        found.append((left.table.name, left, values))
    return found


def _select_tags(select):
    tables = set()
    try:
        froms = select.get_final_froms()
    except Exception:  # an exotic construct: count every table it names
        froms = [element for element in visitors.iterate(select) if isinstance(element, Table)]
    for from_clause in froms:
        _tables_of(from_clause, tables)
    predicates = column_predicates(select.whereclause)
    tags = set()
    for table in tables:
        mine = [(column, values) for name, column, values in predicates if name == table.name]
        by_key = next(((c, v) for c, v in mine if c.primary_key and len(table.primary_key.columns) == 1), None)
        by_parent = next(((c, v) for c, v in mine if c.foreign_keys and len(v) == 1), None)
        if by_key is not None:
            tags.update(row_tag(table.name, value) for value in by_key[1])
        elif by_parent is not None and table.name not in REFERENCE_TABLES:
            tags.add(set_tag(table.name, by_parent[0].name, by_parent[1][0]))
        else:
            tags.add(table.name)
    return tags


def statement_tags(statement):
    """The tags a SELECT depends on: every Select in it (subqueries too) read as above."""
    tags = set()
    for element in visitors.iterate(statement):
        if isinstance(element, Select):
            tags |= _select_tags(element)
    return tags


def primary_keys_in(where, table):
    """The primary-key values a bulk UPDATE/DELETE's WHERE names (`id = x`, `id IN (…)`),
    or None when it does not pin its rows down that way."""
    keys = list(table.primary_key.columns)
    if len(keys) != 1:
        return None
    for name, column, values in column_predicates(where):
        if name == table.name and column.name == keys[0].name:
            return values
    return None
