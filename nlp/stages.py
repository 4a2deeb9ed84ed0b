"""The NLP stages that run over split items: each loads its models once and fills fields."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from nlp.contract import AgendaItem, Meeting

Step = Callable[[list[AgendaItem], list[Meeting]], None]


def load_stages(stages: tuple[str, ...], models_dir: Path | None, summary_sentences: int) -> list[Step]:
    """The steps for `stages`, in order, with their models loaded."""
    return []
