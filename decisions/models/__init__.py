"""The app's tables, one module per concern."""

from .audit import AuditEvent
from .cases import Assessment, Case, PlanSnapshot, RecommendationDecision
from .infusions import Infusion, PlateletCount, RenalCheck, RenalResult
from .products import Product
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
    "Product",
    "RecommendationDecision",
    "RenalCheck",
    "RenalResult",
    "Team",
]
