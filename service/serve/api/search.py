"""Search: full text over paragraphs, claims and entity names."""

from flask import Blueprint, current_app, request

from service.representations import SearchHitSchema
from service.serve.args import SearchArgs, load_args
from service.serve.context import store
from service.serve.database import search as query_language
from service.serve.pagination import collection

bp = Blueprint("search", __name__)
hit_schema = SearchHitSchema()


@bp.get("/v1/search")
def search():
    """Find paragraphs, claims and entities by words, best matches first."""
    args = load_args(SearchArgs(), request.args)
    terms = query_language.parse(args["q"])
    fts = query_language.fts_query(terms)
    deadline_ms = int(current_app.config["CLAIMS"]["SEARCH_DEADLINE_MS"])
    fetch = lambda after, limit: store().search(fts, args, after, limit, deadline_ms)  # noqa: E731

    def render(row: dict) -> dict:
        """Dump one hit with the matches FTS5 marked and a snippet around the first."""
        text, found = query_language.unmark(row["text_marked"])
        title, title_found = query_language.unmark(row["title_marked"])
        row.update(
            text=text,
            title=title,
            matches=found,
            title_matches=title_found,
            snippet=query_language.snippet(text, found),
        )
        return hit_schema.dump(row)

    key = lambda row: [row["rank"], row["rowid"]]  # noqa: E731
    return collection("search", args, [float, int], fetch, key, render)
