"""Write the corpus database: each document's rows as it streams in, then the rows counted
across documents, the relations between them and what the build was made from."""

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from service.journal import settle
from service.pipeline.claims.across import Pairing
from service.pipeline.claims.sources import SourceRegistry
from service.pipeline.db.corpus import CorpusTally, entity_rows, entity_search_rows, source_rows
from service.pipeline.db.links import link_across
from service.pipeline.db.positions import first_position
from service.pipeline.db.rows import DocumentRows
from service.pipeline.db.schema import create_all
from service.pipeline.db.signature_rows import signature_rows, story_row
from service.pipeline.db.writer import Writer
from service.pipeline.inputs import BuildError
from service.pipeline.report import BuildReport
from service.pipeline.retire import RetiredDocument, gone_rows
from service.pipeline.versions import SCHEMA_VERSION, model_version


@dataclass
class Corpus:
    """What every document is written against: curated entities and the sources."""

    entities: dict[str, dict]
    sources: SourceRegistry
    retired: list[RetiredDocument] = field(default_factory=list)


def temp_path(db_path: Path, pid: int) -> Path:
    """Name the file a build by process `pid` writes before renaming it to db_path."""
    return db_path.with_name(f".{db_path.name}.{pid}.tmp")


def write_atomically(db_path, assembled, corpus: Corpus, report, digest, model) -> None:
    """Write the database beside its final path, then rename it into place."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path(db_path, os.getpid())
    try:
        db = _empty_database(temp)
        writer = Writer(db)
        with db.conn:
            db.conn.execute("BEGIN")  # one transaction from the first row to the last
            tally, pairing = _write_documents(writer, assembled, corpus, report)
            _write_corpus(writer, tally, corpus, report)
            _relate_across(db, writer, pairing, tally, report)
            report.build_id = digest.hexdigest()[:16]
            insert_meta(writer, report, model)
        db.conn.execute("ANALYZE")
        db.close()
        # A journal left by a publisher killed mid-change would be rolled back into the
        # new file, which shares its name: roll it back into the old one first.
        settle(db_path)
        os.replace(temp, db_path)
    finally:
        temp.unlink(missing_ok=True)


def _empty_database(path) -> sqlite_utils.Database:
    """Create the database afresh with every table, unjournaled: it is renamed into place
    only once whole."""
    db = sqlite_utils.Database(path, recreate=True)
    db.conn.execute("PRAGMA journal_mode = OFF")
    db.conn.execute("PRAGMA synchronous = OFF")
    # Every document's rows go into a dozen indexes: 16 MiB of page cache, not the
    # default 2, saves reading their pages again, at a bounded cost in memory.
    db.conn.execute("PRAGMA cache_size = -16384")
    create_all(db)
    return db


def _write_documents(
    writer: Writer, assembled, corpus: Corpus, report
) -> tuple[CorpusTally, Pairing]:
    """Write each document's rows as it comes, keeping what the rows counted across
    documents and the pairing of their claims need of it; return those two."""
    tally, pairing = CorpusTally(), Pairing()
    names = {entity_id: entity["name"] for entity_id, entity in corpus.entities.items()}
    contest_ids: set[str] = set()
    for ordinal, document in enumerate(assembled):
        _keep_contest_ids(document, contest_ids)
        rows = DocumentRows(document, first_position(ordinal), names, corpus.sources)
        counts = writer.write_document(rows)
        signatures = pairing.add_document(document, rows.claim_entities, corpus.sources)
        writer.insert("signatures", signature_rows(signatures))
        writer.insert("stories", [story_row(document.id, pairing.stories[document.id])])
        tally.add(document)
        count_document(report, document, counts)
        document.build.release()
    return tally, pairing


def _keep_contest_ids(document, contest_ids: set[str]) -> None:
    """Add a document's contest ids to those taken, failing on one another document uses."""
    for contest in document.contests:
        if contest.id in contest_ids:
            raise BuildError(
                document.id, None, f"contest id '{contest.id}' is used by two documents"
            )
        contest_ids.add(contest.id)


def _write_corpus(writer: Writer, tally: CorpusTally, corpus: Corpus, report) -> None:
    """Write the rows counted across documents: entities, sources and retired documents."""
    entities = entity_rows(tally, corpus.entities)
    writer.insert("entities", entities)
    writer.insert_search(entity_search_rows(entities))
    writer.insert("sources", source_rows(corpus.sources, tally))
    writer.insert("gone", gone_rows(corpus.retired))
    report.entities = len(entities)


def _relate_across(db, writer: Writer, pairing: Pairing, tally: CorpusTally, report) -> None:
    """Pair the claims of different documents and write the relations into both."""
    report.cross_relations = pairing.relations()
    report.annotations += link_across(db, writer, report.cross_relations, tally.titles)


def count_document(report: BuildReport, document, counts: dict[str, int]) -> None:
    """Add what one document wrote to the report, and its re-anchored curated quotes."""
    report.revisions.extend(document.quote_revisions)
    report.words += sum(len(p.served_text.split()) for p in document.build.paragraphs)
    report.mentions += counts["mentions"]
    report.dates += counts["dates"]
    report.checks += counts["checks"]
    report.claims += counts["claims"]
    report.machine_claims += counts["claims"] - document.curated_claims
    report.annotations += counts["annotations"]


def insert_meta(writer: Writer, report: BuildReport, model: str) -> None:
    """Record what the build was made from."""
    values = {
        "build_id": report.build_id,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_version": SCHEMA_VERSION,
        "model": model,
        "model_version": model_version(model) or "",
        "inputs": json.dumps(report.inputs, sort_keys=True),
        "corpus": report.corpus,
    }
    if report.in_place:
        values["placed"] = ",".join(report.changed)  # the last change published in place
    writer.insert("meta", [{"key": k, "value": v} for k, v in values.items()])
