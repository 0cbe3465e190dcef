"""The API documentation page works offline and serves the contract."""

import yaml


def test_docs_page_loads_swagger_ui_from_this_server(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert 'src="/docs/assets/swagger-ui-bundle.js"' in html and "//" not in html.replace(
        "<!doctype", ""
    )
    bundle = client.get("/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and b"SwaggerUIBundle" in bundle.data
    assert b'url: "/openapi.yaml"' in client.get("/docs/assets/docs.js").data
    assert client.get("/docs/assets/swagger-ui.css").mimetype == "text/css"


def test_only_the_pages_own_assets_are_served(client):
    assert client.get("/docs/assets/core.py").status_code == 404
    assert client.get("/docs/assets/..%2F__init__.py").status_code == 404


def test_openapi_yaml_is_the_contract(client):
    response = client.get("/openapi.yaml")
    assert response.status_code == 200 and response.mimetype == "application/yaml"
    assert yaml.safe_load(response.data)["openapi"].startswith("3.1")
