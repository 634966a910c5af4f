"""How long the checks take: 5,000 glossary terms against 10,000 aligned pairs (bar: < 1 s), and
all checks against the time to load and save the same pairs (bar: ≤ 3×).

Synthetic data, seeded: terms of 2–6 Chinese characters with 2–4 word renderings (plus a
variant and a forbidden form each), pairs of about 50 characters and 30 words holding one to
three terms, rendered correctly most of the time. The bar of DESIGN §6 is for the glossary
checks (compiling the glossary, matching every pair, term-missing/forbidden/inconsistent);
the other checks are timed too, on the same pairs.

    python bench/check_speed.py [--terms 5000] [--pairs 10000] [--glossary-cold | --phases | --floor | --again] [--real]

--glossary-cold times only the glossary checks, first thing in the process (no word stemmed
yet), as `workbench check --check term-missing --check term-forbidden --check term-inconsistent`
meets them, and then once more (warm).

--phases runs all checks once, first thing in the process (cold, as the ratio's run), and
prints where its CPU time goes: compiling the glossary, matching it in every pair (Chinese
and English), each check, and the imports and data loads inside them (rjieba's dictionary,
imported first and counted in the total; CC-CEDICT; rendering-inconsistent's look-up of where
dictionary words begin, its cut of the Chinese and its units, the terms it reads). Each check's own time here is on views already built, unlike the rows of the
default run, where a check that reads glossary hits (variant-spelling) pays for the matching.

--real puts real text in place of the synthetic: each pair two of the demo's pairs
(alignments/scio-2024-07-05.yaml) put together at random, checked with the demo's glossary
(glossary/scio.yaml). The synthetic Chinese, even as Zipf words, weighs far fewer
candidate terms than real text, each in fewer pairs: rendering-inconsistent costs many times
more on real text (a document of 10,000 pairs on the demo's subject repeats its terms as
these pairs do; one of wider subject has more terms, each in fewer pairs).

--floor prints what the plainest Python passes over the same pairs cost, against the bar's
budget (3 × load + save): splitting every pair's English into words, one dict look-up per
English word and per Chinese character, and counting every Chinese character bigram (the least
a check that finds repeated Chinese terms with no glossary must do). It is a yardstick for the
bar, not a check: eleven checks must share that budget.

Last, all checks again after one pair's English changed, as the editor runs them after a
change: without, and with the memo of the run before (checks.Memo; seven edits one after
another, the median). --again prints only that line.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.checks import CHECKS, Memo, run_checks  # noqa: E402
from workbench.glossary.model import Glossary, Term  # noqa: E402
from workbench.model import Alignment, Pair  # noqa: E402

HANZI = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
_LETTERS = random.Random(0)
#: 20,000 distinct words used with Zipf's law (the n-th word about 1/n as often as the
#: first), as the words of a real text are: English function words first, then made-up words
#: of 3–10 letters. (Until Dec 2026 each word was one letter repeated, "tttttt": 176 distinct
#: words and no article, which flattered every cache and left the article check idle.)
_FUNCTION = "the of and to in a for is on that by with as are from at an be this which or its will has".split()
WORDS = list(dict.fromkeys(_FUNCTION + [
    "".join(_LETTERS.choice("abcdefghiklmnoprstuvwy") for _ in range(_LETTERS.randint(3, 10))) for i in range(21000)
]))[:20000]
_CONTENT = WORDS[len(_FUNCTION):]
_ZIPF = list(itertools.accumulate(1 / (n + 1) for n in range(len(WORDS))))


def _words(rnd: random.Random, n: int) -> str:
    return " ".join(rnd.choices(WORDS, cum_weights=_ZIPF, k=n))


#: The Chinese between the terms, likewise: 20,000 words used with Zipf's law, the 64 most
#: frequent words of the demo's Chinese first (jieba's words of its seed text, by count), then made-up
#: words of one to four characters. (Until Dec 2026 it was characters drawn at random, which
#: seldom begin a dictionary word: rendering-inconsistent, which cuts into words only the pairs
#: where a dictionary word may begin, then skipped 98% of the pairs, as no real text lets it.)
_ZH_COMMON = """的 和 发展 工业 我们 企业 产业 制造业 创新 在 国家 了 重点 等 推动 中小企业 将 数字化 推进 科技
    建设 加快 我国 转型 领域 绿色 新 培育 是 为 方面 谢谢 实施 支持 大 提升 高质量 专精 特新 信息化 年 新型 全国 全球
    高新区 一批 大家 实现 个 规模 占 行动 未来 工业化 制造 应用 下 行业 介绍 体系 我 多 增加值 更""".split()
_HAN_WORDS = random.Random(2)
ZH_WORDS = list(dict.fromkeys(_ZH_COMMON + [
    "".join(_HAN_WORDS.choice(HANZI) for _ in range(_HAN_WORDS.choice((1, 2, 2, 2, 2, 3, 3, 4)))) for i in range(21000)
]))[:20000]
_ZH_ZIPF = list(itertools.accumulate(1 / (n + 1) for n in range(len(ZH_WORDS))))


def _zh_words(rnd: random.Random, chars: int) -> str:
    """Chinese words drawn as above, `chars` characters or a few more."""
    out = ""
    while len(out) < chars:
        out += "".join(rnd.choices(ZH_WORDS, cum_weights=_ZH_ZIPF, k=4))
    return out

TERM_CHECKS = ("term-missing", "term-forbidden", "term-inconsistent")


def build(n_terms: int, n_pairs: int, seed: int = 1) -> tuple[Glossary, Alignment]:
    rnd = random.Random(seed)
    terms, seen = [], set()
    while len(terms) < n_terms:
        zh = "".join(rnd.choice(HANZI) for _ in range(rnd.randint(2, 6)))
        if zh in seen:
            continue
        seen.add(zh)
        en = " ".join(rnd.choice(_CONTENT) for _ in range(rnd.randint(2, 4)))  # content words, any of them
        terms.append(Term(zh=[zh], en=en, variants=[en + " group"], forbidden=["bad " + en]))
    al = Alignment(title="speed")
    for i in range(1, n_pairs + 1):
        zh_parts, en_parts = [], []
        for _ in range(rnd.randint(1, 3)):
            t = rnd.choice(terms)
            zh_parts.append(_zh_words(rnd, rnd.randint(8, 20)) + t.zh[0])
            r = rnd.random()
            rendering = t.en if r < 0.8 else t.variants[0] if r < 0.9 else t.forbidden[0] if r < 0.95 else "something else"
            en_parts.append(_words(rnd, rnd.randint(5, 10)) + " " + rendering)
        growth = f"{rnd.randint(1, 99)}.{rnd.randint(0, 9)}"
        zh_parts.append(f"增长{growth}%。")
        en_parts.append(f"grew by {growth if rnd.random() < 0.99 else '0.5'}%.")
        al.pairs.append(Pair(id=i, zh=["，".join(zh_parts)], en=[", ".join(en_parts)]))
    return Glossary(name="synthetic", terms=terms), al


def timed(al, glossary, checks) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds (CPU time is what a busy shared machine does not inflate)."""
    t0, c0 = time.perf_counter(), time.process_time()
    n = len(run_checks(al, glossary, checks=checks))
    return time.perf_counter() - t0, time.process_time() - c0, n


def machine_speed() -> float:
    """Milliseconds for sum(range(10**6)): about 15 on a 2023 laptop with Python 3.11."""
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        sum(range(10**6))
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def build_real(n_pairs: int, seed: int = 7) -> tuple[Glossary, Alignment]:
    """`n_pairs` pairs, each two of the demo's pairs (both sides non-empty) put together at
    random, and the demo's glossary."""
    from workbench.glossary.model import load_glossary
    from workbench.store.alignment_file import load_alignment

    root = Path(__file__).resolve().parent.parent
    demo = load_alignment(root / "alignments" / "scio-2024-07-05.yaml")
    kept = [p for p in demo.pairs if p.zh and p.en]
    rnd = random.Random(seed)
    al = Alignment()
    for pid in range(1, n_pairs + 1):
        a, b = rnd.sample(kept, 2)
        al.pairs.append(Pair(id=pid, zh=a.zh + b.zh, en=a.en + b.en, status="confirmed"))
    return load_glossary(root / "glossary" / "scio.yaml"), al


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--terms", type=int, default=5000)
    ap.add_argument("--pairs", type=int, default=10000)
    ap.add_argument("--glossary-cold", action="store_true", help="only the glossary checks, first (cold) and again")
    ap.add_argument("--phases", action="store_true", help="where the time of all checks (cold) goes")
    ap.add_argument("--real", action="store_true", help="the demo's pairs put together, and its glossary")
    ap.add_argument("--again", action="store_true", help="only the re-check after an edit, with the memo (the last line)")
    ap.add_argument("--floor", action="store_true", help="the plainest Python passes over the pairs, against the bar's budget")
    args = ap.parse_args()
    glossary, al = build_real(args.pairs) if args.real else build(args.terms, args.pairs)
    if args.floor:
        floor(al)
        return
    if args.again:
        _warm_imports()
        again(al, glossary)
        return
    if args.phases:
        _warm_imports()
        phases(al, glossary)
        return
    if args.glossary_cold:
        _warm_imports()
        for label in ("first, cold", "again, warm"):
            wall, cpu, n = timed(al, glossary, TERM_CHECKS)
            print(f"  glossary checks ({label}) {wall:6.2f} / {cpu:5.2f} s  {n} findings — "
                  f"bar < 1 s: {'PASS' if min(wall, cpu) < 1 else 'FAIL'}")
        return
    # All checks first, from a cold start (the dictionary unloaded, no word cached), as one
    # `workbench check` run meets them; then load + save, measured the same way (CPU seconds,
    # one run, the modules imported beforehand); then each check on its own (warm).
    _warm_imports()
    all_wall, all_cpu, all_n = timed(al, glossary, None)
    io_wall, io_cpu = load_and_save(al)
    wall, cpu, n = timed(al, glossary, TERM_CHECKS)
    speed = machine_speed()
    what = f"the demo's glossary ({len(glossary.terms)} terms) × {args.pairs} pairs of the demo put together" if args.real \
        else f"{args.terms} terms × {args.pairs} pairs"
    print(f"{what} (wall / CPU seconds); this machine: "
          f"sum(range(10**6)) in {speed:.0f} ms (a 2023 laptop: ~15 ms)")
    print(f"  glossary checks (compile + match + 3 checks) {wall:6.2f} / {cpu:5.2f} s  {n} findings — "
          f"bar < 1 s: {'PASS' if min(wall, cpu) < 1 else 'FAIL'} here; "
          f"scaled to a 15 ms machine: ~{min(wall, cpu) * 15 / speed:.1f} s")
    for check in CHECKS:
        if check in TERM_CHECKS:
            continue
        wall, cpu, n = timed(al, glossary if check == "variant-spelling" else None, [check])
        print(f"  {check:<44} {wall:6.2f} / {cpu:5.2f} s  {n} findings")
    print(f"  {'all checks (first, cold)':<44} {all_wall:6.2f} / {all_cpu:5.2f} s  {all_n} findings")
    print(f"  {'load + save the same pairs (YAML)':<44} {io_wall:6.2f} / {io_cpu:5.2f} s")
    ratio = all_cpu / io_cpu
    print(f"  all checks / (load + save), CPU: {ratio:.1f}×  — bar ≤ 3×: {'PASS' if ratio <= 3 else 'FAIL'}")
    again(al, glossary)


def again(al, glossary, edits: int = 7) -> None:
    """All checks again after one pair's English changed, as the editor runs them after a
    change: `edits` edits one after another, each a pair's English made another's, each run
    with the memo of the run before (checks.Memo), the median printed (one edit's time is
    noisy on a shared machine); and the first edit's run without the memo (warm either way,
    the findings the same)."""
    import statistics

    memo = Memo()
    run_checks(al, glossary, memo=memo)
    pairs = list(al.pairs)
    n = len(pairs)
    without, with_memo = None, []
    for e in range(edits):
        k = (e * 1237 + n // 2) % n
        pairs[k] = Pair(id=pairs[k].id, zh=pairs[k].zh, en=pairs[(k + n // 3) % n].en, status=pairs[k].status)
        edited = Alignment(pairs=list(pairs))
        if without is None:
            t = time.process_time()
            plain = run_checks(edited, glossary)
            without = time.process_time() - t
        t = time.process_time()
        kept = run_checks(edited, glossary, memo=memo)
        with_memo.append(time.process_time() - t)
        if e == 0:
            assert kept == plain
    print(f"  all checks again after one pair's English changed (warm), CPU: {without:.2f} s; "
          f"with the memo of the run before: {statistics.median(with_memo):.2f} s "
          f"(median of {edits} edits one after another, {min(with_memo):.2f}–{max(with_memo):.2f})")


def _warm_imports() -> None:
    """Import what both sides use, so that neither pays for imports in its time."""
    import workbench.checks.completeness  # noqa: F401
    import workbench.checks.consistency  # noqa: F401
    import workbench.checks.numbers  # noqa: F401
    import workbench.checks.rendering  # noqa: F401
    import workbench.checks.spelling  # noqa: F401
    import workbench.checks.terms  # noqa: F401
    import workbench.checks.typography  # noqa: F401
    import workbench.store.alignment_file  # noqa: F401


def phases(al, glossary) -> None:
    """All checks, cold, with the CPU seconds of each phase (wrapped timers: a few ms more)."""
    from workbench.checks import completeness, consistency, rendering, spelling, terms, typography, view
    from workbench.checks import numbers as number_checks
    from workbench.glossary import dictionary, matching, renderings

    parts = [  # (owner, function, label; indented: a part of the line after it)
        (view, "TermMatcher", "  compile the glossary"),
        (matching.TermMatcher, "zh_find_all", "  match the Chinese of every pair"),
        (matching.TermMatcher, "en_find_all", "  match the English of every pair"),
        (view, "build_views", "views (the above, and each pair's text joined)"),
        *((module, name, name.replace("_", "-")) for module, name in (
            (terms, "term_missing"), (terms, "term_forbidden"), (terms, "term_inconsistent"),
            (consistency, "source_inconsistent"), (spelling, "variant_spelling"), (number_checks, "number_mismatch"),
            (completeness, "omission"), (completeness, "untranslated"), (typography, "typography"),
            (typography, "capitalisation"))),
        (dictionary, "Dictionary", "  load CC-CEDICT"),
        (rendering, "_begins", "  where dictionary words begin (every char)"),
        (rendering, "_words", "  cut the pairs where a term may start (rjieba)"),
        (rendering, "_Units", "  units of every pair (the two above included)"),
        (renderings.Renderings, "parts", "  candidate terms' parts, heads learned"),
        (renderings.Renderings, "renderable", "  which terms to read (Renderings.renderable)"),
        (renderings.Renderings, "of", "  each term's renderings (Renderings.of)"),
        (rendering, "rendering_inconsistent", "rendering-inconsistent"),
    ]
    jieba = "import rjieba (it loads its dictionary)"
    spent = dict.fromkeys((jieba, *(label for _, _, label in parts)), 0.0)
    for owner, name, label in parts:
        setattr(owner, name, _timed(getattr(owner, name), label, spent, listed=owner in (
            terms, consistency, spelling, number_checks, completeness, typography) or name == "rendering_inconsistent"))
    # rjieba is imported by the first check that cuts Chinese into words (term-missing, then
    # rendering-inconsistent): imported here, timed, and counted in the total, so that its
    # cost shows once and no check's line holds it
    c0 = time.process_time()
    import rjieba  # noqa: F401

    spent[jieba] = time.process_time() - c0
    c0 = time.process_time()
    n = len(run_checks(al, glossary))
    total = time.process_time() - c0 + spent[jieba]
    print(f"all checks, first (cold): {total:.2f} s CPU, {n} findings; of which (CPU seconds):")
    for label, cpu in spent.items():
        print(f"  {label:<48} {cpu:5.2f}")
    rest = total - sum(cpu for label, cpu in spent.items() if not label.startswith(" "))
    print(f"  {'the rest (findings sorted, the views freed)':<48} {rest:5.2f}")


def _timed(inner, label: str, spent: dict[str, float], listed: bool):
    def timed_call(*args, **kwargs):
        c0 = time.process_time()
        out = inner(*args, **kwargs)
        if listed:
            out = list(out)  # (the checks are generators: run them here)
        spent[label] += time.process_time() - c0
        return out

    return timed_call


def floor(al) -> None:
    """The plainest Python passes over the pairs (CPU, best of 3) against the bar's budget."""
    import re
    from collections import Counter

    en = [" ".join(p.en) for p in al.pairs]
    zh = ["".join(p.zh) for p in al.pairs]
    word = re.compile(r"[A-Za-z0-9']+")
    seen: dict[str, int] = {}

    def split_english():
        for text in en:
            word.findall(text)

    def look_up_words():
        for text in en:
            for w in word.findall(text):
                seen.get(w)

    def look_up_chars():
        for text in zh:
            for c in text:
                seen.get(c)

    def count_bigrams():
        counts: Counter[str] = Counter()
        for text in zh:
            counts.update(text[i:i + 2] for i in range(len(text) - 1))

    def best(f) -> float:
        spent = []
        for _ in range(3):
            c0 = time.process_time()
            f()
            spent.append(time.process_time() - c0)
        return min(spent)

    io = min(load_and_save(al)[1] for _ in range(3))
    words, chars = sum(len(word.findall(t)) for t in en), sum(map(len, zh))
    print(f"{len(al.pairs)} pairs, {words} English words, {chars} Chinese characters (CPU seconds, best of 3)")
    print(f"  load + save (YAML)                              {io:5.2f}   the bar's budget for all checks, 3×: {3 * io:.2f}")
    for label, f in (("split every pair's English into words", split_english),
                     ("  and look each word up in a dict", look_up_words),
                     ("look each Chinese character up in a dict", look_up_chars),
                     ("count every Chinese character bigram", count_bigrams)):
        spent = best(f)
        print(f"  {label:<47} {spent:5.2f}   {spent / (3 * io):4.0%} of the budget")


def load_and_save(al) -> tuple[float, float]:
    """Wall-clock and CPU seconds to save the pairs as an aligned file and load it back."""
    import tempfile

    from workbench.store.alignment_file import load_alignment, save_alignment

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "speed.yaml"
        t0, c0 = time.perf_counter(), time.process_time()
        save_alignment(al, path)
        load_alignment(path)
        return time.perf_counter() - t0, time.process_time() - c0


if __name__ == "__main__":
    main()
