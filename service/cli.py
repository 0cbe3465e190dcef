"""The `claims` command: build the database, serve it."""

import argparse
import os
import sys
from pathlib import Path

from service.config import load_settings


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a subcommand."""
    parser = argparse.ArgumentParser(prog="claims", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the database from texts and annotations")
    build.add_argument("--source-dir", type=Path, help="source texts (default source_text)")
    build.add_argument("--annotations-dir", type=Path, help="annotations (default annotations)")
    build.add_argument("--db", type=Path, help="database to write (default var/claims.db)")
    build.add_argument("--check", action="store_true", help="fail if a paragraph lock would change")
    build.set_defaults(run=run_build)

    serve = commands.add_parser("serve", help="serve the API with gunicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    serve.add_argument("--db", type=Path, help="database to serve (default var/claims.db)")
    serve.add_argument("--workers", type=int, default=2)
    serve.set_defaults(run=run_serve)

    args = parser.parse_args(argv)
    return args.run(args)


def run_build(args) -> int:
    """Build the database; print a summary, or the error that stopped it."""
    from service.build.inputs import BuildError
    from service.build.run import CheckFailed, build, print_progress

    settings = load_settings(
        {"DB": args.db, "SOURCE_DIR": args.source_dir, "ANNOTATIONS_DIR": args.annotations_dir}
    )
    try:
        report = build(
            Path(settings["SOURCE_DIR"]),
            Path(settings["ANNOTATIONS_DIR"]),
            Path(settings["DB"]),
            model=settings["SPACY_MODEL"],
            check=args.check,
            progress=print_progress,
        )
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    except CheckFailed as error:
        print(f"check failed: {error}; run `claims build` and commit the locks", file=sys.stderr)
        return 1
    if args.check:
        print(f"check passed: {report.documents} documents, {report.paragraphs} paragraphs")
    else:
        print(report.summary())
    return 0


def run_serve(args) -> int:
    """Serve the app under gunicorn."""
    from service.serve.server import serve

    settings = load_settings({"DB": args.db})
    serve(settings, host=args.host, port=args.port, workers=args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
