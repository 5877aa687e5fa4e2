"""Matching printed labels to vocabulary ids, tolerant to misprints and variants.

Exact comparison of normalised keys first; then character-level similarity
(rapidfuzz); then, for labels whose characters match but whose words moved, the
words compared in any order, cut by jieba with a small dictionary made from our own
vocabulary (jieba's default dictionary takes ~0.6 s to load and is never used).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from reportparse.normalize import label_key

CHAR_THRESHOLD = 80.0  # fuzz.ratio, 0–100
WORD_THRESHOLD = 90.0  # fuzz.token_sort_ratio over jieba words (word order ignored)
WORD_GATE = 85.0  # similarity of the labels' characters, in any order, to compare words at all
_CACHE_SIZE = 20_000
MARGIN = 4.0  # the best id must beat the next other id by this much


@dataclass(frozen=True, slots=True)
class LabelMatch:
    id: str
    score: float  # 100 for an exact match


class LabelMatcher:
    """Maps labels to the ids of one vocabulary (rows, columns, groups or headings)."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]):
        self._keys: list[str] = []
        self._ids: list[str] = []
        self._exact: dict[str, str] = {}
        for entry_id, labels in entries:
            for label in labels:
                key = label_key(label)
                if not key:
                    continue
                self._exact.setdefault(key, entry_id)
                self._keys.append(key)
                self._ids.append(entry_id)
        self._longest = max((len(k) for k in self._keys), default=0)
        self._bags = [_bag(k) for k in self._keys]
        self._cache: dict[str, LabelMatch | None] = {}
        self._words: list[str] | None = None  # the keys cut into words, when first needed

    def match(self, text: str) -> LabelMatch | None:
        key = label_key(text)
        if not key:
            return None
        if key not in self._cache:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()  # bounded: a long-running scraper sees endless new lines
            self._cache[key] = self._match_key(key)
        return self._cache[key]

    def _match_key(self, key: str) -> LabelMatch | None:
        exact = self._exact.get(key)
        if exact is not None:
            return LabelMatch(exact, 100.0)
        if len(key) > 2 * self._longest:
            return None  # running text, not a label
        found, _ = self._best(key, self._keys, fuzz.ratio, CHAR_THRESHOLD)
        if found is None and len(key) >= 6:
            # Words moved around keep the same characters: only then compare words.
            _, bag_score = self._best(_bag(key), self._bags, fuzz.ratio, WORD_GATE)
            if bag_score >= WORD_GATE:
                found, _ = self._best(_words(key), self._word_keys(), fuzz.token_sort_ratio, WORD_THRESHOLD)
        return found

    def _best(self, query: str, choices: list[str], scorer, threshold: float) -> tuple[LabelMatch | None, float]:
        scores = [0.0] * len(choices)
        for _, score, index in process.extract(query, choices, scorer=scorer, limit=None):
            scores[index] = score
        best_by_id: dict[str, float] = {}
        for entry_id, score in zip(self._ids, scores):
            if score > best_by_id.get(entry_id, -1.0):
                best_by_id[entry_id] = float(score)
        ordered = sorted(best_by_id.items(), key=lambda kv: -kv[1])
        best_id, best_score = ordered[0]
        runner_up = ordered[1][1] if len(ordered) > 1 else 0.0
        if best_score < threshold or best_score - runner_up < MARGIN:
            return None, best_score
        return LabelMatch(best_id, best_score), best_score

    def _word_keys(self) -> list[str]:
        if self._words is None:
            self._words = [_words(k) for k in self._keys]
        return self._words


def _bag(key: str) -> str:
    return "".join(sorted(key))


@cache
def _tokenizer():
    import logging

    import jieba

    from reportparse import vocabulary

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    with open(vocabulary.patterns_dir() / "label_words.txt", "rb") as f:
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(f)
    tokenizer.initialized = True
    return tokenizer


@cache
def _words(key: str) -> str:
    return " ".join(_tokenizer().cut(key, HMM=False))
