"""The infusion planner (choose a product: the schedule in mL/h) and the nurse's chart, printed
or as a PDF through the plan's print machinery. Printing the chart is audited as the plan's is."""

from django.core.exceptions import BadRequest
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from decisions.cases.reads import audited_read
from decisions.cases.selectors import plan_get_for_user
from decisions.cases.services import plan_record_print
from decisions.printing import PAPER_SIZES, build_print_context, schedule_for_print
from decisions.printing.pdf import pdf_download, plan_pdf
from decisions.products.pages import chart_query, infusion_plan_context

PLANNER_TEMPLATE = "decisions/products/infusion_plan.html"
CHART_TEMPLATE = "decisions/products/chart.html"


@require_safe
@audited_read("infusion planner")
def infusion_plan(request, pk: int, number: int):
    assessment, snapshot = plan_get_for_user(request.user, pk, number)
    context = infusion_plan_context(request.user, assessment, snapshot, request.GET)
    context["chart_query"] = chart_query(context["form"]) if context["schedule"] else ""
    return TemplateResponse(request, PLANNER_TEMPLATE, context)


@never_cache
@require_GET
def infusion_chart(request, pk: int, number: int):
    assessment, context = _chart(request, pk, number)
    _record(request, assessment, context, download=False)
    return TemplateResponse(request, CHART_TEMPLATE, context)


@never_cache
@require_GET
def infusion_chart_pdf(request, pk: int, number: int):
    assessment, context = _chart(request, pk, number)
    pdf = plan_pdf(render_to_string(CHART_TEMPLATE, context), snapshot_id=context["snapshot"].pk)
    _record(request, assessment, context, download=True)
    return pdf_download(pdf, f"infusion-chart-{assessment.case.reference}-{number}.pdf")


def _chart(request, pk: int, number: int):
    """The chart's context: the plan's print header and the planner's schedule; 400 without one."""
    assessment, snapshot = plan_get_for_user(request.user, pk, number)
    planner = infusion_plan_context(request.user, assessment, snapshot, request.GET)
    if planner["schedule"] is None:
        problems = "; ".join(str(e) for errors in planner["form"].errors.values() for e in errors)
        raise BadRequest(f"Choose a product the schedule can be worked out for: {problems}")
    paper = request.GET.get("paper", "").strip()
    if paper and paper not in PAPER_SIZES:
        raise BadRequest(f"paper must be one of {', '.join(PAPER_SIZES)}")
    header = build_print_context(
        assessment, snapshot, schedule=schedule_for_print(snapshot, None), paper=paper or None
    )
    query = request.GET.copy()
    query.pop("paper", None)
    return assessment, {**header, **planner, "chart_query": query.urlencode()}


def _record(request, assessment, context: dict, *, download: bool) -> None:
    options = {"chart": context["product"].name}
    if context.get("start"):
        options["start"] = context["start"].isoformat(timespec="minutes")
    if context.get("paper"):
        options["paper"] = context["paper"]
    plan_record_print(assessment=assessment, user=request.user, download=download, options=options)
