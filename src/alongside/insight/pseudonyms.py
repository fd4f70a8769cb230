"""Pseudonymous ids for the snapshot.

An id becomes `HMAC-SHA256(key, "<LA code>:<kind>:<id>")`, cut to 16 hex digits (64 bits: a clash
among a few million ids has odds of about one in a million million). The same record gets the same
pseudonym in every snapshot of one LA, so figures can follow a child or worker over time; two LAs'
ids never meet; and without the key nobody can go back from a pseudonym to the record.

The key is ALONGSIDE_SNAPSHOT_KEY when set (a deployment should set it, and keep it apart from the
snapshots), otherwise one derived from SECRET_KEY. Changing the key changes every pseudonym."""

import hashlib
import hmac
import os

from django.conf import settings


def snapshot_key() -> bytes:
    given = os.environ.get("ALONGSIDE_SNAPSHOT_KEY")
    if given:
        return given.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"alongside-snapshot-pseudonyms", hashlib.sha256).digest()


class Pseudonyms:
    def __init__(self, la_code: str, key: bytes | None = None):
        self._key = key or snapshot_key()
        self._prefix = f"{la_code}:"
        self._seen: dict[tuple[str, object], str] = {}

    def of(self, kind: str, value) -> str | None:
        if value is None:
            return None
        found = self._seen.get((kind, value))
        if found is None:
            message = f"{self._prefix}{kind}:{value}".encode()
            found = hmac.new(self._key, message, hashlib.sha256).hexdigest()[:16]
            self._seen[(kind, value)] = found
        return found
