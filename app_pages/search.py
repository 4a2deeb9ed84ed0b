"""Søg: full-text search over all items, with filters and similar items in other municipalities."""

import streamlit as st

from app_pages.common import filter_widgets, item_line, item_url, outcome_label, store, theme_label
from nlp.store import queries

st.title("Søg i dagsordenspunkter")
db = store()
query = st.text_input("Søgeord", placeholder="fx fleksjob, sygedagpenge, budgetopfølgning",
                      help="Ord matcher også bøjninger og sammensætninger, der begynder med ordet "
                           "(fleksjob finder også fleksjobbere).")
with st.expander("Filtre", expanded=False):
    filters = filter_widgets(db, key="search")

if not query.strip():
    st.caption("Skriv et eller flere ord; alle ord skal forekomme i punktet. Nyeste punkter:")
    latest = queries.item_list(db, filters, limit=20)
    for row in latest.itertuples():
        st.markdown(item_line(row))
    st.stop()

results = queries.search(db, query, filters, limit=100)
if results.empty:
    st.warning("Ingen punkter fundet. Prøv et kortere ord eller færre filtre.")
    st.stop()

st.caption(f"{len(results)} punkter (højst 100 vises), bedste match først.")
table = results.assign(
    Punkt=results["item_key"].map(item_url),
    Temaer=results["themes"].map(lambda ts: ", ".join(theme_label(t) for t in ts)),
    Udfald=results["outcome"].map(outcome_label),
)
selection = st.dataframe(
    table[["Punkt", "title", "municipality", "meeting_date", "Temaer", "Udfald", "snippet"]],
    hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
    column_config={
        "Punkt": st.column_config.LinkColumn("Åbn", display_text="Åbn"),
        "title": "Titel", "municipality": "Kommune", "meeting_date": "Dato", "snippet": "Uddrag",
    },
)
rows = selection.selection.rows if selection and selection.selection else []
chosen = results.iloc[rows[0]] if rows else results.iloc[0]
st.subheader("Lignende punkter i andre kommuner")
st.caption(f"Til: {chosen['title'] or '(uden titel)'} ({chosen['municipality']})")
similar = queries.similar_items(db, chosen["item_key"])
if similar.empty:
    st.info("Ingen lignende punkter i andre kommuner.")
for row in similar.itertuples():
    st.markdown(item_line(row))
