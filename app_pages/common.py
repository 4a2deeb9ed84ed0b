"""What every page shares: the database, the analyser, Danish names, the filter widgets."""

from __future__ import annotations

import os

import streamlit as st

from nlp.labels import OUTCOMES, THEMES, outcome_name, policy_area_name, theme_name
from nlp.store import Store
from nlp.store.queries import Filters, filter_options

PAGES = {
    "overview": "app_pages/overview.py",
    "search": "app_pages/search.py",
    "item": "app_pages/item.py",
    "upload": "app_pages/upload.py",
    "annotate": "app_pages/annotate.py",
    "models": "app_pages/models.py",
}


@st.cache_resource(show_spinner=False)
def get_store(url: str | None = None) -> Store:
    return Store(url or os.environ.get("REFERAT_DATABASE_URL"))


@st.cache_resource(show_spinner="Indlæser modellerne …")
def get_analyzer():
    from nlp.analyze import Analyzer

    analyzer = Analyzer()
    analyzer.analyze_text("Godkendelse af dagsorden")  # load every model now, not mid-upload
    return analyzer


def store() -> Store:
    return get_store(os.environ.get("REFERAT_DATABASE_URL"))


def data_version(db: Store) -> int:
    """Changes whenever documents are added or updated, so cached figures refresh."""
    return db.data_version()


@st.cache_data(show_spinner=False, max_entries=8)
def cached_filter_options(_db: Store, version: int) -> dict:
    return filter_options(_db)


def theme_label(theme: str) -> str:
    return theme_name(theme)


def outcome_label(outcome: str | None) -> str:
    return outcome_name(outcome) if outcome else "–"


def policy_label(code) -> str:
    return policy_area_name(code) if code is not None else "–"


def filter_widgets(db: Store, key: str = "filters", themes: bool = True, outcomes: bool = True) -> Filters:
    """Municipality, committee, period, theme and outcome pickers; returns the chosen Filters."""
    options = cached_filter_options(db, data_version(db))
    cols = st.columns(3)
    municipalities = cols[0].multiselect("Kommune", options["municipalities"], key=f"{key}_mun",
                                         placeholder="Alle kommuner")
    committees = cols[1].multiselect("Udvalg", options["committees"], key=f"{key}_com", placeholder="Alle udvalg")
    years = None
    if options["years"] and options["years"][0] < options["years"][1]:
        years = cols[2].slider("Periode", options["years"][0], options["years"][1], options["years"], key=f"{key}_yrs")
        if tuple(years) == tuple(options["years"]):
            years = None  # the whole period: undated items count too
    elif options["years"]:
        cols[2].markdown(f"**Periode:** {options['years'][0]}")
    cols = st.columns(2)
    chosen_themes = cols[0].multiselect("Tema", list(THEMES), format_func=theme_label, key=f"{key}_thm",
                                        placeholder="Alle temaer") if themes else []
    chosen_outcomes = cols[1].multiselect("Udfald", list(OUTCOMES), format_func=outcome_label, key=f"{key}_out",
                                          placeholder="Alle udfald") if outcomes else []
    return Filters(municipalities, committees, years, chosen_themes, chosen_outcomes)


def item_url(item_key: str) -> str:
    return f"/punkt?item={item_key}"


def item_line(row, municipality: bool = True) -> str:
    """One item as a Markdown line: linked title, where, when and what was decided."""
    where = f"{row.municipality}, " if municipality else ""
    return (f"[{row.title or '(uden titel)'}]({item_url(row.item_key)}) — {where}"
            f"{row.meeting_date or 'ukendt dato'} · {outcome_label(row.outcome)}")


def show_error(message: str) -> None:
    st.error(message, icon=":material/error:")


def show_flash() -> None:
    """A message left by the previous run (after a rerun), shown once."""
    flash = st.session_state.pop("flash", None)
    if flash:
        message, warnings = flash
        st.success(message)
        for warning in warnings:
            st.warning(warning)
