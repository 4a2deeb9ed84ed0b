"""Which meeting a document records: municipality, committee, date and kind."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from nlp.contract import AgendaItem, Meeting
from nlp.danish import find_date

HEADER_CHARS = 2500
_COMMITTEE_FIELD = re.compile(r"^\|?\s*(?:Udvalg|Forum|Råd|Organ)\s*[:|]\s*\|?\s*(?P<name>\S.{2,100}?)\s*\|?$", re.I)
_COMMITTEE_LABEL = re.compile(r"^\s*(?:UDVALG|Udvalg)\s*$")
_DATE_FIELD = re.compile(r"^(?:Mødedato|Dato|Møde|Mødetidspunkt|Starttidspunkt)\s*[:\s]\s*(?P<value>.{4,80})$", re.I | re.M)
# A body's name: capitalised words, joined by hyphens, commas, "og" or "&", ending in a word
# for a deciding body; or "Udvalget for …".
_BODY_WORD = r"[A-ZÆØÅ][\wæøå]*(?:udvalg(?:et)?|[Rr]åd(?:et)?|bestyrelsen?|nævn(?:et)?|[Ff]orum|Magistraten)"
_BODY_NAME = re.compile(
    r"(?<![\w-])(?P<name>(?:(?:Det|Den)\s+)?(?:[A-ZÆØÅ][\wæøå]*-?(?:,\s*|\s+(?:og|&)\s+|\s+))*?%s"
    r"|Udvalg(?:et)?\s+(?:for\s+)?[A-ZÆØÅ\"”“][\wæøå\"”“]*(?:(?:,\s+|\s+og\s+|\s+)[\wæøå\"”“]+){0,6})(?![\wæøå-])"
    % _BODY_WORD
)
_REFERAT = re.compile(r"\b(?:referat|beslutningsprotokol|protokol)\b", re.I)
_DAGSORDEN = re.compile(r"\bdagsorden\b", re.I)
_GENERIC_SITE = re.compile(r"dagsordener og referater|(?:godkendelse af|bemærkninger til) dagsorden(?:en)?", re.I)
_LEADING_WORDS = re.compile(r"^(?:(?:referat|dagsorden|beslutningsprotokol|protokol|møde i|fra)\s+)+", re.I)
_STOP_TAIL = re.compile(r"\s+(?:den|d\.|kl\.?|-|–|•|referat|dagsorden|møde).*$", re.I)


@lru_cache(maxsize=1)
def municipalities() -> tuple[str, ...]:
    """The names of Danish municipalities and regions (lexicon file, one per line)."""
    text = resources.files("nlp.segment").joinpath("municipalities.txt").read_text("utf-8")
    return tuple(l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=1)
def _municipality_pattern() -> re.Pattern:
    names = sorted(municipalities(), key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(r"(?<![\w-])(%s)(?:s)?(?:\s+(Kommunes?|Byråd|Regionsråd))?(?![\w-])" % alternatives)


def find_municipality(text: str, header: str) -> str | None:
    """The municipality that publishes the document: its "X Kommune" mentions win."""
    votes: Counter[str] = Counter()
    for match in _municipality_pattern().finditer(text):
        name, suffix = match.group(1), match.group(2)
        in_header = match.start() < len(header)
        if suffix or name.startswith("Region"):
            votes[name] += 3 + (3 if in_header else 0)
        else:
            votes[name] += 2 if in_header else 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def find_committee(header: str, items: list[AgendaItem]) -> str | None:
    """The committee named in the header, else the one that decides most items."""
    lines = [l.strip() for l in header.splitlines()]
    for k, line in enumerate(lines[:60]):
        field = _COMMITTEE_FIELD.match(line)
        if field and _clean_committee(field.group("name")):
            return _clean_committee(field.group("name"))
        if _COMMITTEE_LABEL.match(line):
            following = next((l for l in lines[k + 1 : k + 4] if l), None)
            if following:
                return _clean_committee(following)
    for line in lines[:40]:
        if not line or len(line) > 160 or line.lower().startswith(("beslutning", "mødested", "sted", "dato")):
            continue
        match = _BODY_NAME.search(line)
        if match:
            return _clean_committee(match.group("name"))
    deciders = Counter(d.committee for item in items for d in item.decisions if d.committee)
    return deciders.most_common(1)[0][0] if deciders else None


def _clean_committee(name: str) -> str:
    name = _LEADING_WORDS.sub("", name.strip(" |"))
    name = re.sub(r"^[\d\s./-]+(?=[A-ZÆØÅ])|\s+\d{4}\s*-\s*\d{2,4}$", "", name)
    name = _STOP_TAIL.sub("", name).strip(" ,.:;-–|")
    return re.sub(r"\s+", " ", name)


def find_meeting_date(header: str) -> str | None:
    """The meeting date: a "Mødedato:" field first, else the first full date of the header."""
    for match in _DATE_FIELD.finditer(header):
        found = find_date(match.group("value"))
        if found:
            return found[0]
    found = find_date(header)
    return found[0] if found else None


def find_kind(header: str, items: list[AgendaItem]) -> str | None:
    """`referat` when decisions are recorded, `dagsorden` when only an agenda."""
    if any(item.sections.get("beslutning") for item in items):
        return "referat"
    header = _GENERIC_SITE.sub("", header)
    if _REFERAT.search(header):
        return "referat"
    if _DAGSORDEN.search(header):
        return "dagsorden"
    return None


def read_meeting(text: str, items: list[AgendaItem]) -> Meeting:
    """Meeting fields read from the document's header and its items."""
    first_item = items[0].start if items else len(text)
    header = text[: max(min(first_item, HEADER_CHARS), min(len(text), 600))]
    return Meeting(
        municipality=find_municipality(text, header),
        committee=find_committee(header, items),
        date=find_meeting_date(header),
        kind=find_kind(header, items),
    )
