"""`run --format jsonld`: schema.org JSON-LD that a JSON-LD processor (pyld) expands to the expected triples."""

import json
from collections import defaultdict

from click.testing import CliRunner
from pyld import jsonld

from pipeline.cli import cli
from pipeline.jsonld import to_jsonld

from corpus_files import REPO, SEED_PAGE

S = "https://schema.org/"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SEED_RECORD = json.loads((REPO / "tests" / "golden" / "corpus" / "enotalone-12-crucial-steps-to-get-your-ex-back.json")
                         .read_text(encoding="utf-8"))
ARTICLE = SEED_RECORD["canonical_url"]


def graph(document: dict) -> dict[str, dict[str, list]]:
    """Subject -> predicate -> objects (IRIs, blank nodes or literal values) of the expanded document."""
    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for quad in jsonld.to_rdf(document)["@default"]:
        obj = quad["object"]
        nodes[quad["subject"]["value"]][quad["predicate"]["value"]].append(obj["value"])
    return nodes


def of_type(nodes, kind: str) -> list[str]:
    return sorted((subject for subject, props in nodes.items() if S + kind in props[TYPE]), key=str)


def test_the_article_expands_to_schema_org_triples():
    nodes = graph(to_jsonld(SEED_RECORD))
    article = nodes[ARTICLE]
    assert article[TYPE] == [S + "Article"]
    assert article[S + "headline"] == ["12 Crucial Steps to Get Your Ex Back (Should You?)"]
    assert article[S + "url"] == [ARTICLE]
    assert article[S + "datePublished"] == ["2024-08-27"]
    assert [nodes[author][S + "name"] for author in article[S + "author"]] == [["Olivia Sanders"]]
    assert article[S + "articleBody"] == [SEED_RECORD["body_text"]]


def test_steps_are_how_to_steps_with_position_name_and_text():
    nodes = graph(to_jsonld(SEED_RECORD))
    (how_to,) = nodes[ARTICLE][S + "mainEntity"]
    assert nodes[how_to][TYPE] == [S + "HowTo"]
    steps = sorted(((int(nodes[s][S + "position"][0]), nodes[s][S + "name"][0], nodes[s][S + "text"][0])
                    for s in nodes[how_to][S + "step"]))
    assert all(S + "HowToStep" in nodes[s][TYPE] for s in nodes[how_to][S + "step"])
    assert steps == [(step["number"], step["title"], step["text"]) for step in SEED_RECORD["steps"]]


def test_quotes_are_quotations_with_a_person_creator():
    nodes = graph(to_jsonld(SEED_RECORD))
    quotations = nodes[ARTICLE][S + "hasPart"]
    assert sorted(nodes[q][TYPE][0] for q in quotations) == [S + "Quotation"] * len(SEED_RECORD["quotes"])
    quote = next(quote for quote in SEED_RECORD["quotes"] if quote["speaker"] == "Esther Perel")
    perel = [q for q in quotations if nodes[q][S + "text"] == [quote["text"]]]
    (creator,) = nodes[perel[0]][S + "creator"]
    assert (nodes[creator][TYPE], nodes[creator][S + "name"]) == ([S + "Person"], ["Esther Perel"])
    assert nodes[creator][S + "description"] == [quote["speaker_description"]]


def test_resources_are_cited_creative_works():
    nodes = graph(to_jsonld(SEED_RECORD))
    cited = nodes[ARTICLE][S + "citation"]
    assert len(cited) == len(SEED_RECORD["resources"])
    why_we_love = [c for c in cited if nodes[c][S + "name"] == ["Why We Love"]]
    (work,) = why_we_love
    assert nodes[work][TYPE] == [S + "CreativeWork"]
    assert nodes[work][S + "alternativeHeadline"] == ["The Nature and Chemistry of Romantic Love"]
    assert [nodes[a][S + "name"] for a in nodes[work][S + "author"]] == [["Helen Fisher"]]


def test_run_format_jsonld_writes_id_jsonld_files(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(SEED_PAGE), "-o", str(tmp_path), "--format", "jsonld"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    written = tmp_path / "12-crucial-steps-to-get-your-ex-back-should-you-eca7decf.jsonld"
    assert [path.name for path in tmp_path.glob("*.jsonld")] == [written.name]
    document = json.loads(written.read_text(encoding="utf-8"))
    assert (document["@type"], document["mainEntity"]["step"][0]["position"]) == ("Article", 1)
