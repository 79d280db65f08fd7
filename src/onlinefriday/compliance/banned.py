"""Goods that may not be promoted, found by category and by words in the title.

The list is data (``banned_goods.toml``; a festival may replace it with the same shape as JSON).
Words are compared folded (no marks, no case, so titles typed without marks are caught), as
whole words. Two guards keep look-alikes out:

- marks: where the title does carry marks, they must be the word's own, so "bia" (beer) does
  not match "bìa" (a cover) and "thuốc" (a medicine) does not match "thước" (a ruler);
- look-alike phrases: "thuốc nhuộm tóc" (hair dye) contains "thuốc" but is not a medicine.
"""

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from onlinefriday.core.text import fold, folded_key, lower_nfc


def _ascii_words_table() -> tuple[bytes, bytes]:
    """For ``ascii_words``: in the UTF-8 of NFD text, ASCII letters and digits stay (lower
    case), combining marks (0xCC/0xCD and their continuation bytes) vanish, and every other
    character becomes a space."""
    table = bytearray(b" " * 256)
    for byte in b"abcdefghijklmnopqrstuvwxyz0123456789":
        table[byte] = byte
        table[ord(chr(byte).upper())] = byte
    return bytes(table), bytes([0xCC, 0xCD, *range(0x80, 0xC0)])


_ASCII_WORDS = _ascii_words_table()


def ascii_words(text: str) -> list[bytes]:
    """The folded words of a text, fast (a few C calls): 'Rượu-Bia HN' -> [b'ruou', b'bia',
    b'hn']. Other non-ASCII letters (rare in titles) split words instead of folding."""
    text = text.replace("đ", "d").replace("Đ", "d")
    return unicodedata.normalize("NFD", text).encode().translate(*_ASCII_WORDS).split()


@dataclass(frozen=True, slots=True)
class GoodsFamily:
    code: str
    name: str
    name_en: str


@dataclass(frozen=True, slots=True)
class BannedMatch:
    family: GoodsFamily
    evidence: str  # the word as written in the title, or the category
    by_category: bool


def _phrase_pattern(folded_phrases: list[str]) -> re.Pattern[str] | None:
    if not folded_phrases:
        return None
    longest_first = sorted(set(folded_phrases), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in longest_first)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


class BannedGoods:
    """A list of banned goods families, ready to search titles with."""

    def __init__(self, data: Mapping[str, Any]):
        """``data`` has the shape of ``banned_goods.toml``; ValueError says what is wrong."""
        if not isinstance(data, Mapping):
            raise ValueError("the list must be an object with 'families' and 'look_alikes'")
        families = data.get("families")
        if not isinstance(families, Mapping) or not families:
            raise ValueError("'families' must map family codes to their names, categories, words")
        self._by_category: dict[str, GoodsFamily] = {}
        self._by_word: dict[str, tuple[GoodsFamily, frozenset[str]]] = {}
        for code, spec in families.items():
            try:
                family = GoodsFamily(code, str(spec["name"]), str(spec["name_en"]))
                categories, words = spec.get("categories", []), spec["words"]
                if not isinstance(categories, list) or not isinstance(words, list):
                    raise TypeError
            except (KeyError, TypeError, AttributeError) as error:
                raise ValueError(f"family '{code}' needs name, name_en and words") from error
            for category in categories:
                self._by_category[folded_key(str(category))] = family
            for word in words:
                marked = " ".join(lower_nfc(str(word)).split())
                if not marked:
                    raise ValueError(f"family '{code}' has an empty word")
                folded = fold(marked)
                _family, spellings = self._by_word.get(folded, (family, frozenset()))
                self._by_word[folded] = (_family, spellings | {marked})
        look_alikes = data.get("look_alikes") or {}
        if not isinstance(look_alikes, Mapping) or not isinstance(
            look_alikes.get("phrases", []), list
        ):
            raise ValueError("'look_alikes' must hold a list of 'phrases'")
        look_alikes = look_alikes.get("phrases", [])
        self._words = _phrase_pattern(list(self._by_word))
        # Most titles contain none of the words: finding that out only takes their first words.
        self._first_words = frozenset(words.split()[0].encode() for words in self._by_word)
        self._category_found: dict[str, BannedMatch | None] = {}
        self._clear_words: set[str] = set()  # for ``_may_name_goods``
        self._look_alikes = _phrase_pattern([fold(str(phrase)) for phrase in look_alikes])

    @classmethod
    def default(cls) -> "BannedGoods":
        text = resources.files(__package__).joinpath("banned_goods.toml").read_text("utf-8")
        return cls(tomllib.loads(text))

    def find(self, title: str, category: str = "") -> BannedMatch | None:
        """The first sign that the goods may not be promoted, or None."""
        found = self._find_word(title)
        if found is not None:
            return BannedMatch(found[0], found[1], by_category=False)
        if not category:
            return None
        if category not in self._category_found:  # deals share a few categories
            if len(self._category_found) > 10_000:
                self._category_found.clear()
            self._category_found[category] = self._find_category(category)
        return self._category_found[category]

    def _find_category(self, category: str) -> BannedMatch | None:
        family = self._by_category.get(folded_key(category))
        if family is not None:
            return BannedMatch(family, category, by_category=True)
        found = self._find_word(category)
        return None if found is None else BannedMatch(found[0], found[1], by_category=True)

    def _find_word(self, text: str) -> tuple[GoodsFamily, str] | None:
        if not text or self._words is None or not self._may_name_goods(text):
            return None
        marked = lower_nfc(text)
        folded = fold(marked)
        same_places = len(folded) == len(marked)
        for match in self._words.finditer(folded):
            start, end = match.span()
            if self._inside_look_alike(folded, start, end):
                continue
            family, spellings = self._by_word[" ".join(match.group().split())]
            written = marked[start:end]
            if (
                same_places
                and written != folded[start:end]
                and " ".join(written.split()) not in spellings
            ):
                continue  # the title carries marks here, and they are not the word's own
            as_written = text[start:end] if len(text) == len(marked) else match.group()
            return family, as_written
        return None

    def _may_name_goods(self, text: str) -> bool:
        """Whether the text holds, folded, the first word of a banned goods' name. Most titles
        hold none, and titles share most of their words: folding never joins two words that
        whitespace separates, so a word once found clear needs no folding again."""
        words = text.split()
        clear = self._clear_words
        if clear.issuperset(words):
            return False  # most titles
        for word in words:
            if word not in clear:
                if not self._first_words.isdisjoint(ascii_words(word)):
                    return True
                if len(clear) >= 100_000:  # a bound on the memory it takes
                    clear.clear()
                clear.add(word)
        return False

    def _inside_look_alike(self, folded: str, start: int, end: int) -> bool:
        if self._look_alikes is None:
            return False
        return any(
            found.start() <= start and end <= found.end()
            for found in self._look_alikes.finditer(folded)
        )


DEFAULT_BANNED_GOODS = BannedGoods.default()
