"""The `claims` command: build the database, serve it, manage API tokens."""

import argparse
import os
import sys
from pathlib import Path

from service.config import NotACorpus, SettingError, load_settings

STORE_HELP = "writable store: a SQLite path or a postgresql:// URL (default var/store.db)"
CORPUS_HELP = "the corpus `claims init` made (default: CLAIMS_CORPUS, or the one run inside)"
# The options that override a setting, and the setting each overrides.
SETTING_OPTIONS = {
    "db": "DB",
    "store": "STORE",
    "source_dir": "SOURCE_DIR",
    "annotations_dir": "ANNOTATIONS_DIR",
    "cache_dir": "CACHE",
    "corpus": "CORPUS",
}


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
    build.add_argument("--corpus", type=Path, metavar="DIR", help=CORPUS_HELP)
    build.set_defaults(run=run_build)

    init = commands.add_parser("init", help="make an empty corpus of one's own in a new folder")
    init.add_argument("folder", type=Path, metavar="DIR", help="a new or empty folder")
    init.set_defaults(run=run_init)

    add = commands.add_parser(
        "add", help="add articles from HTML pages, text files, a folder of them, a URL or stdin"
    )
    add.add_argument(
        "location",
        metavar="PATH|FOLDER|URL|-",
        help="an .html or .txt file (its <name>.yaml beside it gives metadata), a folder of "
        "them, a URL, or - for standard input",
    )
    add.add_argument("--id", help="document id (default: a slug of the title)")
    for name in ("title", "author", "publisher", "url"):
        add.add_argument(f"--{name}", help=f"the {name} (overrides what the page says)")
    add.add_argument("--published", help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    add.add_argument(
        "--published-inferred",
        action="store_true",
        help="the publication date is inferred (from the text, say), not stated by it",
    )
    add.add_argument("--language", help="the text's language: en (only English is analysed)")
    add.add_argument("--source-dir", type=Path, help="source texts (default source_text)")
    add.add_argument("--annotations-dir", type=Path, help="annotations (default annotations)")
    add.add_argument("--corpus", type=Path, metavar="DIR", help=CORPUS_HELP)
    add.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch URLs on loopback, private and link-local addresses too (an intranet's)",
    )
    add.set_defaults(run=run_add)

    remove = commands.add_parser("remove", help="remove a document; its IDs will answer 410")
    remove.add_argument("id", help="the document id")
    remove.add_argument("--reason", help="why it was removed (served with the 410)")
    remove.add_argument("--source-dir", type=Path, help="source texts (default source_text)")
    remove.add_argument("--annotations-dir", type=Path, help="annotations (default annotations)")
    remove.add_argument("--db", type=Path, help="the current build (default var/claims.db)")
    remove.add_argument("--corpus", type=Path, metavar="DIR", help=CORPUS_HELP)
    remove.set_defaults(run=run_remove)

    serve = commands.add_parser("serve", help="serve the API with gunicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    serve.add_argument("--db", type=Path, help="database to serve (default var/claims.db)")
    serve.add_argument("--workers", type=int, default=2)
    serve.add_argument(
        "--threads", type=int, help="threads per worker (default 32; 1 runs sync workers)"
    )
    serve.add_argument("--store", help=STORE_HELP)
    serve.add_argument("--corpus", type=Path, metavar="DIR", help=CORPUS_HELP)
    serve.add_argument(
        "--no-publisher",
        action="store_true",
        help="run no publisher beside the server (`claims publish` runs one elsewhere)",
    )
    serve.set_defaults(run=run_serve)

    publish = commands.add_parser(
        "publish", help="publish the documents sent over HTTP: run the jobs queued in the store"
    )
    publish.add_argument("--once", action="store_true", help="run the jobs queued, then exit")
    publish.add_argument("--db", type=Path, help="database to publish (default var/claims.db)")
    publish.add_argument("--store", help=STORE_HELP)
    publish.add_argument("--source-dir", type=Path, help="source texts (default source_text)")
    publish.add_argument("--annotations-dir", type=Path, help="annotations (default annotations)")
    publish.add_argument("--cache-dir", type=Path, help="analyses kept between builds (var/cache)")
    publish.add_argument("--corpus", type=Path, help=CORPUS_HELP)
    # The server that started this publisher, which it outlives by no more than a poll.
    publish.add_argument("--parent", type=int, help=argparse.SUPPRESS)
    publish.set_defaults(run=run_publish)

    token = commands.add_parser("token", help="make, list and revoke API tokens for writes")
    actions = token.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="make a token and print it, once")
    create.add_argument("--name", required=True, help="who or what the token is for")
    actions.add_parser("list", help="list tokens: name, created, revoked")
    revoke = actions.add_parser("revoke", help="revoke a name's token")
    revoke.add_argument("name")
    for action in (create, actions.choices["list"], revoke):
        action.add_argument("--store", help=STORE_HELP)
        action.add_argument("--corpus", type=Path, metavar="DIR", help=CORPUS_HELP)
    token.set_defaults(run=run_token)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (NotACorpus, SettingError) as error:
        print(f"{args.command} failed: {error}", file=sys.stderr)
        return 1


def settings_of(args) -> dict:
    """Load the settings, overridden by whichever of the path options this command takes."""
    return load_settings({key: getattr(args, name, None) for name, key in SETTING_OPTIONS.items()})


def run_build(args) -> int:
    """Build the database; print a summary, or the error that stopped it."""
    from service.pipeline.inputs import BuildError
    from service.pipeline.run import CheckFailed, ProgressDisplay, build

    settings = settings_of(args)
    try:
        report = build(
            Path(settings["SOURCE_DIR"]),
            Path(settings["ANNOTATIONS_DIR"]),
            Path(settings["DB"]),
            model=settings["SPACY_MODEL"],
            check=args.check,
            progress=ProgressDisplay(),
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
    """Add an article, or a folder's; print what was written and the command to run next."""
    from service.corpus.add import add_document
    from service.corpus.clean import describe
    from service.corpus.errors import CorpusError

    settings = settings_of(args)
    options = {
        key: getattr(args, key)
        for key in ("id", "title", "author", "publisher", "published", "url", "language")
    }
    if Path(args.location).is_dir():
        return add_folder(args, settings, options)
    try:
        added = add_document(
            args.location,
            Path(settings["SOURCE_DIR"]),
            Path(settings["ANNOTATIONS_DIR"]),
            options,
            published_inferred=args.published_inferred,
            allow_private=args.allow_private,
        )
    except CorpusError as error:
        print(f"add failed: {error}", file=sys.stderr)
        return 1
    print(
        f"wrote {added.text_path} ({added.paragraphs} paragraphs, {added.words} words, "
        f"{added.links} links)"
    )
    if added.removed:
        print(f"removed from the text: {describe(added.removed)}")
    print(f"wrote {added.metadata_path}")
    if added.revived:
        print(f"'{added.id}' was removed before: its old IDs will serve again")
    print("next: claims build")
    return 0


def add_folder(args, settings: dict, options: dict) -> int:
    """Add every text and page of a folder, one line each; fail if any failed."""
    from service.corpus.clean import describe
    from service.corpus.collection import add_each, documents_in
    from service.corpus.errors import CorpusError

    try:
        paths = documents_in(Path(args.location), options)
    except CorpusError as error:
        print(f"add failed: {error}", file=sys.stderr)
        return 1
    source_dir, annotations_dir = Path(settings["SOURCE_DIR"]), Path(settings["ANNOTATIONS_DIR"])
    failed = 0
    for _, outcome in add_each(
        paths, source_dir, annotations_dir, options, published_inferred=args.published_inferred
    ):
        if isinstance(outcome, CorpusError):
            failed += 1
            print(f"add failed: {outcome}", file=sys.stderr)
            continue
        notes = " (removed before: its old IDs will serve again)" if outcome.revived else ""
        if outcome.removed:
            notes += f" (removed from the text: {describe(outcome.removed)})"
        print(
            f"added {outcome.id}: {outcome.text_path} ({outcome.paragraphs} paragraphs, "
            f"{outcome.words} words, {outcome.links} links){notes}"
        )
    if failed < len(paths):
        print("next: claims build")
    if failed:
        print(f"add failed for {failed} of {len(paths)} files", file=sys.stderr)
    return 1 if failed else 0


def run_init(args) -> int:
    """Make an empty corpus; print what was written and how to go on."""
    from service.corpus.errors import CorpusError
    from service.corpus.init import init_corpus

    try:
        written = init_corpus(args.folder)
    except CorpusError as error:
        print(f"init failed: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f"next: cd {args.folder} && claims add PAGE|FOLDER && claims build && claims serve")
    return 0


def run_remove(args) -> int:
    """Remove one document; print what was deleted and the command to run next."""
    from service.corpus.errors import CorpusError
    from service.corpus.remove import remove_document

    settings = settings_of(args)
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
    """Serve the app under gunicorn, with a publisher beside it unless told otherwise."""
    from service.publisher.alongside import publisher_beside
    from service.serve.server import serve

    settings = settings_of(args)
    with publisher_beside(settings, enabled=not args.no_publisher):
        serve(settings, args.host, args.port, args.workers, args.threads)
    return 0


def run_publish(args) -> int:
    """Publish queued document jobs until stopped, or with --once until none is left."""
    from service.publisher.worker import Publisher

    settings = settings_of(args)
    publisher = Publisher(settings, parent=args.parent)
    publisher.stop_on_signals()
    handled = publisher.run(once=args.once)
    if args.once:
        print(f"handled {handled} jobs")
    return 0


def run_token(args) -> int:
    """Create, list or revoke a token in the writable store."""
    from service.serve.annotations.userstore import Conflict, open_user_store

    settings = settings_of(args)
    users = open_user_store(str(settings["STORE"]))
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
