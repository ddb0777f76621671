"""`python -m pipeline.tag.train`: retrain the shipped advice detector (what `make train` runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.tag.detector import PACKAGED_MODEL
from pipeline.tag.train.driver import train_detector


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.tag.train", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/advice-emnlp2020"))
    parser.add_argument("--labels", type=Path, default=Path("corpus/labels/article_sentences.jsonl"))
    parser.add_argument("--out", type=Path, default=PACKAGED_MODEL)
    parser.add_argument("--max-steps", type=int, default=None)
    args = parser.parse_args(argv)
    labels = args.labels if args.labels.exists() else None
    try:
        result = train_detector(args.data, args.out, labels=labels, max_steps=args.max_steps)
    except PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"trained on {result.train_sentences} sentences; threshold {result.threshold:.3f} "
        f"(dev F1 {result.dev_f1:.3f} on {result.dev_sentences}); saved to {result.output}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
