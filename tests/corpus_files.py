"""Where the bundled corpus and the test data live, for every test module to import."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
DATA = Path(__file__).resolve().parent / "data"
SEED_PAGE = CORPUS / "enotalone-12-crucial-steps-to-get-your-ex-back.html"
