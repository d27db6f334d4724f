"""Indexes for the case list's search and its draft mark; a trigram index on PostgreSQL only.

benchmarks/query_plans.py shows each query's plan with 100,000 cases.
"""

import django.db.models.functions.text
from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

PATIENT_NAME_TRIGRAM_INDEX = "case_patient_name_trgm"

# Serves `patient_name__icontains`, which PostgreSQL receives as UPPER(name) LIKE '%QUERY%'.
# PostgreSQL only: SQLite has no GIN and runs the search over a small table anyway.
CREATE_TRIGRAM_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {PATIENT_NAME_TRIGRAM_INDEX} ON decisions_case "
    "USING gin ((UPPER(patient_name::text)) gin_trgm_ops)"
)
DROP_TRIGRAM_INDEX = f"DROP INDEX IF EXISTS {PATIENT_NAME_TRIGRAM_INDEX}"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0003_infusions_renal_checks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="assessment",
            index=models.Index(
                condition=models.Q(("status", "draft")),
                fields=["case"],
                name="assessment_draft_case",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["-updated_at", "-id"], name="case_recent_first"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                django.db.models.functions.text.Upper("patient_identifier"),
                name="case_identifier_upper",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                django.db.models.functions.text.Upper("reference"), name="case_reference_upper"
            ),
        ),
        # CREATE EXTENSION on PostgreSQL only (the operation skips other databases); pg_trgm is
        # a trusted extension, so the database's owner may create it without being a superuser.
        TrigramExtension(),
        migrations.RunPython(
            _on_postgresql(CREATE_TRIGRAM_INDEX), _on_postgresql(DROP_TRIGRAM_INDEX)
        ),
    ]
