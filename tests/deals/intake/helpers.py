"""Helpers for reading deal files in tests: the committed corpus, and files made on the spot."""

from pathlib import Path

import pytest

from onlinefriday.deals.intake import DealFile, IntakeError, open_deal_file

CORPUS = Path(__file__).parent / "corpus"


def corpus(name: str) -> Path:
    return CORPUS / name


def refusal(path: Path, **limits) -> IntakeError:
    """The error a file is refused with (the test fails if it is read)."""
    with pytest.raises(IntakeError) as refused:
        open_deal_file(path, **limits)
    return refused.value


def read_all(path: Path, **limits) -> tuple[DealFile, list]:
    deal_file = open_deal_file(path, **limits)
    return deal_file, list(deal_file.rows())
