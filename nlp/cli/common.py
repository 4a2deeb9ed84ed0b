"""Small helpers shared by the commands: progress bars, output files, hints."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from tqdm import tqdm

from nlp.analyze import Hints
from nlp.fileutil import atomic_open

DOCUMENT_SUFFIXES = {".pdf", ".html", ".htm", ".docx", ".txt", ".md", ".markdown", ".text"}


def progress(iterable=None, total: int | None = None, desc: str = "", unit: str = "dok", disable: bool = False):
    """A progress bar on a terminal (standard error), nothing when piped or disabled."""
    return tqdm(iterable, total=total, desc=desc, unit=unit, disable=disable or not sys.stderr.isatty(),
                file=sys.stderr, dynamic_ncols=True)


def add_hint_options(parser) -> None:
    parser.add_argument("--municipality", "--kommune", dest="municipality", help="kommune (vinder over teksten)")
    parser.add_argument("--committee", "--udvalg", dest="committee", help="udvalg (vinder over teksten)")
    parser.add_argument("--date", "--dato", dest="date", help="mødedato som ÅÅÅÅ-MM-DD (vinder over teksten)")


def hints_from(args) -> Hints:
    return Hints(municipality=args.municipality, committee=args.committee, date=args.date)


@contextmanager
def output_stream(path: str | None) -> Iterator[IO[str]]:
    """Standard output, or a file that appears whole or not at all."""
    if path in (None, "-"):
        yield sys.stdout
        return
    with atomic_open(path) as handle:
        yield handle


def expand_paths(inputs: list[str]) -> list[Path]:
    """Files as given, and the documents inside folders (recursively, sorted)."""
    paths: list[Path] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            paths += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        else:
            paths.append(path)
    return paths
