"""Scorers behind `advice-pipeline eval ...` and `make bench`: each compares a stage with gold data.

Their gold data lives in the checkout (`corpus/`) and beside it (`../shared/`), so the defaults are
found from the package's own place, not from the working directory.
"""

from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
SHARED = CHECKOUT.parent / "shared"
