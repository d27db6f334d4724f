from django.core.management.base import BaseCommand

from decisions.ehr.jwt_check import used_jwt_ids_prune
from decisions.ehr.prefill import prefills_purge


class Command(BaseCommand):
    help = (
        "Delete what EHR hook calls left that no case was opened from, once expired (a day), "
        "and the ids of expired JWTs. Beat runs the same every hour."
    )

    def handle(self, *args, **options):
        prefills, jwt_ids = prefills_purge(), used_jwt_ids_prune()
        self.stdout.write(f"Deleted {prefills} EHR prefills and {jwt_ids} expired JWT ids.")
