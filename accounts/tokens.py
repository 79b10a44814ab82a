"""Secret link tokens: 256 random bits handed out once, only a hash stored.

A database leak therefore reveals no working link, and lookups by hash compare
whole digests in the database; ``token_matches`` compares in constant time
where a token is checked against a known row.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token() -> tuple[str, str]:
    """Return (raw token for the link, hash to store)."""
    raw = secrets.token_urlsafe(32)
    return raw, hash_token(raw)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_matches(raw: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_token(raw), stored_hash)
