"""The working set of treatment decisions while the rules run (the only mutable thing)."""

from dataclasses import dataclass, field

from .treatments import IvigRegimen
from .vocabulary import Role


@dataclass(slots=True)
class Decision:
    role: Role
    rule_ids: list[str]
    regimen: IvigRegimen | None = None


@dataclass(slots=True)
class DecisionSet:
    decisions: dict[str, Decision] = field(default_factory=dict)

    def role(self, code: str) -> Role | None:
        decision = self.decisions.get(code)
        return decision.role if decision else None

    def regimen(self, code: str) -> IvigRegimen | None:
        decision = self.decisions.get(code)
        return decision.regimen if decision else None

    def set(self, code: str, role: Role, rule_id: str, regimen: IvigRegimen | None = None) -> None:
        """Decide `code`; the rule joins its trail, so every rule that shaped it is on record."""
        previous = self.decisions.get(code)
        trail = [*previous.rule_ids, rule_id] if previous else [rule_id]
        if regimen is None and previous is not None:
            regimen = previous.regimen
        self.decisions[code] = Decision(role, trail, regimen)
