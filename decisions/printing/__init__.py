"""The printed plan: what paper shows (context), when things fall (schedule) and the PDF (pdf)."""

from .context import PAPER_SIZES, build_print_context
from .pdf import plan_pdf, render_print_html
from .schedule import (
    InfusionSchedule,
    infusion_schedule_for,
    parse_start,
    planned_schedule,
    schedule_for_print,
)

__all__ = [
    "PAPER_SIZES",
    "InfusionSchedule",
    "build_print_context",
    "infusion_schedule_for",
    "parse_start",
    "plan_pdf",
    "planned_schedule",
    "render_print_html",
    "schedule_for_print",
]
