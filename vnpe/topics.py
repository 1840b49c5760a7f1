"""Unsupervised topics over the paragraphs of both languages.

:class:`TopicModel` is a scikit-learn estimator (``fit`` / ``transform`` / ``predict``, ``random_state``):

1. **tokens** per paragraph, from the language registry (:mod:`vnpe.languages`): words (segmented for
   Vietnamese), stop words, reporting verbs and news filler removed, stems for stemming languages; each
   Vietnamese word found in a small bilingual lexicon (``vnpe/data/areas_lexicon.toml``) is replaced by
   the stem of its English counterpart. Both languages also get one **concept token**
   (``[oil_gas]``...) per taxonomy mention (:mod:`vnpe.areas`), so English and Vietnamese paragraphs
   about one area share features and the clusters do not merely split by language;
2. **TF-IDF** (sublinear term frequency, L2-normalised rows); when the units carry a ``doc_id``, each
   paragraph vector gets ``context`` times its article's (normalised) mean vector added, so that short
   paragraphs are read in the context of their article (on a five-section English news fixture this
   doubled the article-level NMI; ``context=0`` clusters paragraphs on their own words only);
3. **LSA** (TruncatedSVD, ``n_components``) and, when there are several languages, **per-language
   centring**: the mean vector of each language (with at least 10 paragraphs) is subtracted, which
   removes what all paragraphs of a language share (its function words, its way of naming the two
   countries) and leaves what they are about; without it the seeds' paragraphs split by language;
4. **KMeans** (``n_init=10``, fixed ``random_state``) with ``k`` clusters; when ``k`` is None it is chosen
   as the value in ``k_range`` (at most ``sqrt(n_units / 2)``) with the best cosine silhouette score;
5. each cluster is described by the terms that **distinguish** it (class-based TF-IDF: a term's frequency
   in the cluster times ``log(1 + A / f)``, ``A`` the mean number of tokens per cluster and ``f`` the
   term's frequency in all clusters; stop words, reporting verbs such as said / says / Mr / cho biết and
   news filler never count) and **labelled** with the taxonomy area of its paragraphs when they agree:
   at least half of them mention the area, more than in the whole corpus, and at least twice as many as
   mention any other area; otherwise it is a theme the taxonomy lacks, ``theme: `` + its three first
   terms. Two clusters never share a label: each of them gets its first distinguishing terms as
   qualifier (``trade_investment: rice``).

Example:
    >>> import pandas as pd
    >>> units = pd.DataFrame({"text": ["Oil and gas output rose.", "Sản lượng dầu khí tăng.",
    ...                                "The football final ended 2-1.", "The striker scored twice."],
    ...                       "language": ["en", "vi", "en", "en"]})
    >>> TopicModel(k=2).fit_predict(units).tolist()
    [1, 1, 0, 0]
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score
from sklearn.preprocessing import normalize

from vnpe.areas import Taxonomy, load_taxonomy
from vnpe.clean import split_paragraphs
from vnpe.languages import WORD, fold_text, get_language, languages

TOPIC_COLUMNS = ["doc_id", "para_no", "cluster", "label", "terms"]
MIN_CENTRED = 10  # paragraphs a language needs for its mean vector to be subtracted
_WORD = WORD
_HAS_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    """Vietnamese word (syllables joined by ``_``) -> English words."""
    text = resources.files("vnpe").joinpath("data/areas_lexicon.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return {fold_text(k).replace(" ", "_"): fold_text(v) for k, v in data["vi_en"].items()}


def is_noise(word: str) -> bool:
    """A word that never describes a topic in any registered language: stop word, reporting verb or cue
    (said, says, Mr, cho biết, nói), news filler (year, week), or no letter at all.

    >>> [w for w in ["said", "mr", "nói", "cho_biết", "oil", "dầu_khí", "2005"] if is_noise(w)]
    ['said', 'mr', 'nói', 'cho_biết', '2005']
    """
    if not _HAS_LETTER.search(word) or len(word) < 2:
        return True
    return any(lang.is_noise(word) for lang in languages().values())


def _identity(tokens: list[str]) -> list[str]:
    return tokens


# Units on which the silhouette of a candidate k is computed (a random sample above this).
SILHOUETTE_SAMPLE = 2000


class TopicModel(BaseEstimator, ClusterMixin, TransformerMixin):
    """Bilingual paragraph clustering (see the module docstring).

    Parameters
    ----------
    k : number of clusters, or None to choose it by silhouette over ``k_range``.
    k_range : candidate numbers of clusters when ``k`` is None (capped at n_samples - 1).
    random_state : seed of KMeans.
    n_terms : top terms kept per cluster.
    concepts : add taxonomy concept tokens (the bilingual bridge).
    lexicon : map Vietnamese words to English through the bilingual lexicon.
    taxonomy : a :class:`vnpe.areas.Taxonomy`, a path, or None for the built-in one.
    min_df : minimum document frequency of a feature.
    context : weight of the article's mean vector added to each paragraph's (needs a doc_id column).
    n_components : LSA dimensions (TruncatedSVD) before clustering; None or 0 clusters TF-IDF directly.
    center_languages : subtract each language's mean LSA vector (when there are several languages).

    Fitted attributes: ``labels_`` (cluster per unit), ``k_`` (clusters used), ``cluster_terms_`` (list of
    top-term lists), ``cluster_labels_`` (area id or theme name per cluster), ``silhouette_`` (dict k ->
    score when k was chosen), ``vectorizer_``, ``kmeans_``.
    """

    def __init__(
        self,
        k: int | None = None,
        k_range: Sequence[int] = tuple(range(2, 11)),
        random_state: int = 0,
        n_terms: int = 8,
        concepts: bool = True,
        lexicon: bool = True,
        taxonomy: Taxonomy | str | None = None,
        min_df: int = 1,
        context: float = 0.25,
        n_components: int | None = 100,
        center_languages: bool = True,
    ) -> None:
        self.k = k
        self.k_range = k_range
        self.random_state = random_state
        self.n_terms = n_terms
        self.concepts = concepts
        self.lexicon = lexicon
        self.taxonomy = taxonomy
        self.min_df = min_df
        self.context = context
        self.n_components = n_components
        self.center_languages = center_languages

    # -------------------------------------------------------------------------------- tokens
    def _units(self, X) -> tuple[list[str], list[str | None]]:
        if isinstance(X, pd.DataFrame):
            texts = X["text"].fillna("").astype(str).tolist()
            langs = X["language"].tolist() if "language" in X else [None] * len(texts)
        else:
            texts, langs = [str(x) for x in X], [None] * len(X)
        return texts, [lg if isinstance(lg, str) else None for lg in langs]

    def tokenize(self, text: str, language: str | None) -> list[str]:
        """The features of one unit (stems, mapped Vietnamese words, concept tokens).

        The language's tools come from :func:`vnpe.languages.get_language` (English for text of an
        unregistered language); Vietnamese words of the bilingual lexicon become English stems.
        """
        lang = get_language(language) or get_language("en")
        en = get_language("en")
        lex = _lexicon() if self.lexicon and lang.code == "vi" else {}
        tokens: list[str] = []
        if not hasattr(self, "_display"):
            self._display = defaultdict(Counter)
        display = self._display
        for w in lang.words(text):
            if not _HAS_LETTER.search(w) or len(w) < 2 or lang.is_noise(w):
                continue
            if w in lex:
                english = lex[w]
                if en.is_noise(english):
                    continue
                tok = " ".join(en.key(x) for x in _WORD.findall(english))
                display[tok][english] += 1
            else:
                tok = lang.key(w) if not lang.segmenter else w
                display[tok][w.replace("_", " ")] += 1
            tokens.append(tok)
        if self.concepts:
            matcher = load_taxonomy(self.taxonomy).matcher
            for area, n in matcher.count(text, language).items():
                tokens.extend([f"[{area}]"] * n)
        return tokens

    def _tokenize_all(self, X) -> tuple[list[list[str]], list[str | None]]:
        texts, langs = self._units(X)
        return [self.tokenize(t, lg) for t, lg in zip(texts, langs, strict=True)], langs

    # -------------------------------------------------------------------------------- fit
    def fit(self, X, y=None) -> TopicModel:
        """Fit on units: a DataFrame with ``text`` and ``language`` columns, or a list of texts."""
        self._display: defaultdict[str, Counter] = defaultdict(Counter)
        docs, langs = self._tokenize_all(X)
        n = len(docs)
        if n < 2:
            raise ValueError("TopicModel needs at least 2 units to cluster")
        self.vectorizer_ = TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, min_df=self.min_df, dtype=np.float64
        )
        Z = self.vectorizer_.fit_transform(docs)
        self.svd_ = None
        d = min(self.n_components or 0, Z.shape[0] - 1, Z.shape[1] - 1)
        if d >= 2:
            self.svd_ = TruncatedSVD(d, random_state=self.random_state).fit(self._with_context(Z, X))
        self.language_means_: dict[str, np.ndarray] = {}
        if self.center_languages and self.svd_ is not None and len(set(langs)) > 1:
            E = self.svd_.transform(self._with_context(Z, X))
            keys = np.array([lg or "" for lg in langs])
            # A language's mean says more about its few paragraphs' content than about the language
            # itself when it has few paragraphs: only languages with MIN_CENTRED units are centred.
            self.language_means_ = {
                lg: E[keys == lg].mean(axis=0) for lg in sorted(set(keys)) if (keys == lg).sum() >= MIN_CENTRED
            }
        Zc = self._embed(Z, X, langs)
        self.silhouette_: dict[int, float] = {}
        if self.k is not None:
            k = max(1, min(int(self.k), n))
        else:
            # Upper cap: the rule of thumb k <= sqrt(n / 2), so that small corpora are not over-split
            # (the silhouette of sparse text tends to grow with k).
            cap = max(2, int(np.sqrt(n / 2)))
            cands = [c for c in self.k_range if 2 <= c < n and c <= cap] or [min(2, n)]
            best = None
            for c in cands:
                km = self._kmeans(c).fit(Zc)
                if len(set(km.labels_)) < 2:
                    continue
                # the silhouette is quadratic in the number of units: above SILHOUETTE_SAMPLE it is
                # estimated on a fixed random sample of them
                s = float(silhouette_score(Zc, km.labels_, metric="cosine",
                                           sample_size=min(n, SILHOUETTE_SAMPLE), random_state=self.random_state))
                self.silhouette_[c] = round(s, 4)
                if best is None or s > best[0] + 1e-12:
                    best = (s, c, km)
            k = best[1] if best else min(2, n)
        self.k_ = k
        self.kmeans_ = self._kmeans(k).fit(Zc)
        self.labels_ = self.kmeans_.labels_.astype(int)
        self._describe(Z, docs)
        return self

    def _embed(self, Z, X, langs):
        """Context, LSA and per-language centring of TF-IDF rows; rows L2-normalised."""
        Zc = self._with_context(Z, X)
        if self.svd_ is None:
            return Zc
        E = self.svd_.transform(Zc)
        for i, lg in enumerate(langs):
            mean = self.language_means_.get(lg or "")
            if mean is not None:
                E[i] -= mean
        return normalize(E)

    def _with_context(self, Z, X):
        """Add ``context`` x the unit's article mean vector (rows re-normalised)."""
        if not self.context or not isinstance(X, pd.DataFrame) or "doc_id" not in X:
            return Z
        codes, _ = pd.factorize(X["doc_id"])
        g = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
        art = normalize(g @ Z)
        return normalize(Z + self.context * art[codes])

    def _kmeans(self, k: int) -> KMeans:
        return KMeans(n_clusters=k, n_init=10, random_state=self.random_state)

    def _describe(self, Z, docs: list[list[str]]) -> None:
        tax = load_taxonomy(self.taxonomy)
        area_units = {a: np.array([f"[{a}]" in set(d) for d in docs]) for a in tax.ids}
        # class-based TF-IDF over the clusters' tokens (concept tokens and noise words left out)
        counts: list[Counter] = [Counter() for _ in range(self.k_)]
        for d, c in zip(docs, self.labels_, strict=True):
            counts[c].update(t for t in d if not t.startswith("["))
        total = Counter()
        for cnt in counts:
            total.update(cnt)
        mean_len = max(1.0, sum(total.values()) / max(1, self.k_))
        self.cluster_terms_: list[list[str]] = []
        self.cluster_labels_: list[str] = []
        self.cluster_areas_: list[dict[str, float]] = []
        overall = {a: float(u.mean()) for a, u in area_units.items()}
        for c in range(self.k_):
            members = self.labels_ == c
            size = max(1, sum(counts[c].values()))
            weight = {t: n / size * np.log(1 + mean_len / total[t]) for t, n in counts[c].items()}
            ranked = sorted(weight, key=lambda t: (-weight[t], t))
            words: list[str] = []
            for t in ranked:
                shown = self._show(t)
                if shown not in words and not is_noise(shown.replace(" ", "_")):
                    words.append(shown)
                if len(words) >= self.n_terms:
                    break
            shares = {a: float(u[members].mean()) if members.any() else 0.0 for a, u in area_units.items()}
            order = sorted(tax.ids, key=lambda a: (-shares[a], tax.ids.index(a)))
            best = order[0]
            second = shares[order[1]] if len(order) > 1 else 0.0
            if shares[best] >= 0.5 and shares[best] > overall[best] and shares[best] >= 2 * second:
                label = best
            else:
                label = "theme: " + ", ".join(words[:3]) if words else "theme: (empty)"
            self.cluster_terms_.append(words)
            self.cluster_labels_.append(label)
            self.cluster_areas_.append({a: round(v, 3) for a, v in shares.items() if v > 0})
        self.cluster_labels_ = _unique_labels(self.cluster_labels_, self.cluster_terms_)

    def _show(self, token: str) -> str:
        if token.startswith("["):
            return token
        forms = self._display.get(token)
        return forms.most_common(1)[0][0] if forms else token

    # -------------------------------------------------------------------------------- use
    def transform(self, X) -> np.ndarray:
        """Distances of each unit to the cluster centres (KMeans convention)."""
        docs, langs = self._tokenize_all(X)
        return self.kmeans_.transform(self._embed(self.vectorizer_.transform(docs), X, langs))

    def predict(self, X) -> np.ndarray:
        """Nearest cluster of each unit."""
        docs, langs = self._tokenize_all(X)
        return self.kmeans_.predict(self._embed(self.vectorizer_.transform(docs), X, langs)).astype(int)

    def fit_predict(self, X, y=None) -> np.ndarray:
        return self.fit(X).labels_

    def cluster_table(self, X=None) -> pd.DataFrame:
        """One row per cluster: cluster, label, n_units, units per language (when ``X`` is given), terms,
        and the share of its units that mention each area."""
        rows = []
        langs = self._units(X)[1] if X is not None else None
        for c in range(self.k_):
            members = self.labels_ == c
            row = {"cluster": c, "label": self.cluster_labels_[c], "n_units": int(members.sum())}
            if langs is not None:
                lc = Counter(lg for lg, m in zip(langs, members, strict=True) if m)
                row["n_en"], row["n_vi"] = lc.get("en", 0), lc.get("vi", 0)
            row["terms"] = ", ".join(self.cluster_terms_[c])
            top = sorted(self.cluster_areas_[c].items(), key=lambda kv: -kv[1])[:3]
            row["areas"] = ", ".join(f"{a} {s:.0%}" for a, s in top)
            rows.append(row)
        return pd.DataFrame(rows)


def _unique_labels(labels: list[str], terms: list[list[str]]) -> list[str]:
    """Labels shared by several clusters get each cluster's first distinguishing terms as qualifier
    (one term, then more while two are still equal; the cluster number as a last resort).

    >>> _unique_labels(["trade", "trade", "energy"], [["rice", "export"], ["oil", "price"], ["grid"]])
    ['trade: rice', 'trade: oil', 'energy']
    """
    out = list(labels)
    for label in set(labels):
        idx = [i for i, lb in enumerate(labels) if lb == label]
        if len(idx) < 2:
            continue
        for n in range(1, 4):
            cand = {i: f"{label}: {', '.join(terms[i][:n])}" if terms[i] else label for i in idx}
            if len(set(cand.values())) == len(idx) or n == 3:
                break
        seen: Counter = Counter(cand.values())
        for i in idx:
            out[i] = cand[i] if seen[cand[i]] == 1 else f"{cand[i]} (cluster {i})"
    return out


# ------------------------------------------------------------------------------------------ tables


def paragraph_units(articles: pd.DataFrame) -> pd.DataFrame:
    """The clustered units: one row per paragraph of the clean text (doc_id, para_no, language, text).

    The paragraphs and their numbers are those of :func:`vnpe.paragraphs` (the clean ``text`` is the
    kept body paragraphs joined by blank lines), taken from ``text`` without cleaning again.
    """
    rows = []
    for doc_id, lang, text in zip(articles["doc_id"], articles["language"], articles["text"],
                                  strict=True):
        rows += [(doc_id, i, lang, p) for i, p in enumerate(split_paragraphs(text))]
    return pd.DataFrame(rows, columns=["doc_id", "para_no", "language", "text"])


def topic_table(
    articles: pd.DataFrame, k: int | None = None, random_state: int = 0, model: TopicModel | None = None,
    taxonomy: Taxonomy | str | None = None,
) -> pd.DataFrame:
    """One row per clustered paragraph: doc_id, para_no, cluster, label, terms.

    ``label`` is an area id of ``taxonomy`` (the built-in one when None), possibly with a qualifier, or
    ``theme: ...``; ``terms`` the cluster's distinguishing terms.
    """
    units = paragraph_units(articles)
    if len(units) < 2:
        return pd.DataFrame(columns=TOPIC_COLUMNS)
    model = model if model is not None else TopicModel(k=k, random_state=random_state, taxonomy=taxonomy)
    model.fit(units)
    labels = model.labels_
    out = units[["doc_id", "para_no"]].copy()
    out["cluster"] = labels
    out["label"] = [model.cluster_labels_[c] for c in labels]
    out["terms"] = [", ".join(model.cluster_terms_[c]) for c in labels]
    return out[TOPIC_COLUMNS]


def article_clusters(topics: pd.DataFrame) -> pd.Series:
    """Each article's majority cluster (ties go to the smaller cluster id), indexed by doc_id."""
    counts = topics.groupby(["doc_id", "cluster"], sort=True).size().reset_index(name="n")
    counts = counts.sort_values(["doc_id", "n", "cluster"], ascending=[True, False, True])
    return counts.drop_duplicates("doc_id").set_index("doc_id")["cluster"]


def stability(units: pd.DataFrame, k: int | None = None, random_states: Sequence[int] = range(5),
              **params) -> pd.DataFrame:
    """Agreement of the clustering across random states: adjusted Rand index and NMI of each run
    against the run with the first random state."""
    runs = [TopicModel(k=k, random_state=rs, **params).fit(units) for rs in random_states]
    ref = runs[0].labels_
    return pd.DataFrame(
        {
            "random_state": list(random_states),
            "k": [r.k_ for r in runs],
            "ari_vs_first": [round(adjusted_rand_score(ref, r.labels_), 4) for r in runs],
            "nmi_vs_first": [round(normalized_mutual_info_score(ref, r.labels_), 4) for r in runs],
        }
    )


def language_meeting(units: pd.DataFrame, model: TopicModel) -> pd.DataFrame:
    """Where the English and Vietnamese paragraphs about each area end up.

    One row per area mentioned in paragraphs of both languages: how many paragraphs of each language
    mention it, the cluster holding most of them in each language, and ``same_cluster`` when that is
    one cluster for both (the two languages' coverage of the area meets there).
    """
    matcher = load_taxonomy(model.taxonomy).matcher
    rows = []
    for (lang, text), label in zip(zip(units["language"], units["text"], strict=True), model.labels_,
                                   strict=True):
        for area in matcher.count(text, lang if isinstance(lang, str) else None):
            rows.append((area, lang, int(label)))
    df = pd.DataFrame(rows, columns=["area", "language", "cluster"])
    out = []
    order = load_taxonomy(model.taxonomy).ids
    for area in [a for a in order if a in set(df["area"])]:
        sub = df[df["area"] == area]
        if not {"en", "vi"} <= set(sub["language"]):
            continue
        row = {"area": area}
        for lg in ("en", "vi"):
            s = sub.loc[sub["language"] == lg, "cluster"]
            row[f"n_{lg}"] = len(s)
            row[f"cluster_{lg}"] = int(s.value_counts().sort_index().idxmax())
        row["same_cluster"] = row["cluster_en"] == row["cluster_vi"]
        out.append(row)
    cols = ["area", "n_en", "n_vi", "cluster_en", "cluster_vi", "same_cluster"]
    return pd.DataFrame(out, columns=cols)
