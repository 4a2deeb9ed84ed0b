"""The text of a doc, kept beside it: several components need `doc.text`, which spaCy
joins again from Token objects on every access (a tenth of the pipeline's time when
several components asked for it)."""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

TEXT_KEY = "referat_text"


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the text a doc was made from, for `doc_text`."""
    doc.user_data[TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined at most once per doc: spaCy rebuilds it from Token objects on every
    access, and the sentence and rule components each need it."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def token_texts(doc: Doc) -> list[str]:
    """The text of every token, cut from `doc_text` by offsets (no Token objects)."""
    text = doc_text(doc)
    return [text[start:start + length] for start, length in doc.to_array([IDX, LENGTH]).tolist()]
