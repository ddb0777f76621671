"""Package metadata users and tools read: an SPDX license, classifiers, project URLs, py.typed."""

from __future__ import annotations

import re
import tomllib

import pipeline

from corpus_files import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_license_is_an_spdx_expression_with_a_setuptools_that_reads_it():
    assert PROJECT["project"]["license"] == "MIT"
    assert not any(classifier.startswith("License ::") for classifier in PROJECT["project"]["classifiers"])
    [setuptools] = [req for req in PROJECT["build-system"]["requires"] if req.startswith("setuptools")]
    assert int(re.search(r">=(\d+)", setuptools)[1]) >= 77


def test_classifiers_and_urls_are_there():
    classifiers = PROJECT["project"]["classifiers"]
    assert {"Typing :: Typed", "Programming Language :: Python :: 3.11", "Environment :: Console"} <= set(classifiers)
    assert set(PROJECT["project"]["urls"]) >= {"Homepage", "Documentation", "Source", "Issues"}
    assert all(url.startswith("https://") for url in PROJECT["project"]["urls"].values())


def test_the_package_says_it_is_typed():
    assert (REPO / "pipeline" / "py.typed").is_file()
    assert "py.typed" in PROJECT["tool"]["setuptools"]["package-data"]["pipeline"]
    assert pipeline.extract.__annotations__["return"] == "ArticleRecord"
