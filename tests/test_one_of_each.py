"""One of each idea: the Han character class, the English word, the function words, the stemmer,
the severity order, the suffix → format table and the file reader are each written once.

A second copy is how two stages came to disagree (what a word is, which words are function
words); this test finds the usual ways of writing one again. align/ still has its own lexicon
(stop words, stemmer, word regex) and is not scanned yet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.checks import SEVERITIES, severity_rank
from workbench.text.normalize import EN_STOP, HAN, WORD, stem

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
NOT_SCANNED = ("align",)

# (what, a pattern that writes it again, the one module allowed to write it)
COPIES = [
    ("a Han character class", re.compile(r"\\u3400|\\u4e00|[\u3400\u4e00]-"), "text/normalize.py"),
    ("an English word regex", re.compile(r"\[\^\\W_\]\+|\[A-Za-z0-9\]\["), "text/normalize.py"),
    ("a function-word list", re.compile(r"\"\"\"?\s*a an the\b|\"a an the\b"), "text/normalize.py"),
    ("a stemmer", re.compile(r"(?m)^def (?:\w+_)?stem(?:_\w+)?\("), "text/normalize.py"),
    ("a severity order", re.compile(r"\{\"error\": 0|\(\"error\", \"warning\", \"info\"\)"), "checks/__init__.py"),
    ("a suffix → format function", re.compile(r"def format_of\("), "formats/__init__.py"),
    ("a file reader", re.compile(r"decode_text\(read_bytes\("), "text/reading.py"),
]


def sources() -> list[tuple[str, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.split("/")[0] not in NOT_SCANNED:
            out.append((rel, path.read_text(encoding="utf-8")))
    return out


@pytest.mark.parametrize("what,pattern,home", COPIES, ids=[c[0] for c in COPIES])
def test_written_once(what, pattern, home):
    places = [rel for rel, text in sources() if pattern.search(text)]
    assert places == [home], f"{what} is written in {places}; use the one in {home}"


def test_the_shared_definitions():
    assert HAN.search("新") and HAN.search("\U00020000") and HAN.search("豈")  # ext. B, compatibility
    assert not HAN.search("「」，。abc")
    assert WORD.findall("China's R&D rose 39.9% — high-quality") == ["China's", "R&D", "rose", "39.9", "high", "quality"]
    assert {"the", "of", "and", "without", "thanks"} <= EN_STOP and "enterprise" not in EN_STOP
    assert stem("enterprises") == stem("enterprise") == stem("enterprise's")
    assert sorted(["info", "error", "odd", "warning"], key=severity_rank) == ["error", "warning", "info", "odd"]
    assert SEVERITIES == ("error", "warning", "info")


def test_one_cli_runner_in_the_tests():
    """`python -m workbench` is started by conftest.run_cli; only the tests that kill the
    process mid-way (a save, the editor on a terminal, a server) or need a terminal start it
    themselves."""
    tests = Path(__file__).resolve().parent
    # killed mid-save, the editor killed on a terminal, a pseudo-terminal, a server stopped by
    # signal, a client of a live cluster
    own = {"conftest.py", "test_save_safety.py", "test_tui_kill.py", "trust_helpers.py", "test_cli_serve.py",
           "test_cluster.py"}
    copies = [p.name for p in sorted(tests.glob("*.py"))
              if p.name not in own and re.search(r"[\"']-m[\"'],\s*[\"']workbench[\"']", p.read_text(encoding="utf-8"))]
    assert not copies, f"use conftest.run_cli in {copies}"
