"""Term mining: candidates from co-occurrence, set against the glossary."""

import json
from pathlib import Path

from checks_helpers import GLOSSARY, doc
from conftest import run_cli

from workbench.glossary.mining import CONTRADICTS, KNOWN, NEW, mine_terms
from workbench.store.alignment_file import save_alignment

REPO = Path(__file__).resolve().parent.parent

PAIRS = [
    ("我们要加快发展新质生产力。", "We must accelerate the development of new quality productive forces."),
    ("新质生产力是关键。", "New quality productive forces are key."),
    ("培育新质生产力。", "Cultivate new quality productive forces."),
    ("推动数字经济发展。", "Promote the growth of the digital economy."),
    ("数字经济规模扩大。", "The digital economy has grown in scale."),
    ("推进新型工业化。", "Advance new-type industrialization."),
    ("新型工业化取得进展。", "New-type industrialization has progressed."),
    ("今天天气很好。", "The weather is fine today."),
]


def by_zh(cands):
    return {c.zh: c for c in cands}


def test_mines_terms_with_frequencies_and_association():
    c = by_zh(mine_terms(doc(*PAIRS)))
    assert c["新质生产力"].en.lower() == "new quality productive forces"
    assert (c["新质生产力"].pairs, c["新质生产力"].zh_pairs) == (3, 3)
    assert c["新质生产力"].log_dice == 14.0
    assert c["数字经济"].en == "digital economy" and c["数字经济"].status == NEW
    assert "天气" not in c  # seen once


def test_marks_known_and_contradicting_terms():
    g = GLOSSARY
    from copy import deepcopy

    g = deepcopy(GLOSSARY)
    g.terms[1].variants = []  # 新型工业化: only "new industrialization" is accepted now
    c = by_zh(mine_terms(doc(*PAIRS), g))
    assert c["新质生产力"].status == KNOWN
    assert c["新型工业化"].status == CONTRADICTS and c["新型工业化"].glossary_en == "new industrialization"


def test_terms_cli(tmp_path):
    save_alignment(doc(*PAIRS), tmp_path / "a.yaml")
    r = run_cli("terms", tmp_path / "a.yaml", "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {"zh": "数字经济", "en": "digital economy"}.items() <= next(x for x in rows if x["zh"] == "数字经济").items()
    r = run_cli("terms", tmp_path / "a.yaml", "--format", "glossary")
    assert r.returncode == 0 and r.stdout.startswith("workbench: glossary/1")


def test_candidates_carry_example_pairs():
    c = by_zh(mine_terms(doc(*PAIRS)))
    assert c["新质生产力"].examples == (1, 2, 3) and c["数字经济"].examples == (4, 5)


def test_a_piece_of_the_glossary_rendering_is_shown_as_the_glossary_rendering():
    from workbench.glossary.model import Glossary, Term

    g = Glossary(name="g", terms=[Term(zh=["专精特新企业"], en="enterprises that produce novel and unique products")])
    pairs = [("专精特新企业增加。", "More firms make unique products."),
             ("培育专精特新企业。", "We foster firms with unique products."),
             ("专精特新企业很多。", "Many firms have unique products.")]
    c = by_zh(mine_terms(doc(*pairs), g))["专精特新企业"]
    assert c.status == KNOWN and c.en == "enterprises that produce novel and unique products"


# -- on the rendering engine (glossary/renderings.py, shared with rendering-inconsistent) ----

XI = [
    ("习近平总书记在会上指出，要发展新质生产力。", "General Secretary Xi Jinping pointed out that we must develop new quality productive forces."),
    ("习近平总书记在信中指出，要推进新型工业化。", "General Secretary Xi Jinping said that we must advance new industrialization."),
    ("习近平总书记在讲话中指出，要坚持创新。", "General Secretary Xi Jinping stressed that we must keep innovating."),
]
LABS = [
    ("集聚了全国重点实验室的80%。", "They have gathered 80% of national key laboratories."),
    ("布局建设全国重点实验室等平台。", "We will build platforms, including innovation centers and key laboratories."),
    ("新建全国重点实验室。", "We will build new national key laboratories."),
]
LAYOUT = [
    ("优化国家高新区布局。", "We will optimise how high-tech zones are distributed."),
    ("完善国家高新区布局。", "We will improve how high-tech zones are spread."),
    ("国家高新区发展很快。", "National high-tech zones grow fast."),
    ("国家高新区是主阵地。", "National high-tech zones are the main front."),
]
ACHIEVEMENTS = [
    ("促进科技成果转化为现实产品。", "We will facilitate the transformation of sci-tech achievements into products."),
    ("推动科技成果转化。", "We will promote the commercialization of scientific and technological achievements."),
    ("加快科技成果应用。", "We will speed up the application of sci-tech achievements."),
]


def test_a_chance_co_occurrence_is_no_candidate():
    # 指出 is always with "General Secretary Xi Jinping" here, which renders no part of it
    c = by_zh(mine_terms(doc(*XI)))
    assert "指出" not in c or "Jinping" not in c["指出"].en


def test_a_rendering_found_whole_is_shown_whole():
    # "key laboratories" is in every pair, "national key laboratories" renders the whole term
    c = by_zh(mine_terms(doc(*LABS)))["全国重点实验室"]
    assert c.en == "national key laboratories" and c.examples[0] == 1


def test_the_english_of_a_shorter_term_is_not_offered_for_a_longer_one():
    # "high-tech zones" renders 国家高新区, not 国家高新区布局 (布局: layout)
    from workbench.glossary.model import Glossary, Term

    g = Glossary(name="g", terms=[Term(zh=["国家高新区"], en="national high-tech zones")])
    c = by_zh(mine_terms(doc(*LAYOUT), g))
    assert c["国家高新区"].status == KNOWN
    assert "国家高新区布局" not in c or "layout" in c["国家高新区布局"].en


def test_the_engine_s_majority_rendering_and_its_pairs():
    c = by_zh(mine_terms(doc(*ACHIEVEMENTS)))["科技成果"]
    assert (c.en, c.pairs, c.examples) == ("sci-tech achievements", 2, (1, 3))


def test_the_wording_shown_is_a_head_rather_than_a_modifier():
    pairs = [
        ("发展高新技术产业开发区。", "We will develop high-tech industrial development zones."),
        ("建设高新技术产业开发区。", "We will build high-tech industrial development zones."),
        ("培育高新技术产业。", "We will foster high-tech industries."),
    ]
    assert by_zh(mine_terms(doc(*pairs)))["高新技术产业"].en == "high-tech industries"


# -- boundaries of a candidate's English, and pairings the engine cannot confirm ---------------

BOUNDARY_CASES = [
    # (pairs, Chinese, the English offered or None for no candidate)
    ([("辛国斌副部长回答。", "Mr. Xin will answer."), ("辛国斌说。", "Xin Guobin said."),
      ("请辛国斌回答。", "Mr. Xin Guobin will answer."), ("辛国斌表示。", "Xin said so.")],
     "辛国斌", "Xin Guobin"),  # a name spelled whole, not the surname seen more often
    ([("单位能耗下降。", "Energy consumption per unit fell."), ("降低能耗。", "Cut energy consumption per unit."),
      ("能耗很高。", "Energy consumption per unit is high.")],
     "能耗", "Energy consumption"),  # "per" trimmed: no gloss of 能耗 explains it
    ([("聚焦重点企业。", "Focusing on key enterprises."), ("聚焦重点产业链。", "Focusing on key industrial chains."),
      ("聚焦重点园区。", "Focusing on key parks.")],
     "聚焦重点", None),  # "focusing on key" never ends a phrase: a modifier cut from its noun
    ([("发展生物制造。", "Develop biomanufacturing."), ("生物制造很重要。", "Biomanufacturing matters."),
      ("支持生物制造。", "Support biomanufacturing.")],
     "生物制造", "biomanufacturing"),  # one English word for two parts (bio- + manufacturing)
    ([("贯穿新型工业化全过程。", "Throughout the entire process of new industrialization."),
      ("要求贯穿新型工业化全过程。", "It runs through the entire process of new industrialization.")],
     "贯穿新型工业化全过程", None),  # 贯穿 rendered in no pair: a clause piece, not a term
    ([("他后腰一痛。", "Misty's back hurt."), ("拿他后腰穴道。", "He felt for the point in Misty's back."),
      ("撞他后腰。", "He butted Misty's back.")],
     "他后腰", None),  # a pronoun first: no term
    ([("贾母笑了。", "Grandmother Jia laughed."), ("贾母说。", "Grandmother Jia said."),
      ("见贾母。", "They saw Grandmother Jia.")],
     "贾母", "Grandmother Jia"),  # a name with its title, not the surname the characters' glosses read
    ([("周瑞家的来了。", "Zhou came."), ("周瑞家的说。", "Zhou said."), ("问周瑞家的。", "Ask Zhou.")],
     "周瑞家", None),  # the surname alone: the rest of the name untranslated
    ([("韦小宝笑了。", "Then protested Trinket, laughing."), ("韦小宝说不行。", "No, protested Trinket."),
      ("韦小宝走了。", "Trinket left."), ("韦小宝大叫。", "Trinket shouted.")],
     "韦小宝", "Trinket"),  # a translated name: the capitalised word, not "protested Trinket"
    ([("王成名唤狗儿。", "Wang Cheng had a son called Gou-er."), ("王成身故，名唤板儿。", "Wang Cheng died; a son called Ban-er.")],
     "名唤", None),  # "Wang Cheng" is 王成's (its pinyin), not 名唤's on co-occurrence alone
    ([("习近平总书记强调。", "General Secretary Xi Jinping stressed it."), ("习近平总书记指出。", "General Secretary Xi Jinping said so."),
      ("总书记说。", "The General Secretary said."), ("总书记讲话。", "The General Secretary spoke.")],
     "习近平总书记", "General Secretary Xi Jinping"),  # "Xi": two letters, a syllable of 习近平's pinyin
    ([("装备制造业增加值占33.6%。", "Equipment manufacturing accounted for 33.6%."),
      ("装备制造业增加值增长7.5%。", "Equipment manufacturing grew by 7.5%."),
      ("发展装备制造业企业。", "Develop equipment manufacturing enterprises.")],
     "装备制造业", "Equipment manufacturing"),  # followed by a verb, not by a noun it modifies
    ([("推动对外开放。", "Promote opening up."), ("扩大对外开放。", "Expand opening up.")],
     "对外开放", None),  # "up" is no rendering of it: two-letter glosses only as pinyin syllables
    ([("钢铁、有色金属、石化等行业。", "Industries such as steel, non-ferrous metals, petrochemicals."),
      ("钢铁、有色金属、石化、建材。", "Steel, non-ferrous metals, petrochemicals and building materials."),
      ("发展有色金属。", "Develop non-ferrous metals.")],
     "有色金属", "non-ferrous metals"),  # one item of a list, not the list ("ferrous" of "non-ferrous")
    ([("今年月底完成。", "Done by the end of June."), ("月底前交。", "Due by the end of June."),
      ("月底见。", "See you at the end of June.")],
     "月底", None),  # "June" is not in 月底; "end" alone is no term
]


def test_candidate_boundaries():
    for pairs, zh, en in BOUNDARY_CASES:
        c = by_zh(mine_terms(doc(*pairs))).get(zh)
        if en is None:
            assert c is None, (zh, c and c.en)
        else:
            assert c is not None and c.en == en, (zh, c and c.en)


def test_a_glossary_term_always_inside_one_longer_unit_is_still_offered():
    # 十四五 is seen only as 十四五前两年 (the same pairs): without a glossary it is only a part of
    # that run (dropped, as it ends with a count); the glossary makes it a unit of its own
    from workbench.glossary.model import Glossary, Term

    pairs = [("十四五前两年，产量增长。", "In the first two years of the 14th Five-Year Plan, output grew."),
             ("十四五前两年，投资增长。", "In the first two years of the 14th Five-Year Plan, investment grew.")]
    assert "十四五" not in by_zh(mine_terms(doc(*pairs)))
    g = Glossary(name="t", terms=[Term(zh=["十四五"], en="14th Five-Year Plan")])
    c = by_zh(mine_terms(doc(*pairs), g))
    assert c["十四五"].status == KNOWN and c["十四五"].en == "14th Five-Year Plan"


def test_a_piece_of_a_hyphened_name_contradicts_no_glossary_term():
    # on the demo, with its glossary, 规模以上 alone (elsewhere it is inside longer glossary terms)
    # co-occurs with the "Five" of "14th Five-Year Plan": that is no rendering that contradicts
    # the glossary's "above designated size"
    from workbench.glossary.model import load_glossary
    from workbench.store.alignment_file import load_alignment

    al = load_alignment(REPO / "alignments" / "scio-2024-07-05.yaml")
    found = mine_terms(al, load_glossary(REPO / "glossary" / "scio.yaml"))
    assert not [c for c in found if c.en in ("Five", "Five-Year")]
    assert by_zh(found)["十四五"].status == KNOWN


GREEN = [
    ("推动绿色低碳发展。", "Promote green and low-carbon development."),
    ("加快绿色低碳转型。", "Speed up the green and low-carbon transformation."),
    ("壮大绿色低碳产业。", "Grow green and low-carbon industries."),
    ("推广绿色低碳技术。", "Spread green and low-carbon technologies."),
]


def test_an_attributive_term_used_with_many_nouns_is_offered():
    # "green and low-carbon" never ends its phrase, but it modifies four different nouns, in
    # both languages: a term of its own, not a modifier cut from one longer term
    c = by_zh(mine_terms(doc(*GREEN)))
    assert c["绿色低碳"].en.casefold() == "green and low-carbon" and c["绿色低碳"].pairs == 4


def test_a_verb_with_the_modifier_of_its_object_is_no_term():
    # "focus on key …" before four different nouns: a verb and a modifier cut from its object
    pairs = [("我们将聚焦重点行业。", "We will focus on key industries."),
             ("就是聚焦重点企业。", "It means focusing on key enterprises."),
             ("就是聚焦重点产业链。", "It means focusing on key industrial chains."),
             ("我们将聚焦重点园区。", "We will focus on key parks.")]
    assert "聚焦重点" not in by_zh(mine_terms(doc(*pairs)))


def test_a_term_led_by_an_adjective_character_is_read_by_the_engine():
    # 新能源汽车 = 新 + 能源 + 汽车 (新能源 is no dictionary word): the leading adjective is a part of
    # its own, as in 新 + 材料; "vehicles" is learned for 汽车 from the file
    pairs = [("我们发展新能源汽车。", "We develop new energy vehicles."),
             ("推广新能源汽车，扩大消费。", "Promote new energy vehicles and expand consumption."),
             ("出口了很多新能源汽车。", "Many new energy vehicles were exported.")]
    c = by_zh(mine_terms(doc(*pairs)))
    assert c["新能源汽车"].en == "new energy vehicles" and c["新能源汽车"].pairs == 3


def test_a_name_of_four_words_is_offered_whole():
    # 国家 中小企业 发展 基金: four jieba words; with runs of three only, the name was offered cut
    pairs = [("国家中小企业发展基金投资了很多企业。", "The National SME Development Fund has invested in many firms."),
             ("我们发挥国家中小企业发展基金作用。", "We leverage the national SME development fund."),
             ("国家中小企业发展基金规模扩大。", "The national SME development fund has grown.")]
    c = by_zh(mine_terms(doc(*pairs)))
    assert c["国家中小企业发展基金"].en.casefold() == "national sme development fund"
    assert c["国家中小企业发展基金"].pairs == 3 and "中小企业发展基金" not in c


def test_the_head_s_rendering_is_not_trimmed_away():
    # 军代表 = 军 + 代表; the dictionary explains "military" (军) but not "deputy" (代表 is
    # "representative, delegate"): the word after "military" renders the head, and stays
    pairs = [("军代表来了。", "The military deputy came."),
             ("军代表走进屋里。", "The military deputy walked into the room."),
             ("我去找军代表。", "I went to see the military deputy."),
             ("他们都怕军代表。", "They all feared the military deputy.")]
    c = by_zh(mine_terms(doc(*pairs)))
    assert c["军代表"].en == "military deputy" and c["军代表"].pairs == 4


def test_a_unit_ending_with_a_verb_of_one_character_is_a_clause_piece():
    from workbench.glossary.mining import term_edges_ok

    assert not term_edges_ok("工业增加值占")  # … 占 (accounts for) 31.7%
    assert not term_edges_ok("队长说")  # the team leader said
    assert term_edges_ok("工业增加值") and term_edges_ok("数字化转型")


def test_a_rendering_of_the_front_only_is_no_candidate():
    from workbench.glossary.mining import _renders_only_the_front
    from workbench.glossary.renderings import Renderings

    engine = Renderings([], loose=True)
    assert _renders_only_the_front("continue", "继续抓好", engine)  # 抓好 (do well) left out
    assert not _renders_only_the_front("military deputy", "军代表", engine)
    assert not _renders_only_the_front("large aircraft", "大飞机", engine)


def test_an_acronym_in_another_word_order_is_the_dictionary_s():
    # the dictionary glosses 党中央 "central committee ccp"; the text writes CPC
    pairs = [("党中央召开会议。", "The CPC Central Committee held a meeting."),
             ("我们落实党中央的部署。", "We carry out the plans of the CPC Central Committee."),
             ("党中央作出决定。", "The CPC Central Committee made a decision.")]
    c = by_zh(mine_terms(doc(*pairs)))
    assert c["党中央"].en == "CPC Central Committee"
