"""Dose arithmetic: exact doses to 0.1 g (a neonate's to 1 mg), vial rounding shown beside them,
prednisone ranges."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TENTH = Decimal("0.1")
MG_PER_G = 1000

# seed ref 3: "prednisone 1-2 mg/kg/day"
PREDNISONE_MG_PER_KG_PER_DAY = (1, 2)


def to_tenth(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def _decimal(value: float) -> Decimal:
    # str() keeps the decimal the caller typed (70.1, not 70.099999...).
    return Decimal(str(value))


@dataclass(frozen=True, slots=True)
class IvigDose:
    g_per_kg_per_day: float
    days: int
    dosing_weight_kg: float
    daily_dose_g: float
    total_dose_g: float
    vial_size_g: float
    daily_dose_rounded_g: float | None
    vials_per_day: int | None
    total_dose_rounded_g: float | None
    rounding_note: str
    working: str
    # A neonate's dose in mg, exact to 1 mg (contract: "Neonatal doses in mg"); the total is the
    # sum of the exact daily doses, not of the 0.1 g ones (0.4 g/kg x 3.2 kg: 1280 mg, not 1.3 g).
    daily_dose_mg: int | None = None
    total_dose_mg: int | None = None


def build_ivig_dose(
    *,
    g_per_kg_per_day: float,
    days: int,
    dosing_weight_kg: float,
    vial_size_g: float,
    vial_rounding_tolerance: float,
    in_mg: bool = False,
) -> IvigDose:
    """Daily dose = g/kg x dosing weight (exact to 0.1 g); total = daily x days. With `in_mg`
    (neonates) also the daily dose exact to 1 mg and its total, worked in mg."""
    daily = to_tenth(_decimal(g_per_kg_per_day) * _decimal(dosing_weight_kg))
    total = daily * days
    rounded_daily = _round_to_vials(daily, _decimal(vial_size_g), _decimal(vial_rounding_tolerance))
    if rounded_daily is None:
        rounded_total = None
        note = (
            f"Not rounded to {vial_size_g:g} g vials: the nearest vial multiple is more than "
            f"{vial_rounding_tolerance:.0%} from the exact dose; give the exact dose."
        )
    elif rounded_daily == daily:
        rounded_total = rounded_daily * days
        note = f"The exact dose is a whole number of {vial_size_g:g} g vials."
    else:
        rounded_total = rounded_daily * days
        note = (
            f"Rounded to the nearest {vial_size_g:g} g vial: {_plain(rounded_daily)} g a day "
            f"instead of the exact {_plain(daily)} g."
        )
    per_day = (
        f"{_plain(_decimal(g_per_kg_per_day))} g/kg x {_plain(_decimal(dosing_weight_kg))} kg "
        f"= {_plain(daily)} g"
    )
    working = per_day if days == 1 else f"{per_day} a day x {days} days = {_plain(total)} g"
    daily_mg = total_mg = None
    if in_mg:
        daily_mg, total_mg, working = _in_mg(g_per_kg_per_day, days, dosing_weight_kg)
    return IvigDose(
        g_per_kg_per_day=g_per_kg_per_day,
        days=days,
        dosing_weight_kg=dosing_weight_kg,
        daily_dose_g=float(daily),
        total_dose_g=float(total),
        vial_size_g=vial_size_g,
        daily_dose_rounded_g=None if rounded_daily is None else float(rounded_daily),
        vials_per_day=None if rounded_daily is None else int(rounded_daily / _decimal(vial_size_g)),
        total_dose_rounded_g=None if rounded_total is None else float(rounded_total),
        rounding_note=note,
        working=working,
        daily_dose_mg=daily_mg,
        total_dose_mg=total_mg,
    )


def _in_mg(g_per_kg_per_day: float, days: int, dosing_weight_kg: float) -> tuple[int, int, str]:
    """Daily mg = mg/kg x weight to 1 mg; total = daily mg x days; and the working in mg."""
    mg_per_kg = _decimal(g_per_kg_per_day) * MG_PER_G
    daily = int((mg_per_kg * _decimal(dosing_weight_kg)).quantize(Decimal(1), ROUND_HALF_UP))
    total = daily * days
    per_day = f"{_plain(mg_per_kg)} mg/kg x {_plain(_decimal(dosing_weight_kg))} kg = {daily} mg"
    working = per_day if days == 1 else f"{per_day} a day x {days} days = {total} mg"
    return daily, total, working


def _plain(value: Decimal) -> str:
    """70.0 -> '70', 1.30 -> '1.3': the number as a person writes it."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _round_to_vials(dose: Decimal, vial: Decimal, tolerance: Decimal) -> Decimal | None:
    vials = (dose / vial).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    rounded = vials * vial
    if vials == 0 or abs(rounded - dose) > dose * tolerance:
        return None
    return to_tenth(rounded)


def prednisone_range_mg(weight_kg: float) -> tuple[float, float]:
    """Prednisone 1-2 mg/kg/day as a daily range in mg."""
    low, high = PREDNISONE_MG_PER_KG_PER_DAY
    weight = _decimal(weight_kg)
    return float(to_tenth(weight * low)), float(to_tenth(weight * high))
