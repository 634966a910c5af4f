"""Nothing from a file drives the terminal: control sequences in data are shown, never sent.

Every test runs the real CLI on a hostile file and looks at what reached stdout/stderr.
"""

from __future__ import annotations

import json

from trust_helpers import assert_no_raw_controls, cli, cli_on_terminal, one_line_error

from workbench.text.visible import json_safe, visible

TITLE = "\x1b]0;pwned\x07"          # retitles the terminal
CLEAR = "\x1b[2J"                   # clears it
CLIP = "\x1b]52;c;aGVsbG8=\x07"     # writes the clipboard (OSC 52)
C1 = "\x9b31m"                      # an 8-bit CSI

HOSTILE_YAML = """workbench: alignment/1
title: "t\\e]0;pwned\\a"
source: {lang: zh}
target: {lang: en}
pairs:
- id: 1
  zh:
  - "新质生产力\\e[2J"
  en:
  - "new forces\\e]0;pwned\\a \\u202Etxt.exe \\x9B31m 新质"
- id: 2
  zh:
  - "新质生产力\\e[2J"
  en:
  - "new forces\\e]52;c;aGVsbG8=\\a \\u200B"
"""


def test_visible_marks_every_control_bidi_and_invisible_character():
    shown = visible(TITLE + CLEAR + CLIP + C1 + "\u202e\u2066\u200b\ufeff\u200e x\ty\nz\r")
    for ch in "\x1b\x07\x9b\u202e\u2066\u200b\ufeff\u200e\r":
        assert ch not in shown
    assert shown.startswith("␛]0;pwned␇␛[2J")
    assert "\\x9b31m" in shown and "⟨RLO⟩" in shown and "⟨LRI⟩" in shown and "⟨ZWSP⟩" in shown
    assert "x\ty\nz␍" in shown  # tab and newline kept by default
    assert visible("a\tb\nc", keep="") == "a␉b␊c"
    assert visible("plain 中文 text") == "plain 中文 text"
    assert json.loads(json_safe(json.dumps("\x9b\u202e\U000e0041", ensure_ascii=False))) == "\x9b\u202e\U000e0041"


def test_check_text_output_shows_escapes_visibly(tmp_path):
    f = tmp_path / "hostile.yaml"
    f.write_text(HOSTILE_YAML, encoding="utf-8")
    r = cli("check", f)
    assert r.returncode == 1, r.stderr
    assert_no_raw_controls(r.stdout + r.stderr)
    assert "␛]0;pwned␇" in r.stdout and "⟨RLO⟩" in r.stdout


def test_check_on_a_terminal_sends_no_control_sequence_from_data(tmp_path):
    f = tmp_path / "hostile.yaml"
    f.write_text(HOSTILE_YAML, encoding="utf-8")
    code, out = cli_on_terminal("check", f)
    assert code == 1
    assert "]0;pwned" not in out.replace("␛]0;pwned", "")  # only the visible form
    assert "\x1b]" not in out and "\x07" not in out and "\x1b[2J" not in out


def test_check_json_escapes_c1_and_bidi_but_means_the_same(tmp_path):
    f = tmp_path / "hostile.yaml"
    f.write_text(HOSTILE_YAML, encoding="utf-8")
    r = cli("check", f, "--format", "json")
    assert r.returncode == 1
    assert_no_raw_controls(r.stdout)
    findings = json.loads(r.stdout)
    assert any("\u202e" in (x["message"]) for x in findings)  # the data itself is unchanged


def test_glossary_list_shows_escapes_visibly(tmp_path):
    g = tmp_path / "g.yaml"
    g.write_text(
        'workbench: glossary/1\nname: x\nterms:\n'
        '- zh: "新质\\e]0;pwned\\a"\n  en: "new\\e[2J forces"\n  variants: ["v\\x9B1m"]\n'
        '  forbidden: ["f\\e]52;c;aGk=\\a"]\n  note: "\\u202Eevil"\n',
        encoding="utf-8",
    )
    r = cli("glossary", "list", g)
    assert r.returncode == 0, r.stderr
    assert_no_raw_controls(r.stdout + r.stderr)
    assert "新质␛]0;pwned␇" in r.stdout and "new␛[2J forces" in r.stdout
    r = cli("glossary", "list", g, "--format", "json")
    assert_no_raw_controls(r.stdout)
    assert json.loads(r.stdout)[0]["en"] == "new\x1b[2J forces"


def test_error_message_quoting_a_path_shows_escapes(tmp_path):
    name = tmp_path / f"x{TITLE}{CLEAR}.yaml"
    r = cli("check", name)
    line = one_line_error(r, "no such file")
    assert_no_raw_controls(r.stderr)
    assert "x␛]0;pwned␇␛[2J.yaml" in line


def test_error_naming_the_glossary_path_inside_an_alignment_shows_escapes(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text(HOSTILE_YAML.replace("pairs:\n", 'glossary: "g\\e]52;c;aGk=\\a.yaml"\npairs:\n', 1), encoding="utf-8")
    r = cli("check", f)
    line = one_line_error(r, "no such file")
    assert_no_raw_controls(r.stderr)
    assert "g␛]52;c;aGk=␇.yaml" in line


def test_usage_error_quoting_an_argument_shows_escapes():
    r = cli("export", "x.yaml", "--to", f"tmx{TITLE}")
    one_line_error(r, "invalid choice")
    assert_no_raw_controls(r.stderr)


def test_export_to_a_terminal_shows_escapes_but_a_pipe_gets_the_exact_data(tmp_path):
    f = tmp_path / "hostile.yaml"
    f.write_text(HOSTILE_YAML, encoding="utf-8")
    code, out = cli_on_terminal("export", f, "--to", "tsv")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "␛]0;pwned␇" in out
    r = cli("export", f, "--to", "tsv")
    assert r.returncode == 0 and "new forces\x1b]0;pwned\x07" in r.stdout  # piped: the data as it is
