"""The overview's figures, search and item lists, checked against the items themselves.

The figures come from aggregate tables kept at several levels of detail; whatever the
filters, they must say exactly what counting the stored items says — also after a
document is replaced, and after the aggregates are rebuilt from scratch.
"""

from __future__ import annotations

import itertools
import random

import pandas as pd
import pytest

from nlp.contract import AgendaItem, Analysis, Entity, Meeting
from nlp.labels import OUTCOMES, THEMES
from nlp.store import content_hash, queries
from nlp.store.aggregates import rebuild_stats

MUNICIPALITIES = ["Herning", "Odense", "Varde"]
COMMITTEES = ["Beskæftigelsesudvalget", "Socialudvalget"]
PROGRAMS = ["Jobcenter", "Fleksjobindsats", "Ungeindsatsen", "Virksomhedsrettet indsats"]


def _analysis(rng: random.Random, n: int) -> tuple[Analysis, str]:
    year = rng.choice([2012, 2015, 2021, None])
    meeting = Meeting(rng.choice(MUNICIPALITIES), rng.choice(COMMITTEES),
                      f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}" if year else None, "referat")
    items = []
    for k in range(rng.randint(1, 5)):
        themes = rng.sample(list(THEMES), rng.randint(0, 3))
        program = rng.choice(PROGRAMS)
        text = f"Punkt {k} om fleksjobbere og {program}. Udgiften er {rng.randint(1, 9)} mio. kr."
        entities = [Entity("PROGRAM", program, text.index(program), text.index(program) + len(program)),
                    Entity("MONEY", "x mio. kr.", 0, 1, float(rng.randint(1, 9)) * 1e6, "DKK")]
        items.append(AgendaItem(str(k + 1), f"Punkt {n}.{k}", None, text, themes=[
            {"label": t, "score": 0.9} for t in themes], outcome={"label": rng.choice(list(OUTCOMES)), "score": 0.8},
            entities=entities if rng.random() < 0.8 else []))
    return Analysis(f"doc{n}", meeting, items), content_hash(f"doc{n}")


@pytest.fixture
def filled(store):
    rng = random.Random(3)
    store.save_many([(a, digest, "text") for a, digest in (_analysis(rng, n) for n in range(40))])
    # replace some documents with a different analysis: the aggregates must follow
    for n in range(0, 40, 7):
        analysis, _ = _analysis(rng, 100 + n)
        store.save(analysis, content_hash(f"doc{n}"), "text")
    return store


def _items(store) -> pd.DataFrame:
    with store.engine.connect() as connection:
        frame = pd.read_sql("SELECT id, municipality, committee, year, outcome, amount_total FROM items", connection)
        themes = pd.read_sql("SELECT item_id, theme FROM item_themes", connection)
    frame["themes"] = frame["id"].map(themes.groupby("item_id")["theme"].apply(list)).apply(
        lambda v: v if isinstance(v, list) else [])
    return frame


def _matching(frame: pd.DataFrame, filters: queries.Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    if filters.municipalities:
        keep &= frame["municipality"].isin(filters.municipalities)
    if filters.committees:
        keep &= frame["committee"].isin(filters.committees)
    if filters.years:
        keep &= frame["year"].between(*filters.years)
    if filters.outcomes:
        keep &= frame["outcome"].isin(filters.outcomes)
    return frame[keep]


FILTERS = [
    queries.Filters(),
    queries.Filters(municipalities=["Herning", "Varde"]),
    queries.Filters(committees=["Socialudvalget"]),
    queries.Filters(years=(2013, 2021)),
    queries.Filters(outcomes=["approved", "noted"]),
    queries.Filters(themes=["budget", "disability_flexjob"]),
    queries.Filters(["Odense"], ["Beskæftigelsesudvalget"], (2012, 2015), ["budget"], ["approved"]),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr(f)[:60])
def test_figures_equal_counting_the_items(filled, filters):
    frame = _matching(_items(filled), filters)
    exploded = frame.explode("themes").dropna(subset=["themes"])
    if filters.themes:
        exploded = exploded[exploded["themes"].isin(filters.themes)]

    totals = queries.totals(filled, filters)
    assert totals["items"] == len(frame)
    assert totals["amount"] == pytest.approx(frame["amount_total"].fillna(0).sum())

    share = queries.theme_share(filled, filters)
    expected = exploded.groupby(["municipality", "themes"]).size()
    got = share.set_index(["municipality", "theme"])["items"] if not share.empty else pd.Series(dtype=int)
    assert {k: int(v) for k, v in got.items()} == {k: int(v) for k, v in expected.items()}

    outcomes = queries.outcomes_by_municipality(filled, filters)
    source = exploded if filters.themes else frame
    expected = source.groupby(["municipality", "outcome"]).size()
    got = outcomes.set_index(["municipality", "outcome"])["items"] if not outcomes.empty else pd.Series(dtype=int)
    assert {k: int(v) for k, v in got.items()} == {k: int(v) for k, v in expected.items()}

    amounts = queries.amounts_by_theme_and_year(filled, filters)
    dated = exploded[exploded["year"].notna() & (exploded["amount_total"].fillna(0) > 0)]
    expected = dated.groupby(["year", "themes"])["amount_total"].sum()
    got = amounts.set_index(["year", "theme"])["amount"] if not amounts.empty else pd.Series(dtype=float)
    assert {k: round(v) for k, v in got.items()} == {(int(y), t): round(v) for (y, t), v in expected.items()}


def test_top_mentions_counts_each_municipalitys_programmes(filled):
    with filled.engine.connect() as connection:
        mentions = pd.read_sql("SELECT i.municipality, i.year, e.text FROM entities e JOIN items i ON i.id = e.item_id "
                               "WHERE e.label = 'PROGRAM'", connection)
    for filters in (queries.Filters(), queries.Filters(years=(2015, 2021))):
        top = queries.top_mentions(filled, filters, "PROGRAM", per_municipality=2)
        subset = mentions if not filters.years else mentions[mentions["year"].between(*filters.years)]
        for municipality, group in top.groupby("municipality"):
            counts = subset[subset["municipality"] == municipality]["text"].value_counts()
            assert group["mentions"].tolist() == counts.sort_values(ascending=False).head(2).tolist()
            assert len(group) <= 2


def test_rebuilt_aggregates_equal_the_incremental_ones(filled):
    def snapshot():
        with filled.engine.connect() as connection:
            return (sorted(connection.exec_driver_sql("SELECT * FROM stats").fetchall()),
                    sorted(connection.exec_driver_sql("SELECT * FROM entity_stats").fetchall()))

    before = snapshot()
    with filled.engine.begin() as connection:
        rebuild_stats(connection)
    assert snapshot() == before


def test_item_list_is_newest_first_and_filtered(filled):
    frame = _items(filled)
    for municipality, theme in itertools.product(["Herning", "Varde"], ["budget", "performance"]):
        listing = queries.item_list(filled, queries.Filters([municipality], themes=[theme]), limit=100)
        expected = frame[(frame["municipality"] == municipality) & frame["themes"].map(lambda ts: theme in ts)]
        assert len(listing) == len(expected)
        assert all(theme in themes for themes in listing["themes"])
        dates = [d for d in listing["meeting_date"] if isinstance(d, str)]
        assert dates == sorted(dates, reverse=True)


def test_search_is_danish_aware_and_values_are_bound(filled):
    found = queries.search(filled, "fleksjob")
    assert not found.empty  # "fleksjob" finds "fleksjobbere"
    assert queries.search(filled, "fleksjob", queries.Filters(municipalities=["Odense"]))["municipality"].eq(
        "Odense").all()
    hostile = "x' OR 1=1; DROP TABLE items; --"
    assert queries.item_list(filled, queries.Filters(municipalities=[hostile])).empty
    queries.search(filled, hostile)  # no error, no effect
    assert queries.totals(filled, queries.Filters())["items"] == len(_items(filled))


def test_data_version_moves_on_every_write(store):
    rng = random.Random(1)
    assert store.data_version() == 0 and store.document_count() == 0
    analysis, digest = _analysis(rng, 1)
    store.save(analysis, digest)
    store.save(analysis, digest)
    assert store.data_version() == 2 and store.document_count() == 1
