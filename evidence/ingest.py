"""Raw bytes -> RawDocument. (Placeholder: being replaced by the parsing issue.)"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .model import RawDocument, SourceProblem


def read(path: Path, source_id: str) -> RawDocument:
    data = path.read_bytes()
    if not data.strip():
        raise SourceProblem("file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceProblem(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return RawDocument(source_id=source_id, path=str(path), fmt=path.suffix.lstrip(".").lower(),
                       text=text, sha256=hashlib.sha256(data).hexdigest())
