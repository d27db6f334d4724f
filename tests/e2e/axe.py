"""axe-core in the page: WCAG 2.2 AA violations as the browser renders them.

axe.min.js is vendored under tests/e2e/vendor/axe-core/ (see its VERSION) and injected by
Playwright; the app never serves it. It is evaluated through the DevTools protocol, which the
page's CSP does not govern (a <script> tag, as add_script_tag writes, would be refused by it).
"""

from pathlib import Path

AXE_SCRIPT = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    """Run axe on the page as it stands; each violation with the nodes that break it."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return results.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        WCAG_22_AA,
    )


def describe(violations_by_page: dict[str, list[dict]]) -> str:
    """One line per broken rule and page, with the first elements that break it."""
    lines = []
    for page_name, violations in violations_by_page.items():
        for violation in violations:
            targets = ", ".join(node["target"] for node in violation["nodes"][:3])
            lines.append(
                f"{page_name}: {violation['id']} ({len(violation['nodes'])}x) "
                f"{violation['help']} -> {targets}"
            )
    return "\n".join(lines)
