"""`python -m pipeline.tag.train`: retrain the shipped advice detector (what `make train` runs).

With --accurate it instead fits the accurate mode's weights (needs the `accurate` extra), on top
of the n-gram detector already in the package; with --types it trains the advice type classifier
from the typed sentences of the --labels directory.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.settings import Settings
from pipeline.tag.detector import PACKAGED_MODEL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.tag.train", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/advice-emnlp2020"))
    parser.add_argument("--labels", type=Path, default=Path("corpus/labels"),
                        help="labelled page sentences: a JSON Lines file or the corpus/labels directory")
    parser.add_argument("--out", type=Path, default=None, help="default: the packaged model's place")
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--accurate", action="store_true", help="fit the accurate mode's weights")
    parser.add_argument("--types", action="store_true", help="train the type classifier (--labels: a directory)")
    args = parser.parse_args(argv)
    labels = args.labels if args.labels.exists() else None
    try:
        if args.types:
            line = _train_types(args)
        else:
            line = _train_accurate(args, labels) if args.accurate else _train_detector(args, labels)
    except PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    print(line, file=sys.stderr)
    return 0


def _train_detector(args: argparse.Namespace, labels: Path | None) -> str:
    from pipeline.tag.train.driver import train_detector

    result = train_detector(
        args.data, args.out or PACKAGED_MODEL, Settings.from_env(), labels=labels, max_steps=args.max_steps
    )
    return (f"trained on {result.train_sentences} sentences; threshold {result.threshold:.3f} "
            f"(dev F1 {result.dev_f1:.3f} on {result.dev_sentences}); saved to {result.output}")


def _train_types(args: argparse.Namespace) -> str:
    from pipeline.tag.nlp import load_nlp
    from pipeline.tag.train.types import train_types
    from pipeline.tag.type_classifier import PACKAGED_MODEL as PACKAGED_TYPES

    output = args.out or PACKAGED_TYPES
    count = train_types(args.labels, output, load_nlp(Settings.from_env(), typed=False))
    return f"type classifier trained on {count} typed advice sentences; saved to {output}"


def _train_accurate(args: argparse.Namespace, labels: Path | None) -> str:
    from pipeline.tag.accurate import PACKAGED_WEIGHTS
    from pipeline.tag.train.accurate import train_accurate

    result = train_accurate(args.data, args.out or PACKAGED_WEIGHTS, Settings.from_env(), labels=labels)
    return (f"mix {result.mix:.1f}, threshold {result.threshold:.3f} (dev F1 {result.dev_f1:.3f}); "
            f"saved to {result.output}")


if __name__ == "__main__":
    sys.exit(main())
