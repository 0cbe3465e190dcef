"""Check a text sent to POST or PUT /v1/documents as `claims add` would, before it is queued.

`service.create_app` hands an `Intake` to the server, which never imports the build: what
the publisher would refuse (no article in a page, a text not in English, metadata a
document may not have, a text too long) is refused in the request, and nothing is kept.
"""

import hashlib

from marshmallow import ValidationError

from service.analysis import check_length, document_id, max_chars, sentence, text_and_metadata
from service.serve.annotations.userstore.jobs import Submission
from service.serve.errors import UnanalysableText

# The members of a submission that `claims add` reads again when the job is published.
KEPT = ("text", "html", "title", "author", "publisher", "published", "url")


class Intake:
    """Turn a submitted text or page into a checked submission, named as `claims add` names it."""

    def __init__(self, settings: dict):
        self.max_chars = max_chars(settings)

    def __call__(self, submitted: dict) -> Submission:
        """Check what was sent and name its document; 413 or 422 when it would be refused."""
        from service.pipeline.inputs import MetadataSchema
        from service.pipeline.language import ANALYSED, detect, not_analysed

        text, metadata = text_and_metadata(submitted)
        check_length(text, self.max_chars, "A document's text")
        language = detect(text)
        if language != ANALYSED:
            raise UnanalysableText(sentence(not_analysed(language)), extra={"language": language})
        try:
            MetadataSchema().load(metadata)
        except ValidationError as error:
            key, reasons = next(iter(error.messages_dict.items()))
            raise UnanalysableText(f"The page's {key} cannot be kept: {reasons}.") from None
        kept = {key: submitted[key] for key in KEPT if submitted.get(key)}
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return Submission(document_id(submitted, metadata, text), kept, sha256)
