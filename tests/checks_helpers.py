"""Small aligned documents for the check tests."""

from workbench.glossary.model import Glossary, Term
from workbench.model import Alignment, Pair


def doc(*pairs, ignored=()):
    """An alignment from (zh, en) tuples; a side may be '' (empty)."""
    al = Alignment(title="test")
    for i, (zh, en) in enumerate(pairs, 1):
        al.pairs.append(Pair(id=i, zh=[zh] if zh else [], en=[en] if en else []))
    al.ignored = list(ignored)
    return al


GLOSSARY = Glossary(
    name="test",
    terms=[
        Term(zh=["新质生产力"], en="new quality productive forces", forbidden=["new productive forces"]),
        Term(zh=["新型工业化"], en="new industrialization", variants=["new-type industrialization"]),
        Term(zh=["规模以上工业企业"], en="industrial enterprises above designated size",
             variants=["industrial enterprises above the designated size"],
             forbidden=["industrial enterprises above designated scale"]),
        Term(zh=['专精特新"小巨人"企业', '"小巨人"企业'], en='"little giant" enterprises',
             variants=["little giant enterprises"], forbidden=["small giant enterprises"]),
        Term(zh=["中小企业"], en="SMEs", variants=["small and medium-sized enterprises"]),
        Term(zh=["工业和信息化部"], en="Ministry of Industry and Information Technology", variants=["MIIT"]),
        Term(zh=["国家高新区"], en="national high-tech zones",
             variants=["high-tech zones", "national high-tech industrial development zones"]),
        Term(zh=["国家高新技术产业开发区"], en="national high-tech industrial development zones"),
        Term(zh=["支线飞机"], en="regional aircraft", forbidden=["regional aircrafts"]),
    ],
)


def long_pairs(n=12):
    zh = "我们将继续深化改革扩大开放统筹高质量发展和高水平安全大力推进新型工业化。"
    en = "We will continue to deepen reform and expand opening-up, and vigorously promote new industrialization."
    return [(zh, en)] * n
