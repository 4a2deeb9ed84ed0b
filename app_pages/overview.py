"""Overblik og sammenligning: themes, outcomes and money across municipalities and years."""

import altair as alt
import streamlit as st

from app_pages.common import cached_filter_options, data_version, filter_widgets, item_line, outcome_label, show_flash, store, theme_label
from nlp.danish import danish_number
from nlp.labels import THEMES
from nlp.store import queries

st.title("Overblik og sammenligning")
show_flash()
db = store()
version = data_version(db)


def load_folder_form() -> None:
    from app_pages.loading import load_documents, sample_paths

    st.info("Databasen er tom. Indlæs eksempeldokumenterne (fem referater fra Herning, Svendborg, "
            "Høje-Taastrup og Odense) for at komme i gang, eller indlæs en mappe med dine egne dokumenter.")
    if st.button("Indlæs eksempeldokumenterne", type="primary"):
        load_documents(sample_paths())
    folder = st.text_input("Eller indlæs en mappe (sti på serveren)", placeholder="/sti/til/referater")
    if st.button("Indlæs mappen") and folder:
        from nlp.cli.common import expand_paths

        from pathlib import Path
        if not Path(folder).is_dir():
            st.error("Mappen findes ikke.")
        else:
            load_documents(expand_paths([folder]))


if db.document_count() == 0:
    load_folder_form()
    st.stop()

filters = filter_widgets(db, key="overview")


@st.cache_data(show_spinner=False, max_entries=64)
def figures(_db, version: int, filters: queries.Filters) -> dict:
    return {
        "totals": queries.totals(_db, filters),
        "themes": queries.theme_share(_db, filters),
        "time": queries.themes_over_time(_db, filters),
        "outcomes": queries.outcomes_by_municipality(_db, filters),
        "amounts": queries.amounts_by_theme_and_year(_db, filters),
        "programs": queries.top_mentions(_db, filters, "PROGRAM"),
        "orgs": queries.top_mentions(_db, filters, "ORG"),
    }


data = figures(db, version, filters)
totals = data["totals"]
cols = st.columns(4)
cols[0].metric("Dagsordenspunkter", danish_number(totals["items"]))
cols[1].metric("Kommuner", totals["municipalities"])
cols[2].metric("Dokumenter", danish_number(totals["documents"]))
cols[3].metric("Beløb nævnt (mio. kr.)", danish_number(totals["amount"] / 1e6, 1))

if not totals["items"]:
    st.warning("Ingen punkter passer til filtrene.")
    st.stop()

tabs = st.tabs(["Temaer pr. kommune", "Temaer over tid", "Udfald pr. kommune", "Beløb pr. tema og år",
                "Indsatser og organisationer", "Sammenlign kommuner"])

with tabs[0]:
    frame = data["themes"].assign(Tema=lambda f: f["theme"].map(theme_label))
    st.caption("Andel af kommunens punkter, der handler om temaet (et punkt kan have flere temaer).")
    chart = alt.Chart(frame).mark_rect().encode(
        # themes down the side: their names are long, municipality names are short
        y=alt.Y("Tema:N", sort=[theme_label(t) for t in THEMES], title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("municipality:N", title="Kommune", axis=alt.Axis(labelAngle=-40)),
        color=alt.Color("share:Q", title="Andel", scale=alt.Scale(scheme="blues"), legend=alt.Legend(format="%")),
        tooltip=[alt.Tooltip("municipality:N", title="Kommune"), alt.Tooltip("Tema:N"),
                 alt.Tooltip("items:Q", title="Punkter"), alt.Tooltip("share:Q", title="Andel", format=".0%")],
    )
    st.altair_chart(chart, width="stretch")

with tabs[1]:
    frame = data["time"].assign(Tema=lambda f: f["theme"].map(theme_label))
    if frame.empty:
        st.info("Ingen punkter med mødedato.")
    else:
        chart = alt.Chart(frame).mark_line(point=True).encode(
            x=alt.X("year:O", title="År"), y=alt.Y("items:Q", title="Punkter"),
            color=alt.Color("Tema:N"), tooltip=["year", "Tema", "items"])
        st.altair_chart(chart, width="stretch")

with tabs[2]:
    frame = data["outcomes"].assign(Udfald=lambda f: f["outcome"].map(outcome_label))
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("municipality:N", title="Kommune"), x=alt.X("items:Q", stack="normalize", title="Andel af punkter",
                                                              axis=alt.Axis(format="%")),
        color=alt.Color("Udfald:N"), tooltip=[alt.Tooltip("municipality:N", title="Kommune"), "Udfald",
                                              alt.Tooltip("items:Q", title="Punkter")])
    st.altair_chart(chart, width="stretch")

with tabs[3]:
    frame = data["amounts"].assign(Tema=lambda f: f["theme"].map(theme_label), mio=lambda f: f["amount"] / 1e6)
    if frame.empty:
        st.info("Ingen beløb i de valgte punkter.")
    else:
        st.caption("Summen af beløb nævnt i punkterne (alle beløb i punktet, i mio. kr.).")
        chart = alt.Chart(frame).mark_bar().encode(
            x=alt.X("year:O", title="År"), y=alt.Y("mio:Q", title="Mio. kr."), color="Tema:N",
            tooltip=["year", "Tema", alt.Tooltip("mio:Q", title="Mio. kr.", format=",.1f")])
        st.altair_chart(chart, width="stretch")

with tabs[4]:
    left, right = st.columns(2)
    for column, key, heading in ((left, "programs", "Indsatser og programmer"), (right, "orgs", "Organisationer")):
        column.subheader(heading)
        frame = data[key]
        if frame.empty:
            column.info("Ingen fundet.")
        else:
            column.altair_chart(alt.Chart(frame).mark_bar().encode(
                y=alt.Y("name:N", sort="-x", title=None), x=alt.X("mentions:Q", title="Omtaler"),
                color=alt.Color("municipality:N", title="Kommune"),
                tooltip=[alt.Tooltip("municipality:N", title="Kommune"), "name", "mentions"]),
                width="stretch")

with tabs[5]:
    options = cached_filter_options(db, version)["municipalities"]
    cols = st.columns([2, 1])
    chosen = cols[0].multiselect("Kommuner side om side", options, default=options[:2], key="compare_mun")
    theme = cols[1].selectbox("Tema", list(THEMES), format_func=theme_label, key="compare_theme")
    if len(chosen) < 2:
        st.info("Vælg mindst to kommuner.")
    else:
        columns = st.columns(len(chosen))
        for column, town in zip(columns, chosen):
            compare = queries.Filters([town], filters.committees, filters.years, [theme], filters.outcomes)
            listing = queries.item_list(db, compare, limit=30)
            column.subheader(town)
            column.caption(f"{len(listing)} punkter om {theme_label(theme).lower()}")
            for row in listing.itertuples():
                column.markdown(item_line(row, municipality=False))
