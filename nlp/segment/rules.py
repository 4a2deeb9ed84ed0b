"""The declarative splitting rules (formats.toml, sections.tsv), compiled once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class MarkerRule:
    """A pattern for a line where an agenda item begins."""

    name: str
    kind: str  # "numbered" | "case"
    weight: float
    pattern: re.Pattern
    title_below: bool = False  # the title stands on the next line


@dataclass(frozen=True)
class NamedPattern:
    name: str
    pattern: re.Pattern


@dataclass(frozen=True)
class HeadingEntry:
    section: str
    strong: bool


@dataclass(frozen=True)
class SegmentRules:
    """Everything the splitter knows about how minutes are printed."""

    markers: tuple[MarkerRule, ...]
    case_numbers: tuple[NamedPattern, ...]
    decision_headings: tuple[NamedPattern, ...]
    toc_headings: frozenset[str]
    toc_entry: re.Pattern
    standing_item: re.Pattern
    noise: tuple[re.Pattern, ...]
    headings: dict[str, HeadingEntry]
    glued_heading: re.Pattern  # "BeslutningGodkendt."
    inline_heading: re.Pattern  # "… i stedet. Sagsfremstilling Marlene …" on a transcript line
    trailing_heading: re.Pattern  # "… Erhvervsråd.Beslutning"

    def case_number(self, line: str) -> str | None:
        """The case number printed on `line`, if the line is a case-number line."""
        for rule in self.case_numbers:
            match = rule.pattern.match(line)
            if match:
                return match.group("case_number")
        return None

    def is_noise(self, line: str) -> bool:
        return any(p.match(line) for p in self.noise)


def _compile(entry: dict) -> re.Pattern:
    flags = re.IGNORECASE if entry.get("ignore_case") else 0
    return re.compile(entry["pattern"], flags)


def _read(name: str) -> str:
    return resources.files("nlp.segment").joinpath(name).read_text("utf-8")


def _load_headings() -> dict[str, HeadingEntry]:
    headings: dict[str, HeadingEntry] = {}
    for line in _read("sections.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, section, strength = line.split("\t")
        headings[phrase.strip().lower()] = HeadingEntry(section, strength.strip() == "strong")
    return headings


@lru_cache(maxsize=1)
def load_rules() -> SegmentRules:
    """Load and compile the splitting rules (cached: compiled once per process)."""
    config = tomllib.loads(_read("formats.toml"))
    headings = _load_headings()
    strong = sorted((p for p, h in headings.items() if h.strong), key=len, reverse=True)
    capitalised = "|".join(re.escape(p.capitalize()) for p in strong)
    one_word = "|".join(re.escape(p.capitalize()) for p in strong if " " not in p)
    upper = "|".join(re.escape(p.upper()) for p in strong)
    return SegmentRules(
        markers=tuple(
            MarkerRule(m["name"], m["kind"], float(m.get("weight", 1)), _compile(m), bool(m.get("title_below")))
            for m in config["marker"]
        ),
        case_numbers=tuple(NamedPattern(c["name"], _compile(c)) for c in config["case_number"]),
        decision_headings=tuple(
            NamedPattern(d["name"], _compile(d)) for d in config["decision_heading"]
        ),
        toc_headings=frozenset(h.lower() for h in config["toc"]["headings"]),
        toc_entry=re.compile(config["toc"]["entry_pattern"]),
        standing_item=_compile(config["standing_items"]),
        noise=tuple(re.compile(p) for p in config["noise"]["patterns"]),
        headings=headings,
        # a heading glued to its content, as some web pages print it
        glued_heading=re.compile(r"^(%s)(?=[A-ZÆØÅ0-9\"”“-])" % one_word),
        # a heading inside a transcript's long line, with its colon if it has one
        inline_heading=re.compile(
            r"(?<=[\s.:])(?P<head>%s|%s)(?P<colon>\s?:)?(?=\s+[A-ZÆØÅ\d\"”“-])" % (capitalised, upper)),
        # a heading glued to the end of the paragraph before it
        trailing_heading=re.compile(r"(?<=[a-zæøå)]\.)(?:%s):?\s*$" % capitalised),
    )
