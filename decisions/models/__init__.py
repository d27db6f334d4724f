"""The app's tables, one module per concern."""

from .audit import AuditEvent
from .cases import Assessment, Case, PlanSnapshot, RecommendationDecision
from .infusions import Infusion, PlateletCount, RenalCheck, RenalResult
from .reviews import CourseReview
from .teams import Team
from .tokens import ApiToken

__all__ = [
    "ApiToken",
    "Assessment",
    "AuditEvent",
    "Case",
    "CourseReview",
    "Infusion",
    "PlanSnapshot",
    "PlateletCount",
    "RecommendationDecision",
    "RenalCheck",
    "RenalResult",
    "Team",
]
