"""Tests of vnpe.topics: estimator conventions, bilingual clustering, section recovery (NMI)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score

from vnpe.load import articles_from_texts
from vnpe.topics import TOPIC_COLUMNS, TopicModel, article_clusters, stability, topic_table

# A small hand-written English news corpus in five sections (business, politics, tech, sport,
# entertainment): 4 articles x 3 paragraphs each. Used here and by benchmarks/bench_areas.py.
NEWS: dict[str, list[list[str]]] = {
    "business": [
        ["Shares in the retailer fell sharply after it warned that profits would be lower than expected.",
         "The company said weak consumer spending over the holiday season had hurt sales in its stores.",
         "Analysts said investors were worried about rising costs and falling margins."],
        ["The central bank raised interest rates for the third time this year to curb inflation.",
         "Borrowing costs for mortgages and business loans are expected to climb further.",
         "Economists warned that the economy could slow as households cut back on spending."],
        ["The airline reported a record annual profit as passenger numbers recovered.",
         "Revenue rose by a fifth, helped by strong demand for long-haul flights and higher fares.",
         "The firm will pay a dividend to shareholders for the first time since the pandemic."],
        ["The two banks agreed a merger that will create the country's largest lender.",
         "The deal, worth billions of dollars, still needs approval from the competition regulator.",
         "Thousands of jobs could be cut as the merged group closes overlapping branches."],
    ],
    "politics": [
        ["The prime minister faced fierce criticism in parliament over the government's immigration plans.",
         "Opposition leaders said the bill would fail and called for a vote on the proposals.",
         "Several backbench MPs from the ruling party also threatened to rebel."],
        ["Voters go to the polls next month in an election that is expected to be close.",
         "The main parties launched their campaigns with promises on health, schools and taxes.",
         "Opinion polls show the opposition candidate narrowly ahead of the sitting president."],
        ["The foreign secretary held talks with her counterparts on the crisis at the border.",
         "Ministers agreed new sanctions and called for an immediate ceasefire and negotiations.",
         "Diplomats said the summit had produced a joint statement but no breakthrough."],
        ["The senate passed the budget after weeks of negotiation between the two parties.",
         "The legislation includes spending on defence and cuts to some welfare programmes.",
         "The president is expected to sign the bill into law later this week."],
    ],
    "tech": [
        ["The software giant unveiled a new version of its operating system with artificial intelligence.",
         "Users will be able to search their files and emails by asking questions in plain language.",
         "The update will be rolled out to computers and tablets from next month."],
        ["Hackers stole the personal data of millions of users in a cyber attack on the social network.",
         "Security researchers said passwords and phone numbers had been posted on an online forum.",
         "The company urged users to change their passwords and enable two-factor authentication."],
        ["The smartphone maker launched a cheaper handset with a larger screen and a better camera.",
         "The device runs on a faster chip and its battery lasts two days, the firm said.",
         "Reviewers praised the display but said the software still had bugs."],
        ["Scientists have built a quantum computer chip that solves problems beyond ordinary machines.",
         "The processor uses superconducting qubits cooled close to absolute zero.",
         "Researchers hope the technology will speed up the design of new materials and drugs."],
    ],
    "sport": [
        ["The striker scored twice as the champions beat their rivals three-one in the derby.",
         "The visitors had taken an early lead but the home side equalised before half-time.",
         "The win lifts the club to the top of the league table with five games left."],
        ["The tennis star won her third grand slam title after a thrilling final in five sets.",
         "She saved two match points before breaking her opponent's serve in the deciding set.",
         "The victory will return her to number one in the world rankings."],
        ["The national team named its squad for the world cup with two uncapped players.",
         "The coach said the injured captain would miss the opening match of the tournament.",
         "Fans criticised the decision to leave out the veteran goalkeeper."],
        ["The sprinter broke the world record in the hundred metres at the athletics championships.",
         "He crossed the line in a time that stunned the crowd in the stadium.",
         "His coach said the athlete had trained for years for this race and this medal."],
    ],
    "entertainment": [
        ["The film won best picture at the awards ceremony, while its star took the prize for best actress.",
         "The director thanked the cast and crew in an emotional speech on stage.",
         "The movie has earned millions at the box office since its release in cinemas."],
        ["The singer announced a world tour to promote her new album, which topped the charts.",
         "Tickets for the concerts sold out within minutes of going on sale.",
         "Her latest single has been streamed more than a billion times."],
        ["The television drama was renewed for a second series after record audiences.",
         "The show's writers said the new episodes would explore the family's past.",
         "Critics praised the acting and the soundtrack of the first season."],
        ["The veteran actor will star in a new stage musical opening in the theatre this autumn.",
         "The production features songs by a famous composer and a cast of forty performers.",
         "Rehearsals begin next month and previews start in October."],
    ],
}


def news_units() -> tuple[pd.DataFrame, dict[str, str]]:
    """The NEWS corpus as paragraph units (doc_id, para_no, language, text) and doc_id -> section."""
    rows, truth = [], {}
    for section, articles in NEWS.items():
        for i, paras in enumerate(articles):
            doc = f"{section}_{i}"
            truth[doc] = section
            rows += [(doc, j, "en", p) for j, p in enumerate(paras)]
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "language", "text"]), truth


def _article_nmi(units: pd.DataFrame, labels, truth: dict[str, str]) -> float:
    t = units[["doc_id", "para_no"]].assign(cluster=labels)
    maj = article_clusters(t)
    return normalized_mutual_info_score([truth[d] for d in maj.index], maj.to_numpy())


def test_estimator_conventions():
    units, _ = news_units()
    model = TopicModel(k=5, random_state=0)
    assert clone(model).get_params() == model.get_params()
    assert model.fit(units) is model
    assert model.labels_.shape == (len(units),)
    assert model.transform(units).shape == (len(units), 5)
    assert len(model.cluster_terms_) == len(model.cluster_labels_) == 5
    # deterministic for a fixed random state
    again = TopicModel(k=5, random_state=0).fit(units)
    assert np.array_equal(model.labels_, again.labels_)
    # predict on the training units agrees with labels_ (KMeans assigns to the nearest centre)
    assert (model.predict(units) == model.labels_).mean() > 0.9


def test_recovers_sections_at_least_as_well_as_tfidf_kmeans():
    units, truth = news_units()
    ours, base = [], []
    for rs in range(3):
        ours.append(_article_nmi(units, TopicModel(k=5, random_state=rs).fit_predict(units), truth))
        z = TfidfVectorizer().fit_transform(units["text"])
        base.append(_article_nmi(units, KMeans(5, random_state=rs).fit_predict(z), truth))
    assert np.mean(ours) >= np.mean(base)


def test_bilingual_paragraphs_about_one_area_meet():
    units = pd.DataFrame(
        {
            "text": [
                "The two countries agreed to expand cooperation in oil and gas exploration.",
                "Oil and gas companies will invest in offshore gas fields.",
                "Hai nước nhất trí mở rộng hợp tác thăm dò dầu khí.",
                "Các doanh nghiệp dầu khí sẽ đầu tư vào các mỏ khí ngoài khơi.",
                "The striker scored twice in the football final.",
                "The goalkeeper saved a penalty in the football match.",
                "Tiền đạo ghi hai bàn trong trận chung kết bóng đá.",
                "Thủ môn cản phá quả phạt đền trong trận bóng đá.",
            ],
            "language": ["en", "en", "vi", "vi", "en", "en", "vi", "vi"],
        }
    )
    labels = TopicModel(k=2, random_state=0).fit_predict(units)
    # the oil-and-gas paragraphs of both languages share a cluster
    assert len(set(labels[:4])) == 1
    model = TopicModel(k=2, random_state=0).fit(units)
    assert "oil_gas" in model.cluster_labels_


def test_k_chosen_by_silhouette_within_range():
    units, _ = news_units()
    model = TopicModel(k=None, k_range=(2, 3, 4, 5, 6), random_state=0).fit(units)
    assert model.k_ in model.silhouette_
    assert model.silhouette_[model.k_] == max(model.silhouette_.values())


def test_topic_table_contract():
    texts = {
        "en1": "Leaders meet\n\nThe two sides discussed oil and gas cooperation.\n\n"
        "They also agreed to promote agricultural trade.",
        "vi1": "Lãnh đạo hội đàm\n\nHai bên thảo luận hợp tác dầu khí.\n\n"
        "Hai bên nhất trí thúc đẩy thương mại nông sản.",
    }
    table = topic_table(articles_from_texts(texts), k=2)
    assert list(table.columns) == TOPIC_COLUMNS
    assert len(table) == 4
    assert set(table["cluster"]) <= {0, 1}
    assert table["terms"].str.len().gt(0).all()


def test_topic_table_too_small():
    table = topic_table(articles_from_texts({"a": "Title\n\nOne paragraph only."}))
    assert list(table.columns) == TOPIC_COLUMNS
    assert table.empty


def test_stability_table():
    units, _ = news_units()
    st = stability(units, k=5, random_states=[0, 1])
    assert st["ari_vs_first"].iloc[0] == pytest.approx(1.0)
    assert list(st.columns) == ["random_state", "k", "ari_vs_first", "nmi_vs_first"]


def test_clusters_do_not_split_by_language():
    """With per-language centring, paragraphs group by subject across the two languages."""
    en_oil = [f"Company {c} signed an oil and gas exploration deal for offshore fields in block {n}."
              for c, n in zip("ABCDEF", range(6), strict=True)]
    vi_oil = [f"Công ty {c} ký hợp đồng thăm dò dầu khí tại lô {n} ngoài khơi."
              for c, n in zip("ABCDEF", range(6), strict=True)]
    en_ball = [f"Team {c} won the football match after a penalty in minute {n}."
               for c, n in zip("ABCDEF", range(6), strict=True)]
    vi_ball = [f"Đội bóng {c} thắng trận bóng đá nhờ quả phạt đền ở phút {n}."
               for c, n in zip("ABCDEF", range(6), strict=True)]
    texts = en_oil + en_ball + vi_oil + vi_ball
    units = pd.DataFrame({"text": texts, "language": ["en"] * 12 + ["vi"] * 12})
    labels = TopicModel(k=2, random_state=0).fit_predict(units)
    subject = np.array([0] * 6 + [1] * 6 + [0] * 6 + [1] * 6)
    assert normalized_mutual_info_score(subject, labels) > 0.8
    lang = np.array([0] * 12 + [1] * 12)
    assert normalized_mutual_info_score(lang, labels) < 0.2


def test_language_meeting_table():
    from vnpe.topics import language_meeting

    units = pd.DataFrame(
        {
            "text": ["Oil and gas cooperation grew.", "Hợp tác dầu khí phát triển.",
                     "The football final ended.", "Trận chung kết bóng đá kết thúc."],
            "language": ["en", "vi", "en", "vi"],
        }
    )
    model = TopicModel(k=2, random_state=0).fit(units)
    table = language_meeting(units, model)
    assert list(table.columns) == ["area", "n_en", "n_vi", "cluster_en", "cluster_vi", "same_cluster"]
    assert table["area"].tolist() == ["oil_gas"]
    assert table["same_cluster"].tolist() == [model.labels_[0] == model.labels_[1]]
