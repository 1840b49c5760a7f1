"""An on-disk cache of tables that vnpe derives from fixed inputs and would otherwise rebuild in every process
(the GeoNames gazetteer of :mod:`vnpe.events`, 1.1 s; the code-point tables of :mod:`vnpe.overlap`, 0.5 s).

An entry is named by what it is built from: a ``key`` string that holds a version of the building code, the
Unicode version and, for data files, a digest of their bytes (:func:`file_digest`), so that a changed input or
rule never reads a stale entry. Entries are JSON or numpy ``.npz`` files (no pickle): reading one runs no code.
They live in ``$VNPE_CACHE_DIR``, else ``$XDG_CACHE_HOME/vnpe``, else ``~/.cache/vnpe``; ``VNPE_CACHE_DIR=off``
disables the cache. Nothing fails when the folder cannot be written: the table is then built as before.

Example:
    >>> import os, tempfile
    >>> os.environ["VNPE_CACHE_DIR"] = tempfile.mkdtemp()
    >>> cached_json("demo", "v1", lambda: {"a": 1}), cached_json("demo", "v1", lambda: {"a": 2})
    ({'a': 1}, {'a': 1})
    >>> del os.environ["VNPE_CACHE_DIR"]
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np


def cache_dir() -> Path | None:
    """The cache folder (see the module docstring), or None when the cache is disabled."""
    env = os.environ.get("VNPE_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vnpe"


def file_digest(*paths: str | Path) -> str:
    """A digest of the bytes of ``paths`` (blake2b, 16 bytes, hex): part of the key of an entry built from them.

    >>> len(file_digest(__file__))
    32
    """
    h = hashlib.blake2b(digest_size=16)
    for p in paths:
        with open(p, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def _path(name: str, key: str, suffix: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"{name}-{hashlib.blake2b(key.encode(), digest_size=12).hexdigest()}{suffix}"


def _write(path: Path, write: Callable[[Any], None]) -> None:
    """Write through a temporary file renamed into place (a reader never sees half an entry); errors ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                write(f)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass


def cached_json(name: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()`` (a JSON-serialisable value), read from the cache entry ``(name, key)`` when there is one."""
    path = _path(name, key, ".json")
    if path is not None:
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            pass
    value = build()
    if path is not None:
        _write(path, lambda f: f.write(json.dumps(value, ensure_ascii=False).encode("utf-8")))
    return value


def cached_arrays(name: str, key: str, build: Callable[[], tuple[np.ndarray, ...]]) -> tuple[np.ndarray, ...]:
    """``build()`` (a tuple of numpy arrays), read from the cache entry ``(name, key)`` when there is one."""
    path = _path(name, key, ".npz")
    if path is not None:
        try:
            with np.load(path, allow_pickle=False) as z:
                return tuple(z[f"arr_{i}"] for i in range(len(z.files)))
        except Exception:  # noqa: BLE001 - a missing, partial or foreign file: build the table again
            pass
    arrays = tuple(build())
    if path is not None:
        _write(path, lambda f: np.savez(f, *arrays))
    return arrays
