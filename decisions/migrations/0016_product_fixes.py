"""Gammaplex 5% holds D-sorbitol (its US prescribing information, 4 Contraindications and 11
Description): the shipped row said stabiliser "other", so the sorbitol check never fired.
Corrects the shipped row by name, unless the pharmacy has already set another stabiliser."""

from django.db import migrations

NAME = "Gammaplex 5%"
CITATION = (
    "Gammaplex 5% US prescribing information (BPL), 2.1 Dosage, ITP: 0.5 mg/kg/min "
    "(0.01 mL/kg/min) for 15 minutes, increased gradually every 15 minutes to 4 "
    "mg/kg/min (0.08 mL/kg/min); How Supplied: 2.5, 5, 10, 20 g; 4 Contraindications: "
    "hereditary intolerance to fructose, and infants and neonates for whom sucrose or "
    "fructose tolerance has not been established; 11 Description: D-sorbitol."
)
NOTE = (
    "Stabiliser D-sorbitol (the label's Description and Contraindications); IgA and "
    "sodium not confirmed: left out. The label gives no intermediate rates: each step doubles "
    "(catalogue convention). No numeric maximum for patients at risk (boxed warning: 'the "
    "minimum dose and infusion rate practicable'): the prescriber sets it for each at-risk "
    "patient."
)
OLD_NOTE_START = "Stabiliser, IgA and sodium not confirmed"


def gammaplex_5_sorbitol(apps, schema_editor):
    Product = apps.get_model("decisions", "Product")
    row = Product.objects.filter(name=NAME, stabiliser="other").first()
    if row is None:
        return
    row.stabiliser = "sorbitol"
    row.citation = CITATION
    if row.citation_note.startswith(OLD_NOTE_START):
        row.citation_note = NOTE
    row.save(update_fields=["stabiliser", "citation", "citation_note"])


class Migration(migrations.Migration):
    dependencies = [("decisions", "0015_cds_hooks")]

    operations = [migrations.RunPython(gammaplex_5_sorbitol, migrations.RunPython.noop)]
