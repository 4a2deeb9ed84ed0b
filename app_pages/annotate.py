"""Annotér: label items (keyboard first), review disagreements, agreement, exchange, retrain."""

import os
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages.common import filter_widgets, outcome_label, store, theme_label
from nlp.labelling import Label, LabelError, disagreements, queue, save_label, settle
from nlp.labelling.agreement import agreement_report
from nlp.labelling.exchange import export_docbin, export_jsonl, import_jsonl
from nlp.labelling.shortcuts import cheat_sheet, parse_command
from nlp.labelling.workspace import done_labels, progress
from nlp.labels import ENTITY_LABELS, OUTCOMES, THEMES
from nlp.paths import repo_root
from nlp.store import queries

st.title("Annotér")
db = store()
with st.expander("Mærkningsguiden", icon=":material/menu_book:"):
    st.markdown((repo_root() / "docs" / "labelling-guide.md").read_text(encoding="utf-8"))

annotator = st.text_input("Dit navn (står på hver mærkning)", key="annotator",
                          value=st.session_state.get("annotator_name", ""))
if not annotator.strip():
    st.info("Skriv dit navn for at begynde.")
    st.stop()
st.session_state["annotator_name"] = annotator
tabs = st.tabs(["Mærk", "Gennemgang", "Enighed", "Eksport og import", "Gentræn"])

# -- label ----------------------------------------------------------------------------------
with tabs[0]:
    cols = st.columns([1, 1, 2])
    mode = cols[0].radio("Rækkefølge", ["uncertain", "random", "filtered"], horizontal=False,
                         format_func={"uncertain": "Mest usikre først", "random": "Tilfældig",
                                      "filtered": "Filtreret"}.get)
    share = cols[1].slider("Dobbeltmærkes (%)", 0, 50, 10, help="Andel af punkterne, som to personer mærker "
                           "uafhængigt af hinanden, så enigheden kan måles.") / 100
    filters = None
    if mode == "filtered":
        with cols[2].expander("Filtre", expanded=True):
            filters = filter_widgets(db, key="annotate", outcomes=False)
    done = progress(db, annotator)
    session = st.session_state.setdefault("labelled_this_session", 0)
    cols[2].metric("Mærket i denne session", session)
    cols[2].caption(f"Du har mærket {done['by_annotator']} punkter; {done['labelled_items']} af {done['items']} "
                    f"punkter har mindst én mærkning; {done['reviewed']} uenigheder er afgjort.")

    wanted = st.query_params.get("item")
    current = wanted or st.session_state.get("current_item")
    if not current:
        upcoming = queue(db, annotator, mode, filters, limit=1, share=share)
        current = upcoming[0] if upcoming else None
        st.session_state["current_item"] = current
    if not current:
        st.success("Der er ikke flere punkter at mærke med disse valg. Godt arbejde!")
    else:
        record = queries.get_item(db, current)
        if record is None:
            st.session_state.pop("current_item", None)
            st.error("Punktet findes ikke længere.")
            st.stop()
        st.subheader(record["title"] or "(punkt uden trykt titel)")
        st.caption(" · ".join(x for x in (record["municipality"], record["committee"], record["meeting_date"]) if x))
        sections = record["sections"] or {}
        case = sections.get("resume") or sections.get("sagsfremstilling") or sections.get("beslutningstema") \
            or record["text"]
        left, right = st.columns([3, 2])
        left.markdown("**Sagsfremstilling**")
        left.text(case[:3000] + (" …" if len(case) > 3000 else ""))
        right.markdown("**Indstilling**")
        right.text(sections.get("indstilling", "–")[:1500])
        right.markdown("**Beslutning**")
        right.text(sections.get("beslutning", "–")[:1500])

        suggested_themes = [t["label"] for t in record["themes"] or []]
        suggested_outcome = record["outcome"]

        def store_label(status: str, themes: list[str], outcome: str | None, entities=None, votes=None,
                        note=None) -> None:
            save_label(db, Label(current, annotator, status, themes, outcome, votes, entities, note))
            st.session_state["labelled_this_session"] = st.session_state.get("labelled_this_session", 0) + (
                status == "done")
            st.session_state.pop("current_item", None)
            if "item" in st.query_params:
                del st.query_params["item"]
            st.session_state["flash_label"] = f"Gemt ({status}): {record['title'] or current}"
            st.rerun()

        if st.session_state.get("flash_label"):
            st.success(st.session_state.pop("flash_label"))
        with st.form("label_form", border=True):
            themes = st.multiselect("Temaer (1–3, vigtigste først)", list(THEMES), default=suggested_themes,
                                    format_func=theme_label, max_selections=3)
            outcome = st.radio("Udfald", list(OUTCOMES), horizontal=True, format_func=outcome_label,
                               index=list(OUTCOMES).index(suggested_outcome) if suggested_outcome in OUTCOMES else 6)
            votes_text = st.text_input("Afstemning (valgfri), fx: for=A,V; imod=Ø; forbehold=C")
            spans = pd.DataFrame(record["entities"] or [], columns=["text", "label", "start", "end"])
            spans.insert(0, "ok", True)
            with st.expander("Enheder: acceptér, afvis, ret eller tilføj"):
                edited = st.data_editor(spans, num_rows="dynamic", hide_index=True, key=f"spans_{current}",
                                        column_config={"label": st.column_config.SelectboxColumn(
                                            "Type", options=list(ENTITY_LABELS)), "ok": "Behold"})
                label_spans = st.checkbox("Gem enhederne som mærket", value=False,
                                          help="Sæt kryds, når du har gennemgået alle enheder i punktet.")
            note = st.text_input("Note (valgfri)")
            buttons = st.columns(3)
            save = buttons[0].form_submit_button("Gem", type="primary")
            skip = buttons[1].form_submit_button("Spring over")
            flag = buttons[2].form_submit_button("Markér til drøftelse")
        if save or flag:
            try:
                entities = None
                if label_spans:
                    entities = []
                    for row in edited.itertuples():
                        if not row.ok or not isinstance(row.text, str) or not row.text:
                            continue
                        start = int(row.start) if pd.notna(row.start) else record["text"].find(row.text)
                        if start < 0 or record["text"][start:start + len(row.text)] != row.text:
                            start = record["text"].find(row.text)
                        if start < 0:
                            raise LabelError(f"Teksten '{row.text}' findes ikke i punktet.")
                        entities.append({"start": start, "end": start + len(row.text), "label": row.label})
                votes = None
                if votes_text.strip():
                    parts = dict(p.split("=", 1) for p in votes_text.replace(" ", "").split(";") if "=" in p)
                    names = {"for": "for", "imod": "against", "undlod": "abstain", "forbehold": "reservation"}
                    votes = {names.get(k, k): [x for x in v.split(",") if x] for k, v in parts.items()}
                    votes["dissent"] = bool(votes.get("against") or votes.get("reservation"))
                store_label("flagged" if flag else "done", themes, outcome, entities, votes, note or None)
            except LabelError as error:
                st.error(str(error))
        if skip:
            store_label("skipped", [], None)
        st.markdown("**Tastatur** — " + cheat_sheet())
        command = st.chat_input("Kommando, fx 1 12 g (Enter gemmer)")
        if command is not None:
            try:
                parsed = parse_command(command, suggested_themes, suggested_outcome)
                status = {"save": "done", "skip": "skipped", "flag": "flagged"}[parsed.action]
                store_label(status, parsed.themes, parsed.outcome)
            except LabelError as error:
                st.error(str(error))

# -- review ---------------------------------------------------------------------------------
with tabs[1]:
    open_items = disagreements(db)
    if not open_items:
        st.success("Ingen uafklarede uenigheder.")
    else:
        st.caption(f"{len(open_items)} punkter, hvor annotatorerne er uenige. Den afgjorte mærkning er den, "
                   "der træner modellerne.")
        keys = [key for key, _ in open_items]
        chosen = st.selectbox("Punkt", keys, format_func=lambda k: (queries.get_item(db, k) or {}).get("title") or k)
        labels = dict(open_items)[chosen]
        st.dataframe(pd.DataFrame([{"Annotator": l.annotator, "Temaer": ", ".join(theme_label(t) for t in l.themes),
                                    "Udfald": outcome_label(l.outcome), "Note": l.note or ""} for l in labels]),
                     hide_index=True, width="stretch")
        with st.form("settle_form"):
            themes = st.multiselect("Afgjorte temaer", list(THEMES), default=labels[0].themes,
                                    format_func=theme_label, max_selections=3)
            outcome = st.radio("Afgjort udfald", list(OUTCOMES), horizontal=True, format_func=outcome_label,
                               index=list(OUTCOMES).index(labels[0].outcome) if labels[0].outcome in OUTCOMES else 6)
            if st.form_submit_button("Afgør", type="primary"):
                try:
                    settle(db, chosen, annotator, Label(chosen, annotator, "done", themes, outcome))
                    st.success("Afgjort.")
                    st.rerun()
                except LabelError as error:
                    st.error(str(error))

# -- agreement ------------------------------------------------------------------------------
with tabs[2]:
    report = agreement_report(done_labels(db))
    if not report["items"]:
        st.info("Enighed måles, når mindst to personer har mærket de samme punkter (se 'Dobbeltmærkes').")
    else:
        st.metric("Dobbeltmærkede punkter", report["items"])
        st.markdown(f"**Udfald:** Krippendorffs alfa {report['outcome']['alpha']}")
        table = [{"Tema": theme_label(t), "Krippendorffs alfa": v["alpha"],
                  **{f"Cohens kappa {p}": x["kappa"] for p, x in v["pairs"].items()}}
                 for t, v in report["themes"].items()]
        st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
        st.json(report["outcome"]["pairs"], expanded=False)

# -- exchange -------------------------------------------------------------------------------
with tabs[3]:
    folder = Path(tempfile.mkdtemp(prefix="referat-export-"))
    settled_only = st.checkbox("Kun afgjorte mærkninger (dem, der træner)")
    jsonl = folder / "labels.jsonl"
    count = export_jsonl(db, jsonl, settled_only=settled_only)
    st.download_button(f"Hent {count} mærkninger som JSONL (Prodigy-format)", jsonl.read_bytes(),
                       file_name="referat-labels.jsonl", mime="application/jsonl")
    docbin = folder / "entities.spacy"
    spans = export_docbin(db, docbin)
    st.download_button(f"Hent enhederne som spaCy DocBin ({spans} dokumenter)", docbin.read_bytes(),
                       file_name="referat-entities.spacy")
    upload = st.file_uploader("Importér mærkninger (JSONL med meta.item_key)", type=["jsonl", "json"])
    if upload is not None and st.button("Importér"):
        target = folder / "import.jsonl"
        target.write_bytes(upload.getvalue())
        result = import_jsonl(db, target)
        st.success(f"{result['imported']} mærkninger importeret.")
        for reason in result["refused"][:20]:
            st.warning(reason)

# -- retrain --------------------------------------------------------------------------------
with tabs[4]:
    from nlp.labelling import retrain

    job = Path(os.environ.get("REFERAT_JOBS", tempfile.gettempdir())) / "referat-retrain"
    status = retrain.read_status(job)
    st.caption("Gentræner temaer og udfald med alle afgjorte mærkninger (ud over træningsdata) og måler den nye "
               "model på de samme held-out kommuner som den nuværende. Du vælger derefter, om den skal tages i brug.")
    running = status and status["state"] in {"starting", "running"}
    if st.button("Gentræn modellerne", disabled=bool(running), type="primary"):
        retrain.start_job(db.url, job)
        st.rerun()

    @st.fragment(run_every=2 if running else None)
    def show_status():
        current = retrain.read_status(job)
        if not current:
            return
        st.progress(min(1.0, current.get("progress", 0.0)), text=current.get("message", ""))
        if current["state"] == "failed":
            st.error(current["message"])
        if current["state"] == "done":
            report = current["report"]
            rows = []
            for name, key in (("Udfald, nøjagtighed", "outcome_accuracy"), ("Udfald, makro-F1", "outcome_macro_f1"),
                              ("Temaer, mikro-F1", "themes_micro_f1"), ("Temaer, makro-F1", "themes_macro_f1"),
                              ("Politikområde, nøjagtighed", "policy_accuracy")):
                rows.append({"Mål": name, "Nuværende": (report["current"] or {}).get(key),
                             "Ny": report["candidate"][key]})
            for theme, f1 in report["candidate"]["theme_f1"].items():
                rows.append({"Mål": f"F1 {theme_label(theme)}", "Nuværende": ((report["current"] or {})
                            .get("theme_f1", {})).get(theme), "Ny": f1})
            st.caption(f"Trænet med {report['labels_used']} afgjorte mærkninger.")
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
            cols = st.columns(2)
            if cols[0].button("Tag den nye model i brug", type="primary"):
                retrain.accept()
                (job / "status.json").unlink(missing_ok=True)
                st.cache_resource.clear()
                st.success("Den nye model er taget i brug; den gamle er gemt som classifiers.previous.")
            if cols[1].button("Kassér den nye model"):
                retrain.discard()
                (job / "status.json").unlink(missing_ok=True)
                st.info("Den nye model er kasseret.")

    show_status()
