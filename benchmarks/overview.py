"""How fast the app's overview is on a large database: builds one with N synthetic items,
then times the overview's queries and a full render of the page with Streamlit's AppTest.

    python benchmarks/overview.py --items 100000 [--db /tmp/overview-100k.db] [--keep]
    python benchmarks/overview.py --items 1000000

The items are spread like real minutes: 98 municipalities, a handful of committees each,
ten years, 1-3 themes per item, outcomes in realistic shares, amounts and programme and
organisation mentions. They go in with bulk inserts (the FTS index is filled as in
production), then the aggregates are rebuilt once: the same tables `Store.save` keeps.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import time
from pathlib import Path

import numpy as np

MUNICIPALITIES = 98
COMMITTEES = ["Beskæftigelsesudvalget", "Socialudvalget", "Økonomiudvalget", "Børne- og Ungeudvalget",
              "Sundhedsudvalget", "Teknik- og Miljøudvalget", "Kultur- og Fritidsudvalget"]
OUTCOME_SHARES = {"approved": 0.46, "noted": 0.30, "forwarded": 0.09, "amended": 0.04, "rejected": 0.02,
                  "postponed": 0.03, "none": 0.06}
NAMES = [f"Indsats {n}" for n in range(150)] + [f"Jobcenter {n}" for n in range(150)]
ITEMS_PER_MEETING = 12


def build(path: Path, n_items: int, seed: int = 7) -> None:
    from nlp.labels import THEMES
    from nlp.store import Store
    from nlp.store.aggregates import rebuild_stats

    if path.exists():
        path.unlink()
    Store(f"sqlite:///{path}").dispose()  # schema, FTS and triggers as in production
    rng = np.random.default_rng(seed)
    themes = list(THEMES)
    theme_weights = rng.dirichlet(np.ones(len(themes)))
    outcomes, outcome_p = list(OUTCOME_SHARES), np.array(list(OUTCOME_SHARES.values()))
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=OFF")
    n_documents = (n_items + ITEMS_PER_MEETING - 1) // ITEMS_PER_MEETING
    started = time.perf_counter()
    documents, items, item_themes, entities = [], [], [], []
    item_id = entity_id = 0
    for document_id in range(1, n_documents + 1):
        municipality = f"Kommune {rng.integers(MUNICIPALITIES):02d}"
        committee = COMMITTEES[rng.integers(len(COMMITTEES))]
        year = int(rng.integers(2012, 2022))
        date = f"{year}-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}"
        documents.append((document_id, f"{document_id:064x}", f"synthetic-{document_id}", "text", municipality,
                          committee, date, year, "referat", ITEMS_PER_MEETING, "[]", date, date))
        for position in range(min(ITEMS_PER_MEETING, n_items - item_id)):
            item_id += 1
            chosen = rng.choice(len(themes), size=int(rng.integers(1, 4)), replace=False, p=theme_weights)
            outcome = outcomes[rng.choice(len(outcomes), p=outcome_p)]
            amount = float(rng.integers(1, 500)) * 1e5 if rng.random() < 0.4 else None
            title = f"Punkt om {themes[chosen[0]]} {item_id}"
            items.append((item_id, f"{document_id:016x}:{position}", document_id, position, str(position + 1), title,
                          f"{title}. Indstillingen blev godkendt.", municipality, committee, date, year, "referat",
                          outcome, 0.9, amount, float(rng.random())))
            item_themes += [(item_id, themes[t], 0.8, rank) for rank, t in enumerate(chosen)]
            for _ in range(int(rng.integers(0, 4))):
                entity_id += 1
                name = NAMES[int(rng.zipf(1.6)) % len(NAMES)]
                entities.append((entity_id, item_id, "PROGRAM" if name.startswith("Indsats") else "ORG", name,
                                 name.lower(), 0, len(name)))
        if len(items) >= 50_000 or item_id >= n_items:
            _flush(connection, documents, items, item_themes, entities)
            documents, items, item_themes, entities = [], [], [], []
        if item_id >= n_items:
            break
    with connection:
        rebuild_stats_sqlite(connection, rebuild_stats)
    connection.execute("ANALYZE")
    connection.close()
    print(f"built {n_items:,} items in {time.perf_counter() - started:,.0f} s ({path.stat().st_size / 1e6:,.0f} MB)")


def _flush(connection, documents, items, item_themes, entities) -> None:
    with connection:
        connection.executemany("INSERT INTO documents (id, content_hash, source, format, municipality, committee, "
                               "meeting_date, year, kind, n_items, warnings, ingested_at, updated_at) "
                               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", documents)
        connection.executemany("INSERT INTO items (id, item_key, document_id, position, number, title, text, "
                               "municipality, committee, meeting_date, year, kind, outcome, outcome_score, "
                               "amount_total, uncertainty) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", items)
        connection.executemany("INSERT INTO item_themes (item_id, theme, score, rank) VALUES (?,?,?,?)", item_themes)
        connection.executemany('INSERT INTO entities (id, item_id, label, text, norm, start, "end") '
                               "VALUES (?,?,?,?,?,?,?)", entities)


def rebuild_stats_sqlite(connection: sqlite3.Connection, rebuild) -> None:
    """Run the project's own aggregate rebuild over a plain sqlite3 connection."""
    from sqlalchemy import create_engine

    engine = create_engine("sqlite://", creator=lambda: connection)
    with engine.begin() as sa_connection:
        rebuild(sa_connection)


def time_queries(url: str, repeat: int) -> dict[str, float]:
    """Median seconds of each query the overview runs, unfiltered and filtered."""
    from nlp.store import Store, queries

    store = Store(url)
    options = queries.filter_options(store)
    one = queries.Filters(municipalities=options["municipalities"][:2], themes=["disability_flexjob"])
    timings: dict[str, float] = {}
    for name, filters in (("all", queries.Filters()), ("two municipalities, one theme", one)):
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            queries.totals(store, filters)
            queries.theme_share(store, filters)
            queries.themes_over_time(store, filters)
            queries.outcomes_by_municipality(store, filters)
            queries.amounts_by_theme_and_year(store, filters)
            queries.top_mentions(store, filters, "PROGRAM")
            queries.top_mentions(store, filters, "ORG")
            queries.item_list(store, queries.Filters(options["municipalities"][:1], themes=["disability_flexjob"]), limit=30)
            runs.append(time.perf_counter() - started)
        timings[name] = statistics.median(runs)
    store.dispose()
    return timings


def time_page(url: str, repeat: int) -> float:
    """Median seconds of a first (uncached) render of the overview page, in AppTest."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["REFERAT_DATABASE_URL"] = url
    app = str(Path(__file__).resolve().parents[1] / "app.py")
    runs = []
    for _ in range(repeat):
        at = AppTest.from_file(app, default_timeout=120)
        started = time.perf_counter()
        at.run()
        runs.append(time.perf_counter() - started)
        assert not at.exception, at.exception
        st.cache_data.clear()  # the next render is a first one again
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="where to build it (default: a file under /tmp)")
    parser.add_argument("--reuse", action="store_true", help="use an existing database at --db")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = args.db or Path(f"/tmp/referat-overview-{args.items}.db")
    if not (args.reuse and path.exists()):
        build(path, args.items)
    url = f"sqlite:///{path}"
    for name, seconds in time_queries(url, args.repeat).items():
        print(f"overview queries ({name}): {seconds * 1000:,.0f} ms")
    print(f"overview page, first render (AppTest): {time_page(url, 3) * 1000:,.0f} ms")


if __name__ == "__main__":
    main()
