"""Two-column TSV/CSV out and in: header or not, either column order, quoting, encodings."""

from __future__ import annotations

import pytest
from formats_samples import sample_alignment

from workbench.errors import WorkbenchError
from workbench.formats.tsv import dump_tsv, read_tsv


def rows(al):
    return [(p.zh, p.en) for p in al.pairs]


def test_dump_is_one_row_a_pair_with_a_header():
    al = sample_alignment()
    lines = dump_tsv(al).splitlines()
    assert lines[0] == "zh\ten"
    assert len(lines) == 1 + len(al.pairs)
    assert lines[2] == "女士们、先生们，大家上午好！欢迎出席。\tLadies and gentlemen, good morning. Welcome."
    assert lines[1] == "金壮龙：\t"


def test_round_trip_keeps_sentences_and_pairs():
    al = sample_alignment()
    back = read_tsv(dump_tsv(al).encode(), "x.tsv")
    assert rows(back) == rows(al)
    assert [p.id for p in back.pairs] == list(range(1, len(al.pairs) + 1))


@pytest.mark.parametrize(
    "text",
    [
        "你好。\tHello.\n再见。\tGoodbye.\n",
        "zh\ten\n你好。\tHello.\n再见。\tGoodbye.\n",
        "English\tChinese\nHello.\t你好。\nGoodbye.\t再见。\n",
        "Hello.\t你好。\nGoodbye.\t再见。\n",
        '中文,英文\n你好。,"Hello."\n再见。,Goodbye.\n',
        '你好。,Hello.\n再见。,"Goodbye."\n',
        "你好。;Hello.\r\n再见。;Goodbye.\r\n",
        "source\ttarget\tnote\n你好。\tHello.\tx\n再见。\tGoodbye.\t\n",
    ],
)
def test_the_shapes_people_make(text):
    assert rows(read_tsv(text.encode(), "a.csv")) == [(["你好。"], ["Hello."]), (["再见。"], ["Goodbye."])]


def test_quoted_fields_with_separators_and_newlines():
    text = '"他说，""好。""\n然后走了。","He said, ""Good."" Then he left."\n'
    assert rows(read_tsv(text.encode(), "a.csv")) == [
        (["他说，\"好。\"", "然后走了。"], ['He said, "Good."', "Then he left."])
    ]


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_encodings(encoding):
    assert rows(read_tsv("你好。\tHello.\n".encode(encoding), "a.tsv")) == [(["你好。"], ["Hello."])]


def test_three_columns_without_a_header_is_an_error_with_the_line():
    with pytest.raises(WorkbenchError) as exc:
        read_tsv("你好。\tHello.\n再见。\tGoodbye.\textra\n".encode(), "a.tsv")
    assert exc.value.line == 2 and "3 columns" in str(exc.value)


def test_empty_is_an_error():
    with pytest.raises(WorkbenchError, match="no rows"):
        read_tsv(b"\n\n", "a.tsv")
