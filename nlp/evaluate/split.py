"""How well the splitter finds the labelled items of the corpus pages.

A labelled item is *found* when an output item covers its anchor (the text where it
begins) or carries its title; each output item may find one labelled item only, so two
items merged into one count as one miss. An output item is *real* when it found one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from nlp import corpus
from nlp.segment import split_document

_KEY = re.compile(r"[\W_]+")


@dataclass
class PageResult:
    id: str
    municipality: str
    gold: int
    output: int
    found: int
    real: int
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


@dataclass
class SplitReport:
    pages: list[PageResult]
    meeting_fields: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> (right, labelled)

    @property
    def recall(self) -> float:
        gold = sum(p.gold for p in self.pages)
        return sum(p.found for p in self.pages) / gold if gold else 0.0

    @property
    def precision(self) -> float:
        output = sum(p.output for p in self.pages)
        return sum(p.real for p in self.pages) / output if output else 0.0

    def by_municipality(self) -> dict[str, tuple[float, float, int]]:
        totals: dict[str, Counter] = {}
        for p in self.pages:
            c = totals.setdefault(p.municipality, Counter())
            c.update(gold=p.gold, found=p.found, output=p.output, real=p.real)
        return {
            m: (c["found"] / c["gold"] if c["gold"] else 1.0,
                c["real"] / c["output"] if c["output"] else 1.0, c["gold"])
            for m, c in sorted(totals.items())
        }

    def to_dict(self) -> dict:
        return {
            "items_labelled": sum(p.gold for p in self.pages),
            "items_output": sum(p.output for p in self.pages),
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "pages": len(self.pages),
            "meeting_fields": {k: {"right": r, "labelled": n, "accuracy": round(r / n, 4) if n else None}
                               for k, (r, n) in self.meeting_fields.items()},
        }

    def to_markdown(self) -> str:
        data = self.to_dict()
        lines = [
            "# Splitter evaluation", "",
            "Command: `referat evaluate split --write` on `../shared/corpus/pages_labelled_dev.jsonl` "
            "(pages from many municipalities, items labelled by anchor and title).", "",
            "| measure | value |", "|---|---|",
            f"| labelled items found (recall) | {data['recall']:.3f} ({sum(p.found for p in self.pages)}"
            f"/{data['items_labelled']}) |",
            f"| output items that are real items (precision) | {data['precision']:.3f} "
            f"({sum(p.real for p in self.pages)}/{data['items_output']}) |",
            f"| pages | {data['pages']} |", "",
            "Meeting fields read from the text alone (the corpus metadata as reference):", "",
            "| field | accuracy | right / labelled |", "|---|---|---|",
        ]
        for name, entry in data["meeting_fields"].items():
            lines.append(f"| {name} | {entry['accuracy']:.3f} | {entry['right']}/{entry['labelled']} |")
        lines += ["", "Per municipality (recall, precision, labelled items):", "",
                  "| municipality | recall | precision | items |", "|---|---|---|---|"]
        for town, (recall, precision, n) in self.by_municipality().items():
            lines.append(f"| {town} | {recall:.2f} | {precision:.2f} | {n} |")
        return "\n".join(lines) + "\n"


def _key(title: str | None) -> str:
    return _KEY.sub("", (title or "").lower())


def _titles_match(gold: str | None, output: str | None) -> bool:
    g, o = _key(gold), _key(output)
    if not g or not o:
        return False
    return g == o or (min(len(g), len(o)) >= 12 and (g.startswith(o) or o.startswith(g)))


def evaluate_page(page: corpus.Page, labels: list[dict], segmentation=None) -> PageResult:
    """Match one page's output items to its labelled items."""
    items = (segmentation or split_document(page.text)).items
    regions = []
    for k, item in enumerate(items):
        stop = items[k + 1].start if k + 1 < len(items) else len(page.text)
        regions.append((item.start, max(stop, item.end)))
    used: set[int] = set()
    found, missed = 0, []
    for label in labels:
        match = _match(label, page.text, items, regions, used)
        if match is None:
            missed.append(label.get("title") or label["anchor"][:50])
        else:
            used.add(match)
            found += 1
    spurious = [(items[k].title or items[k].text[:50]) for k in range(len(items)) if k not in used]
    return PageResult(page.id, page.municipality, len(labels), len(items), found, len(used), missed, spurious)


def _match(label: dict, text: str, items, regions, used: set[int]) -> int | None:
    for k, item in enumerate(items):
        if k not in used and _titles_match(label.get("title"), item.title):
            return k
    anchor = label["anchor"]
    position = text.find(anchor)
    if position < 0:
        return None
    best, best_overlap = None, 0
    for k, (start, stop) in enumerate(regions):
        overlap = min(stop, position + len(anchor)) - max(start, position)
        if k not in used and overlap > best_overlap:
            best, best_overlap = k, overlap
    return best


def evaluate_split() -> SplitReport:
    """Evaluate the splitter (items and meeting fields) on every labelled page of the corpus."""
    pages = corpus.pages()
    results, fields = [], {"municipality": [0, 0], "committee": [0, 0], "date": [0, 0], "kind": [0, 0]}
    for page_id, labels in corpus.page_labels().items():
        page = pages[page_id]
        segmentation = split_document(page.text)
        results.append(evaluate_page(page, labels, segmentation))
        meeting = segmentation.meeting
        for name, gold in (("municipality", page.municipality), ("committee", page.committee),
                           ("date", page.meeting_date), ("kind", page.doc_kind)):
            if gold:
                fields[name][1] += 1
                fields[name][0] += getattr(meeting, name) == gold
    return SplitReport(results, {k: (v[0], v[1]) for k, v in fields.items()})
