PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: fuzz run report test golden bench bench-batch bench-clean bench-parse bench-tag bench-validate train train-accurate study-types eval clean-output

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/advice-pipeline run corpus/ -o output/

# A browsable HTML review of what `make run` wrote: open output/report/index.html.
report: $(STAMP)
	$(BIN)/advice-pipeline report output/ -o output/report

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Write the corpus pages' golden records (tests/golden/corpus/) again, on purpose: after a change
# to clean, segment or tag that tests/test_golden.py reports, check `git diff tests/golden/`.
golden: $(STAMP)
	$(BIN)/python tests/golden_records.py

# Property-based fuzzing, long (tests/test_fuzz.py runs a few examples in `make test`): clean,
# segment, tag, page reading, validate, classify and the fetch URL parser each get FUZZ_EXAMPLES
# generated and mutated inputs; hypothesis keeps failures under .hypothesis/ to replay them.
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-300} $(BIN)/python -m pytest -q tests/test_fuzz.py

bench: bench-clean bench-tag bench-batch

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $(BENCH_STAMP)

# run at --jobs 1 and 2 beside the naive stack (trafilatura, the full en_core_web_sm, textacy's
# direct_quotations) on 1,000 inputs from the ScrapingHub and WCXB dev pages of ../shared/bench,
# ratios per round (medians of 3), then peak memory per worker at 1,000 and 5,000 inputs. BLAS threads
# off, so every process uses one core. Takes about half an hour on a quiet 2-core machine.
bench-batch: $(BENCH_STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 $(BIN)/python -m pipeline.evaluate.batch

# Our clean stage against trafilatura on the WCXB dev pages and the ScrapingHub pages
# (../shared/bench/wcxb-dev-articles, ../shared/bench/scrapinghub); the test extra brings trafilatura.
bench-clean: $(STAMP)
	$(BIN)/advice-pipeline eval clean

# Why lxml.html and not BeautifulSoup: ms per page to build a tree (BeautifulSoup with
# html.parser and with lxml, lxml.html) beside trafilatura's and our whole extraction, on the
# ScrapingHub pages, one core, median of 5 rounds taken in turns.
bench-parse: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	OMP_NUM_THREADS=1 $$(command -v taskset >/dev/null && echo taskset -c 0) $(BIN)/python -m pipeline.evaluate.parsers

# Tagging words/s on the corpus pages, one core (BLAS threads off, pinned when taskset exists),
# beside the full spaCy model in the same run.
bench-tag: $(STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
		$$(command -v taskset >/dev/null && echo taskset -c 0) $(BIN)/python -m pipeline.tag.bench

# validate's MB/s on copies of the seed page's record (one core) beside the jsonschema check it
# replaced, its peak memory on a 2 GiB .jsonl generated under /tmp (removed afterwards), and the
# check's share of run's time per corpus page. A benchmark, not a test.
bench-validate: $(STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
		$$(command -v taskset >/dev/null && echo taskset -c 0) $(BIN)/python -m pipeline.evaluate.validate_bench

# Retrain the shipped advice detector (pipeline/tag/data/advice_detector) from the Reddit advice
# corpus (../shared/data/advice-emnlp2020: train split; checkpoint and threshold from dev) and the
# labelled page sentences of corpus/labels (every labelled page); then the type classifier (pipeline/tag/data/advice_type_classifier)
# from every typed sentence of corpus/labels, tagged by the new detector's pipeline.
train: $(STAMP)
	$(BIN)/python -m pipeline.tag.train --data ../shared/data/advice-emnlp2020 \
		--labels corpus/labels --out pipeline/tag/data/advice_detector
	$(BIN)/python -m pipeline.tag.train --types --labels corpus/labels \
		--out pipeline/tag/data/advice_type_classifier

# The optional accurate mode (sentence embeddings + cues, mixed with the detector above); needs
# pip install -e '.[accurate]' and runs after `make train`.
train-accurate: $(STAMP)
	$(BIN)/python -m pipeline.tag.train --accurate --data ../shared/data/advice-emnlp2020 \
		--labels corpus/labels/article_sentences.jsonl

# Cue rules against trained advice-type classifiers (lemma n-grams, mixed with the cues, step-title
# context), cross-validated by page on the labelled article sentences, beside a second annotator's
# agreement with the labels; see pipeline/tag/type_study.py.
study-types: $(STAMP)
	$(BIN)/python -m pipeline.tag.type_study --labels corpus/labels/article_sentences.jsonl \
		--second-annotator corpus/labels/article_types_second_annotator.jsonl

# Every stage against its gold data: segment on corpus/, tag on the Reddit splits and the
# labelled article sentences; the clean stage's figures come from bench-clean.
eval: $(STAMP)
	$(BIN)/advice-pipeline eval segment
	$(BIN)/advice-pipeline eval tag

clean-output:
	rm -f output/*.json output/*.jsonl
