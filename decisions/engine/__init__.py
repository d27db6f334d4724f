"""The IVIG decision engine: pure Python, no Django. `evaluate(Assessment(...))` returns a Plan."""

from .assessment import Assessment, EngineOptions
from .evaluate import evaluate
from .plan import Plan
from .version import RULESET_VERSION

__all__ = ["Assessment", "EngineOptions", "Plan", "RULESET_VERSION", "evaluate"]
