"""Read what POST /v1/analyses and POST|PUT /v1/documents are sent: a JSON object, or a raw
text or page whose metadata comes as query parameters; refuse it with 415, 413 or 400 saying
why."""

import json

from flask import request
from marshmallow import ValidationError

from service.serve.args import (
    EMPTY_TEXT,
    AnalysisArgs,
    AnalysisBody,
    ArgsSchema,
    load_args,
)
from service.serve.errors import (
    MalformedBody,
    PayloadTooLarge,
    UnanalysableText,
    UnsupportedMediaType,
)
from service.serve.raw_body import raw_body

JSON = "application/json"
RAW = {"text/plain": "text", "text/html": "html"}  # a raw body's media type, and what it is
ACCEPTED = ", ".join([JSON, *RAW])


def read_submission(
    max_bytes: int, what: str = "A text to analyse", options: type[ArgsSchema] | None = None
) -> dict:
    """Return the text or page sent and its metadata, checked; `what` names it in errors.
    With `options`, the query arguments it names come back too, whatever the body."""
    kind = request.mimetype
    if kind != JSON and kind not in RAW:
        raise UnsupportedMediaType(
            f"{what} is sent as {ACCEPTED}, not {kind or 'no Content-Type'}.",
            headers={"Accept-Post": ACCEPTED},
        )
    raw = _read(max_bytes, what)
    if kind == JSON:
        # the metadata is in the body: the query holds only the options, if any
        chosen = load_args((options or ArgsSchema)(), request.args)
        return {**_load(_json_object(raw), what), **chosen}
    # The metadata and the options, both from the query: one schema of their fields.
    schema = type("Query", (AnalysisArgs, options), {}) if options else AnalysisArgs
    query = load_args(schema(), request.args)
    chosen = {name: query.pop(name) for name in (options().fields if options else ())}
    return {**_load({**query, RAW[kind]: _decode(raw)}, what), **chosen}


def _read(max_bytes: int, what: str) -> bytes:
    """Read the body, refusing one over max_bytes before reading it where its length is
    given, and one byte past the limit where it is not."""
    too_large = PayloadTooLarge(f"{what} may take at most {max_bytes} bytes.")
    if (request.content_length or 0) > max_bytes:
        raise too_large
    raw = raw_body(max_bytes)
    if len(raw) > max_bytes:
        raise too_large
    return raw


def _json_object(raw: bytes) -> dict:
    """Parse a JSON body that must be an object."""
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise MalformedBody(
            f"The body is not JSON: {str(error)[:200]}.", errors={"body": ["Not valid UTF-8 JSON."]}
        ) from None
    if not isinstance(value, dict):
        raise MalformedBody(
            f"The body is a JSON object, not {type(value).__name__}.",
            errors={"body": ['Must be a JSON object such as {"text": "..."}.']},
        )
    return value


def _decode(raw: bytes) -> str:
    """Decode a raw body in the charset its Content-Type names, UTF-8 by default."""
    charset = request.mimetype_params.get("charset", "utf-8")
    try:
        return raw.decode(charset)
    except (UnicodeDecodeError, LookupError):
        raise MalformedBody(
            f"The body is not {charset[:40]} text.", errors={"body": [f"Not {charset[:40]} text."]}
        ) from None


def _load(values: dict, what: str) -> dict:
    """Check the text and its metadata, naming each bad member; a well-formed request whose
    text is empty is a 422, as one with no article in it is: there is nothing to analyse."""
    try:
        return AnalysisBody().load(values)
    except ValidationError as error:
        members = error.messages_dict
        if members and all(
            key in ("text", "html") and messages == [EMPTY_TEXT]
            for key, messages in members.items()
        ):
            raise UnanalysableText(f"{what} is empty: there is nothing in it.") from None
        raise MalformedBody("The text or its metadata is not valid.", errors=members) from None


def _refuse_constant(name: str):
    """Refuse NaN and Infinity, which JSON does not have."""
    raise ValueError(f"{name} is not JSON")
