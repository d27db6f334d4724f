"""The app's tables, one module per concern."""

from .audit import AuditEvent
from .cases import Assessment, Case, PlanSnapshot, RecommendationDecision
from .ehr import CdsClient, EhrPrefill, UsedJwtId
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
    "CdsClient",
    "EhrPrefill",
    "Infusion",
    "PlanSnapshot",
    "PlateletCount",
    "Product",
    "RecommendationDecision",
    "RenalCheck",
    "RenalResult",
    "Team",
    "UsedJwtId",
]
