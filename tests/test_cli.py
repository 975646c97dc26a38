from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import SEED
from newsgraph.cli import main

COMMANDS = [name for name in main.commands]


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *args], input=stdin,
                          capture_output=True, timeout=300)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_cli_analyze_json_is_byte_identical_across_runs():
    a = run_cli("analyze", str(SEED), "--format", "json")
    b = run_cli("analyze", str(SEED), "--format", "json")
    assert a.returncode == 0 and a.stdout == b.stdout
    record = json.loads(a.stdout)
    assert record["document"]["input_id"] == str(SEED)


def test_cli_analyze_stdin_and_jsonl(tmp_path):
    result = run_cli("analyze", "-", "--format", "jsonl", "--published", "2021-06-15",
                     stdin=b"Russia said on Monday it would send aid to Syria.")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.decode().splitlines()
    assert json.loads(line)["document"]["published"] == "2021-06-15"


@pytest.mark.parametrize("make_input, code", [
    (lambda p: p / "missing.txt", "E001"),
    (lambda p: (p / "e.txt").write_bytes(b"") and p / "e.txt" or p / "e.txt", "E002"),
    (lambda p: (p / "b.txt").write_bytes(b"\x00\x01\x02" * 100) and p / "b.txt", "E003"),
])
def test_cli_bad_input_is_one_line_and_nonzero(tmp_path, make_input, code):
    path = make_input(tmp_path)
    result = run_cli("analyze", str(path))
    assert result.returncode != 0
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert err.splitlines()[0].startswith(f"newsgraph: [{code}]")


def test_cli_corpus_with_bad_row_still_prints_good_rows(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "ok", "text": "The army said it had arrested 12 men."}\n{broken\n', encoding="utf-8")
    result = run_cli("analyze", str(corpus), "--format", "jsonl")
    assert result.returncode == 1
    assert json.loads(result.stdout.decode())["document"]["input_id"] == "ok"
    assert "[E006]" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_cli_bad_published_option():
    result = run_cli("analyze", str(SEED), "--published", "last tuesday")
    assert result.returncode == 2 and "[E016]" in result.stderr.decode()
