"""The stewardship page and its export: members of the stewardship group only (a 404 for
anyone else), across all teams, with no patient identifiers."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from decisions.cases.selectors import stewardship_allowed
from decisions.stewardship.export import FORMATS
from decisions.stewardship.page import stewardship_context
from decisions.stewardship.services import stewardship_export


def _allowed(request) -> None:
    if not stewardship_allowed(request.user):
        raise Http404("No such page")


@require_safe
def stewardship(request):
    _allowed(request)
    return TemplateResponse(request, "decisions/stewardship/page.html", stewardship_context())


@require_safe
def stewardship_download(request, file_format: str):
    _allowed(request)
    if file_format not in FORMATS:
        raise Http404("No such format")
    content, filename = stewardship_export(user=request.user, file_format=file_format)
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
