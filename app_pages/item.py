"""Punkt: one agenda item — summary, key facts, decision, recommendation, entities, sections."""

import streamlit as st

from app_pages.common import item_line, outcome_label, policy_label, store, theme_label
from nlp.danish import danish_number
from nlp.highlight import entity_html
from nlp.labels import ENTITY_LABELS, SECTION_NAMES
from nlp.render import danish_date
from nlp.store import queries

db = store()
key = st.query_params.get("item")
if not key:
    st.title("Punkt")
    st.info("Vælg et punkt fra søgningen eller overblikket.")
    st.page_link("app_pages/search.py", label="Gå til søgning", icon=":material/search:")
    st.stop()

record = queries.get_item(db, key)
if record is None:
    st.title("Punkt")
    st.error("Punktet findes ikke (længere) i databasen.")
    st.stop()

title = record["title"] or "(punkt uden trykt titel)"
st.title(f"{record['number'] + '. ' if record['number'] else ''}{title}")
meta = [record["municipality"], record["committee"], danish_date(record["meeting_date"]),
        f"sag {record['case_number']}" if record["case_number"] else None]
st.caption(" · ".join(m for m in meta if m))

cols = st.columns(3)
cols[0].metric("Udfald", outcome_label(record["outcome"]))
cols[1].metric("Politikområde", policy_label(record["policy_code"]))
cols[2].metric("Temaer", ", ".join(theme_label(t["label"]) for t in record["themes"] or []) or "–")
st.page_link("app_pages/annotate.py", label="Mærk dette punkt i annoteringen", icon=":material/label:",
             query_params={"item": key})

left, right = st.columns([3, 2])
with left:
    st.subheader("Resumé")
    if record["summary"]:
        st.markdown("\n".join(f"- {sentence}" for sentence in record["summary"]))
    else:
        st.caption("Punktet er for kort til et resumé.")
    sections = record["sections"] or {}
    if sections.get("beslutning"):
        st.subheader("Beslutning")
        st.text(sections["beslutning"])
    if sections.get("indstilling"):
        st.subheader("Indstilling")
        st.text(sections["indstilling"])
with right:
    facts = record["facts"] or {}
    st.subheader("Nøglefakta")
    if facts.get("money"):
        st.markdown("**Beløb**  \n" + "  \n".join(
            f"{m['text']} (= {danish_number(m['value'])} kr.)" for m in facts["money"]))
    if facts.get("dates"):
        st.markdown("**Datoer og frister**  \n" + "  \n".join(
            f"{d['text']}{' — frist' if d.get('deadline') else ''}" for d in facts["dates"]))
    for field, heading in (("programs", "Indsatser og programmer"), ("organisations", "Organisationer"),
                           ("laws", "Love og regler")):
        if facts.get(field):
            st.markdown(f"**{heading}**  \n" + ", ".join(facts[field]))
    if record["votes"]:
        votes = record["votes"]
        st.markdown("**Afstemning**  \n" + "  \n".join(
            f"{label}: {', '.join(votes[k])}" for k, label in (("for", "For"), ("against", "Imod"),
                                                               ("abstain", "Undlod"), ("reservation", "Forbehold"))
            if votes.get(k)))

st.subheader("Teksten med fundne enheder")
st.caption(" · ".join(f"{label}: {name}" for label, name in ENTITY_LABELS.items()))
st.html(entity_html(record["text"], record["entities"]))

st.subheader("Alle afsnit")
for name, text in (record["sections"] or {}).items():
    with st.expander(SECTION_NAMES.get(name, name)):
        st.text(text)

st.subheader("Kildedokument")
st.caption(f"{record['source']} ({record['format']}, sha256 {record['content_hash'][:12]}…)")

similar = queries.similar_items(db, key)
if not similar.empty:
    st.subheader("Lignende punkter i andre kommuner")
    for row in similar.itertuples():
        st.markdown(item_line(row))
