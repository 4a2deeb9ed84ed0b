"""Model files on disk: checksums, verification before loading, atomic replacement.

Every model folder or file under models/ has a `MANIFEST.json` beside or inside it with the
SHA-256 of each file. A model whose files do not match its manifest is refused, so a file
changed by anyone but `referat train` is never loaded.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

MANIFEST = "MANIFEST.json"


class ModelIntegrityError(RuntimeError):
    """A model file does not match the checksum recorded when it was trained."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)


def write_manifest(folder: Path) -> dict:
    """Record the checksum of every file of a model folder."""
    folder = Path(folder)
    manifest = {str(p.relative_to(folder)): sha256_file(p) for p in _files(folder)}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return manifest


def verify_model(folder: Path) -> None:
    """Raise `ModelIntegrityError` when a file of the model differs from its manifest."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not path.exists():
        raise ModelIntegrityError(f"{folder} has no {MANIFEST}: retrain it with `referat train`")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for name, expected in manifest.items():
        file = folder / name
        if not file.is_file() or sha256_file(file) != expected:
            raise ModelIntegrityError(f"{file} does not match its checksum; refusing to load it")


def install_model(staging: Path, target: Path) -> Path:
    """Put a freshly built model in place in one rename; the one it replaces is kept as
    `<target>.previous` (one generation), so a bad model can be rolled back."""
    import shutil

    staging, target = Path(staging), Path(target)
    previous = target.with_name(target.name + ".previous")
    if target.exists():
        if previous.exists():
            shutil.rmtree(previous)
        target.rename(previous)
    staging.rename(target)
    return target
