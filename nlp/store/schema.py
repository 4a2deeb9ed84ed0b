"""The project database: tables, indexes and numbered migrations.

SQLite by default (a file next to the project), any SQLAlchemy URL otherwise. The schema
version is stored in `meta`; `migrate` brings an older database up to date in place and
never drops a table that holds people's labels.
"""

from __future__ import annotations

import logging

from sqlalchemy import (
    Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint, event, text,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)
metadata = MetaData()

meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text),
    Column("format", String(16)),
    Column("municipality", String(80)),
    Column("committee", String(200)),
    Column("meeting_date", String(10)),
    Column("year", Integer),
    Column("kind", String(16)),
    Column("n_items", Integer),
    Column("warnings", Text),
    Column("ingested_at", String(32)),
    Column("updated_at", String(32)),
)

items = Table(
    "items", metadata,
    Column("id", Integer, primary_key=True),
    Column("item_key", String(64), nullable=False, unique=True),  # "<hash16>:<position>", stable
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("number", String(16)),
    Column("title", Text),
    Column("case_number", String(80)),
    Column("text", Text),
    Column("sections", Text),  # JSON
    Column("decisions", Text),  # JSON
    Column("municipality", String(80)),
    Column("committee", String(200)),
    Column("meeting_date", String(10)),
    Column("year", Integer),
    Column("kind", String(16)),
    Column("closed", Boolean, default=False),
    Column("outcome", String(16)),
    Column("outcome_score", Float),
    Column("policy_code", Integer),
    Column("policy_score", Float),
    Column("themes", Text),  # JSON list of {"label", "score"}
    Column("votes", Text),  # JSON
    Column("summary", Text),  # JSON list
    Column("facts", Text),  # JSON
    Column("amount_total", Float),  # sum of MONEY values, for charts
    Column("uncertainty", Float),  # how unsure the classifiers are (0 sure … 1 unsure), for labelling
)

item_themes = Table(
    "item_themes", metadata,
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("theme", String(32), nullable=False),
    Column("score", Float),
    Column("rank", Integer),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(16), nullable=False),
    Column("text", Text),
    Column("norm", Text),  # lower-cased text, for counting
    Column("start", Integer),
    Column("end", Integer),
    Column("value", Text),  # JSON
)

# Aggregates kept up to date on every write, so the overview never scans all items: item
# counts and amounts per theme ("*" = all items) at three levels of detail (see
# aggregates.CUBES); a dimension a level rolls up is ''. The overview reads the coarsest
# level its filters allow, a few thousand rows even at a million items.
stats = Table(
    "stats", metadata,
    Column("level", Integer, primary_key=True),
    Column("theme", String(32), primary_key=True),
    Column("municipality", String(80), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("committee", String(200), primary_key=True),
    Column("outcome", String(16), primary_key=True),
    Column("n_items", Integer, nullable=False, default=0),
    Column("amount", Float, nullable=False, default=0.0),
    sqlite_with_rowid=False,  # rows stored in key order: a level is one contiguous range
)

# Programmes and organisations mentioned, counted by municipality (level 1) and year (2).
entity_stats = Table(
    "entity_stats", metadata,
    Column("level", Integer, primary_key=True),
    Column("label", String(16), primary_key=True),
    Column("municipality", String(80), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("norm", String(200), primary_key=True),
    Column("text", Text),
    Column("n", Integer, nullable=False, default=0),
    sqlite_with_rowid=False,
)

# People's labels. One current label per item and annotator; every write is also appended
# to annotation_history, so no label is ever lost, not even one that was changed later.
annotations = Table(
    "annotations", metadata,
    Column("id", Integer, primary_key=True),
    Column("item_key", String(64), nullable=False),
    Column("annotator", String(80), nullable=False),
    Column("status", String(16), nullable=False),  # "done" | "skipped" | "flagged"
    Column("themes", Text),  # JSON list of theme ids
    Column("outcome", String(16)),
    Column("votes", Text),  # JSON or null
    Column("entities", Text),  # JSON list of {"start", "end", "label"} or null (not labelled)
    Column("note", Text),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    UniqueConstraint("item_key", "annotator", name="uq_annotation_item_annotator"),
)

annotation_history = Table(
    "annotation_history", metadata,
    Column("id", Integer, primary_key=True),
    Column("item_key", String(64), nullable=False),
    Column("annotator", String(80), nullable=False),
    Column("payload", Text, nullable=False),  # the whole label as written, JSON
    Column("written_at", String(32), nullable=False),
)

# A reviewer's settled label for an item the annotators disagreed on: the one that trains.
reviews = Table(
    "reviews", metadata,
    Column("item_key", String(64), primary_key=True),
    Column("reviewer", String(80), nullable=False),
    Column("themes", Text),
    Column("outcome", String(16)),
    Column("votes", Text),
    Column("entities", Text),
    Column("settled_at", String(32), nullable=False),
)

Index("ix_annotations_item", annotations.c.item_key)
# Rows counted down to zero when a document is replaced, found without scanning the aggregates.
Index("ix_stats_empty", stats.c.n_items, sqlite_where=stats.c.n_items <= 0, postgresql_where=stats.c.n_items <= 0)
Index("ix_entity_stats_empty", entity_stats.c.n, sqlite_where=entity_stats.c.n <= 0,
      postgresql_where=entity_stats.c.n <= 0)
Index("ix_items_uncertainty", items.c.uncertainty)
Index("ix_items_document", items.c.document_id)
Index("ix_items_filter", items.c.municipality, items.c.year)
Index("ix_items_year", items.c.year, items.c.municipality)
Index("ix_items_outcome", items.c.outcome, items.c.municipality)
Index("ix_items_committee", items.c.committee)
Index("ix_themes_theme", item_themes.c.theme, item_themes.c.item_id)
Index("ix_themes_item_theme", item_themes.c.item_id, item_themes.c.theme)
Index("ix_items_municipality_date", items.c.municipality, items.c.meeting_date)
Index("ix_entities_item", entities.c.item_id)
Index("ix_entities_label", entities.c.label, entities.c.norm)

SCHEMA_VERSION = 4


def _fts_statements() -> list[str]:
    # Full-text search over titles and texts: SQLite's FTS5, kept in step by triggers.
    return [
        "CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5("
        "title, text, content='items', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
        "CREATE TRIGGER IF NOT EXISTS items_ai AFTER INSERT ON items BEGIN "
        "INSERT INTO items_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
        "CREATE TRIGGER IF NOT EXISTS items_ad AFTER DELETE ON items BEGIN "
        "INSERT INTO items_fts(items_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
        "CREATE TRIGGER IF NOT EXISTS items_au AFTER UPDATE ON items BEGIN "
        "INSERT INTO items_fts(items_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
        "INSERT INTO items_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    ]


def _add_stats(connection: Connection) -> None:
    """Version 2: the aggregate tables of the overview, filled from the items already stored."""
    stats.create(connection, checkfirst=True)
    entity_stats.create(connection, checkfirst=True)
    from nlp.store.aggregates import rebuild_stats

    rebuild_stats(connection)


# Migrations: version -> function(connection) that upgrades from version - 1. A new
# database is created at SCHEMA_VERSION directly.
def _add_labelling(connection: Connection) -> None:
    """Version 3: people's labels, their history, reviews; items' classifier uncertainty."""
    for table in (annotations, annotation_history, reviews):
        table.create(connection, checkfirst=True)
    columns = {c["name"] for c in sa_inspect(connection).get_columns("items")}
    if "uncertainty" not in columns:
        connection.exec_driver_sql("ALTER TABLE items ADD COLUMN uncertainty FLOAT")
    connection.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_items_uncertainty ON items (uncertainty)")
    connection.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_annotations_item ON annotations (item_key)")


def _stats_by_level(connection: Connection) -> None:
    """Version 4: the aggregates at levels of detail (recounted from the items); indexes for
    item lists at a million items."""
    connection.exec_driver_sql("DROP TABLE IF EXISTS stats")
    connection.exec_driver_sql("DROP TABLE IF EXISTS entity_stats")
    _add_stats(connection)
    # lists of items by municipality, newest first, filtered by theme (the side-by-side view)
    connection.exec_driver_sql("DROP INDEX IF EXISTS ix_themes_item")
    connection.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_themes_item_theme ON item_themes (item_id, theme)")
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_items_municipality_date ON items (municipality, meeting_date)")


MIGRATIONS: dict[int, callable] = {2: _add_stats, 3: _add_labelling, 4: _stats_by_level}


def install_sqlite_pragmas(engine: Engine) -> None:
    """WAL for concurrent readers and writers, foreign keys, and patience with locks."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def current_version(connection: Connection) -> int:
    if not connection.dialect.has_table(connection, "meta"):
        return 0
    row = connection.execute(text("SELECT value FROM meta WHERE key='schema_version'")).first()
    return int(row[0]) if row else 0


def migrate(engine: Engine) -> int:
    """Create or upgrade the schema; return the version the database is at now."""
    with engine.begin() as connection:
        version = current_version(connection)
        if version == 0:
            metadata.create_all(connection)
            if engine.dialect.name == "sqlite":
                for statement in _fts_statements():
                    connection.exec_driver_sql(statement)
            version = SCHEMA_VERSION
        for target in sorted(v for v in MIGRATIONS if v > version):
            log.info("migrating database to schema version %d", target)
            MIGRATIONS[target](connection)
            version = target
        metadata.create_all(connection)  # tables added by later versions of the code
        connection.execute(text("DELETE FROM meta WHERE key='schema_version'"))
        connection.execute(meta.insert().values(key="schema_version", value=str(version)))
    return version
