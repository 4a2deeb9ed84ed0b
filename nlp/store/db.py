"""Write analyses to the database: one row per document, item, theme and entity.

Documents are identified by the hash of their content: ingesting the same document again
replaces its analysis instead of adding a copy. Item keys (`<hash16>:<position>`) stay the
same across re-ingests, so labels that people attach to items survive.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from sqlalchemy import Integer, String, cast, create_engine, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from nlp.contract import Analysis, AgendaItem
from nlp.paths import default_database_url
from nlp.store import schema
from nlp.store.aggregates import apply_document
from nlp.store.schema import documents, entities, item_themes, items, meta


def content_hash(data: bytes | str) -> str:
    """SHA-256 of a document's bytes (text is hashed as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """The project database.

    Parameters
    ----------
    url : SQLAlchemy URL; default `sqlite:///referat.db` in the project folder
          (`REFERAT_DATABASE_URL` or `REFERAT_DB` override it).
    """

    def __init__(self, url: str | None = None):
        self.url = url or default_database_url()
        self.engine: Engine = create_engine(self.url, future=True)
        schema.install_sqlite_pragmas(self.engine)
        self.version = schema.migrate(self.engine)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        self.engine.dispose()

    # -- writing ----------------------------------------------------------------------
    def has_document(self, digest: str) -> bool:
        with self.engine.connect() as connection:
            row = connection.execute(select(documents.c.id).where(documents.c.content_hash == digest)).first()
        return row is not None

    def document_count(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(documents)).scalar_one()

    def data_version(self) -> int:
        """A counter that every document write moves on: caches of figures key on it."""
        with self.engine.connect() as connection:
            row = connection.execute(select(meta.c.value).where(meta.c.key == "data_version")).first()
        return int(row[0]) if row else 0

    def document_hashes(self) -> set[str]:
        """The content hashes of every stored document (to skip them when resuming a run)."""
        with self.engine.connect() as connection:
            return set(connection.execute(select(documents.c.content_hash)).scalars())

    def save(self, analysis: Analysis, digest: str, fmt: str = "text") -> int:
        """Store one analysis (replacing an earlier one of the same content); return its id."""
        with self.engine.begin() as connection:
            return self._save(connection, analysis, digest, fmt)

    def save_many(self, entries: list[tuple[Analysis, str, str]]) -> list[int]:
        """Store several analyses in one transaction: all or none."""
        with self.engine.begin() as connection:
            return [self._save(connection, a, digest, fmt) for a, digest, fmt in entries]

    def _save(self, connection: Connection, analysis: Analysis, digest: str, fmt: str) -> int:
        meeting = analysis.meeting
        row = {
            "content_hash": digest, "source": analysis.source, "format": fmt,
            "municipality": meeting.municipality, "committee": meeting.committee,
            "meeting_date": meeting.date, "year": _year(meeting.date), "kind": meeting.kind,
            "n_items": len(analysis.items), "warnings": _json(analysis.warnings), "updated_at": _now(),
        }
        existing = connection.execute(
            select(documents.c.id).where(documents.c.content_hash == digest)
        ).first()
        if existing:
            document_id = existing[0]
            apply_document(connection, document_id, -1)
            connection.execute(documents.update().where(documents.c.id == document_id).values(**row))
            old_items = select(items.c.id).where(items.c.document_id == document_id)
            connection.execute(delete(item_themes).where(item_themes.c.item_id.in_(old_items)))
            connection.execute(delete(entities).where(entities.c.item_id.in_(old_items)))
            connection.execute(delete(items).where(items.c.document_id == document_id))
        else:
            row["ingested_at"] = row["updated_at"]
            document_id = connection.execute(insert(documents).values(**row)).inserted_primary_key[0]
        for position, item in enumerate(analysis.items):
            self._save_item(connection, document_id, digest, position, item, analysis)
        apply_document(connection, document_id, +1)
        _bump_data_version(connection)
        return document_id

    def _save_item(self, connection: Connection, document_id: int, digest: str, position: int,
                   item: AgendaItem, analysis: Analysis) -> None:
        meeting = analysis.meeting
        outcome = item.outcome or {}
        policy = item.policy_area or {}
        money = [e.value for e in item.entities if e.label == "MONEY" and isinstance(e.value, (int, float))]
        item_id = connection.execute(insert(items).values(
            item_key=f"{digest[:16]}:{position}", document_id=document_id, position=position,
            number=item.number, title=item.title, case_number=item.case_number, text=item.text,
            sections=_json(item.sections), decisions=_json([d.to_dict() for d in item.decisions]),
            municipality=meeting.municipality, committee=meeting.committee,
            meeting_date=meeting.date, year=_year(meeting.date), kind=meeting.kind, closed=item.closed,
            outcome=outcome.get("label"), outcome_score=outcome.get("score"),
            policy_code=policy.get("code"), policy_score=policy.get("score"),
            themes=_json(item.themes), votes=_json(item.votes), summary=_json(item.summary),
            facts=_json(item.facts), amount_total=sum(money) if money else None,
            uncertainty=uncertainty(item),
        )).inserted_primary_key[0]
        if item.themes:
            connection.execute(insert(item_themes), [
                {"item_id": item_id, "theme": t["label"], "score": t.get("score"), "rank": rank}
                for rank, t in enumerate(item.themes)
            ])
        if item.entities:
            connection.execute(insert(entities), [
                {"item_id": item_id, "label": e.label, "text": e.text, "norm": e.text.lower(),
                 "start": e.start, "end": e.end, "value": _json(e.value)}
                for e in item.entities
            ])


def _bump_data_version(connection: Connection) -> None:
    bumped = connection.execute(update(meta).where(meta.c.key == "data_version")
                                .values(value=cast(cast(meta.c.value, Integer) + 1, String)))
    if bumped.rowcount == 0:
        connection.execute(insert(meta).values(key="data_version", value="1"))


def uncertainty(item: AgendaItem) -> float | None:
    """How unsure the classifiers are about an item: 1 minus the weaker of the outcome's
    probability and the top theme's (used to put the most useful items first for labelling)."""
    scores = []
    if item.outcome and item.outcome.get("score") is not None:
        scores.append(item.outcome["score"])
    if item.themes:
        scores.append(item.themes[0].get("score", 0.0))
    return round(1.0 - min(scores), 4) if scores else None


def _year(iso: str | None) -> int | None:
    if iso and len(iso) >= 4 and iso[:4].isdigit():
        return int(iso[:4])
    return None
