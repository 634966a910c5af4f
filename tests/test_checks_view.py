"""The prepared view of the pairs (checks/view.py): what it reads once must be what each check
would read on its own."""

import pytest

from workbench.checks.consistency import en_key
from workbench.checks.view import PairView
from workbench.text.normalize import FOLDED_KEYS, WORD

TEXTS = [
    "The SMEs’ output grew 5%.",
    "“Made in China 2025” — a plan… for the Future (2021-2025).",
    "ΟΔΟΣ:ΑΘΗΝΑ and ΑΣ'Β",  # Greek: a final sigma depends on what follows it
    "İstanbul and STRASSE, Straße, µm and ﬁne",  # lower or case-fold change length or letters
    "We CANNOT say; it can't be; that's all",
    "½ of 2× the €5 at 30°, café",
    "Chips 5 µm WIDE — ª º, “Plain” text",  # plain: µ case-folds to μ, a letter all the same
]


@pytest.mark.parametrize("text", TEXTS)
def test_words_read_once_are_the_words_of_the_text(text):
    p = PairView(1, "中文", text)
    assert p.plain == (text.isascii() or text.startswith(("“Made", "Chips", "The SMEs")))
    assert p.words == WORD.findall(text)
    assert p.words_lower == WORD.findall(text.lower())


@pytest.mark.parametrize("text", TEXTS)
def test_source_key_from_the_words_is_the_key_of_the_text(text):
    p = PairView(1, "中文", text)
    folded = text.casefold().replace("’", "'")
    slow = PairView(1, "中文", text)
    slow.__dict__["plain"] = False  # the text path, as for any text outside ASCII and punctuation
    assert en_key(p) == en_key(slow)
    if "'" not in folded and "cannot" not in folded:
        assert en_key(p) == " ".join(FOLDED_KEYS[w] for w in WORD.findall(folded))
