"""Load documents into the database from the app, with a progress bar."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages.common import get_analyzer, store
from nlp.ingest import ingest_paths
from nlp.paths import samples_dir


def sample_paths() -> list[Path]:
    return sorted((samples_dir() / "seeds").glob("*.txt"))


def load_documents(paths: list[Path]) -> None:
    if not paths:
        st.warning("Ingen dokumenter fundet.")
        return
    bar = st.progress(0.0, text=f"Indlæser {len(paths)} dokumenter …")

    def on_progress(done: int, total: int) -> None:
        bar.progress(done / total, text=f"Indlæst {done} af {total} dokumenter")

    report = ingest_paths(store(), get_analyzer(), paths, batch_size=1, show_progress=False, on_progress=on_progress)
    bar.empty()
    st.session_state["flash"] = (report.summary(), [f"{Path(f.source).name}: {f.error}" for f in report.failures])
    st.cache_data.clear()
    st.rerun()
