"""A query as typed, cut into the words the index is searched for, and the filters an index
may read with them."""

from collections.abc import Mapping
from dataclasses import dataclass

from onlinefriday.core.text import fold
from onlinefriday.storefront.search.text import marked, words

MAX_WORDS = 8  # more words narrow nothing a shopper needs, and slow every index
TYPO_LENGTH = 5  # words this long or longer may carry one typo
# Filters of a search that an index may hold (``featured``, ``platform_id``, ``category_id``,
# ``made_in_vietnam``): an id or a flag; None for an id that does not exist.
Filters = Mapping[str, int | bool | None]


@dataclass(frozen=True)
class Word:
    folded: str
    marked: str
    prefix: bool  # the last word while the shopper is still typing it

    @property
    def may_have_typo(self) -> bool:
        return len(self.folded) >= TYPO_LENGTH


@dataclass(frozen=True)
class Query:
    words: tuple[Word, ...]

    @classmethod
    def parse(cls, text: str) -> "Query":
        """The words of ``text``; the last one is a prefix unless a space follows it."""
        folded, exact = words(fold(text))[:MAX_WORDS], words(marked(text))[:MAX_WORDS]
        if len(exact) != len(folded):  # a stray mark split a word: no exact form to rank by
            exact = folded
        typing = bool(text) and not text[-1].isspace()
        last = len(folded) - 1
        return cls(
            tuple(
                Word(f, m, prefix=typing and i == last)
                for i, (f, m) in enumerate(zip(folded, exact, strict=True))
            )
        )
