"""The plan on paper: a print view for any browser and the same page as a PDF download.

Both show the stored plan snapshot, never a recomputation, and both are recorded in the case's
audit trail (printed, downloaded).
"""

from django.core.exceptions import BadRequest
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from decisions.cases.reactions import severe_reactions_of_patient
from decisions.cases.selectors import plan_get_for_user
from decisions.cases.services import plan_record_print
from decisions.printing import (
    PAPER_SIZES,
    build_print_context,
    parse_start,
    plan_pdf,
    render_print_html,
    schedule_for_print,
)
from decisions.printing.pdf import PRINT_TEMPLATE, pdf_download


@never_cache
@require_GET
def plan_print(request, pk: int, number: int):
    assessment, snapshot, options = _printable(request, pk, number)
    context = _context(assessment, snapshot, options)
    context["severe_reactions"] = severe_reactions_of_patient(request.user, assessment.case)
    plan_record_print(assessment=assessment, user=request.user, download=False, options=options)
    return TemplateResponse(request, PRINT_TEMPLATE, context)


@never_cache
@require_GET
def plan_pdf_download(request, pk: int, number: int):
    assessment, snapshot, options = _printable(request, pk, number)
    context = _context(assessment, snapshot, options)
    context["severe_reactions"] = severe_reactions_of_patient(request.user, assessment.case)
    html = render_print_html(context)
    pdf = plan_pdf(html, snapshot_id=snapshot.pk)
    plan_record_print(assessment=assessment, user=request.user, download=True, options=options)
    return pdf_download(pdf, f"plan-{assessment.case.reference}-{number}.pdf")


def _printable(request, pk: int, number: int):
    """The assessment, its plan and the print options asked for; 404 and 400 as for any page."""
    assessment, snapshot = plan_get_for_user(request.user, pk, number)
    return assessment, snapshot, _options(request)


def _options(request) -> dict:
    """?start=2026-12-01T09:00 (planned first infusion) and ?paper=a4|letter, checked."""
    options = {}
    if start := request.GET.get("start", "").strip():
        try:
            parse_start(start)
        except ValueError:
            raise BadRequest("start must be a date and time like 2026-12-01T09:00") from None
        options["start"] = start
    if paper := request.GET.get("paper", "").strip():
        if paper not in PAPER_SIZES:
            raise BadRequest(f"paper must be one of {', '.join(PAPER_SIZES)}")
        options["paper"] = paper
    return options


def _context(assessment, snapshot, options: dict) -> dict:
    start = parse_start(options["start"]) if "start" in options else None
    schedule = schedule_for_print(snapshot, start)
    context = build_print_context(
        assessment, snapshot, schedule=schedule, paper=options.get("paper")
    )
    context["start"] = options.get("start", "")
    return context
