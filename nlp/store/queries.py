"""Read the database for people: the overview's figures, search, one item, similar items.

Every function takes a `Store` and plain values and returns pandas DataFrames or dicts,
so the app's pages stay thin and the tests call the same code without Streamlit. All
values reach SQL as bound parameters.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import and_, bindparam, column, exists, func, literal_column, select, table, text, true

from nlp.store.schema import documents, entities, entity_stats, item_themes, items, stats


@dataclass
class Filters:
    """What the user narrowed the overview to; empty means everything."""

    municipalities: list[str] = field(default_factory=list)
    committees: list[str] = field(default_factory=list)
    years: tuple[int, int] | None = None
    themes: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)

    def cube(self, table=stats, outcome: bool = False) -> int:
        """The coarsest level of an aggregate table that has what these filters (and the
        query) need: see `aggregates.CUBES`."""
        if table is entity_stats:
            return 2 if self.years else 1
        if self.committees:
            return 3
        return 2 if self.outcomes or outcome else 1

    def stats_conditions(self, table=stats, themes: bool = True, outcome: bool = False) -> list:
        conditions = [table.c.level == self.cube(table, outcome)]
        if self.municipalities:
            conditions.append(table.c.municipality.in_(self.municipalities))
        if self.committees and "committee" in table.c:
            conditions.append(table.c.committee.in_(self.committees))
        if self.years:
            # "+ 0" keeps SQLite from a skip-scan over the primary key, slower than reading the level
            conditions.append((table.c.year + 0).between(*self.years))
        if self.outcomes and "outcome" in table.c:
            conditions.append(table.c.outcome.in_(self.outcomes))
        if themes and self.themes and "theme" in table.c:
            conditions.append(table.c.theme.in_(self.themes))
        return conditions

    def item_conditions(self) -> list:
        conditions = []
        if self.municipalities:
            conditions.append(items.c.municipality.in_(self.municipalities))
        if self.committees:
            conditions.append(items.c.committee.in_(self.committees))
        if self.years:
            conditions.append(items.c.year.between(*self.years))
        if self.outcomes:
            conditions.append(items.c.outcome.in_(self.outcomes))
        if self.themes:  # EXISTS, not IN: SQLite then walks the items in index order and stops early
            conditions.append(exists().where(item_themes.c.item_id == items.c.id, item_themes.c.theme.in_(self.themes)))
        return conditions


def _frame(store, query) -> pd.DataFrame:
    with store.engine.connect() as connection:
        result = connection.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


# -- the overview -------------------------------------------------------------------------
def filter_options(store) -> dict:
    """The values the overview's filters can take."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(stats.c.municipality, stats.c.committee, stats.c.year)
                                  .where(stats.c.level == 3, stats.c.theme == "*").distinct()).fetchall()
    years = sorted({r.year for r in rows if r.year})
    return {
        "municipalities": sorted({r.municipality for r in rows if r.municipality}),
        "committees": sorted({r.committee for r in rows if r.committee}),
        "years": (years[0], years[-1]) if years else None,
    }


def totals(store, filters: Filters) -> dict:
    query = select(func.coalesce(func.sum(stats.c.n_items), 0), func.count(func.distinct(stats.c.municipality)),
                   func.coalesce(func.sum(stats.c.amount), 0)).where(
        and_(stats.c.theme == "*", *filters.stats_conditions(themes=False)))
    with store.engine.connect() as connection:
        n, municipalities, amount = connection.execute(query).one()
        document_count = connection.execute(select(func.count()).select_from(documents)).scalar_one()
    return {"items": int(n), "municipalities": int(municipalities), "amount": float(amount),
            "documents": int(document_count)}


def theme_share(store, filters: Filters) -> pd.DataFrame:
    """Per municipality and theme: items and their share of the municipality's items."""
    by_theme = _frame(store, select(stats.c.municipality, stats.c.theme, func.sum(stats.c.n_items).label("items"))
                      .where(and_(stats.c.theme != "*", *filters.stats_conditions()))
                      .group_by(stats.c.municipality, stats.c.theme))
    all_items = _frame(store, select(stats.c.municipality, func.sum(stats.c.n_items).label("total"))
                       .where(and_(stats.c.theme == "*", *filters.stats_conditions(themes=False)))
                       .group_by(stats.c.municipality))
    if by_theme.empty:
        return pd.DataFrame(columns=["municipality", "theme", "items", "total", "share"])
    merged = by_theme.merge(all_items, on="municipality", how="left")
    merged["share"] = merged["items"] / merged["total"].clip(lower=1)
    return merged


def themes_over_time(store, filters: Filters) -> pd.DataFrame:
    return _frame(store, select(stats.c.year, stats.c.theme, func.sum(stats.c.n_items).label("items"))
                  .where(and_(stats.c.theme != "*", stats.c.year > 0, *filters.stats_conditions()))
                  .group_by(stats.c.year, stats.c.theme).order_by(stats.c.year))


def outcomes_by_municipality(store, filters: Filters) -> pd.DataFrame:
    conditions = filters.stats_conditions(themes=False, outcome=True)
    if filters.themes:  # items with one of the themes, counted once per theme row
        conditions.append(stats.c.theme.in_(filters.themes))
    else:
        conditions.append(stats.c.theme == "*")
    return _frame(store, select(stats.c.municipality, stats.c.outcome, func.sum(stats.c.n_items).label("items"))
                  .where(and_(true(), *conditions)).group_by(stats.c.municipality, stats.c.outcome))


def amounts_by_theme_and_year(store, filters: Filters) -> pd.DataFrame:
    return _frame(store, select(stats.c.year, stats.c.theme, func.sum(stats.c.amount).label("amount"))
                  .where(and_(stats.c.theme != "*", stats.c.year > 0, stats.c.amount > 0, *filters.stats_conditions()))
                  .group_by(stats.c.year, stats.c.theme).order_by(stats.c.year))


def top_mentions(store, filters: Filters, label: str, per_municipality: int = 5) -> pd.DataFrame:
    """The programmes (or organisations) each municipality mentions most."""
    es = entity_stats
    conditions = [es.c.label == label, *filters.stats_conditions(es, themes=False)]
    if filters.cube(es) == 1:  # one row per municipality and name already: no grouping needed
        name, mentions, group_by = es.c.text, es.c.n, ()
    else:  # per year: add the years up
        name, mentions, group_by = func.min(es.c.text), func.sum(es.c.n), (es.c.municipality, es.c.norm)
    ranked = select(
        es.c.municipality, es.c.norm, name.label("name"), mentions.label("mentions"),
        func.row_number().over(partition_by=es.c.municipality, order_by=(mentions.desc(), es.c.norm)).label("rank"),
    ).where(and_(true(), *conditions)).group_by(*group_by).subquery()
    return _frame(store, select(ranked.c.municipality, ranked.c.norm, ranked.c.name, ranked.c.mentions)
                  .where(ranked.c.rank <= per_municipality)
                  .order_by(ranked.c.municipality, ranked.c.mentions.desc(), ranked.c.norm))


def item_list(store, filters: Filters, limit: int = 50, offset: int = 0) -> pd.DataFrame:
    """Items matching the filters, newest first (for the side-by-side view and lists)."""
    query = (select(items.c.item_key, items.c.municipality, items.c.committee, items.c.meeting_date, items.c.number,
                    items.c.title, items.c.outcome, items.c.themes, items.c.amount_total)
             .where(and_(true(), *filters.item_conditions()))
             .order_by(items.c.meeting_date.desc(), items.c.position).limit(limit).offset(offset))
    frame = _frame(store, query)
    if not frame.empty:
        frame["themes"] = frame["themes"].map(lambda v: [t["label"] for t in json.loads(v)] if v else [])
    return frame


# -- one item -----------------------------------------------------------------------------
def get_item(store, item_key: str) -> dict | None:
    """Everything stored about one item, with its document's source."""
    with store.engine.connect() as connection:
        row = connection.execute(
            select(items, documents.c.source, documents.c.content_hash, documents.c.format)
            .join(documents, documents.c.id == items.c.document_id)
            .where(items.c.item_key == bindparam("key")), {"key": item_key}).first()
        if row is None:
            return None
        found = connection.execute(select(entities).where(entities.c.item_id == row.id)
                                   .order_by(entities.c.start)).fetchall()
    record = dict(row._mapping)
    for name in ("sections", "decisions", "themes", "votes", "summary", "facts"):
        record[name] = json.loads(record[name]) if record[name] else None
    record["entities"] = [{"label": e.label, "text": e.text, "start": e.start, "end": e.end,
                           "value": json.loads(e.value) if e.value else None} for e in found]
    return record


# -- search -------------------------------------------------------------------------------
_QUERY_WORD = re.compile(r"[\wæøåÆØÅ]+", re.UNICODE)


def fts_query(query: str) -> str | None:
    """A safe FTS5 query: each word as a prefix (fleksjob → fleksjob*, finding "fleksjobbere"),
    also by its lemma; all words must match. Only letters and digits reach FTS5."""
    from nlp.lemmas import lemma

    terms = []
    for word in _QUERY_WORD.findall(query.lower()):
        forms = {word, lemma(word).lower()}
        forms = {f for f in forms if len(f) >= 2}
        if forms:
            terms.append("(" + " OR ".join(f'"{f}"*' for f in sorted(forms)) + ")")
    return " AND ".join(terms) if terms else None


def search(store, query: str, filters: Filters | None = None, limit: int = 50) -> pd.DataFrame:
    """Items whose title or text match `query`, best first (SQLite FTS5, bm25)."""
    filters = filters or Filters()
    match = fts_query(query)
    columns = ["item_key", "municipality", "committee", "meeting_date", "title", "outcome", "themes", "snippet"]
    if match is None:
        return pd.DataFrame(columns=columns)
    if not store.is_sqlite:  # other databases: a plain, slower substring search
        like = f"%{query.strip()}%"
        conditions = [*filters.item_conditions(), items.c.text.ilike(like) | items.c.title.ilike(like)]
        frame = _frame(store, select(items.c.item_key, items.c.municipality, items.c.committee, items.c.meeting_date,
                                     items.c.title, items.c.outcome, items.c.themes,
                                     func.substr(items.c.text, 1, 200).label("snippet"))
                       .where(and_(true(), *conditions)).limit(limit))
    else:
        frame = _frame(store, _fts_select(match, limit, filters.item_conditions(), snippet=True))
    if not frame.empty:
        frame["themes"] = frame["themes"].map(lambda v: [t["label"] for t in json.loads(v)] if v else [])
    return frame


def similar_items(store, item_key: str, limit: int = 5, other_municipalities: bool = True) -> pd.DataFrame:
    """Items on the same subject, by the distinctive words of this item's title and summary."""
    from nlp.summarize import load_summarizer

    record = get_item(store, item_key)
    if record is None:
        return pd.DataFrame()
    idf = load_summarizer().idf
    text_source = " ".join([record.get("title") or "", " ".join(record.get("summary") or []),
                            (record.get("sections") or {}).get("beslutningstema", "")])
    words = {w.lower() for w in _QUERY_WORD.findall(text_source) if len(w) > 3}
    unseen = max(idf.values(), default=1.0)  # a word the corpus never saw is as rare as they come
    ranked = sorted(words, key=lambda w: -idf.get(w, unseen))[:8]
    if not ranked:
        return pd.DataFrame()
    match = " OR ".join(f'"{w}"*' for w in ranked)
    if not store.is_sqlite:
        return pd.DataFrame()
    conditions = [items.c.item_key != item_key]
    if other_municipalities and record["municipality"]:
        conditions.append(func.coalesce(items.c.municipality, "") != record["municipality"])
    frame = _frame(store, _fts_select(match, limit, conditions, snippet=False))
    if not frame.empty:
        frame["themes"] = frame["themes"].map(lambda v: [t["label"] for t in json.loads(v)] if v else [])
    return frame


def _fts_select(match: str, limit: int, conditions: list, snippet: bool):
    """Items matching an FTS5 query, best first (bm25, titles weighted 4:1); all values bound."""
    fts = table("items_fts", column("rowid"))
    columns = [items.c.item_key, items.c.municipality, items.c.committee, items.c.meeting_date, items.c.title,
               items.c.outcome, items.c.themes]
    if snippet:
        columns.append(literal_column("snippet(items_fts, 1, '[', ']', ' … ', 16)").label("snippet"))
    return (select(*columns).select_from(fts.join(items, items.c.id == fts.c.rowid))
            .where(text("items_fts MATCH :match").bindparams(match=match), *conditions)
            .order_by(literal_column("bm25(items_fts, 4.0, 1.0)")).limit(limit))
