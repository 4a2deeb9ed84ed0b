"""One `analyze` that assembles the JSON contract: read → split → entities → classify → summarise.

`Analyzer` loads every model once and then analyses any number of documents; batches
go through spaCy's `nlp.pipe` together, so a corpus costs one model load per process.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from nlp.contract import Analysis
from nlp.readers import Document, ReadError, check_text_length, read_bytes, read_document
from nlp.segment import split_document
from nlp.stages import MAX_ITEM_CHARS

log = logging.getLogger(__name__)

# The stages an Analyzer can run after splitting, in order.
STAGES: tuple[str, ...] = ("entities", "classify", "summarize")


@dataclass
class Hints:
    """Meeting fields the caller knows better than the text (they win)."""

    municipality: str | None = None
    committee: str | None = None
    date: str | None = None
    kind: str | None = None

    @classmethod
    def from_record(cls, record: dict) -> "Hints":
        return cls(
            municipality=record.get("municipality"),
            committee=record.get("committee"),
            date=record.get("date") or record.get("meeting_date"),
            kind=record.get("kind") or record.get("doc_kind"),
        )


@dataclass
class Failure:
    """A document that could not be analysed; batches report it and go on."""

    source: str
    error: str
    code: str = "error"
    id: str | None = None

    def to_dict(self) -> dict:
        data = {"source": self.source, "error": self.error, "error_code": self.code}
        return {"id": self.id, **data} if self.id is not None else data


class Analyzer:
    """Analyse documents with the bundled models, loaded once.

    Parameters
    ----------
    stages : which stages to run after splitting (default: all that are installed).
    models_dir : where the trained models are (default: the project's `models/`).
    summary_sentences : sentences per item summary.
    """

    def __init__(self, stages: Iterable[str] = STAGES, models_dir: str | Path | None = None,
                 summary_sentences: int = 3):
        unknown = set(stages) - set(STAGES)
        if unknown:
            raise ValueError(f"unknown stages: {sorted(unknown)}")
        self.stages = tuple(s for s in STAGES if s in set(stages))
        self.models_dir = Path(models_dir) if models_dir else None
        self.summary_sentences = summary_sentences
        self._steps: list | None = None

    # -- the stages -------------------------------------------------------------------
    def _load(self):
        if self._steps is None:
            from nlp.stages import load_stages

            self._steps = load_stages(self.stages, self.models_dir, self.summary_sentences)
        return self._steps

    def enrich(self, analyses: list[Analysis], chunk: int | None = None, on_progress=None) -> list[Analysis]:
        """Run the NLP stages over all items of several analyses at once (in chunks of
        `chunk` items, calling `on_progress(done, total)` after each, when given)."""
        items = [item for analysis in analyses for item in analysis.items]
        meetings = [analysis.meeting for analysis in analyses for _ in analysis.items]
        maker, steps = self._load()
        size = chunk or max(1, len(items))
        for start in range(0, len(items), size):
            part, part_meetings = items[start:start + size], meetings[start:start + size]
            docs = maker(part, part_meetings) if maker is not None else []
            for step in steps:
                step(part, part_meetings, docs)
            if on_progress:
                on_progress(min(start + size, len(items)), len(items))
        for analysis in analyses:
            analysis.digest = _digest(analysis) if "summarize" in self.stages else {}
        return analyses

    # -- entry points -----------------------------------------------------------------
    def analyze_text(self, text: str, source: str = "<tekst>", hints: Hints | None = None,
                     id: str | None = None, warnings: list[str] | None = None) -> Analysis:
        """Analyse one document's text."""
        return self.enrich([self.split_text(text, source, hints, id, warnings)])[0]

    def analyze_document(self, document: Document, hints: Hints | None = None) -> Analysis:
        return self.analyze_text(document.text, document.source, hints, warnings=document.warnings)

    def analyze_path(self, path: str | Path, hints: Hints | None = None) -> Analysis:
        """Read and analyse one file; raises `ReadError` for files that cannot be read."""
        return self.analyze_document(read_document(path), hints)

    def analyze_bytes(self, data: bytes, source: str, hints: Hints | None = None) -> Analysis:
        return self.analyze_document(read_bytes(data, source=source), hints)

    def analyze_records(self, records: Iterable[dict], batch_size: int = 32) -> Iterator[Analysis | Failure]:
        """Analyse JSON records (`text`, optional `id` and meeting fields), in order.

        A record that cannot be analysed yields a `Failure` in its place.
        """
        batch: list[Analysis | Failure] = []
        for record in records:
            batch.append(self.split_record(record))
            if len(batch) >= batch_size:
                yield from self.complete(batch)
                batch = []
        if batch:
            yield from self.complete(batch)

    def analyze_paths(self, paths: Iterable[str | Path], batch_size: int = 8) -> Iterator[Analysis | Failure]:
        """Read and analyse files in order; unreadable files yield a `Failure`."""
        batch: list[Analysis | Failure] = []
        for path in paths:
            try:
                document = read_document(path)
                batch.append(self.split_text(document.text, document.source, None, None, document.warnings))
            except ReadError as exc:
                batch.append(Failure(str(path), exc.message, exc.code))
            if len(batch) >= batch_size:
                yield from self.complete(batch)
                batch = []
        if batch:
            yield from self.complete(batch)

    # -- the two halves of an analysis, for batch drivers --------------------------------
    def split_text(self, text: str, source: str, hints: Hints | None = None, id: str | None = None,
                   warnings: list[str] | None = None) -> Analysis:
        """Split a text into its meeting and items (no NLP stages yet)."""
        hints = hints or Hints()
        segmentation = split_document(
            text, municipality=hints.municipality, committee=hints.committee,
            date=hints.date, kind=hints.kind,
        )
        warnings = list(warnings or [])
        for item in segmentation.items:
            if len(item.text) > MAX_ITEM_CHARS:
                warnings.append(
                    f"Punkt {item.number or '?'} er meget langt ({len(item.text):,} tegn); "
                    f"kun de første {MAX_ITEM_CHARS:,} tegn er analyseret."
                )
        return Analysis(source=source, meeting=segmentation.meeting, items=segmentation.items,
                        id=id, warnings=warnings)

    def split_record(self, record: dict) -> Analysis | Failure:
        """Split one JSON record, or say why it cannot be analysed."""
        record_id = record.get("id")
        record_id = None if record_id is None else str(record_id)
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            return Failure(str(record.get("source", record_id)), "Posten har intet 'text'-felt med tekst.",
                           "empty", record_id)
        try:
            check_text_length(text)
        except ReadError as exc:
            return Failure(str(record.get("source", record_id)), exc.message, exc.code, record_id)
        source = str(record.get("source") or record.get("url") or record_id or "<jsonl>")
        return self.split_text(text, source, Hints.from_record(record), record_id, None)

    def complete(self, batch: list[Analysis | Failure]) -> Iterator[Analysis | Failure]:
        """Run the NLP stages over a batch of split documents; failures keep their place."""
        analyses = [a for a in batch if isinstance(a, Analysis)]
        try:
            self.enrich(analyses)
        except Exception:  # one bad batch must not stop a corpus run: retry one by one
            log.exception("batch analysis failed; retrying documents one at a time")
            for k, entry in enumerate(batch):
                if isinstance(entry, Analysis):
                    try:
                        self.enrich([entry])
                    except Exception as exc:
                        batch[k] = Failure(entry.source, f"Analysen fejlede: {exc}", "analysis", entry.id)
        yield from batch


def _digest(analysis: Analysis) -> dict:
    from nlp.summarize.digest import meeting_digest

    return meeting_digest(analysis)


def parse_jsonl_line(line: str, number: int) -> dict | Failure:
    """One line of a JSONL input: a record, or a Failure that says what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(f"linje {number}", f"Ugyldig JSON på linje {number}: {exc.msg}", "bad_json")
    if not isinstance(record, dict):
        return Failure(f"linje {number}", f"Linje {number} er ikke et JSON-objekt.", "bad_json")
    return record
