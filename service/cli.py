"""The `claims` command: build the database, serve it, manage API tokens."""

import argparse
import os
import sys
from pathlib import Path

from service.config import load_settings

STORE_HELP = "writable store: a SQLite path or a postgresql:// URL (default var/store.db)"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a subcommand."""
    parser = argparse.ArgumentParser(prog="claims", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the database from texts and annotations")
    build.add_argument("--source-dir", type=Path, help="source texts (default source_text)")
    build.add_argument("--annotations-dir", type=Path, help="annotations (default annotations)")
    build.add_argument("--db", type=Path, help="database to write (default var/claims.db)")
    build.add_argument("--check", action="store_true", help="fail if a paragraph lock would change")
    build.add_argument("--cache-dir", type=Path, help="analyses kept between builds (var/cache)")
    build.add_argument(
        "--no-cache", action="store_true", help="analyse every document again, keep nothing"
    )
    build.add_argument(
        "--workers",
        type=int,
        help="processes that analyse documents (default: the number of cores)",
    )
    build.add_argument(
        "--cluster", metavar="tcp://HOST:PORT", help="analyse on this Dask scheduler's workers"
    )
    build.add_argument(
        "--update-quotes",
        action="store_true",
        help="write re-anchored curated quotes back into their claims.yaml",
    )
    build.set_defaults(run=run_build)

    add = commands.add_parser("add", help="add an article from an HTML page, a text file or a URL")
    add.add_argument("location", metavar="PATH|URL", help="an .html or .txt file, or a URL")
    add.add_argument("--id", help="document id (default: a slug of the title)")
    for name in ("title", "author", "publisher", "url"):
        add.add_argument(f"--{name}", help=f"the {name} (overrides what the page says)")
    add.add_argument("--published", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    add.add_argument("--source-dir", type=Path, help="source texts (default source_text)")
    add.add_argument("--annotations-dir", type=Path, help="annotations (default annotations)")
    add.set_defaults(run=run_add)

    remove = commands.add_parser("remove", help="remove a document; its IDs will answer 410")
    remove.add_argument("id", help="the document id")
    remove.add_argument("--reason", help="why it was removed (served with the 410)")
    remove.add_argument("--source-dir", type=Path, help="source texts (default source_text)")
    remove.add_argument("--annotations-dir", type=Path, help="annotations (default annotations)")
    remove.add_argument("--db", type=Path, help="the current build (default var/claims.db)")
    remove.set_defaults(run=run_remove)

    serve = commands.add_parser("serve", help="serve the API with gunicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    serve.add_argument("--db", type=Path, help="database to serve (default var/claims.db)")
    serve.add_argument("--workers", type=int, default=2)
    serve.add_argument("--store", help=STORE_HELP)
    serve.set_defaults(run=run_serve)

    token = commands.add_parser("token", help="make, list and revoke API tokens for writes")
    actions = token.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="make a token and print it, once")
    create.add_argument("--name", required=True, help="who or what the token is for")
    actions.add_parser("list", help="list tokens: name, created, revoked")
    revoke = actions.add_parser("revoke", help="revoke a name's token")
    revoke.add_argument("name")
    for action in (create, actions.choices["list"], revoke):
        action.add_argument("--store", help=STORE_HELP)
    token.set_defaults(run=run_token)

    args = parser.parse_args(argv)
    return args.run(args)


def run_build(args) -> int:
    """Build the database; print a summary, or the error that stopped it."""
    from service.pipeline.inputs import BuildError
    from service.pipeline.run import CheckFailed, build, print_progress

    settings = load_settings(
        {
            "DB": args.db,
            "SOURCE_DIR": args.source_dir,
            "ANNOTATIONS_DIR": args.annotations_dir,
            "CACHE": args.cache_dir,
        }
    )
    try:
        report = build(
            Path(settings["SOURCE_DIR"]),
            Path(settings["ANNOTATIONS_DIR"]),
            Path(settings["DB"]),
            model=settings["SPACY_MODEL"],
            check=args.check,
            progress=print_progress,
            cache_dir=None if args.no_cache else Path(settings["CACHE"]),
            workers=args.workers or os.cpu_count() or 1,
            cluster=args.cluster,
            reuse_current=not args.update_quotes,  # quotes to update need the claims read
        )
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    except CheckFailed as error:
        print(
            f"check failed: {error}; run `claims build` (with --update-quotes for quotes) "
            "and commit what it writes",
            file=sys.stderr,
        )
        return 1
    for document in report.retired_documents:
        print(f"retired: {document} (no source text; its IDs answer 410 Gone)", file=sys.stderr)
    if args.check:
        print(f"check passed: {report.documents} documents, {report.paragraphs} paragraphs")
        return 0
    print(report.summary())
    if args.update_quotes and report.revisions:
        from service.pipeline.claims.quotes import update_quotes

        for path in update_quotes(report.revisions):
            print(f"updated quotes in {path}")
    else:
        for revision in report.revisions:
            print(f"warning: {revision.warning()}", file=sys.stderr)
    return 0


def run_add(args) -> int:
    """Add one article; print what was written and the command to run next."""
    from service.corpus.add import add_document
    from service.corpus.errors import CorpusError

    settings = load_settings(
        {"SOURCE_DIR": args.source_dir, "ANNOTATIONS_DIR": args.annotations_dir}
    )
    options = {
        key: getattr(args, key)
        for key in ("id", "title", "author", "publisher", "published", "url")
    }
    try:
        added = add_document(
            args.location,
            Path(settings["SOURCE_DIR"]),
            Path(settings["ANNOTATIONS_DIR"]),
            options,
        )
    except CorpusError as error:
        print(f"add failed: {error}", file=sys.stderr)
        return 1
    print(
        f"wrote {added.text_path} ({added.paragraphs} paragraphs, {added.words} words, "
        f"{added.links} links)"
    )
    print(f"wrote {added.metadata_path}")
    if added.revived:
        print(f"'{added.id}' was removed before: its old IDs will serve again")
    print("next: claims build")
    return 0


def run_remove(args) -> int:
    """Remove one document; print what was deleted and the command to run next."""
    from service.corpus.errors import CorpusError
    from service.corpus.remove import remove_document

    settings = load_settings(
        {"SOURCE_DIR": args.source_dir, "ANNOTATIONS_DIR": args.annotations_dir, "DB": args.db}
    )
    try:
        removed = remove_document(
            args.id,
            Path(settings["SOURCE_DIR"]),
            Path(settings["ANNOTATIONS_DIR"]),
            Path(settings["DB"]),
            args.reason,
        )
    except CorpusError as error:
        print(f"remove failed: {error}", file=sys.stderr)
        return 1
    for path in removed.deleted:
        print(f"deleted {path}")
    if removed.record is not None:
        print(f"wrote {removed.record} ({removed.claims} claim IDs will answer 410)")
    print("next: claims build")
    return 0


def run_serve(args) -> int:
    """Serve the app under gunicorn."""
    from service.serve.server import serve

    settings = load_settings({"DB": args.db, "STORE": args.store})
    serve(settings, host=args.host, port=args.port, workers=args.workers)
    return 0


def run_token(args) -> int:
    """Create, list or revoke a token in the writable store."""
    from service.serve.annotations.userstore import Conflict, open_user_store

    users = open_user_store(str(load_settings({"STORE": args.store})["STORE"]))
    if args.action == "list":
        print(f"{'name':<24} {'created':<21} revoked")
        for entry in users.list_tokens():
            print(f"{entry['name']:<24} {entry['created_at']:<21} {entry['revoked_at'] or '-'}")
        return 0
    if args.action == "revoke":
        if not users.revoke_token(args.name):
            print(f"token revoke failed: no active token named '{args.name}'", file=sys.stderr)
            return 1
        print(f"revoked the token '{args.name}'")
        return 0
    try:
        token = users.create_token(args.name)
    except (Conflict, ValueError) as error:
        print(f"token create failed: {error}", file=sys.stderr)
        return 1
    print(f"created a token for '{args.name}'; it is shown only this once:")
    print(token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
