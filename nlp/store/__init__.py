"""Storage: documents, items, findings and labels in an embedded (or any SQL) database."""

from nlp.store.db import Store, content_hash

__all__ = ["Store", "content_hash"]
