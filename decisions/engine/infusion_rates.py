"""Infusion rates for a chosen immune globulin product: each step in mg/kg/min and mL/h, its start
time, the volume and dose it gives, the total volume, the vials to issue and the duration.

Pure arithmetic, no Django. Every number comes from the product's prescribing information
(the catalogue, decisions/products/catalogue.py) and the plan's dose and weight.

- mL/h = rate (mg/kg/min) x weight (kg) x 60 / (concentration % x 10 mg/mL): a 10% solution
  holds 100 mg/mL, a 5% solution 50 mg/mL.
- A label that says only "increase gradually" gives no steps: each step then doubles the rate
  (the ladder the Octagam 10% and Panzyga labels print: 1, 2, 4, 8 mg/kg/min) until the maximum.
- Patients at risk of renal dysfunction or thrombosis: the immune globulin boxed warning says
  "administer at the minimum dose and infusion rate practicable". A label that puts a number on
  it (e.g. Octagam 10%, Panzyga: 3.3 mg/kg/min) caps the ladder there; where the label gives no
  number the prescriber must set the maximum for this patient (RateCapNeeded), never the
  standard maximum by default.
- Displayed mL/h are rounded down to 0.1 mL/h, so a pump set to them never exceeds the rate; a
  step that rounds to 0.0 mL/h refuses the schedule (RateTooLowForPump) rather than chart 0.
- Rates that are not positive refuse the schedule (ProductNotSchedulable): a start of 0 would
  never rise, a maximum of 0 never give the dose.
"""

import math
from dataclasses import dataclass

# The label's maximum for at-risk patients where it gives none: the prescriber decides.
BOXED_WARNING = (
    "FDA boxed warning for immune globulin intravenous products: for patients at risk of "
    "thrombosis, renal dysfunction or acute renal failure, administer at the minimum dose and "
    "infusion rate practicable."
)
# Vials are counted in tenths of a gram (a 0.5 g vial is 5 units).
_TENTHS = 10


class RateCapNeeded(ValueError):
    """At-risk patient, and the label gives no lower maximum: the prescriber must set one."""


class ProductNotSchedulable(ValueError):
    """The catalogue lacks a labelled starting or maximum rate for this product (or gives one
    that is not positive)."""


class PrescriberCapNotLower(ValueError):
    """The prescriber's maximum is not below the maximum that applies anyway: it would be
    silently ignored, so it is refused."""


class RateTooLowForPump(ValueError):
    """A step's pump rate rounds down to 0.0 mL/h (a very small patient): nothing to chart."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductRates:
    """What the schedule needs of a product, in the label's units."""

    name: str
    concentration_percent: int
    start_rate_mg_kg_min: float | None
    start_minutes: int = 30
    rate_steps_mg_kg_min: tuple[float, ...] = ()
    step_minutes: int = 30
    max_rate_mg_kg_min: float | None = None
    at_risk_max_rate_mg_kg_min: float | None = None
    vial_sizes_g: tuple[float, ...] = ()

    @property
    def concentration_mg_mL(self) -> float:
        return self.concentration_percent * 10.0


@dataclass(frozen=True, slots=True)
class RateStep:
    number: int
    rate_mg_kg_min: float
    rate_mL_h: float  # rounded down to 0.1 mL/h
    starts_at_min: float
    minutes: float
    volume_mL: float
    dose_g: float


@dataclass(frozen=True, slots=True)
class VialIssue:
    size_g: float
    count: int


@dataclass(frozen=True, slots=True)
class InfusionSchedule:
    product: str
    weight_kg: float
    dose_g: float
    concentration_percent: int
    cap_mg_kg_min: float
    cap_reason: str
    steps: tuple[RateStep, ...]
    total_volume_mL: float
    duration_min: float
    vials: tuple[VialIssue, ...]

    @property
    def issued_g(self) -> float:
        return sum(v.size_g * v.count for v in self.vials)

    @property
    def vial_count(self) -> int:
        return sum(v.count for v in self.vials)


def mL_per_hour(rate_mg_kg_min: float, weight_kg: float, concentration_percent: int) -> float:
    """The pump rate in mL/h for a rate in mg/kg/min (exact; displays round it down)."""
    return rate_mg_kg_min * weight_kg * 60 / (concentration_percent * 10)


def _round_down_tenth(value: float) -> float:
    return math.floor(value * 10 + 1e-9) / 10


def rate_ladder(product: ProductRates, cap_mg_kg_min: float) -> tuple[float, ...]:
    """The rates in order, from the start, rising, never above the cap, ending at the cap."""
    if not (product.start_rate_mg_kg_min or 0) > 0 or not cap_mg_kg_min > 0:
        raise ProductNotSchedulable(f"{product.name}: rates must be above 0 mg/kg/min.")
    start = min(product.start_rate_mg_kg_min, cap_mg_kg_min)
    rates = [start]
    if product.rate_steps_mg_kg_min:
        rates += [r for r in product.rate_steps_mg_kg_min if start < r < cap_mg_kg_min]
    else:
        rate = start * 2
        while rate < cap_mg_kg_min:
            rates.append(rate)
            rate *= 2
    if rates[-1] < cap_mg_kg_min:
        rates.append(cap_mg_kg_min)
    return tuple(rates)


def infusion_cap(
    product: ProductRates,
    *,
    at_risk: bool,
    prescriber_cap_mg_kg_min: float | None = None,
    risk_reasons: tuple[str, ...] = (),
) -> tuple[float, str]:
    """The highest rate for this patient and why (naming the patient's at-risk reasons): the
    label's maximum, its at-risk maximum, or the prescriber's lower one. A prescriber's maximum
    that is not lower than the one that applies is refused (PrescriberCapNotLower)."""
    _refuse_unschedulable(product)
    cap, reason = product.max_rate_mg_kg_min, "the label's maximum rate"
    if at_risk:
        if product.at_risk_max_rate_mg_kg_min is not None:
            cap = min(cap, product.at_risk_max_rate_mg_kg_min)
            reason = "the label's maximum for patients at risk" + _why(risk_reasons)
        elif prescriber_cap_mg_kg_min is None:
            raise RateCapNeeded(
                f"{product.name}'s label gives no maximum for patients at risk; "
                "set the maximum rate for this patient."
            )
    if prescriber_cap_mg_kg_min is None:
        return cap, reason
    if prescriber_cap_mg_kg_min >= cap:
        raise PrescriberCapNotLower(
            f"{prescriber_cap_mg_kg_min:g} mg/kg/min is not below {reason}, {cap:g} mg/kg/min: "
            "enter a lower maximum, or leave the field empty to use the label's."
        )
    reason = "the prescriber's maximum for this patient"
    return prescriber_cap_mg_kg_min, reason + (_why(risk_reasons) if at_risk else "")


def _why(risk_reasons: tuple[str, ...]) -> str:
    """The patient's own reasons (heart failure, age, renal or thrombosis risk), if known."""
    return f" ({'; '.join(risk_reasons)})" if risk_reasons else ""


def _refuse_unschedulable(product: ProductRates) -> None:
    """No labelled start or maximum, or a rate that is not positive: no schedule (a start of 0
    would never rise, a maximum of 0 never give the dose)."""
    if product.start_rate_mg_kg_min is None or product.max_rate_mg_kg_min is None:
        raise ProductNotSchedulable(
            f"{product.name}: the catalogue has no labelled starting and maximum rate."
        )
    rates = [product.start_rate_mg_kg_min, product.max_rate_mg_kg_min]
    if product.at_risk_max_rate_mg_kg_min is not None:
        rates.append(product.at_risk_max_rate_mg_kg_min)
    rates += list(product.rate_steps_mg_kg_min)
    if any(not rate > 0 for rate in rates) or min(product.start_minutes, product.step_minutes) < 1:
        raise ProductNotSchedulable(
            f"{product.name}: the catalogue's rates must be above 0 mg/kg/min and its step "
            "times at least 1 minute."
        )


def build_schedule(
    product: ProductRates,
    *,
    weight_kg: float,
    dose_g: float,
    at_risk: bool,
    prescriber_cap_mg_kg_min: float | None = None,
    risk_reasons: tuple[str, ...] = (),
) -> InfusionSchedule:
    """The rate steps that give `dose_g` to a patient of `weight_kg`, with volume and vials."""
    if weight_kg <= 0 or dose_g <= 0:
        raise ValueError("Weight and dose must be positive.")
    cap, reason = infusion_cap(
        product,
        at_risk=at_risk,
        prescriber_cap_mg_kg_min=prescriber_cap_mg_kg_min,
        risk_reasons=risk_reasons,
    )
    steps = _steps(product, rate_ladder(product, cap), weight_kg=weight_kg, dose_g=dose_g)
    if any(step.rate_mL_h <= 0 for step in steps):
        raise RateTooLowForPump(
            f"At {steps[0].rate_mg_kg_min:g} mg/kg/min for {weight_kg:g} kg the pump rate rounds "
            "down to 0.0 mL/h, which no pump can be set to: no schedule is charted. Ask the "
            "pharmacy how to give this dose."
        )
    return InfusionSchedule(
        product=product.name,
        weight_kg=weight_kg,
        dose_g=dose_g,
        concentration_percent=product.concentration_percent,
        cap_mg_kg_min=cap,
        cap_reason=reason,
        steps=steps,
        total_volume_mL=dose_g * 1000 / product.concentration_mg_mL,
        duration_min=steps[-1].starts_at_min + steps[-1].minutes,
        vials=vials_to_issue(dose_g, product.vial_sizes_g),
    )


def _steps(
    product: ProductRates, rates: tuple[float, ...], *, weight_kg: float, dose_g: float
) -> tuple[RateStep, ...]:
    remaining_mg = dose_g * 1000
    clock = 0.0
    steps = []
    for index, rate in enumerate(rates):
        last = index == len(rates) - 1
        mg_per_min = rate * weight_kg
        planned = product.start_minutes if index == 0 else product.step_minutes
        minutes = remaining_mg / mg_per_min if last else min(planned, remaining_mg / mg_per_min)
        given_mg = mg_per_min * minutes
        steps.append(
            RateStep(
                number=index + 1,
                rate_mg_kg_min=rate,
                rate_mL_h=_round_down_tenth(
                    mL_per_hour(rate, weight_kg, product.concentration_percent)
                ),
                starts_at_min=clock,
                minutes=minutes,
                volume_mL=given_mg / product.concentration_mg_mL,
                dose_g=given_mg / 1000,
            )
        )
        clock += minutes
        remaining_mg -= given_mg
        if remaining_mg <= 1e-6:
            break
    return tuple(steps)


def vials_to_issue(dose_g: float, sizes_g: tuple[float, ...]) -> tuple[VialIssue, ...]:
    """The vials covering the dose with the fewest grams issued, then the fewest vials.

    IVIG is scarce and costly: the smallest issue that covers the dose wastes least; among
    equal issues, fewer vials mean fewer to open. Empty when the catalogue lists no sizes.
    """
    units = sorted({round(size * _TENTHS) for size in sizes_g if size > 0})
    if not units:
        return ()
    need = math.ceil(dose_g * _TENTHS - 1e-9)
    limit = need + units[-1]
    fewest: list[int | None] = [0] + [None] * limit  # fewest vials making exactly this total
    last_vial = [0] * (limit + 1)
    for total in range(1, limit + 1):
        for unit in units:
            before = total - unit
            if before >= 0 and fewest[before] is not None:
                count = fewest[before] + 1
                if fewest[total] is None or count < fewest[total]:
                    fewest[total], last_vial[total] = count, unit
    total = next(t for t in range(need, limit + 1) if fewest[t] is not None)
    counts: dict[int, int] = {}
    while total:
        counts[last_vial[total]] = counts.get(last_vial[total], 0) + 1
        total -= last_vial[total]
    return tuple(
        VialIssue(size_g=unit / _TENTHS, count=counts[unit])
        for unit in sorted(counts, reverse=True)
    )
