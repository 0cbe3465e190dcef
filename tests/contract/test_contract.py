"""The contract: openapi.yaml is valid, matches the routes, and the app keeps to it."""

import copy
import re

import jsonschema
import pytest
import schemathesis
import yaml
from openapi_spec_validator import validate

from service import create_app
from service.serve.database import search
from service.serve.errors import InvalidParameters
from tests.support.corpus import ROOT

SPEC = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))


def flask_paths(app) -> set[str]:
    """Return the app's routes written as OpenAPI paths."""
    return {
        re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
    }


def resolve(node):
    """Follow local $refs through the spec."""
    while isinstance(node, dict) and "$ref" in node:
        target = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def json_examples():
    """Yield (operation, status, schema, example) for every JSON example in the spec."""
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                for media, content in resolve(response).get("content", {}).items():
                    if "json" not in media:
                        continue
                    examples = [content["example"]] if "example" in content else []
                    examples += [resolve(e)["value"] for e in content.get("examples", {}).values()]
                    for example in examples:
                        yield f"{method.upper()} {path} {status}", content["schema"], example


def test_openapi_file_is_valid_openapi_31():
    validate(SPEC)
    assert SPEC["openapi"].startswith("3.1")


def test_every_route_is_in_the_contract_and_every_path_is_served(app):
    assert flask_paths(app) == set(SPEC["paths"])


def test_every_operation_has_a_summary_description_and_example():
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary") and operation.get("description"), (method, path)
            success = min(status for status in operation["responses"] if status.startswith("2"))
            content = resolve(operation["responses"][success]).get("content", {})
            examples = ["example" in c or "examples" in c for c in content.values()]
            assert all(examples) and (content or success == "204"), (method, path)


@pytest.mark.parametrize(("label", "schema", "example"), list(json_examples()))
def test_examples_match_their_schemas(label, schema, example):
    validator = jsonschema.Draft202012Validator({**schema, "components": SPEC["components"]})
    # Local refs point at "#/components/...", which the wrapper above resolves.
    validator.validate(example)


# Where a 200 example must refuse a made-up property: each page, its items, and the
# objects that the detail schemas extend or embed (allOf alone would leave them open).
COLLECTIONS = ["/v1/documents", "/v1/paragraphs", "/v1/entities", "/v1/dates", "/v1/timeline"]
COLLECTIONS += ["/v1/checks", "/v1/claims", "/v1/sources", "/v1/contests", "/v1/search"]
CLOSED = [
    *[(path, where) for path in COLLECTIONS for where in ((), ("items", 0))],
    ("/v1/paragraphs/{id}", ()),
    ("/v1/entities/{id}", ()),
    ("/v1/claims/{id}", ()),
    ("/v1/claims/{id}", ("related", 0)),
    ("/v1/sources/{id}", ()),
    ("/v1/sources/{id}", ("documents", 0)),
    ("/v1/contests/{id}", ("sides", 0, "claims", 0)),
]


@pytest.mark.parametrize(("path", "where"), CLOSED)
def test_json_answers_admit_no_undocumented_property(path, where):
    content = SPEC["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    example = copy.deepcopy(content["example"])
    target = example
    for step in where:
        target = target[step]
    target["made_up"] = True
    validator = jsonschema.Draft202012Validator(
        {**content["schema"], "components": SPEC["components"]}
    )
    assert not validator.is_valid(example)


def test_paragraph_example_is_a_real_answer(article_client):
    example = SPEC["paths"]["/v1/paragraphs/{id}"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["example"]
    assert article_client.get(f"/v1/paragraphs/{example['id']}").json == example


schema = schemathesis.openapi.from_path(ROOT / "openapi.yaml")


def usable_query(q) -> bool:
    """Tell whether /v1/search accepts a query: some word, quotes closed."""
    if not isinstance(q, str):
        return False
    try:
        search.parse(q)
    except InvalidParameters:
        return False
    return True


@schema.hook
def filter_case(context, case):
    """Skip schema-valid requests that the contract says are 400s for reasons no schema holds.

    Only cursors the API gave out are valid, and a search needs a letter or digit
    with its quotes closed (test_bad_requests and test_search test those 400s); negative
    cases still run.
    """
    meta = case.meta
    if meta is None or meta.generation.mode != "positive":
        return True
    query = case.query or {}
    made_up_cursor = "cursor" in query
    unusable_search = case.operation.path == "/v1/search" and not usable_query(query.get("q"))
    return not (made_up_cursor or unusable_search)


def sent(value) -> list[str]:
    """Return the query values a generated value is sent as: a boolean as "true" or
    "false", a list as one value per item, nothing for None."""
    if value is None:
        return []
    if isinstance(value, list):
        return [v for item in value for v in sent(item)]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    return [str(value)]


def as_typed(text: str, kind: str | None):
    """Read a query value as the server reads it for a parameter of this type."""
    try:
        if kind == "integer" and re.fullmatch(r"-?[0-9]+", text):
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        return text
    return text


def query_sent_is_valid(case) -> bool:
    """Tell whether a generated query, as it goes over the wire, is one the contract admits:
    a "negative" case that made a string filter a boolean sends "false", which is a valid
    string, and one that made a filter None sends nothing."""
    raw = case.operation.definition.raw
    parameters = [resolve(p) for p in raw.get("parameters", [])]
    schemas = {p["name"]: resolve(p["schema"]) for p in parameters if p["in"] == "query"}
    for name, value in (case.query or {}).items():
        if name not in schemas:
            return False
        schema = {**schemas[name], "components": SPEC["components"]}
        items = schema.get("items", schema) if schema.get("type") == "array" else schema
        values = sent(value)
        if len(values) > 1 and schema.get("type") != "array":
            return False
        item_schema = resolve(items)
        for text in values:
            checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
            validator = jsonschema.Draft202012Validator(
                {**item_schema, "components": SPEC["components"]}, format_checker=checker
            )
            if not validator.is_valid(as_typed(text, item_schema.get("type"))):
                return False
    required = {p["name"] for p in parameters if p["in"] == "query" and p.get("required")}
    return required <= {name for name, value in (case.query or {}).items() if sent(value)}


@pytest.fixture(scope="module")
def contract_app(built_db, tmp_path_factory):
    """The app over the built database with a store of its own, and a token for it."""
    store = tmp_path_factory.mktemp("contract-store") / "store.db"
    app = create_app({"DB": str(built_db), "STORE": str(store)})
    return app, app.extensions["claims_user_store"].create_token("contract")


@pytest.mark.slow
@schema.parametrize()
def test_app_keeps_the_contract(case, contract_app):
    app, token = contract_app
    # Writes (and analyses, which may ask for one) carry a valid token, so that their
    # bodies are checked, not only refused.
    secured = "security" in case.operation.definition.raw
    headers = {"Authorization": f"Bearer {token}"} if secured else None
    # A body the schema admits may still break the W3C model or name a paragraph that
    # does not exist, or be a text in another language or a page with no article, which
    # no schema can hold: a 422 for it is right (test_annotation_writes, test_analyses).
    excluded = [schemathesis.checks.positive_data_acceptance] if secured else []
    # A raw text body is text whatever value it was made from (an integer sent as
    # text/plain is the text "15582926488"), and the token above stands in for the one a
    # negative case leaves out: such a "negative" case may be a valid request, answered 202.
    if secured and case.media_type in ("text/plain", "text/html"):
        excluded.append(schemathesis.checks.negative_data_rejection)
    # Likewise a query is text: a filter generated as a boolean is sent as "false", a valid
    # publisher's name. Such a case is checked as the valid request it is.
    negative = case.meta is not None and case.meta.generation.mode != "positive"
    if negative and case.method == "GET" and query_sent_is_valid(case):
        excluded.append(schemathesis.checks.negative_data_rejection)
    # The build's annotations are read-only: their Allow leaves out the PUT and DELETE
    # that the path documents for users' annotations (test_annotation_writes checks it).
    if str((case.path_parameters or {}).get("id", "")).startswith("a-"):
        excluded.append(schemathesis.checks.allow_header_conformance)
    # The schema's own transport sends the checks' extra probes (a write without its token).
    case.operation.schema.app = app
    case.call_and_validate(app=app, headers=headers, excluded_checks=excluded)
