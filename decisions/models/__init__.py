"""The app's tables, one module per concern."""

from .audit import AuditEvent
from .cases import Assessment, Case, PlanSnapshot, RecommendationDecision
from .ehr import CdsClient, EhrPrefill, UsedJwtId
from .infusions import Infusion, PlateletCount, RenalCheck, RenalResult
from .teams import Team
from .tokens import ApiToken

__all__ = [
    "ApiToken",
    "Assessment",
    "AuditEvent",
    "Case",
    "CdsClient",
    "EhrPrefill",
    "Infusion",
    "PlanSnapshot",
    "PlateletCount",
    "RecommendationDecision",
    "RenalCheck",
    "RenalResult",
    "Team",
    "UsedJwtId",
]
