"""Writes of stewardship: an export, recorded in the audit trail (who, when, which format, how
many courses), as each look at patients' data is."""

from django.utils import timezone

from decisions.cases.audit import audit_record
from decisions.models import AuditEvent
from decisions.stewardship.export import FORMATS, export_dataset


def stewardship_export(*, user, file_format: str) -> tuple[bytes, str]:
    """The data set in `file_format` ("csv" or "xlsx") and its file name; audited."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown export format {file_format!r}")
    now = timezone.now()
    dataset = export_dataset(now=now)
    # XLSX: formulas escaped (a cell starting "=" is text, never run), default column widths
    # (tablib's "adaptive" widths measure every cell again: most of the time over 100,000 rows).
    options = {"escape": True, "column_width": None} if file_format == "xlsx" else {}
    content = dataset.export(file_format, **options)
    if isinstance(content, str):
        content = content.encode("utf-8")
    audit_record(
        case=None,
        actor=user,
        action=AuditEvent.Action.EXPORTED,
        format=file_format,
        courses=dataset.height,
    )
    return content, f"ivig-courses-{timezone.localtime(now):%Y%m%d-%H%M}.{file_format}"
