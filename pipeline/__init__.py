"""advice-pipeline: turn self-help and advice articles into structured, schema-validated JSON."""

__version__ = "0.1.0"
