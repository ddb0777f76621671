"""Writing a file whole or not at all: records and raw pages both go through here."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, content: bytes, *, temp_suffix: str = ".tmp") -> None:
    """Write `content` to a temporary file beside `target`, flush it to disk, then rename it
    over `target`, so a kill leaves the old file or the new one, never a torn one.

    `temp_suffix` names the temporary file, so a caller can find and remove leftovers.
    """
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=temp_suffix)
    try:
        with os.fdopen(handle, "wb") as partial:
            partial.write(content)
            partial.flush()
            os.fsync(partial.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
