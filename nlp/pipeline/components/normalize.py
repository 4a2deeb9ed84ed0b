"""Set `Span._.value` (and `Span._.unit`) on every entity whose value can be read."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.pipeline import values as _values  # noqa: F401  (registers the normalisers)

for _target, _name in ((Span, "value"), (Span, "unit"), (Doc, "meeting_date")):
    if not _target.has_extension(_name):
        _target.set_extension(_name, default=None)


@Language.factory(
    "referat_normalizer",
    default_config={
        "money": {"@misc": "referat.money_normaliser.v1"},
        "date": {"@misc": "referat.date_normaliser.v1"},
        "percent": {"@misc": "referat.percent_normaliser.v1"},
    },
)
def make_normalizer(nlp: Language, name: str, money, date, percent):
    return EntityNormalizer(name, money, date, percent)


class EntityNormalizer:
    """MONEY → DKK, DATE → ISO (the meeting date `doc._.meeting_date` resolves missing
    years), PERCENT → number with unit '%' or 'pp'."""

    def __init__(self, name: str, money, date, percent):
        self.name, self.money, self.date, self.percent = name, money, date, percent

    def __call__(self, doc: Doc) -> Doc:
        reference = doc._.meeting_date
        for ent in doc.ents:
            label = ent.label_
            if label == "MONEY":
                ent._.value, ent._.unit = self.money(ent.text), "DKK"
            elif label == "DATE":
                ent._.value = self.date(ent.text, reference)
            elif label == "PERCENT":
                found = self.percent(ent.text)
                if found:
                    ent._.value, ent._.unit = found
        return doc
