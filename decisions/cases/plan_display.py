"""How the stored plan is laid out for reading, on screen and on paper (never re-decided)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from decisions.cases.presenters import html_rows
from decisions.cases.reference_wording import reference_citation


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


def citations_html(item: dict) -> str:
    """The "Source [1][3] [ASH-2019]" disclosure of a recommendation, alert, monitoring line or
    the expected response, with the source's sentences; "" when it cites nothing. Built here
    once per line: as an include per line (14 on a plan page) it took 0.8 ms of the page's
    4.4 ms of templates."""
    numbers, keys, sentences = (item.get(key) or () for key in ("citations", "standards", "source"))
    if not (numbers or keys or sentences):
        return ""
    # Each value escaped by the standard library, as presenters.html_format does, inline: 13
    # lines a page, and html_format/html_rows per piece cost the page 7% more calls.
    numbers = "".join(f"[{escape(str(number))}]" for number in numbers)
    keys = "".join(f" [{escape(str(key))}]" for key in keys)
    quotes = "".join(
        f'<blockquote class="blockquote-footer mb-1">“{escape(str(sentence))}”</blockquote>'
        for sentence in sentences
    )
    html = (
        f'<details class="small citations">\n  <summary>Source {numbers}{keys}</summary>\n'
        f"  {quotes}\n</details>"
    )
    return mark_safe(html)  # noqa: S308 # nosec B308 B703 # every value escaped above


# The plan page's alerts, monitoring, references and standards (decisions/plan.html): lists of
# up to a dozen lines each, built as HTML here (presenters.html_rows) rather than a template
# loop of three or four lookups a line.
_ALERT = (
    '  <div class="alert severity-{severity} py-2" role="alert" data-code="{code}">\n'
    '    <strong class="text-uppercase small">{severity}</strong> {text}\n'
    "    {citations_html}\n  </div>\n"
)
_MONITORING = "    <li>{text} {citations_html}</li>\n"
_REFERENCE = (
    '    <li id="ref-{number}" value="{number}">{citation} '
    '<span class="text-body-secondary">Cited for: {supports}.</span></li>\n'
)
_STANDARD = '<li id="std-{key}">[{key}] {title}.</li>'


def alerts_html(alerts: list[dict]) -> SafeString:
    return html_rows(_ALERT, (_cited(alert, "severity", "code", "text") for alert in alerts))


def monitoring_html(items: list[dict]) -> SafeString:
    """The monitoring lines in the order a schedule is read (monitoring_in_time_order)."""
    return html_rows(
        _MONITORING, (_cited(item, "text") for item in monitoring_in_time_order(items))
    )


def references_html(references: list[dict]) -> SafeString:
    return html_rows(
        _REFERENCE,
        (
            {**_shown(ref, "number", "supports"), "citation": reference_citation(ref)}
            for ref in references
        ),
    )


def standards_html(standards: list[dict]) -> SafeString:
    return html_rows(_STANDARD, (_shown(standard, "key", "title") for standard in standards))


def _shown(line: dict, *keys: str) -> dict:
    """The keys a line's markup shows; one an older snapshot lacks shows as nothing, as the
    template's lookup did (snapshots are never rewritten)."""
    return {key: line.get(key, "") for key in keys}


def _cited(line: dict, *keys: str) -> dict:
    """The keys a line's markup shows, and its citations' HTML."""
    return {**_shown(line, *keys), "citations_html": citations_html(line)}
