"""Hostile input is refused by the real CLI: exit 2, one line, no traceback, fast, small.

Each case runs `python -m workbench` in a subprocess whose address space is capped
(conftest.MEMORY_CAP), and checks the time and the peak memory it took.
"""

from __future__ import annotations

import os

import pytest
from conftest import run_cli

from workbench.text.reading import MAX_FILE_BYTES

SECONDS = 5.0
MEGABYTES = 150

LAUGHS_DTD = """<!DOCTYPE {root} [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""
XXE_DTD = '<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
PARAM_DTD = '<!DOCTYPE {root} [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
QUADRATIC_DTD = '<!DOCTYPE {root} [<!ENTITY big "' + "x" * 50_000 + '">]>'

TMX_BODY = (
    '<tmx version="1.4"><header srclang="zh-CN"/><body><tu>'
    '<tuv xml:lang="zh-CN"><seg>{ref}</seg></tuv><tuv xml:lang="en"><seg>{ref}</seg></tuv>'
    "</tu></body></tmx>"
)
XLIFF_BODY = (
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file original="x" source-language="zh-CN" target-language="en" datatype="plaintext"><body>'
    '<trans-unit id="1"><source>{ref}</source><target>{ref}</target></trans-unit></body></file></xliff>'
)
TBX_BODY = (
    '<martif type="TBX" xml:lang="en"><text><body><termEntry>'
    '<langSet xml:lang="zh"><tig><term>{ref}</term></tig></langSet>'
    '<langSet xml:lang="en"><tig><term>{ref}</term></tig></langSet>'
    "</termEntry></body></text></martif>"
)


def assert_refused(r, *words: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in lines[0], lines[0]
    assert r.seconds < SECONDS, r.seconds
    assert r.max_rss_mb < MEGABYTES, r.max_rss_mb


def xml_file(tmp_path, name, dtd, body, root, ref):
    path = tmp_path / name
    path.write_text('<?xml version="1.0"?>\n' + dtd.format(root=root) + "\n" + body.format(ref=ref), encoding="utf-8")
    return path


XML_ATTACKS = [
    ("billion-laughs", LAUGHS_DTD, "&lol9;"),
    ("xxe-file", XXE_DTD, "&xxe;"),
    ("xxe-parameter-entity", PARAM_DTD, "x"),
    ("quadratic-blowup", QUADRATIC_DTD, "&big;" * 2000),
]


@pytest.mark.parametrize("attack,dtd,ref", XML_ATTACKS, ids=[a[0] for a in XML_ATTACKS])
@pytest.mark.parametrize(
    "name,body,root",
    [("memory.tmx", TMX_BODY, "tmx"), ("work.xlf", XLIFF_BODY, "xliff")],
    ids=["tmx", "xliff"],
)
def test_xml_entity_attacks_are_refused(tmp_path, attack, dtd, ref, name, body, root):
    path = xml_file(tmp_path, name, dtd, body, root, ref)
    out = tmp_path / "out.yaml"
    r = run_cli("import", path, "-o", out)
    assert_refused(r, name, "entity")
    assert not out.exists()
    assert "root:" not in r.stdout + r.stderr  # nothing of /etc/passwd leaks


@pytest.mark.parametrize("attack,dtd,ref", XML_ATTACKS, ids=[a[0] for a in XML_ATTACKS])
def test_tbx_entity_attacks_are_refused(tmp_path, attack, dtd, ref):
    path = xml_file(tmp_path, "terms.tbx", dtd, TBX_BODY, "martif", ref)
    r = run_cli("glossary", "import", path, "-o", tmp_path / "g.yaml")
    assert_refused(r, "terms.tbx")


@pytest.mark.parametrize("encoding", ["TF-8", "x-no-such"])
@pytest.mark.parametrize("name", ["m.tmx", "w.xlf", "t.tbx"])
def test_an_unknown_declared_encoding_is_one_line(tmp_path, name, encoding):
    path = tmp_path / name
    path.write_text(f'<?xml version="1.0" encoding="{encoding}"?><x/>', encoding="ascii")
    if name.endswith(".tbx"):
        r = run_cli("glossary", "import", path, "-o", tmp_path / "g.yaml")
    else:
        r = run_cli("import", path)
    assert_refused(r, name)


def test_an_external_dtd_is_neither_fetched_nor_an_error(tmp_path):
    # CAT tools write <!DOCTYPE tmx SYSTEM "tmx14.dtd">: fine, and never loaded from anywhere.
    path = tmp_path / "m.tmx"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">'
        + TMX_BODY.format(ref="好。"),
        encoding="utf-8",
    )
    r = run_cli("import", path)
    assert r.returncode == 0, r.stderr
    assert r.seconds < SECONDS


YAML_ATTACKS = {
    "python-object": "workbench: alignment/1\ntitle: !!python/object/apply:os.system ['touch {marker}']\npairs: []\n",
    "python-name-in-pairs": "workbench: alignment/1\npairs:\n- !!python/object/new:os.system ['touch {marker}']\n",
    "custom-tag": "workbench: alignment/1\ntitle: !secret x\npairs: []\n",
    # Nine levels of nine aliases: 9**9 sentences if expanded. Each level is a pair's zh list.
    "alias-bomb": "workbench: alignment/1\npairs:\n- id: 1\n  zh: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"- id: {i + 2}\n  zh: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
    "alias-bomb-in-pairs": "workbench: alignment/1\npairs:\n- &p {id: 1, zh: [好。], en: [Good.]}\n" + "- *p\n" * 1000,
    "deep-nesting": "workbench: alignment/1\npairs: " + "[" * 200_000 + "]" * 200_000 + "\n",
    "deep-block-nesting": "workbench: alignment/1\npairs:\n" + "- " * 100_000 + "x\n",
}


@pytest.mark.parametrize("attack", list(YAML_ATTACKS))
def test_yaml_attacks_are_refused(tmp_path, attack):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(YAML_ATTACKS[attack].replace("{marker}", str(marker)), encoding="utf-8")
    r = run_cli("export", path, "--to", "tmx")
    assert_refused(r, "evil.yaml")
    assert not marker.exists()
    assert r.stdout == ""


@pytest.mark.parametrize(
    "command,name",
    [
        (("export", "{path}", "--to", "tmx"), "huge.yaml"),
        (("import", "{path}"), "huge.tmx"),
        (("import", "{path}"), "huge.tsv"),
        (("import", "{path}"), "huge.xlf"),
    ],
)
def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path, command, name):
    path = tmp_path / name
    with open(path, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no disk used, but 200 MB to whoever reads it
    assert os.path.getsize(path) > MAX_FILE_BYTES
    r = run_cli(*(a.format(path=path) for a in command))
    assert_refused(r, name, "too large")
    assert r.seconds < 2.0


@pytest.mark.parametrize("name", ["noise.tmx", "noise.xlf", "noise.tsv", "noise.csv", "noise.yaml", "noise.bin"])
def test_random_bytes_are_refused(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(os.urandom(4096) + b"\x00\x89PNG")
    command = ("export", path, "--to", "tsv") if name.endswith(".yaml") else ("import", path)
    assert_refused(run_cli(*command), name)
