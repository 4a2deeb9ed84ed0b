"""The labelling workspace: the queue, saving labels, double labelling, review, settled labels.

Every write is one transaction that updates the annotator's current label and appends it
to `annotation_history`; nothing a person labelled is ever deleted or silently replaced.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from nlp.labels import ENTITY_LABELS, OUTCOMES, THEMES
from nlp.store.queries import Filters
from nlp.store.schema import annotation_history, annotations, items, reviews

# Share of items that two annotators label independently, for agreement.
DOUBLE_SHARE = 0.10
STATUSES = ("done", "skipped", "flagged")


class LabelError(ValueError):
    """A label that breaks the guide (unknown theme, outcome or span): a Danish message."""


@dataclass
class Label:
    """One person's label of one item."""

    item_key: str
    annotator: str
    status: str = "done"
    themes: list[str] = field(default_factory=list)
    outcome: str | None = None
    votes: dict | None = None
    entities: list[dict] | None = None  # None: spans not labelled; [] labelled as having none
    note: str | None = None

    def validate(self) -> "Label":
        if not self.annotator or not self.annotator.strip():
            raise LabelError("Angiv dit navn som annotator.")
        if self.status not in STATUSES:
            raise LabelError(f"Ukendt status: {self.status}")
        if self.status == "done":
            if not 1 <= len(self.themes) <= 3:
                raise LabelError("Vælg 1 til 3 temaer.")
            unknown = [t for t in self.themes if t not in THEMES]
            if unknown:
                raise LabelError(f"Ukendte temaer: {', '.join(unknown)}")
            if self.outcome not in OUTCOMES:
                raise LabelError("Vælg præcis ét udfald.")
        for span in self.entities or []:
            if span.get("label") not in ENTITY_LABELS or not 0 <= span["start"] < span["end"]:
                raise LabelError(f"Ugyldigt enhedsspænd: {span}")
        return self

    def payload(self) -> dict:
        return {"status": self.status, "themes": self.themes, "outcome": self.outcome, "votes": self.votes,
                "entities": self.entities, "note": self.note}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def needs_two(item_key: str, share: float = DOUBLE_SHARE) -> bool:
    """Whether an item is in the double-labelled share (fixed by its key, so stable)."""
    digest = hashlib.sha1(f"referat-double-{item_key}".encode()).hexdigest()
    return int(digest[:8], 16) / 0xFFFFFFFF < share


def save_label(store, label: Label) -> None:
    """Store a label: one transaction, current label updated, history appended."""
    label.validate()
    now = _now()
    payload = label.payload()
    row = {"status": label.status, "themes": json.dumps(label.themes), "outcome": label.outcome,
           "votes": json.dumps(label.votes) if label.votes is not None else None,
           "entities": json.dumps(label.entities) if label.entities is not None else None,
           "note": label.note, "updated_at": now}
    where = and_(annotations.c.item_key == label.item_key, annotations.c.annotator == label.annotator)
    with store.engine.begin() as connection:
        connection.execute(insert(annotation_history).values(
            item_key=label.item_key, annotator=label.annotator,
            payload=json.dumps(payload, ensure_ascii=False), written_at=now))
        changed = connection.execute(update(annotations).where(where).values(**row)).rowcount
        if not changed:
            try:
                with connection.begin_nested():
                    connection.execute(insert(annotations).values(item_key=label.item_key,
                                                                  annotator=label.annotator, created_at=now, **row))
            except IntegrityError:  # another process inserted it a moment ago: update instead
                connection.execute(update(annotations).where(where).values(**row))


def labels_of(store, item_key: str) -> list[Label]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(annotations).where(annotations.c.item_key == item_key)
                                  .order_by(annotations.c.annotator)).fetchall()
    return [_label(r) for r in rows]


def done_labels(store) -> dict[str, list[Label]]:
    """Every finished label, grouped by item."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(annotations).where(annotations.c.status == "done")
                                  .order_by(annotations.c.item_key, annotations.c.annotator)).fetchall()
    grouped: dict[str, list[Label]] = {}
    for row in rows:
        grouped.setdefault(row.item_key, []).append(_label(row))
    return grouped


def _label(row) -> Label:
    return Label(row.item_key, row.annotator, row.status, json.loads(row.themes or "[]"), row.outcome,
                 json.loads(row.votes) if row.votes else None,
                 json.loads(row.entities) if row.entities is not None else None, row.note)


# -- the queue --------------------------------------------------------------------------------
def queue(store, annotator: str, mode: str = "uncertain", filters: Filters | None = None, limit: int = 20,
          seed: int = 0, share: float = DOUBLE_SHARE) -> list[str]:
    """The next items for `annotator`, best first.

    mode "uncertain": the items the models are least sure of (active learning);
    "random": a random sample; "filtered": the filters' items in meeting order.
    Items this annotator has labelled or skipped are left out, and so are items already
    labelled by someone else unless they belong to the double-labelled share.
    """
    filters = filters or Filters()
    mine = select(annotations.c.item_key).where(annotations.c.annotator == annotator)
    counts = (select(annotations.c.item_key, func.count().label("n"))
              .where(annotations.c.status == "done").group_by(annotations.c.item_key).subquery())
    query = (select(items.c.item_key, items.c.uncertainty, func.coalesce(counts.c.n, 0).label("labelled"))
             .outerjoin(counts, counts.c.item_key == items.c.item_key)
             .where(and_(items.c.item_key.not_in(mine), *filters.item_conditions())))
    if mode == "uncertain":
        query = query.order_by(func.coalesce(items.c.uncertainty, 0.0).desc(), items.c.id)
    else:
        query = query.order_by(items.c.meeting_date, items.c.id)
    with store.engine.connect() as connection:
        rows = connection.execute(query.limit(max(limit * 20, 500))).fetchall()
    wanted = [r.item_key for r in rows if r.labelled == 0 or (r.labelled == 1 and needs_two(r.item_key, share))]
    # a second pair of eyes first: items waiting for their second label
    waiting = [r.item_key for r in rows if r.labelled == 1 and needs_two(r.item_key, share)]
    ordered = waiting + [k for k in wanted if k not in waiting]
    if mode == "random":
        random.Random(seed).shuffle(ordered)
    return ordered[:limit]


def progress(store, annotator: str | None = None) -> dict:
    """Labelled items overall and by this annotator, and the size of the pool."""
    with store.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(items)).scalar_one()
        labelled = connection.execute(select(func.count(func.distinct(annotations.c.item_key)))
                                      .where(annotations.c.status == "done")).scalar_one()
        mine = connection.execute(select(func.count()).where(and_(annotations.c.annotator == annotator,
                                                                  annotations.c.status == "done"))).scalar_one() \
            if annotator else 0
        settled = connection.execute(select(func.count()).select_from(reviews)).scalar_one()
    return {"items": total, "labelled_items": labelled, "by_annotator": mine, "reviewed": settled}


# -- review and settled labels ------------------------------------------------------------------
def _same(a: Label, b: Label) -> bool:
    return set(a.themes) == set(b.themes) and a.outcome == b.outcome


def disagreements(store) -> list[tuple[str, list[Label]]]:
    """Items two or more annotators labelled differently and no reviewer has settled."""
    with store.engine.connect() as connection:
        keys = connection.execute(select(annotations.c.item_key).where(annotations.c.status == "done")
                                  .group_by(annotations.c.item_key).having(func.count() >= 2)).scalars().all()
        settled = set(connection.execute(select(reviews.c.item_key)).scalars().all())
    out = []
    for key in keys:
        if key in settled:
            continue
        done = [l for l in labels_of(store, key) if l.status == "done"]
        if any(not _same(done[0], other) for other in done[1:]):
            out.append((key, done))
    return out


def settle(store, item_key: str, reviewer: str, label: Label) -> None:
    """The reviewer's decision for a disputed item (it replaces an earlier review only by the
    reviewer's own hand; the annotators' labels stay as they are)."""
    label.annotator = reviewer
    label.validate()
    row = {"reviewer": reviewer, "themes": json.dumps(label.themes), "outcome": label.outcome,
           "votes": json.dumps(label.votes) if label.votes is not None else None,
           "entities": json.dumps(label.entities) if label.entities is not None else None, "settled_at": _now()}
    with store.engine.begin() as connection:
        connection.execute(insert(annotation_history).values(
            item_key=item_key, annotator=f"review:{reviewer}",
            payload=json.dumps(label.payload(), ensure_ascii=False), written_at=row["settled_at"]))
        if connection.execute(update(reviews).where(reviews.c.item_key == item_key).values(**row)).rowcount == 0:
            connection.execute(insert(reviews).values(item_key=item_key, **row))


def settled_labels(store) -> dict[str, Label]:
    """The label that trains, per item: the review where there is one, else the annotators'
    label when they all agree. Disputed, unreviewed items do not train."""
    out: dict[str, Label] = {}
    with store.engine.connect() as connection:
        for row in connection.execute(select(reviews)):
            out[row.item_key] = Label(row.item_key, f"review:{row.reviewer}", "done", json.loads(row.themes or "[]"),
                                      row.outcome, json.loads(row.votes) if row.votes else None,
                                      json.loads(row.entities) if row.entities is not None else None)
    for key, labels in done_labels(store).items():
        if key not in out and all(_same(labels[0], other) for other in labels[1:]):
            out[key] = labels[0]
    return out
