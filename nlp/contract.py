"""The JSON contract: value objects for a meeting, its agenda items and their findings.

Every capability fills fields of these objects; `to_dict` gives the JSON that
`referat analyze --format json` prints and `nlp/schema/analysis.schema.json` describes.
Field names are stable: add fields, never rename them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1.0"


@dataclass
class Entity:
    """A labelled span, with character offsets into its item's `text`."""

    label: str
    text: str
    start: int
    end: int
    value: Any = None
    unit: str | None = None  # "DKK" for MONEY, "%" or "pp" for PERCENT

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Entity":
        return cls(**_known(cls, data))


@dataclass
class Decision:
    """One decision heading of an item: which body decided, when, and what."""

    committee: str | None
    date: str | None
    text: str

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Decision":
        return cls(**_known(cls, data))


@dataclass
class AgendaItem:
    """One agenda item (punkt) with its sections and, once analysed, its findings."""

    number: str | None
    title: str | None
    case_number: str | None
    text: str
    sections: dict[str, str] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    start: int = 0  # offsets of `text` in the document text
    end: int = 0
    closed: bool = False
    entities: list[Entity] = field(default_factory=list)
    themes: list[dict] = field(default_factory=list)
    outcome: dict | None = None
    policy_area: dict | None = None
    votes: dict | None = None
    summary: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = asdict(self)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "AgendaItem":
        kwargs = _known(cls, data)
        kwargs["entities"] = [Entity.from_dict(e) for e in data.get("entities", [])]
        kwargs["decisions"] = [Decision.from_dict(d) for d in data.get("decisions", [])]
        return cls(**kwargs)


@dataclass
class Meeting:
    """Which meeting a document records."""

    municipality: str | None = None
    committee: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    kind: str | None = None  # "referat" | "dagsorden"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Meeting":
        return cls(**_known(cls, data))


@dataclass
class Analysis:
    """The analysis of one document: the JSON object of the contract."""

    source: str
    meeting: Meeting
    items: list[AgendaItem]
    id: str | None = None
    digest: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict:
        data = {
            "source": self.source,
            "meeting": self.meeting.to_dict(),
            "items": [item.to_dict() for item in self.items],
            "digest": self.digest,
            "warnings": list(self.warnings),
            "schema_version": self.schema_version,
        }
        if self.id is not None:
            data = {"id": self.id, **data}
        return data

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> "Analysis":
        return cls(
            source=data["source"],
            meeting=Meeting.from_dict(data.get("meeting", {})),
            items=[AgendaItem.from_dict(i) for i in data.get("items", [])],
            id=data.get("id"),
            digest=data.get("digest", {}),
            warnings=list(data.get("warnings", [])),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )


def _known(cls, data: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


@lru_cache(maxsize=1)
def json_schema() -> dict:
    """The JSON Schema of one analysis object."""
    text = resources.files("nlp").joinpath("schema/analysis.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(data: dict) -> None:
    """Raise `jsonschema.ValidationError` when `data` breaks the contract."""
    import jsonschema

    jsonschema.validate(data, json_schema())
