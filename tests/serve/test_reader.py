"""The reader pages, server-side: structure, filters, headers and escaping."""

import re

import pytest

from service import create_app
from tests import hostile
from tests.conftest import DOC_ID, copy_corpus, run_build

PAGE = f"/documents/{DOC_ID}"


def visible_sections(html: str) -> list[str]:
    """Return the ids of paragraph sections not hidden."""
    return re.findall(
        r'<section id="(p-[0-9a-f]{12})" class="para [a-z_]+" aria-label="[^"]*">', html
    )


def test_index_lists_the_documents_and_names_its_json_twin(client):
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert f'href="/documents/{DOC_ID}"' in response.get_data(as_text=True)
    assert response.headers["Link"] == '</v1/documents>; rel="alternate"; type="application/json"'


def test_document_page_anchors_every_paragraph(client):
    html = client.get(PAGE).get_data(as_text=True)
    for paragraph in client.get(f"/v1/paragraphs?document={DOC_ID}&limit=500").json["items"]:
        assert html.count(f'id="{paragraph["id"]}"') == 1
    assert "Dominic Brunaccioni" in html and "2023-10 (inferred)" in html


def test_every_claim_is_marked_with_its_status_and_details(client):
    html = client.get(PAGE).get_data(as_text=True)
    claims = client.get(f"/v1/claims?document={DOC_ID}&limit=500").json["items"]
    for claim in claims:
        status = claim["sourcing"]["status"]
        assert re.search(rf'class="claim s-{status}[^"]*" href="#claim-{claim["id"]}"', html), (
            claim["id"]
        )
        assert f'<details id="claim-{claim["id"]}"' in html
    contested = re.search(
        r'class="claim s-vague contested" href="#claim-outposts-built"[^>]*>', html
    ).group()
    assert 'data-contradicts="outposts-dismantled outpost-video"' in contested


def test_entities_dates_and_links_are_marked(client):
    html = client.get(PAGE).get_data(as_text=True)
    assert '<mark class="ent ent-org" data-entity="tass" title="TASS (ORG)">TASS</mark>' in html
    assert (
        'data-value="2023-09-19" title="DATE 2023-09-19" datetime="2023-09-19">10 days later</time>'
        in html
    )
    assert 'data-value="2022-FA" title="DATE 2022-FA">Fall of 2022</time>' in html
    assert html.count('<span class="linked"') >= 38
    assert (
        html.count('<li><a href="#p-')
        == client.get(f"/v1/timeline?document={DOC_ID}").json["total"]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "contested=true",
            {
                "p-066d31645453",
                "p-b64206c87687",
                "p-9ea9f62c45d7",
                "p-0e1afeb1903b",
                "p-468323ddb358",
            },
        ),
        ("entity=mikhail-galuzin", {"p-9ea9f62c45d7", "p-1ca1a1ff79dc"}),
        ("status=vague&entity=armenians", {"p-468323ddb358"}),
    ],
)
def test_filters_hide_everything_else(client, query, expected):
    html = client.get(f"{PAGE}?{query}").get_data(as_text=True)
    assert set(visible_sections(html)) == expected


def test_contested_filter_mutes_uncontested_claims(client):
    html = client.get(f"{PAGE}?contested=true").get_data(as_text=True)
    assert 'class="claim s-unsourced muted" href="#claim-russian-troops-remained"' in html
    assert 'class="claim s-attributed contested" href="#claim-outposts-dismantled"' in html


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(PAGE)
    policy = response.headers["Content-Security-Policy"]
    assert (
        "unsafe-inline" not in policy
        and "script-src 'self'" in policy
        and "object-src 'none'" in policy
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert (
        response.headers["Link"]
        == f'</v1/documents/{DOC_ID}>; rel="alternate"; type="application/json"'
    )
    html = response.get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html and " on" + "click=" not in html


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    """The app over a corpus whose text and annotations carry markup."""
    root = tmp_path_factory.mktemp("hostile")
    sources, annotations = copy_corpus(root)
    hostile.build(sources, annotations, root / "claims.db", run_build)
    return create_app({"DB": str(root / "claims.db")}).test_client(), root


def test_every_piece_of_text_is_escaped(hostile_client):
    client, _ = hostile_client
    html = client.get(f"/documents/{hostile.DOC}").get_data(as_text=True)
    assert (
        "<script>" not in html
        and "<img" not in html
        and "<iframe" not in html
        and "<svg" not in html
    )
    assert "&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;" in html
    assert "&#34; onmouseover=&#34;alert(&#39;quote&#39;)" in html
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", html)
    index = client.get("/").get_data(as_text=True)
    assert "<script>" not in index and "&lt;script&gt;alert(&#34;meta&#34;)" in index
