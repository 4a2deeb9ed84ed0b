"""Keep the overview's aggregate tables (stats, entity_stats) in step with the items.

Every document write adds its items' counts (sign +1) and, when it replaces an earlier
version, first takes the old counts away (sign -1), in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

# Labels whose mentions the overview counts.
COUNTED_LABELS = ("ORG", "PROGRAM")

# The levels of detail of `stats` and `entity_stats`: the dimensions each level keeps. A
# query reads the coarsest level that has every dimension it filters or groups by.
CUBES: dict[int, tuple[str, ...]] = {
    1: ("municipality", "year"),
    2: ("municipality", "year", "outcome"),
    3: ("municipality", "year", "outcome", "committee"),
}
ENTITY_CUBES: dict[int, tuple[str, ...]] = {1: ("municipality",), 2: ("municipality", "year")}

_DIMENSIONS = {"municipality": "coalesce(i.municipality, '')", "year": "coalesce(i.year, 0)",
               "outcome": "coalesce(i.outcome, '')", "committee": "coalesce(i.committee, '')"}
_ROLLED_UP = {"municipality": "''", "year": "0", "outcome": "''", "committee": "''"}

_STATS = """
INSERT INTO stats (level, theme, municipality, year, committee, outcome, n_items, amount)
SELECT {level}, t.theme, {municipality}, {year}, {committee}, {outcome},
       :sign * count(*), :sign * coalesce(sum(i.amount_total), 0)
FROM items i
JOIN (SELECT it.item_id AS item_id, it.theme AS theme FROM item_themes it
      UNION ALL SELECT x.id, '*' FROM items x) t ON t.item_id = i.id
WHERE {where}
GROUP BY 2, 3, 4, 5, 6
ON CONFLICT (level, theme, municipality, year, committee, outcome)
DO UPDATE SET n_items = stats.n_items + excluded.n_items, amount = stats.amount + excluded.amount
"""

_ENTITY_STATS = """
INSERT INTO entity_stats (level, label, municipality, year, norm, text, n)
SELECT {level}, e.label, {municipality}, {year}, e.norm, min(e.text), :sign * count(*)
FROM entities e JOIN items i ON i.id = e.item_id
WHERE {where} AND e.label IN ({labels})
GROUP BY 2, 3, 4, 5
ON CONFLICT (level, label, municipality, year, norm) DO UPDATE SET n = entity_stats.n + excluded.n
"""


def _statements(where: str) -> list[str]:
    """The inserts that add the items matching `where` to every level of both tables."""
    statements = []
    for template, cubes in ((_STATS, CUBES), (_ENTITY_STATS, ENTITY_CUBES)):
        for level, kept in cubes.items():
            columns = {name: (_DIMENSIONS[name] if name in kept else _ROLLED_UP[name]) for name in _DIMENSIONS}
            labels = ", ".join(f"'{label}'" for label in COUNTED_LABELS)  # constants, not input
            statements.append(template.format(level=level, where=where, labels=labels, **columns))
    return statements


def apply_document(connection: Connection, document_id: int, sign: int) -> None:
    """Add (+1) or remove (-1) one document's items from the aggregates."""
    params = {"sign": sign, "document": document_id}
    for statement in _statements("i.document_id = :document"):
        connection.execute(text(statement), params)
    if sign < 0:
        connection.execute(text("DELETE FROM stats WHERE n_items <= 0"))
        connection.execute(text("DELETE FROM entity_stats WHERE n <= 0"))


def rebuild_stats(connection: Connection) -> None:
    """Recount the aggregates from all items (after a migration or a bulk load)."""
    connection.execute(text("DELETE FROM stats"))
    connection.execute(text("DELETE FROM entity_stats"))
    for statement in _statements("1 = 1"):
        connection.execute(text(statement), {"sign": 1})
