"""Modeller: the model cards — scores per label, confusion matrices, training data, date."""

import altair as alt
import pandas as pd
import streamlit as st

from nlp.evaluate.cards import read_metrics
from nlp.labels import ENTITY_LABELS, OUTCOMES, POLICY_AREAS, THEMES
from nlp.paths import models_dir, repo_root

st.title("Modeller")
st.caption("Alle tal er målt på data, modellerne ikke er trænet på: kommuner holdt helt ude af træningen. "
           "Genskab dem med `referat evaluate … --write`.")


def per_label_chart(per_label: dict, names: dict, title: str):
    frame = pd.DataFrame([{"Etiket": names.get(k, k), "F1": v["f1"], "Præcision": v["precision"],
                           "Genkaldelse": v["recall"], "Antal": v["support"]} for k, v in per_label.items()])
    if frame.empty:
        return None
    return alt.Chart(frame, title=title).mark_bar().encode(
        y=alt.Y("Etiket:N", sort="-x", title=None), x=alt.X("F1:Q", scale=alt.Scale(domain=[0, 1])),
        tooltip=["Etiket", alt.Tooltip("F1:Q", format=".2f"), alt.Tooltip("Præcision:Q", format=".2f"),
                 alt.Tooltip("Genkaldelse:Q", format=".2f"), "Antal"])


def confusion_chart(confusion: dict, names: dict):
    rows = [{"Rigtigt": names.get(g, g), "Forudsagt": names.get(p, p), "Antal": confusion["matrix"][i][j]}
            for i, g in enumerate(confusion["labels"]) for j, p in enumerate(confusion["labels"])]
    frame = pd.DataFrame(rows)
    base = alt.Chart(frame).encode(x=alt.X("Forudsagt:N"), y=alt.Y("Rigtigt:N"))
    return base.mark_rect().encode(color=alt.Color("Antal:Q", scale=alt.Scale(scheme="blues"))) + \
        base.mark_text().encode(text="Antal:Q")


def card(name: str) -> None:
    path = models_dir() / name
    if path.exists():
        with st.expander("Hele modelkortet"):
            st.markdown(path.read_text(encoding="utf-8"))


tabs = st.tabs(["Enheder", "Udfald", "Temaer", "Politikområde", "Resuméer", "Opdeling"])
entities = read_metrics("entities")
classifiers = read_metrics("classifiers")
summaries = read_metrics("summaries")

with tabs[0]:
    if entities:
        full = entities["results"][0]
        st.metric("Mikro-F1 (fuld pipeline)", f"{full['micro']['f1']:.3f}",
                  delta=f"{full['micro']['f1'] - entities['results'][1]['micro']['f1']:+.3f} mod regler alene")
        chart = per_label_chart(full["labels"], ENTITY_LABELS, "F1 pr. enhedstype")
        st.altair_chart(chart, width="stretch")
        st.caption(f"Evalueret {entities['date']}.")
    card("referat_da.md")

with tabs[1]:
    if classifiers:
        model = classifiers["outcome"]["systems"]["model"]
        cols = st.columns(3)
        cols[0].metric("Nøjagtighed (punkter med beslutning)", f"{model['items_with_decision']['accuracy']:.3f}")
        cols[1].metric("Makro-F1", f"{model['items_with_decision']['macro_f1']:.3f}")
        cols[2].metric("Uden beslutning → ingen", f"{model['none_recall']:.3f}")
        st.altair_chart(confusion_chart(model["all_items"]["confusion"], OUTCOMES), width="stretch")
    card("outcome.md")

with tabs[2]:
    if classifiers:
        model = classifiers["themes"]["systems"]["model"]
        cols = st.columns(3)
        cols[0].metric("Mikro-F1", f"{model['micro_f1']:.3f}")
        cols[1].metric("Makro-F1", f"{model['macro_f1']:.3f}")
        cols[2].metric("Mikro-F1 uden mødeafvikling", f"{model['substantive_micro_f1']:.3f}")
        st.altair_chart(per_label_chart(model["per_label"], THEMES, "F1 pr. tema"), width="stretch")
    card("themes.md")

with tabs[3]:
    if classifiers:
        systems = classifiers["policy_area"]["systems"]
        cols = st.columns(2)
        cols[0].metric("Nøjagtighed", f"{systems['model']['accuracy']:.3f}",
                       delta=f"{systems['model']['accuracy'] - systems['multinomial Naive Bayes']['accuracy']:+.3f} mod Naive Bayes")
        cols[1].metric("Makro-F1", f"{systems['model']['macro_f1']:.3f}")
        names = {str(k): v for k, v in POLICY_AREAS.items()}
        st.altair_chart(per_label_chart(systems["model"]["per_label"], names, "F1 pr. hovedemne"),
                        width="stretch")
    card("policy_area.md")

with tabs[4]:
    if summaries:
        frame = pd.DataFrame([{"System": name, "Mål": metric.upper().replace("ROUGE", "ROUGE-"), "F1": value}
                              for name, values in summaries["cross_validated"]["systems"].items()
                              for metric, value in values.items()])
        st.altair_chart(alt.Chart(frame, title="ROUGE mod personalets Resumé").mark_bar().encode(
            x="System:N", y="F1:Q", column="Mål:N", color="System:N"))
    card("summarizer.md")

with tabs[5]:
    path = repo_root() / "docs" / "splitter-evaluation.md"
    if path.exists():
        st.markdown(path.read_text(encoding="utf-8"))
