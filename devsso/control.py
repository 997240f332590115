"""How the provider behaves, kept in a JSON file a test can change between sign-ins:
groups and `amr` per user, and misbehaviour (a tampered signature, a wrong audience)."""

import json

from django.conf import settings


def _path():
    return settings.DATA_DIR / "control.json"


def read() -> dict:
    try:
        return json.loads(_path().read_text())
    except (FileNotFoundError, ValueError):
        return {}


def write(values: dict) -> dict:
    current = read()
    current.update(values)
    _path().write_text(json.dumps(current))
    return current
