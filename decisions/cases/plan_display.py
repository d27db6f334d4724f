"""How the stored plan is laid out for reading, on screen and on paper (never re-decided)."""


def say_shared_reason_once(lines: list[dict]) -> str | None:
    """When every line of a group was decided for one reason, return it to say once above them
    and give each line (its "text") the action alone; else each line keeps its whole text.

    Each line is a dict with the snapshot's recommendation under "item". Plans made before the
    engine named the reason apart ("why") read as they always did.
    """
    reasons = {line["item"].get("why") for line in lines}
    shared = reasons.pop() if len(lines) > 1 and len(reasons) == 1 else None
    for line in lines:
        text = line["item"]["text"]
        line["text"] = text.removesuffix(f" {shared}") if shared else text
    return shared


def monitoring_in_time_order(items: list[dict]) -> list[dict]:
    """Monitoring as a schedule is read: what comes before and during the infusion (the
    baseline creatinine) first, then by hours after it; the snapshot's order breaks ties."""
    return sorted(items, key=lambda item: item.get("hours_after_infusion") or 0)
