"""The audit trail becomes tamper-evident: its rows are chained by hash (decisions/cases/audit.py)
and, on PostgreSQL, a trigger refuses any UPDATE or DELETE of them (SQLite: nothing to do)."""

import django.utils.timezone
from django.db import migrations, models

TRIGGER = """
CREATE FUNCTION decisions_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % of audit event % refused', TG_OP, OLD.id
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_append_only
    BEFORE UPDATE OR DELETE ON decisions_auditevent
    FOR EACH ROW EXECUTE FUNCTION decisions_audit_append_only();
"""
NO_TRIGGER = """
DROP TRIGGER IF EXISTS audit_append_only ON decisions_auditevent;
DROP FUNCTION IF EXISTS decisions_audit_append_only();
"""


def chain_the_rows_there_are(apps, schema_editor):
    from decisions.cases.audit import GENESIS, audit_hash

    AuditEvent = apps.get_model("decisions", "AuditEvent")
    previous = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        event.previous_hash = previous
        event.chain_hash = previous = audit_hash(event, previous)
        event.save(update_fields=["previous_hash", "chain_hash"])


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # its % are plpgsql, not placeholders

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0009_case_form_token"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.RunPython(chain_the_rows_there_are, migrations.RunPython.noop),
        migrations.RunPython(on_postgresql(TRIGGER), on_postgresql(NO_TRIGGER)),
    ]
