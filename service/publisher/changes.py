"""A job's change to the corpus of record, made by `claims add` and `claims remove` themselves,
and the files it touches as they were before, so that a failed job can be undone."""

import os
import tempfile
from pathlib import Path

from service.corpus.add import add_document
from service.corpus.errors import CorpusError
from service.corpus.remove import remove_document
from service.pipeline.retire import tombstone_path
from service.serve.annotations.userstore.jobs import Job

METADATA = ("title", "author", "publisher", "published", "url")  # `claims add` options


def files_of(document_id: str, source_dir: Path, annotations_dir: Path) -> dict[str, Path]:
    """Name the files a job on a document may write or delete."""
    return {
        "text": source_dir / f"{document_id}.txt",
        "metadata": source_dir / f"{document_id}.yaml",
        "tombstone": tombstone_path(annotations_dir, document_id),
    }


def snapshot(files: dict[str, Path]) -> dict[str, str | None]:
    """Read each file as it is now (None where there is none)."""
    return {
        # As bytes decoded, not read as text: reading text would translate line endings.
        name: path.read_bytes().decode("utf-8") if path.exists() else None
        for name, path in files.items()
    }


def restore(files: dict[str, Path], kept: dict[str, str | None]) -> None:
    """Put each file back as a snapshot kept it: written whole, or deleted."""
    for name, path in files.items():
        text = kept.get(name)
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.restore")
        temp.write_bytes(text.encode("utf-8"))
        os.replace(temp, path)


def apply(job: Job, source_dir: Path, annotations_dir: Path, db_path: Path) -> None:
    """Make the job's change to the files, or raise CorpusError saying why it cannot be made."""
    if job.action == "retire":
        remove_document(
            job.document_id, source_dir, annotations_dir, db_path, job.payload["reason"]
        )
        return
    files = files_of(job.document_id, source_dir, annotations_dir)
    if job.action == "revise":
        if not files["text"].exists():
            raise CorpusError(f"no document '{job.document_id}' in the corpus to revise")
        # `claims add` writes the new text in its place, checked as a new one is.
        files["text"].unlink()
        files["metadata"].unlink(missing_ok=True)
    _add(job, source_dir, annotations_dir)


def _add(job: Job, source_dir: Path, annotations_dir: Path) -> None:
    """Hand the text or page sent to `claims add`, as a file named for its document."""
    submitted = job.payload["submitted"]
    options = {key: submitted.get(key) for key in METADATA}
    options["id"] = job.document_id
    page = "html" in submitted
    with tempfile.TemporaryDirectory(prefix="claims-publish-") as folder:
        location = Path(folder) / f"{job.document_id}.{'html' if page else 'txt'}"
        location.write_bytes(submitted["html" if page else "text"].encode("utf-8"))
        try:
            add_document(str(location), source_dir, annotations_dir, options)
        except CorpusError as error:
            # The temporary file's name means nothing to whoever sent the text.
            raise CorpusError(str(error).replace(str(location), "the text sent")) from None
