"""Which files kkrdeck wrote: a small manifest of their hashes per folder, so only those are ever replaced or removed.

A manifest rather than a mark inside each file: it covers PDFs, slide pictures and contact sheets alike, leaves
the files' bytes as they are, and is exact — a file counts as kkrdeck's only while it is byte for byte what
kkrdeck wrote (a PDF the user annotated since, or their own export with the same name, is not).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable

from kkrdeck.paths import replace_atomically

MANIFEST = ".kkrdeck-written.json"


def is_ours(path: Path) -> bool:
    """True if `path` is a file kkrdeck wrote and nobody changed since."""
    recorded = _read(path.parent).get(path.name)
    return recorded is not None and recorded == _digest(path)


def record(paths: Iterable[Path], forget: Iterable[Path] = ()) -> None:
    """Note the files just written (and drop those removed) in their folders' manifests."""
    by_folder: dict[Path, tuple[list[Path], list[Path]]] = {}
    for path in paths:
        by_folder.setdefault(path.parent, ([], []))[0].append(path)
    for path in forget:
        by_folder.setdefault(path.parent, ([], []))[1].append(path)
    for folder, (written, removed) in by_folder.items():
        entries = _read(folder)
        for path in written:
            digest = _digest(path)
            if digest is not None:
                entries[path.name] = digest
        for path in removed:
            entries.pop(path.name, None)
        entries = {name: digest for name, digest in sorted(entries.items()) if (folder / name).is_file()}
        text = json.dumps({"written-by": "kkrdeck", "sha256": entries}, indent=1) + "\n"
        replace_atomically(folder / MANIFEST, lambda f: f.write(text.encode("utf-8")))


def _read(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        entries = data.get("sha256", {}) if isinstance(data, dict) else {}
        return {str(k): str(v) for k, v in entries.items()} if isinstance(entries, dict) else {}
    except (OSError, ValueError):
        return {}


def _digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as f:
            if not os.path.isfile(path):
                return None
            return hashlib.file_digest(f, "sha256").hexdigest() if hasattr(hashlib, "file_digest") else \
                hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None
