"""Response shapes: marshmallow schemas the build dumps JSON through and the API serves.

Most JSON is dumped once, at build time, and served as stored; the few shapes the API
renders per request (documents, entities, search hits) are dumped here too, so that
one module says what every response looks like.
"""

from marshmallow import Schema, fields


class SpanSchema(Schema):
    """Words in a text: a link marker, a cue, a hedge, a search match."""

    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()


class CueSchema(SpanSchema):
    """A claim's reporting words, in the paragraph whose text its offsets index."""

    paragraph_id = fields.String()


class LinkSchema(SpanSchema):
    """Words the author linked, with the target when it is known."""

    href = fields.String(allow_none=True)


class ParagraphSchema(Schema):
    """A paragraph as served."""

    id = fields.String()
    document_id = fields.String()
    ordinal = fields.Integer()
    kind = fields.String()
    section = fields.String(allow_none=True)
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()
    links = fields.List(fields.Nested(LinkSchema))
    dateline = fields.Nested(SpanSchema, allow_none=True)
    fragment_url = fields.String(allow_none=True)


class ParagraphEntitySchema(Schema):
    """An entity mention inside a paragraph; offsets index the paragraph text."""

    entity_id = fields.String()
    name = fields.String()
    label = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()


class ParagraphDateSchema(Schema):
    """A temporal expression inside a paragraph; offsets index the paragraph text."""

    id = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()
    type = fields.String()
    value = fields.String(allow_none=True)


class ParagraphDetailSchema(ParagraphSchema):
    """A paragraph with its neighbours, entities and dates."""

    previous_id = fields.String(allow_none=True)
    next_id = fields.String(allow_none=True)
    entities = fields.List(fields.Nested(ParagraphEntitySchema))
    dates = fields.List(fields.Nested(ParagraphDateSchema))
    claims = fields.List(fields.Nested("ParagraphClaimSchema"))


class EntitySchema(Schema):
    """A canonical entity with its mention counts."""

    id = fields.String()
    name = fields.String()
    label = fields.String()
    description = fields.String(allow_none=True)
    aliases = fields.List(fields.String())
    curated = fields.Boolean()
    mention_count = fields.Integer()
    paragraph_count = fields.Integer()


class MentionSchema(Schema):
    """Where an entity is mentioned; offsets index the paragraph text."""

    paragraph_id = fields.String()
    document_id = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()


class EntityDetailSchema(EntitySchema):
    """An entity with its first mentions and claims, their counts and where the rest are."""

    mentions = fields.List(fields.Nested(MentionSchema))
    mentions_url = fields.String()
    claim_ids = fields.List(fields.String())
    claim_count = fields.Integer()
    claims_url = fields.String()


class DateSchema(Schema):
    """A normalised temporal expression (TIMEX3 style)."""

    id = fields.String()
    document_id = fields.String()
    paragraph_id = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()
    type = fields.String()
    value = fields.String(allow_none=True)
    mod = fields.String(allow_none=True)
    earliest = fields.String(allow_none=True)
    latest = fields.String(allow_none=True)
    anchor = fields.String(allow_none=True)
    sentence = fields.String()
    unresolved = fields.String(allow_none=True)
    duration = fields.String(allow_none=True)


class TimelineEntrySchema(Schema):
    """A dated event: the sentence around a date, in chronological order."""

    date_id = fields.String()
    document_id = fields.String()
    paragraph_id = fields.String()
    text = fields.String()
    value = fields.String(allow_none=True)
    mod = fields.String(allow_none=True)
    earliest = fields.String()
    latest = fields.String()
    event = fields.String()


class CheckSchema(Schema):
    """A consistency check between a stated duration or offset and the dates given."""

    id = fields.String()
    document_id = fields.String()
    kind = fields.String()
    expressions = fields.List(fields.String())
    stated = fields.String()
    computed = fields.String(allow_none=True)
    agrees = fields.Boolean(allow_none=True)
    detail = fields.String()


class SourceRefSchema(Schema):
    """A source named on a claim."""

    id = fields.String()
    name = fields.String()
    type = fields.String()


class SourcingOutSchema(Schema):
    """A claim's sourcing as served."""

    status = fields.String()
    sources = fields.List(fields.Nested(SourceRefSchema))
    cue = fields.Nested(CueSchema, allow_none=True)
    hedges = fields.List(fields.Nested(SpanSchema))
    link = fields.Boolean()
    link_url = fields.String(allow_none=True)


# A relation a person read in the text: no evidence to give but their reading.
CURATED_REASON = {"kind": "curated", "entities": [], "words": []}


class RelationOutSchema(Schema):
    """A relation from one claim to another, and why."""

    type = fields.String()
    claim_id = fields.String()
    reason = fields.Method("_reason")

    def _reason(self, relation) -> dict:
        """The machine's reason, or the curator's reading for a curated relation."""
        reason = relation.get("reason") if isinstance(relation, dict) else relation.reason
        return reason or CURATED_REASON


class ClaimSchema(Schema):
    """A claim with its sourcing status."""

    id = fields.String()
    document_id = fields.String()
    paragraph_id = fields.String()
    quote = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    proposition = fields.String()
    kind = fields.String()
    sourcing = fields.Nested(SourcingOutSchema)
    hedged = fields.Boolean()
    contested = fields.Boolean()
    relations = fields.List(fields.Nested(RelationOutSchema))
    contest_id = fields.String(allow_none=True)
    origin = fields.String()
    note = fields.String(allow_none=True)
    fragment_url = fields.String(allow_none=True)


class ClaimParagraphSchema(Schema):
    """The paragraph around a claim."""

    id = fields.String()
    section = fields.String(allow_none=True)
    text = fields.String()


class RelatedClaimSchema(ClaimSchema):
    """A claim related to another, with its document's title and its paragraph's URL."""

    document_title = fields.String(allow_none=True)
    paragraph_url = fields.String()


class ClaimDetailSchema(ClaimSchema):
    """A claim in context: its paragraph, the entities and dates in it, related claims."""

    paragraph = fields.Nested(ClaimParagraphSchema)
    entities = fields.List(fields.Nested(ParagraphEntitySchema))
    dates = fields.List(fields.Nested(ParagraphDateSchema))
    related = fields.List(fields.Nested(RelatedClaimSchema))


class SourceSchema(Schema):
    """Who claims things, and how many claims they make."""

    id = fields.String()
    name = fields.String()
    type = fields.String()
    description = fields.String(allow_none=True)
    entities = fields.List(fields.String())
    curated = fields.Boolean()
    claim_count = fields.Integer()


class SourceDocumentSchema(Schema):
    """A document a source is cited in, and how many of its claims are the source's."""

    id = fields.String()
    title = fields.String(allow_none=True)
    claim_count = fields.Integer()


class SourceDetailSchema(SourceSchema):
    """A source with the documents it is cited in and a link to its claims."""

    document_count = fields.Integer()
    documents = fields.List(fields.Nested(SourceDocumentSchema))
    claims_url = fields.String()


class SideSchema(Schema):
    """One side of a contest."""

    label = fields.String()
    claims = fields.List(fields.Nested(ClaimSchema))
    sources = fields.List(fields.Nested(SourceRefSchema))


class ContestSchema(Schema):
    """A question two or more accounts answer differently."""

    id = fields.String()
    document_id = fields.String()
    question = fields.String()
    sides = fields.List(fields.Nested(SideSchema))
    origin = fields.String()


class ParagraphClaimSchema(Schema):
    """A claim inside a paragraph, in brief."""

    id = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    status = fields.String()
    kind = fields.String()
    contested = fields.Boolean()
    origin = fields.String()


class SearchHitSchema(Schema):
    """One search result."""

    type = fields.String(attribute="kind")
    id = fields.String(attribute="ref_id")
    document_id = fields.String(allow_none=True)
    paragraph_id = fields.String(allow_none=True)
    score = fields.Method("get_score")
    title = fields.String()
    text = fields.String()
    snippet = fields.String()
    matches = fields.List(fields.Nested(SpanSchema))
    title_matches = fields.List(fields.Nested(SpanSchema))

    def get_score(self, row) -> float:
        """Report bm25 relevance as a positive number: higher is better."""
        return round(-row["rank"], 6)


class DocumentSchema(Schema):
    """A document's metadata, checksums and counts."""

    id = fields.String()
    title = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    author = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    published = fields.String(allow_none=True)
    published_inferred = fields.Boolean()
    published_basis = fields.String(allow_none=True)
    language = fields.String()
    source_file = fields.String()
    sha256 = fields.String()
    chars = fields.Integer()
    paragraph_count = fields.Integer()
    kind_counts = fields.Dict(keys=fields.String(), values=fields.Integer())
