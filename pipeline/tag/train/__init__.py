"""Training the advice detector the spaCy way: a config, DocBins, spaCy's training loop.

`train_detector(data_dir, output, settings, labels=...)` reproduces the shipped model; `make train` runs it
through `python -m pipeline.tag.train`.
"""

from pipeline.tag.train.driver import TrainingResult, fit, train_detector

__all__ = ["TrainingResult", "fit", "train_detector"]
