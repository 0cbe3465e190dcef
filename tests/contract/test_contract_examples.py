"""The contract names no host, and the values Swagger UI fills in from its examples answer
every read with results on the demo corpus (the article)."""

from urllib.parse import urlencode, urlsplit

import yaml

from tests.contract.test_contract import SPEC, resolve

# Reads whose examples cannot find anything on a freshly built corpus, and why.
NOTHING_TO_FIND = {
    "getJob": "a job exists only once a document is sent; its id is minted then",
}


def filled_in(parameter: dict):
    """Return what Swagger UI puts in a parameter's field for "Try it out", or None: the
    parameter's example, else its first named example, else its schema's example or default."""
    if "example" in parameter:
        return parameter["example"]
    if parameter.get("examples"):
        return resolve(next(iter(parameter["examples"].values())))["value"]
    schema = parameter.get("schema", {})
    for key in ("example", "default"):
        if key in schema:
            return schema[key]
        if key in resolve(schema):
            return resolve(schema)[key]
    return None


def tried(path: str, item: dict, operation: dict) -> tuple[str, dict]:
    """Return the URL and headers of a read as Swagger UI sends it with its fields filled in."""
    query, headers = {}, {}
    for parameter in map(resolve, [*item.get("parameters", []), *operation.get("parameters", [])]):
        value = filled_in(parameter)
        if value is None:
            continue
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", str(value))
        elif parameter["in"] == "query":
            query[parameter["name"]] = value
        elif parameter["in"] == "header":
            headers[parameter["name"]] = str(value)
    return path + (f"?{urlencode(query, doseq=True)}" if query else ""), headers


def found_nothing(answer) -> bool:
    """Tell an answer that found nothing: a page with no items, or a total of none."""
    if "json" not in answer.mimetype:
        return not answer.data
    body = answer.json
    return (isinstance(body.get("items"), list) and not body["items"]) or body.get("total") == 0


def test_the_contract_names_no_host(article_client):
    served = yaml.safe_load(article_client.get("/openapi.yaml").data)
    for contract in (SPEC, served):
        urls = [server["url"] for server in contract["servers"]]
        assert urls and all(not urlsplit(url).scheme and not urlsplit(url).netloc for url in urls)


def test_every_read_answers_its_examples_with_results(article_client):
    failures = []
    for path, item in SPEC["paths"].items():
        operation = item.get("get")
        if operation is None or operation["operationId"] in NOTHING_TO_FIND:
            continue
        url, headers = tried(path, item, operation)
        answer = article_client.get(url, headers=headers)
        if answer.status_code != 200 or found_nothing(answer):
            failures.append((operation["operationId"], url, answer.status_code))
    assert failures == []
