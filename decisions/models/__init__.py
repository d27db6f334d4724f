"""The app's tables, one module per concern."""

from .audit import AuditEvent
from .cases import Assessment, Case, PlanSnapshot, RecommendationDecision
from .teams import Team
from .tokens import ApiToken

__all__ = [
    "ApiToken",
    "Assessment",
    "AuditEvent",
    "Case",
    "PlanSnapshot",
    "RecommendationDecision",
    "Team",
]
