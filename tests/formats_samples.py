"""Sample alignments for the format tests (not a test module: no `test_` prefix)."""

from __future__ import annotations

from hypothesis import strategies as st

from workbench.model import AUTO, CONFIRMED, Alignment, DocRef, Ignored, Pair


def sample_alignment() -> Alignment:
    """Every feature the formats must carry: one-sided pairs first, inside and last; several
    sentences a side; XML-special characters; score, para, note; dismissed findings."""
    return Alignment(
        title='Briefing <MIIT> & "friends"',
        source=DocRef("zh", "../seeds/zh/x.txt", "ab" * 32),
        target=DocRef("en", "../seeds/en/x.txt", None),
        glossary="../glossary/scio.yaml",
        pairs=[
            Pair(1, zh=["金壮龙："], en=[], status=CONFIRMED),
            Pair(2, zh=["女士们、先生们，大家上午好！", "欢迎出席。"], en=["Ladies and gentlemen, good morning.", "Welcome."], status=CONFIRMED, score=0.93, para=1),
            Pair(7, zh=["新质生产力<加快>发展。"], en=["New quality productive forces & more <grow>."], score=0.5, note="check the term\nsecond line"),
            Pair(3, zh=[], en=["Translated by X."], score=0.3),
            Pair(4, zh=["“小巨人”企业。"], en=['"Little giant" enterprises.'], status=AUTO, para=2),
            Pair(5, zh=["完。"], en=[]),
            Pair(6, zh=[], en=["The end."]),
        ],
        ignored=[Ignored("term-missing", 2, "新质生产力", "paraphrased on purpose"), Ignored("omission", None)],
    )


def two_sided(al: Alignment) -> list[Pair]:
    return [p for p in al.pairs if p.zh and p.en]


# Sentences as the YAML holds them: any script, spaces, line breaks and carriage returns
# anywhere (even at the edges); never blank, never a tab (refused on load: it would break TSV
# columns; notes may hold one). No other control characters: XML cannot hold them, and the
# exporters refuse them (tested apart).
_chars = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), whitelist_characters="\t\n\r ")
note_text = st.text(_chars, min_size=1, max_size=30).filter(lambda s: s.strip() != "")
sentence = note_text.filter(lambda s: "\t" not in s)
side = st.lists(sentence, max_size=3)


@st.composite
def alignments(draw) -> Alignment:
    n = draw(st.integers(1, 8))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n, unique=True))
    pairs = []
    for pid in ids:
        zh, en = draw(side), draw(side)
        if not zh and not en:
            zh = [draw(sentence)]
        pairs.append(
            Pair(
                pid,
                zh=zh,
                en=en,
                status=draw(st.sampled_from((AUTO, CONFIRMED))),
                score=draw(st.none() | st.floats(0, 1).map(lambda f: round(f, 3))),
                para=draw(st.none() | st.integers(0, 500)),
                note=draw(st.none() | note_text),
            )
        )
    return Alignment(title=draw(st.text(_chars, max_size=20).map(str.strip)), pairs=pairs)
