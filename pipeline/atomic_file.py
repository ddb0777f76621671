"""Writing a file whole or not at all: records and raw pages both go through here."""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path


def write_atomically(target: Path, content: bytes, *, temp_suffix: str = ".tmp") -> None:
    """Write `content` to a temporary file beside `target`, flush it to disk, then rename it
    over `target`, so a kill leaves the old file or the new one, never a torn one.

    The file gets the permissions the umask allows (0644 under umask 022), as open() would
    give. `temp_suffix` names the temporary file, so a caller can find and remove leftovers.
    """
    temporary = write_temporary(target.parent, content, prefix=f".{target.name}.", suffix=temp_suffix)
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_temporary(directory: Path, content: bytes, *, prefix: str, suffix: str) -> Path:
    """Write `content` whole to a new file named `prefix`...`suffix` in `directory`, flushed to
    disk and with the umask's permissions; its path. A failure leaves no file."""
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as partial:
            os.fchmod(partial.fileno(), file_mode())
            partial.write(content)
            partial.flush()
            os.fsync(partial.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


@cache
def file_mode() -> int:
    """0666 less the process umask: the mode a plain open() gives a new file."""
    return 0o666 & ~_umask()


def _umask() -> int:
    # /proc tells without changing it; os.umask can only read by setting, which races threads.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
