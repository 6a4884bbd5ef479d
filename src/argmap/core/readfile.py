"""Reading a map file's bytes safely, without the YAML parser.

Split from `argmap.core.yamlfile` so that a load served from the cache, which hashes
every file but parses none, does not import PyYAML at all.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from argmap.core.errors import Problem

MAX_FILE_BYTES = 16 * 1024 * 1024


def read_bounded(path: Path, display: str) -> tuple[bytes, Problem | None]:
    """The file's bytes, read only from a regular file and never past the limit.

    A FIFO would block the reader (and the app) for good and a character device
    such as /dev/zero never ends, so both are refused before they are opened;
    O_NONBLOCK keeps even a file swapped for a FIFO after the check from blocking.
    """
    def refuse(message: str, hint: str = "") -> tuple[bytes, Problem]:
        return b"", Problem(display, 1, 1, message, hint)

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return refuse(f"not a regular file ({file_kind(info.st_mode)}); refused",
                          "a map file must be an ordinary YAML file")
        if info.st_size > MAX_FILE_BYTES:
            return refuse(f"file is {info.st_size} bytes; the limit is {MAX_FILE_BYTES}",
                          "split the map into several files")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return refuse("not a regular file; refused", "a map file must be an ordinary YAML file")
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return refuse(f"cannot read file: {exc.strerror or exc}")
    except RuntimeError:  # pragma: no cover - Python < 3.13 reports some loops this way
        return refuse("cannot read file: too many levels of symbolic links")
    if len(raw) > MAX_FILE_BYTES:
        return refuse(f"file grew past the limit of {MAX_FILE_BYTES} bytes while being read",
                      "split the map into several files")
    return raw, None


def file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"
