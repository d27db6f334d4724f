"""Reading JSON an EHR sent, whatever its shape: an element of the wrong kind reads as absent,
so no odd value anywhere in a hook call can raise (tests/ehr/test_odd_bodies.py)."""


def obj(value) -> dict:
    """The value if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def items(value) -> list:
    """The value if it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def text(value) -> str | None:
    """The value if it is a non-empty string, else None."""
    return value if isinstance(value, str) and value else None
