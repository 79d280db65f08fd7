"""The text the search index holds, and the words of a typed query, computed the same way.

Two forms of a product's words are indexed: folded (``core.text.fold``: no marks, lower case),
which every query matches, and marked (lower case, NFC, one tone placement), which ranks the
deals whose words carry the marks the shopper typed above those that match only once folded.
"""

import re
import string
import unicodedata
from functools import lru_cache

from onlinefriday.core.text import COMBINING_MARKS, fold, lower_nfc

TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền, sắc, hỏi, ngã, nặng


def _new_placements() -> dict[str, str]:
    """'òa' -> 'oà' for oa, oe and uy: the old and the new tone placement ('hòa'/'hoà',
    'thủy'/'thuỷ'), both in use, are one word."""
    table = {}
    for first, second in ("oa", "oe", "uy"):
        for tone in TONES:
            old = unicodedata.normalize("NFC", first + tone) + second
            table[old] = first + unicodedata.normalize("NFC", second + tone)
    return table


NEW_PLACEMENTS = _new_placements()
OLD_PLACEMENT = re.compile("|".join(NEW_PLACEMENTS))
WORD = re.compile(r"[^\W_]+")


def marked(text: str) -> str:
    """Lower case, NFC, with the new tone placement: 'Hòa Bình' -> 'hoà bình'."""
    return OLD_PLACEMENT.sub(lambda found: NEW_PLACEMENTS[found[0]], lower_nfc(text))


def product_text(title: str, brand: str) -> str:
    """What is indexed of a product (the SQL triggers and indexes concatenate the same way)."""
    return f"{title} {brand}"


def words(text: str) -> list[str]:
    """Runs of letters and digits, as the index's tokenizer cuts them."""
    return WORD.findall(text)


MARK = "_"  # joins a word's folded and marked forms in one term; no word holds it


def marked_term(folded: str, marked: str) -> str:
    """The term that says a product holds the word with these marks: 'dien_điện'. It begins
    with the folded word, so that the marked forms of a word are found in one range of terms."""
    return f"{folded}{MARK}{marked}"


def index_text(text: str) -> str:
    """The terms the SQLite index holds of a product's text: each word folded, and each word
    that carries marks once more as ``marked_term`` ('Điện thoại Apple' -> 'dien dien_điện
    thoai thoai_thoại apple'). One term for a word without marks: they are two words in three,
    and a word typed bare finds them by its folded term."""
    text = marked(text)
    if COMBINING_MARKS.search(text):
        # A mark with no precomposed letter cuts a marked word in two, where folding drops it:
        # the folded words are the query's (``words(fold(...))``), the marked ones as they come.
        extra = [_terms(word).partition(" ")[2] for word in words(text)]
        return " ".join(words(fold(text)) + [term for term in extra if term])
    return " ".join(map(_terms, words(text)))


@lru_cache(maxsize=1 << 16)
def _terms(word: str) -> str:
    """A word's terms; cached, as titles repeat a few thousand words (4 µs a title, 7 µs
    folding each word anew)."""
    folded, *marks = _forms(word)
    return " ".join([folded, *(marked_term(folded, mark) for mark in marks)])


@lru_cache(maxsize=1 << 16)
def _forms(word: str) -> tuple[str, ...]:
    """A marked word folded, and as it is if that differs."""
    folded = fold(word)
    return (folded,) if folded == word else (folded, word)


def forms(text: str) -> set[str]:
    """The words the PostgreSQL index holds of a product's text: each word folded and marked
    ('Điện thoại Apple' -> {'dien', 'điện', 'thoai', 'thoại', 'apple'}), as its SQL function
    ``vn_terms`` gives them for every Vietnamese letter."""
    text = marked(text)
    if COMBINING_MARKS.search(text):  # as in ``index_text``
        return set(words(text)) | set(words(fold(text)))
    return {form for word in words(text) for form in _forms(word)}


FOLDED_LETTERS = string.ascii_lowercase + string.digits


def one_edit_away(word: str) -> set[str]:
    """Every folded word one deletion, insertion, substitution or swap of neighbours away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletions = {left + right[1:] for left, right in splits if right}
    swaps = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    substitutions = {
        left + letter + right[1:] for left, right in splits if right for letter in FOLDED_LETTERS
    }
    insertions = {left + letter + right for left, right in splits for letter in FOLDED_LETTERS}
    return (deletions | swaps | substitutions | insertions) - {word}
