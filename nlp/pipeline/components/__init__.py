"""The project's spaCy components; importing this package registers their factories."""

from nlp.pipeline.components import cleanup, entity_rules, lemmatizer, normalize, sentences  # noqa: F401
