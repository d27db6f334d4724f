"""A reference of the clinical source as a reader expects it: authors, title, journal, year;
"not identified" said once, plainly. Reads the dict a plan snapshot stores, old or new."""

NOT_IDENTIFIED = "not identified"


def reference_citation(ref: dict) -> str:
    """One sentence or two: the publication and how sure its match is, or that it is unknown."""
    publication = ref.get("publication")
    confidence = (ref.get("confidence") or "").strip()
    note = ref.get("note")
    if not publication:
        if note is None and confidence.startswith(NOT_IDENTIFIED):
            # Snapshots before rules 2026.12.2 wrote the note into the confidence.
            note = confidence.removeprefix(NOT_IDENTIFIED).strip(" ;()") or None
        return f"Publication not identified: {note}." if note else "Publication not identified."
    text = publication.rstrip(".") + "."
    if note:
        text += f" {note[:1].upper()}{note[1:]}."
    if confidence == "probable":
        text += " Probably this publication; the match is not certain."
    return text
