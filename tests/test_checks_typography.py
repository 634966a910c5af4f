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
