"""What one build did: the summary line and the figures tests read."""

from dataclasses import dataclass, field


@dataclass
class BuildReport:
    """What one build did, for the summary line and for tests."""

    build_id: str = ""
    documents: int = 0
    paragraphs: int = 0
    words: int = 0
    kept: int = 0
    edited: int = 0
    revived: int = 0
    minted: int = 0
    retired: int = 0
    mentions: int = 0
    entities: int = 0
    claims: int = 0
    machine_claims: int = 0
    annotations: int = 0
    dates: int = 0
    checks: int = 0
    analysed: int = 0
    reused: int = 0
    changed_locks: list[str] = field(default_factory=list)
    revisions: list = field(default_factory=list)  # curated quotes re-anchored by similarity
    retired_documents: list[str] = field(default_factory=list)
    cross_relations: list = field(default_factory=list)  # between claims of two documents
    up_to_date: bool = False  # the database was already built from these inputs
    inputs: dict[str, str] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)  # documents published in place
    corpus: str = ""  # the hash of what every document is built against (see corpus_key)
    in_place: bool = False  # published into the served database, only the changed documents
    seconds: float = 0.0

    def summary(self) -> str:
        """Describe the build in one line."""
        if self.up_to_date:
            return (
                f"up to date: {self.build_id} was built from these inputs and this code "
                f"({self.documents} documents, {self.paragraphs} paragraphs); "
                f"0 documents analysed, {self.reused} reused, nothing written; "
                f"{self.seconds:.2f} s"
            )
        if self.in_place:
            return (
                f"published {self.build_id} in place: {self.documents} documents changed "
                f"({', '.join(self.changed) or 'none'}), {len(self.retired_documents)} retired; "
                f"{self.claims} claims, {len(self.cross_relations)} relations across documents "
                f"added; {self.analysed} documents analysed, {self.reused} reused; "
                f"{self.seconds:.2f} s"
            )
        return (
            f"built {self.build_id}: {self.documents} documents, {self.paragraphs} paragraphs; "
            f"IDs kept {self.kept} (edited {self.edited}), revived {self.revived}, "
            f"minted {self.minted}, retired {self.retired}; {self.mentions} mentions of "
            f"{self.entities} entities, {self.dates} dates, {self.checks} checks, "
            f"{self.claims} claims ({self.machine_claims} machine), "
            f"{len(self.cross_relations)} relations across documents; "
            f"{self.analysed} documents analysed, {self.reused} reused; "
            f"{self.seconds:.2f} s"
        )
