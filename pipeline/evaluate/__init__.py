"""Scorers behind `advice-pipeline eval ...` and `make bench`: each compares a stage with gold data."""
