"""The newsgraph command line: a thin layer over the library."""
from __future__ import annotations

import sys

import click

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.read.corpus import parse_published


def _error(message: str) -> None:
    click.echo(f"newsgraph: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: news articles in, structured records out.

    \b
    Example:
      newsgraph analyze article.txt --format summary
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "summary"]), default="json",
              show_default=True, help="json: one indented object per article; jsonl: one per line.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles that do not give one.")
@click.option("--model", help="spaCy model package or path (default: the best installed English model).")
def analyze(paths: tuple[str, ...], fmt: str, published: str | None, model: str | None) -> None:
    """Analyse articles: plain text, HTML, JSONL/CSV corpora, folders, or - for stdin.

    \b
    Examples:
      newsgraph analyze article.txt
      newsgraph analyze corpus.jsonl --format jsonl > records.jsonl
      cat page.html | newsgraph analyze - --format summary
    """
    from newsgraph.pipeline import analyze_articles
    from newsgraph.read import read_inputs
    from newsgraph.summary import summarise

    if published is not None:
        value = parse_published(published)
        if value is None:
            _error(Errors.E016.format(value=published))
            sys.exit(2)
        published = value
    failures = produced = 0
    try:
        for result in analyze_articles(read_inputs(paths), model=model, published=published):
            if isinstance(result, NewsgraphError):
                failures += 1
                _error(result.message)
                continue
            produced += 1
            if fmt == "jsonl":
                click.echo(result.to_json())
            elif fmt == "json":
                click.echo(result.to_json(indent=2))
            else:
                click.echo(summarise(result) + "\n")
    except NewsgraphError as err:
        _error(err.message)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
    if failures:
        _error(f"{failures} input(s) failed, {produced} analysed")
        sys.exit(1)


if __name__ == "__main__":
    main()
