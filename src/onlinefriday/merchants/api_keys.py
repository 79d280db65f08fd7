"""Partner API keys: made from ``secrets``, kept only as a SHA-256, recognised by their prefix.

A key reads ``of_live_<prefix>_<secret>``: 8 lower-case letters or digits that the back office
shows to tell keys apart (the prefix is stored), then 32 letters or digits (about 190 bits) that
are never stored. A fast hash is enough for a random secret of that size (a password needs a slow
one because people choose guessable ones); the stored hash is compared in constant time anyway.
No database here: the services store what ``generate_key`` returns, the API checks with
``matches``.
"""

import hashlib
import hmac
import re
import secrets
import string
from typing import NamedTuple

KEY_START = "of_live_"
PREFIX_LENGTH = 8
SECRET_LENGTH = 32
_PREFIX_ALPHABET = string.ascii_lowercase + string.digits
_SECRET_ALPHABET = string.ascii_letters + string.digits
_KEY = re.compile(
    rf"^(?P<prefix>{KEY_START}[a-z0-9]{{{PREFIX_LENGTH}}})_[A-Za-z0-9]{{{SECRET_LENGTH}}}$"
)


class GeneratedKey(NamedTuple):
    raw: str  # shown to the organiser once, then forgotten
    prefix: str  # "of_live_ab12cd34": stored, shown in lists
    key_hash: str  # SHA-256 in hex: stored


def generate_key() -> GeneratedKey:
    prefix = KEY_START + "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    secret = "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(SECRET_LENGTH))
    raw = f"{prefix}_{secret}"
    return GeneratedKey(raw=raw, prefix=prefix, key_hash=hash_key(raw))


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def prefix_of(raw: str) -> str | None:
    """The stored prefix of a well-formed key, or None for anything else (so that garbage sent
    as a key costs no database query)."""
    match = _KEY.match(raw.strip())
    return match["prefix"] if match else None


def matches(raw: str, key_hash: str) -> bool:
    """Whether ``raw`` is the key whose hash is stored."""
    return hmac.compare_digest(hash_key(raw.strip()), key_hash)
