"""Row builders and the writer on small hand-made records, without spaCy."""

import json
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from service.pipeline.claims.sources import SourceRegistry
from service.pipeline.db.corpus import CorpusTally, entity_rows, source_rows
from service.pipeline.db.rows import DocumentRows
from service.pipeline.db.schema import create_all
from service.pipeline.db.writer import Writer
from service.pipeline.records import (
    Analysis,
    AssembledDocument,
    Check,
    Claim,
    Contest,
    DateRecord,
    Document,
    DocumentBuild,
    Expression,
    Mention,
    Paragraph,
    Relation,
    Side,
    Source,
    Span,
)

SOURCE = "Ports\n\nTASS said the pier closed on 3 May 2021. Crews say it is open.\n"
BODY = "TASS said the pier closed on 3 May 2021. Crews say it is open."
IDS = ["p-000000000001", "p-000000000002"]
SOURCES = SourceRegistry(
    [Source("tass", "TASS", "news_agency", ["tass"]), Source("crews", "Crews", "group")]
)


def claim(claim_id: str, start: int, end: int, source: str, relations=()) -> Claim:
    return Claim(
        id=claim_id,
        document_id="ports",
        paragraph_id=IDS[1],
        quote=BODY[start:end],
        start=start,
        end=end,
        proposition=BODY[start:end],
        kind="statement",
        status="attributed",
        sources=[source],
        cue=Span(5, 9, "said"),
        hedges=[],
        link=False,
        relations=list(relations),
        origin="curated",
        contest_id="pier",
    )


@pytest.fixture
def document() -> AssembledDocument:
    metadata = {"url": None, "published": "2021-05", "published_inferred": False, "language": "en"}
    doc = Document("ports", Path("ports.txt"), SOURCE, "0" * 64, metadata, None)
    paragraphs = [
        Paragraph(0, 0, 5, "Ports", kind="title"),
        Paragraph(1, 7, 7 + len(BODY), BODY, section=None, links=[Span(0, 4, "TASS")]),
    ]
    mention = Mention(0, 4, "TASS", "ORG", "tass", "gazetteer")
    analyses = [Analysis([], [], [(0, 5)], []), Analysis([mention], [], [(0, 40), (41, 63)], [])]
    build = DocumentBuild(doc, paragraphs, IDS, ["p-00000000000f"], analyses)
    day = date(2021, 5, 3)
    expression = Expression(1, 29, 39, "3 May 2021", "DATE", "2021-05-03", None, day, day)
    record = DateRecord("t-000000000001", IDS[1], expression, None, BODY[:40])
    check = Check("c-000000000001", 1, "offset", ("t-000000000001",), "P1D", None, None, "x")
    closed = claim("closed", 10, 39, "tass", [Relation("contradicts", "open")])
    opened = claim("open", 51, 62, "crews", [Relation("contradicts", "closed")])
    contest = Contest(
        "pier", "Is the pier open?", (Side("Closed", ("closed",)), Side("Open", ("open",)))
    )
    return AssembledDocument(build, [record], [check], [closed, opened], [contest], 2)


def test_paragraph_rows_carry_their_entities_dates_and_claims(document):
    rows = DocumentRows(document, 10, {"tass": "TASS news agency"}, SOURCES)
    title, body = rows.paragraphs()
    assert (title["seq"], body["seq"], body["ordinal"]) == (10, 11, 1)
    detail = json.loads(body["detail_json"])
    assert detail["previous_id"] == IDS[0] and detail["next_id"] is None
    assert [e["name"] for e in detail["entities"]] == ["TASS news agency"]
    assert [d["value"] for d in detail["dates"]] == ["2021-05-03"]
    assert [c["id"] for c in detail["claims"]] == ["closed", "open"]
    assert json.loads(body["links"]) == [{"start": 0, "end": 4, "text": "TASS"}]


def test_claim_rows_relate_both_ways_and_keep_spans_inside_the_quote(document):
    rows = {r["id"]: r for r in DocumentRows(document, 0, {}, SOURCES).claim_rows()}
    closed = json.loads(rows["closed"]["detail_json"])
    assert [r["id"] for r in closed["related"]] == ["open"]
    assert [d["text"] for d in closed["dates"]] == ["3 May 2021"]
    assert closed["entities"] == []  # "TASS" lies outside the quote
    assert closed["sourcing"]["sources"] == [{"id": "tass", "name": "TASS", "type": "news_agency"}]
    assert (rows["closed"]["contested"], rows["closed"]["hedged"]) == (1, 0)


def test_contest_rows_group_claims_and_sources_by_side(document):
    [row] = DocumentRows(document, 5, {}, SOURCES).contest_rows()
    body = json.loads(row["json"])
    assert row["seq"] == 6
    assert [s["label"] for s in body["sides"]] == ["Closed", "Open"]
    assert [[src["id"] for src in s["sources"]] for s in body["sides"]] == [["tass"], ["crews"]]


def test_corpus_rows_count_mentions_and_claims_across_documents(document):
    tally = CorpusTally()
    tally.add(document)
    tally.add(document)
    [entity] = entity_rows(tally, {})
    assert (entity["id"], entity["mention_count"], entity["curated"]) == ("tass", 2, 0)
    counts = {r["id"]: r["claim_count"] for r in source_rows(SOURCES, tally)}
    assert counts == {"tass": 2, "crews": 2}


def test_the_writer_inserts_every_table_of_a_document(document):
    db = sqlite_utils.Database(memory=True)
    create_all(db)
    counts = Writer(db).write_document(DocumentRows(document, 0, {}, SOURCES))
    assert counts["paragraphs"] == 2 and counts["claims"] == 2 and counts["dates"] == 1
    assert counts["retired_paragraphs"] == 1 and counts["annotations"] >= 5
    for table, count in counts.items():
        assert db[table].count == count, table
    assert db.execute("SELECT count(*) FROM search WHERE search MATCH 'pier'").fetchone()[0] == 2
