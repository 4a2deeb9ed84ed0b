"""Keep the overview's aggregate tables (stats, entity_stats) in step with the items.

Every document write adds its items' counts (sign +1) and, when it replaces an earlier
version, first takes the old counts away (sign -1), in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

# Labels whose mentions the overview counts.
COUNTED_LABELS = ("ORG", "PROGRAM")

_STATS = """
INSERT INTO stats (municipality, committee, year, theme, outcome, n_items, amount)
SELECT coalesce(i.municipality, ''), coalesce(i.committee, ''), coalesce(i.year, 0), t.theme,
       coalesce(i.outcome, ''), :sign * count(*), :sign * coalesce(sum(i.amount_total), 0)
FROM items i
JOIN (SELECT it.item_id AS item_id, it.theme AS theme FROM item_themes it
      UNION ALL SELECT x.id, '*' FROM items x) t ON t.item_id = i.id
WHERE {where}
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (municipality, committee, year, theme, outcome)
DO UPDATE SET n_items = stats.n_items + excluded.n_items, amount = stats.amount + excluded.amount
"""

_ENTITY_STATS = """
INSERT INTO entity_stats (municipality, year, label, norm, text, n)
SELECT coalesce(i.municipality, ''), coalesce(i.year, 0), e.label, e.norm, min(e.text), :sign * count(*)
FROM entities e JOIN items i ON i.id = e.item_id
WHERE {where} AND e.label IN ('ORG', 'PROGRAM')
GROUP BY 1, 2, 3, 4
ON CONFLICT (municipality, year, label, norm) DO UPDATE SET n = entity_stats.n + excluded.n
"""


def apply_document(connection: Connection, document_id: int, sign: int) -> None:
    """Add (+1) or remove (-1) one document's items from the aggregates."""
    params = {"sign": sign, "document": document_id}
    where = "i.document_id = :document"
    connection.execute(text(_STATS.format(where=where)), params)
    connection.execute(text(_ENTITY_STATS.format(where=where)), params)
    if sign < 0:
        connection.execute(text("DELETE FROM stats WHERE n_items <= 0"))
        connection.execute(text("DELETE FROM entity_stats WHERE n <= 0"))


def rebuild_stats(connection: Connection) -> None:
    """Recount the aggregates from all items (after a migration or a bulk load)."""
    connection.execute(text("DELETE FROM stats"))
    connection.execute(text("DELETE FROM entity_stats"))
    connection.execute(text(_STATS.format(where="1 = 1")), {"sign": 1})
    connection.execute(text(_ENTITY_STATS.format(where="1 = 1")), {"sign": 1})
