"""The load test's figures: per page count, errors, p50 and p99 against the bare view's p99."""

from collections import defaultdict

from benchmarks.server import percentile

GOAL_RATIO = 5.0
BARE = "bare view"
STEPS = ("patient", "platelets", "context", "risks")
PAGES = (
    "dashboard",
    "case list",
    "case search",
    "case list, page 2",
    "case page",
    "plan page",
    "new case form",
    "new case (POST)",
    *(f"step {slug}{post}" for slug in STEPS for post in ("", " (POST)")),
    "review",
    "review (POST)",
    "new plan page",
    "API evaluate",
    BARE,
)


def summarise(results: dict) -> dict:
    """The report as data (what `--json` writes and the smoke test reads)."""
    latencies, service, errors = defaultdict(list), defaultdict(list), defaultdict(list)
    lags = []
    for page, intended, sent, done, lag, error in results["samples"]:
        lags.append(lag)
        if error:
            errors[page].append(error)
        else:
            latencies[page].append(done - intended)
            service[page].append(done - sent)
    bare_p99 = percentile(latencies[BARE], 0.99) if latencies[BARE] else None
    pages = {}
    for page in [*PAGES, *sorted((set(latencies) | set(errors)) - set(PAGES))]:
        values = latencies.get(page, [])
        p99 = percentile(values, 0.99) if values else None
        ratio = p99 / bare_p99 if p99 is not None and bare_p99 else None
        failed = errors.get(page, [])
        pages[page] = {
            "count": len(values) + len(failed),
            "errors": len(failed),
            "error_kinds": sorted(set(failed)),
            "p50_ms": percentile(values, 0.5) * 1000 if values else None,
            "p99_ms": p99 * 1000 if p99 is not None else None,
            "p99_sent_ms": percentile(service[page], 0.99) * 1000 if values else None,
            "ratio": ratio,
            "pass": bool(values) and not failed and ratio is not None and ratio < GOAL_RATIO,
        }
    logins = results["logins"]
    login_seconds = [login["seconds"] for login in logins]
    completed = len(results["samples"])
    return {
        "seconds": results["seconds"],
        "intended": results["intended"],
        "attempted": results["attempted"],
        "completed": completed,
        "unsent": results["intended"] - results["attempted"],
        "intended_rps": results["intended"] / results["seconds"],
        "achieved_rps": completed / results["wall_seconds"],
        "errors": sum(page["errors"] for page in pages.values()),
        "generator_cpu_share": results["generator_cpu_share"],
        "lag_p50_ms": percentile(lags, 0.5) * 1000 if lags else None,
        "lag_p99_ms": percentile(lags, 0.99) * 1000 if lags else None,
        "lag_max_ms": max(lags) * 1000 if lags else None,
        "logins": {
            "count": len(logins),
            "errors": sum(1 for login in logins if login["error"]),
            "error_kinds": sorted({login["error"] for login in logins if login["error"]}),
            "p50_ms": percentile(login_seconds, 0.5) * 1000,
            "max_ms": max(login_seconds) * 1000,
            "wall_s": results["login_wall_seconds"],
        },
        "pages": pages,
    }


def _ms(value: float | None) -> str:
    return f"{value:8.1f}" if value is not None else f"{'-':>8}"


def print_report(summary: dict) -> None:
    logins = summary["logins"]
    print(
        f"\nlogins (before the timed run, as many at once as workers; GET /login/, "
        f"POST /login/ with Argon2, GET /): {logins['count']} in {logins['wall_s']:.1f} s, "
        f"errors {logins['errors']} "
        f"{', '.join(logins['error_kinds'])}, p50 {logins['p50_ms']:.0f} ms, "
        f"slowest {logins['max_ms']:.0f} ms"
    )
    print(
        f"\nrequests: intended {summary['intended']} ({summary['intended_rps']:.1f}/s over "
        f"{summary['seconds']:g} s), sent {summary['attempted']}, unsent (still behind schedule "
        f"at the end) {summary['unsent']}; achieved {summary['achieved_rps']:.1f}/s; "
        f"errors {summary['errors']}"
    )
    print(
        f"generator's own lateness (sent after it was due and ready): p50 "
        f"{summary['lag_p50_ms']:.2f} ms, p99 {summary['lag_p99_ms']:.2f} ms, "
        f"max {summary['lag_max_ms']:.2f} ms; it kept its core "
        f"{summary['generator_cpu_share']:.0%} busy"
    )
    print(
        f"\nlatency from the intended start (queueing included); 'p99 sent' from the moment "
        f"it was sent; goal: p99 under {GOAL_RATIO:g}x the bare view's p99, zero errors"
    )
    print(
        f"{'page':22} {'count':>6} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'p99 sent':>8} {'p99/bare':>8}  goal"
    )
    for page, row in summary["pages"].items():
        ratio = f"{row['ratio']:7.2f}x" if row["ratio"] is not None else f"{'-':>8}"
        verdict = "" if page == BARE else ("PASS" if row["pass"] else "FAIL")
        kinds = f"  ({', '.join(row['error_kinds'])})" if row["error_kinds"] else ""
        print(
            f"{page:22} {row['count']:>6} {row['errors']:>6} {_ms(row['p50_ms'])} "
            f"{_ms(row['p99_ms'])} {_ms(row['p99_sent_ms'])} {ratio}  {verdict}{kinds}"
        )
    failing = [page for page, row in summary["pages"].items() if page != BARE and not row["pass"]]
    print(
        "goal met on every page"
        if not failing and not summary["errors"]
        else f"goal NOT met on: {', '.join(failing) or 'errors'}"
    )
    # The ratio alone hides an overloaded server: the bare view queues behind the pages too.
    kept_up = summary["unsent"] == 0 and summary["achieved_rps"] >= 0.98 * summary["intended_rps"]
    print(
        "the server kept up with the rate"
        if kept_up
        else f"the server FELL BEHIND the rate ({summary['unsent']} requests unsent, "
        f"{summary['achieved_rps']:.1f}/s of {summary['intended_rps']:.1f}/s): lower --rate"
    )
