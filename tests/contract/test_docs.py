"""The API documentation page works offline and serves the contract."""

from html.parser import HTMLParser

import pytest
import yaml

from tests.support.corpus import ROOT


class Assets(HTMLParser):
    """Collect the files a page loads: script src, link href and img src."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str]] = []  # (tag, rel, url)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src") is not None:
            self.found.append((tag, "", attributes["src"]))
        elif tag == "link" and attributes.get("href") is not None:
            self.found.append((tag, attributes.get("rel") or "", attributes["href"]))
        elif tag == "img" and attributes.get("src") is not None:
            self.found.append((tag, "", attributes["src"]))


def fits(tag: str, rel: str, mimetype: str) -> bool:
    """Tell whether a response's media type is one the referring tag can use."""
    if tag == "script":
        return mimetype in ("text/javascript", "application/javascript")
    if tag == "link" and rel == "stylesheet":
        return mimetype == "text/css"
    if tag == "img" or (tag == "link" and rel == "icon"):
        return mimetype.startswith("image/")
    return False


def test_docs_page_loads_every_asset_from_this_server(article_client):
    page = article_client.get("/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    parser = Assets()
    parser.feed(page.get_data(as_text=True))
    parser.close()
    urls = [url for _, _, url in parser.found]
    assert {
        "/docs/assets/swagger-ui-bundle.js",
        "/docs/assets/docs.js",
        "/docs/assets/swagger-ui.css",
        "/docs/assets/favicon-32x32.png",
    } <= set(urls)
    for tag, rel, url in parser.found:
        assert url.startswith("/") and not url.startswith("//"), url
        response = article_client.get(url)
        assert response.status_code == 200, url
        assert fits(tag, rel, response.mimetype), (url, response.mimetype)
        assert response.data, url


def test_docs_script_points_swagger_ui_at_the_contract(article_client):
    bundle = article_client.get("/docs/assets/swagger-ui-bundle.js")
    assert b"SwaggerUIBundle" in bundle.data
    assert b'url: "/openapi.yaml"' in article_client.get("/docs/assets/docs.js").data


def test_only_the_pages_own_assets_are_served(article_client):
    assert article_client.get("/docs/assets/core.py").status_code == 404
    assert article_client.get("/docs/assets/..%2F__init__.py").status_code == 404


def test_openapi_yaml_is_the_contract(article_client):
    response = article_client.get("/openapi.yaml")
    assert response.status_code == 200 and response.mimetype == "application/yaml"
    assert yaml.safe_load(response.data)["openapi"].startswith("3.1")


@pytest.mark.parametrize(
    "accept, media_type",
    [
        (None, "application/yaml"),
        ("*/*", "application/yaml"),
        ("application/yaml", "application/yaml"),
        ("text/plain", "text/plain"),
        ("text/plain, application/yaml;q=0.5", "text/plain"),
        ("application/json, text/plain;q=0.1", "text/plain"),
    ],
)
def test_openapi_yaml_is_text_to_a_client_that_prefers_text(article_client, accept, media_type):
    headers = {"Accept": accept} if accept else {}
    response = article_client.get("/openapi.yaml", headers=headers)
    assert response.status_code == 200 and response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    assert response.data == (ROOT / "openapi.yaml").read_bytes()
