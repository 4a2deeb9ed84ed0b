"""Upload: analyse one document now — items, outcomes, summaries, facts — and keep it if wanted."""

import io

import streamlit as st

from app_pages.common import get_analyzer, outcome_label, policy_label, store, theme_label
from nlp.contract import Analysis
from nlp.readers import ReadError, read_bytes
from nlp.store import content_hash
from nlp.store.export import analysis_records, write_records
from nlp.uploads import check_upload, display_name, keep_upload

st.title("Upload et dokument")
st.caption("PDF, HTML, DOCX, Markdown eller tekst, højst 50 MB. Dokumentet analyseres med det samme; "
           "du vælger selv, om det skal gemmes i databasen.")
upload = st.file_uploader("Vælg en fil", type=["pdf", "html", "htm", "docx", "txt", "md"])
if upload is None:
    st.stop()

data = upload.getvalue()
name = display_name(upload.name)
try:
    fmt = check_upload(data, name)
    document = read_bytes(data, source=name)
except ReadError as error:
    st.error(f"Dokumentet kan ikke læses: {error.message}", icon=":material/error:")
    st.stop()


@st.cache_data(show_spinner=False, max_entries=8)
def analyse(digest: str, _document) -> dict:
    analyzer = get_analyzer()
    analysis = analyzer.split_text(_document.text, _document.source, warnings=_document.warnings)
    bar = st.progress(0.0, text=f"Analyserer {len(analysis.items)} punkter …")
    analyzer.enrich([analysis], chunk=4,
                    on_progress=lambda done, total: bar.progress(done / max(1, total),
                                                                 text=f"Analyseret {done} af {total} punkter"))
    bar.empty()
    return analysis.to_dict()


digest = content_hash(data)
try:
    analysis = Analysis.from_dict(analyse(digest, document))
except Exception as error:  # a document the analysis cannot handle: say so, do not crash
    st.error(f"Analysen fejlede: {type(error).__name__}. Prøv et andet format af dokumentet.", icon=":material/error:")
    st.stop()

meeting = analysis.meeting
st.subheader(" · ".join(x for x in (meeting.municipality, meeting.committee, meeting.date,
                                      {"referat": "Referat", "dagsorden": "Dagsorden"}.get(meeting.kind or ""))
                        if x) or name)
if analysis.digest.get("headline"):
    st.markdown(f"**{analysis.digest['headline']}**")
for warning in analysis.warnings:
    st.warning(warning)

records = analysis_records(analysis)
buffer = io.StringIO()
write_records(records, buffer, "csv")
cols = st.columns(3)
cols[0].download_button("Hent JSON", analysis.to_json(indent=2), file_name=f"{name}.json", mime="application/json")
cols[1].download_button("Hent CSV", buffer.getvalue(), file_name=f"{name}.csv", mime="text/csv")
if cols[2].button("Gem i databasen", type="primary"):
    keep_upload(data, fmt)
    store().save(analysis, digest, fmt)
    st.cache_data.clear()
    st.success("Dokumentet er gemt. Det ses nu i overblikket og i søgningen.")

for position, item in enumerate(analysis.items):
    heading = f"{item.number or position + 1}. {item.title or '(punkt uden trykt titel)'}"
    with st.expander(heading, expanded=position == 0):
        cols = st.columns(3)
        cols[0].markdown(f"**Udfald:** {outcome_label(item.outcome['label'] if item.outcome else None)}")
        cols[1].markdown("**Temaer:** " + (", ".join(theme_label(t["label"]) for t in item.themes) or "–"))
        cols[2].markdown(f"**Politikområde:** {policy_label((item.policy_area or {}).get('code'))}")
        if item.summary:
            st.markdown("\n".join(f"- {s}" for s in item.summary))
        facts = item.facts or {}
        if facts.get("money"):
            st.markdown("**Beløb:** " + ", ".join(m["text"] for m in facts["money"]))
        if facts.get("decision"):
            st.markdown(f"**Beslutning:** {facts['decision']}")
        if facts.get("recommendation"):
            st.markdown(f"**Indstilling:** {facts['recommendation']}")
