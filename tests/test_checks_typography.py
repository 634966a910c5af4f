"""typography and capitalisation. Cases to flag, and look-alikes not to."""

import pytest
from checks_helpers import doc

from workbench.checks import run_checks


def found(check, *pairs):
    return run_checks(doc(*pairs), None, checks=[check])


@pytest.mark.parametrize(
    "en, severity, what",
    [
        ("We will act，and act fast.", "warning", "full-width"),
        ("Growth（6.2%）was strong.", "warning", "full-width"),
        ("Growth (6.2% was strong.", "warning", "bracket"),
        ("Growth 6.2%) was strong.", "warning", "bracket"),
        ("He said “we will act.", "info", "quotation"),
        ("We will  act.", "info", "two spaces"),
    ],
)
def test_typography_flags(en, severity, what):
    fs = found("typography", ("我们将行动。", en))
    assert [(f.severity, what in f.message) for f in fs] == [(severity, True)]


@pytest.mark.parametrize(
    "en",
    ["Growth (6.2%) was strong [see below].", "He said “we will act” and did.", 'He said "we will act".',
     "We will act. Then more.", "Ends with a space ",
     "Our tasks: 1) build, 2) grow.", "a) first; b) second; iv) fourth", 'He is 5\'10" tall, with 30" screens.'],
)
def test_typography_passes(en):
    assert found("typography", ("我们将行动。", en)) == []


def test_mixed_curly_and_straight_quotes_are_flagged_where_rarer():
    pairs = [("一", "“little giant” firms"), ("二", "“little giant” firms"), ("三", '"little giant" firms')]
    (f,) = found("typography", *pairs)
    assert (f.pair, f.severity, f.found) == (3, "info", "straight")


def test_capitalisation_flags_the_same_phrase_capitalised_two_ways():
    pairs = [("一", "We empowered the National SME Development Fund to act."),
             ("二", "We used the National SME Development Fund again."),
             ("三", "We leveraged the national SME development fund.")]
    (f,) = found("capitalisation", *pairs)
    assert (f.pair, f.found, f.expected) == (3, "national SME development fund", "National SME Development Fund")


@pytest.mark.parametrize(
    "pairs",
    [
        # the first word of a sentence
        [("一", "Development funds grew."), ("二", "We saw development funds grow.")],
        # part of a longer name, and a heading in Title Case
        [("一", "the Ministry of Industry and Information Technology"), ("二", "minister of industry and information technology")],
        [("一", "Promoting High-Quality Development"), ("二", "for promoting high-quality development")],
        # an acronym is the same either way
        [("一", "SME growth"), ("二", "SME growth")],
    ],
)
def test_capitalisation_passes(pairs):
    assert found("capitalisation", *pairs) == []


def test_the_ascii_signs_looked_for_first_are_those_a_finding_needs():
    from workbench.checks.typography import _ASCII_SIGNS, _MAY_BE_A_FINDING

    assert {c for c in map(chr, range(128)) if _MAY_BE_A_FINDING.match(c)} | {"  "} == set(_ASCII_SIGNS)


def _capitalisation_plainly(pairs):
    """capitalisation as first written: every run of 2–5 words from each word written both ways,
    each word's case read afresh (the reference for the check, which reads each word once and
    keeps only runs that can take part in a finding)."""
    from collections import defaultdict

    from workbench.checks.typography import _TITLE_GLUE, _all, _case, _compatible
    from workbench.text.normalize import EN_STOP, WORD

    def heading(words):
        content = [m.group() for m in words[1:] if m.group().casefold() not in EN_STOP and m.group().isalpha()
                   and not m.group().isupper()]
        return len(content) >= 2 and sum(w[:1].isupper() for w in content) >= 0.8 * len(content)

    def inside_a_name(words, first, last):
        def cap(k, step):
            while 0 <= k < len(words) and words[k].group().casefold() in _TITLE_GLUE:
                k += step
            return 0 <= k < len(words) and words[k].group()[:1].isupper()
        return cap(first - 1, -1) or cap(last + 1, 1)

    distinct = {w for _, en in pairs for w in WORD.findall(en)}
    capital = {w.lower() for w in distinct if not w.islower() and w[:1].isupper() and w[1:].islower()}
    both = {w for w in capital if w in distinct and w.islower()} - EN_STOP
    seen = defaultdict(lambda: defaultdict(list))
    for pid, en in pairs:
        if not en or both.isdisjoint(WORD.findall(en.lower())):
            continue
        words = list(WORD.finditer(en))
        if heading(words):
            continue
        for k, first in enumerate(words):
            if first.group().lower() not in both:
                continue
            before = en[:first.start()].rstrip(" \"“‘(")
            starts = not before or before[-1] in ".!?:;"
            for n in range(2, 6):
                if k + n > len(words):
                    break
                run = words[k:k + n]
                if en[run[-2].end():run[-1].start()] not in (" ", "-"):
                    break
                texts = [m.group() for m in run]
                if texts[-1].casefold() in EN_STOP:
                    continue
                shape = [_case(t) for t in texts if t.casefold() not in EN_STOP]
                if len(shape) < 2 or "m" in shape or "d" in shape:
                    continue
                if "T" in shape and inside_a_name(words, k, k + n - 1):
                    continue
                if starts:
                    shape[0] = "*"
                seen[" ".join(t.casefold() for t in texts)][tuple(shape)].append((pid, en[first.start():run[-1].end()], first.start()))
    found = defaultdict(list)
    for phrase, shapes in seen.items():
        title = [s for s in shapes if _all(s, "T") and "T" in s]
        lower = [s for s in shapes if _all(s, "l") and "l" in s]
        if len(shapes) < 2 or not title or not lower:
            continue
        pairs_of = {s: {o[0] for o in occ} for s, occ in shapes.items()}
        ref = max(title + lower, key=lambda s: len(pairs_of[s]))
        for s in title + lower:
            if s != ref and not _compatible(s, ref):
                for pid, surface, place in shapes[s]:
                    found[pid].append((len(phrase), place, (pid, phrase, surface, shapes[ref][0][1], len(pairs_of[ref]), shapes[ref][0][0])))
    out = []
    for fs in found.values():
        fs.sort(key=lambda x: (-x[0], x[1]))  # (phrases as long: as they come in the pair)
        kept = []
        for _, _, f in fs:
            if not any(f[1] in k[1] and f[2] in k[2] for k in kept):
                kept.append(f)
        out += kept
    return sorted(out, key=lambda f: f[0])  # (in pair order, as run_checks gives them; stable)


@pytest.mark.parametrize("seed", range(6))
def test_capitalisation_finds_what_reading_every_run_afresh_finds(seed):
    """On random English of words written in several cases (Title, lower, acronyms, mixed case,
    numbers, stop words; joined by spaces, hyphens, commas, sentence ends, quotes, brackets)."""
    import random

    rnd = random.Random(seed)
    content = ["national", "development", "fund", "industrial", "park", "zone", "digital", "economy", "green"]
    others = ["of", "the", "and", "in", "for", "SME", "AI", "iPhone", "5G", "2024", "Ministry", "Technology"]
    seps = [" "] * 12 + ["-", "-", ", ", ". ", " (", " “", "” ", ") ", "  "]

    phrases = ["national development fund of industrial", "digital economy and green zone", "green park fund"]

    def word():
        if rnd.random() < 0.1:  # a longer phrase, all in Title Case or all in lower case
            return rnd.choice([str.title, str.lower])(rnd.choice(phrases)).replace(" Of ", " of ").replace(" And ", " and ")
        if rnd.random() < 0.3:
            return rnd.choice(others)
        if rnd.random() < 0.15:
            return rnd.choice(["policy", "growth", "reform"])  # (never written in capitals)
        w = rnd.choice(content)
        return rnd.choice([w, w, w.title(), w.upper(), w[:1] + w[1:].upper()])

    pairs = []
    for pid in range(1, 301):
        text = word()
        for _ in range(rnd.randint(0, 14)):
            text += rnd.choice(seps) + word()
        pairs.append((pid, text + rnd.choice([".", "", "!"])))
    got = run_checks(doc(*[("中文", en) for _, en in pairs]), None, checks=["capitalisation"])
    expected = _capitalisation_plainly(pairs)
    assert len(expected) >= 5  # (something to compare)
    assert [(f.pair, f.term, f.found, f.expected) for f in got] == [e[:4] for e in expected]
    assert [f.message for f in got] == [
        f"“{e[2]}” here, “{e[3]}” in {e[4]} pair(s) (first: pair {e[5]})" for e in expected]


def test_brackets_and_quotes_walked_alone_are_every_character_walked():
    """The bracket and quote checks walk only the brackets and curly quotes of a text (found in
    C): the same answers as walking every character, the plain way."""
    import random

    from workbench.checks.typography import _BRACKETS, _ENUMERATOR, _STRAIGHT, _unbalanced_brackets, _unbalanced_quotes

    def brackets(text):
        if not any(c in text for c in "()[]{}"):
            return None
        if ")" in text and "(" not in text:
            text = _ENUMERATOR.sub("", text)
        stack, closing = [], {v: k for k, v in _BRACKETS.items()}
        for ch in text:
            if ch in _BRACKETS:
                stack.append(ch)
            elif ch in closing:
                if not stack or stack[-1] != closing[ch]:
                    return ch
                stack.pop()
        return stack[0] if stack else None

    def quotes(text):
        if "“" not in text and "”" not in text:
            return '"' if '"' in text and len(_STRAIGHT.findall(text)) % 2 else None
        depth = 0
        for ch in text:
            if ch == "“":
                depth += 1
            elif ch == "”":
                depth -= 1
                if depth < 0:
                    return "”"
        return "“" if depth else '"' if len(_STRAIGHT.findall(text)) % 2 else None

    rnd = random.Random(6)
    bits = list("()[]{}“”\"") + ["a", "word", " ", "1)", " 2)", "ii)", "5\"", ", "]
    for _ in range(3000):
        text = "".join(rnd.choices(bits, k=rnd.randint(0, 12)))
        assert _unbalanced_brackets(text) == brackets(text), text
        assert _unbalanced_quotes(text) == quotes(text), text
