"""Files a build writes beside the annotations, moved into place only once it succeeds."""

import os
from pathlib import Path


class Staged:
    """Files the build writes beside the annotations, moved in only once it succeeds."""

    def __init__(self, write: bool):
        self.write = write
        self.paths: list[Path] = []

    def add(self, path: Path, text: str) -> None:
        """Stage a file's new text (with check, only note that it would change)."""
        self.paths.append(path)
        if self.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._pending(path).write_text(text, encoding="utf-8")

    def commit(self) -> None:
        """Move every staged file into place."""
        for path in self.paths:
            os.replace(self._pending(path), path)
        self.paths = []

    def discard(self) -> None:
        """Remove what a failed build staged."""
        for path in self.paths:
            self._pending(path).unlink(missing_ok=True)

    @staticmethod
    def _pending(path: Path) -> Path:
        return path.with_name(f".{path.name}.pending")
