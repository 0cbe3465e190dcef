"""Short texts to add to a corpus, written where a test wants them, and the files a corpus
holds, to prove what a command wrote or left alone."""

from pathlib import Path

import yaml

# Short English news texts: a title, then three or four sentences.
HARBOUR = (
    "Harbour dredging to start in May\n\n"
    "The harbour master said on Tuesday that dredging would start in May. "
    "The port authority reported that the work would cost four million pounds. "
    "Local fishermen disputed that figure, according to the Coastal Courier.\n"
)
MILL = (
    "The mill will stay open\n\n"
    "The owner of the mill said on Monday that it would stay open through the winter. "
    "Workers welcomed the news, the union said. "
    "The county had warned in March that the mill could close.\n"
)
LIBRARY = (
    "Library hours cut after budget vote\n\n"
    "The town council voted on Thursday to cut the library's opening hours. "
    "The librarian said the change would hurt students most. "
    "A council spokesman said the savings were needed to balance the budget.\n"
)
FRENCH = (
    "Le port sera dragué en mai\n\n"
    "Le capitaine du port a déclaré mardi que les travaux de dragage commenceraient en mai. "
    "Les pêcheurs ont contesté ce chiffre, selon le journal local.\n"
)


def write_text(folder: Path, name: str, text: str, metadata: dict | None = None) -> Path:
    """Write a text (and, given metadata, the `<stem>.yaml` beside it); return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if metadata is not None:
        path.with_suffix(".yaml").write_text(yaml.safe_dump(metadata), encoding="utf-8")
    return path


def files_under(*folders: Path) -> dict[str, bytes]:
    """Every file under the folders with its bytes."""
    return {
        str(path): path.read_bytes()
        for folder in folders
        if folder.exists()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def metadata_of(source_dir: Path, doc_id: str) -> dict:
    """Read the metadata `claims add` wrote for a document."""
    return yaml.safe_load((source_dir / f"{doc_id}.yaml").read_text(encoding="utf-8"))
