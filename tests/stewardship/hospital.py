"""A generated hospital: courses on two teams, two indications, over two months, with reviews,
kidney injury and reactions drawn at random (seeded), and the rows made kept to check against."""

import random
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from decisions.models import CourseReview, Infusion, RenalCheck, RenalResult
from decisions.review.services import review_record
from tests.factories import TeamFactory, clinician_in
from tests.reminders.helpers import ADULT_GI_BLEED, SEPSIS, plan_for, record


@dataclass
class Made:
    courses: list = field(default_factory=list)  # (team, indication, days_ago, grams, month)
    reviews: list = field(default_factory=list)  # responses recorded
    aki: int = 0
    reactions: dict = field(default_factory=dict)
    patients: list = field(default_factory=list)  # (name, identifier)


def hospital(*, courses: int = 8, seed: int = 13, prefix: str = "") -> Made:
    rng = random.Random(seed)  # noqa: S311 # a generated hospital, not a secret
    made = Made()
    teams = [TeamFactory(name=f"{prefix}Haematology"), TeamFactory(name=f"{prefix}Critical care")]
    doctors = [clinician_in(t, username=f"dr_{t.pk}", email=f"dr{t.pk}@example.org") for t in teams]
    for i in range(courses):
        k = rng.randrange(2)
        team, doctor = teams[k], doctors[k]
        answers = ADULT_GI_BLEED if rng.random() < 0.6 else SEPSIS
        name, identifier = f"Zebedee Q{prefix}{i}xample", f"HOSP{prefix}{i:05d}"
        plan = plan_for(doctor, team, answers, patient_name=name, patient_identifier=identifier)
        made.patients.append((name, identifier))
        days_ago = rng.choice([3, 8, 9, 40])
        infusion = record(
            plan, doctor, ended_at=timezone.now() - timedelta(days=days_ago), dose_g="35"
        )
        severity = rng.choice(["none", "mild", "moderate", "severe", ""])
        Infusion.objects.filter(pk=infusion.pk).update(reaction_severity=severity)
        made.reactions[severity] = made.reactions.get(severity, 0) + 1
        month = timezone.localtime(infusion.started_at).date().replace(day=1)
        made.courses.append((team.name, answers["condition"], days_ago, Decimal("35"), month))
        if rng.random() < 0.4:
            check = RenalCheck.objects.filter(plan=plan).first()
            RenalResult.objects.create(
                case=plan.assessment.case, renal_check=check, measured_at=timezone.now(),
                creatinine=Decimal("2.5"), creatinine_unit="mg/dL", creatinine_mg_dL=2.5,
                aki_stage=2, entered_by=doctor,
            )  # fmt: skip
            made.aki += 1
        if days_ago > 7 and rng.random() < 0.7:
            review = CourseReview.objects.select_related("plan__assessment", "case").get(plan=plan)
            count = rng.choice([15_000, 45_000, 120_000])
            review = review_record(
                review=review, user=doctor, measured_at=timezone.now() - timedelta(days=1),
                count_per_uL=count, bleeding="stopped", adverse_events=rng.random() < 0.3,
                adverse_events_note="Headache, told Zebedee", decision="no_further",
            )  # fmt: skip
            made.reviews.append(review.response)
    return made
