"""Text-fragment deep links to the original page."""

from service.pipeline.fragments import encode, text_fragment

URL = "https://example.org/a"


def test_short_quotes_link_by_their_words():
    assert text_fragment(URL, "Moscow stayed neutral.", "Moscow stayed neutral.", 0, 21) == (
        f"{URL}#:~:text=Moscow%20stayed%20neutral"
    )


def test_long_quotes_link_by_their_first_and_last_words():
    text = "one two three four five six seven eight nine ten"
    assert text_fragment(URL, text, text, 0, len(text)) == (
        f"{URL}#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten"
    )


def test_repeated_words_get_prefix_and_suffix_context():
    paragraph = "He said no. Then she said no again."
    link = text_fragment(URL, paragraph, paragraph, 21, 28)
    assert link == f"{URL}#:~:text=no.%20Then%20she-,said%20no,-again."


def test_dashes_commas_and_ampersands_are_encoded():
    assert encode("Baku-controlled, A & B") == "Baku%2Dcontrolled%2C%20A%20%26%20B"


def test_no_url_no_link():
    assert text_fragment(None, "text", "text", 0, 4) is None


def test_documents_with_a_url_carry_links_and_others_do_not(article_client):
    assert all(
        p["fragment_url"] is None
        for p in article_client.get("/v1/paragraphs?limit=500").json["items"]
    )
    assert article_client.get("/v1/claims/outposts-built").json["fragment_url"] is None
