import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0007_renal_check_before_day"),
    ]

    operations = [
        migrations.AlterField(
            model_name="team",
            name="name",
            field=models.CharField(
                max_length=100,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "[\\r\\n]",
                        inverse_match=True,
                        message="Enter a name on one line (no line breaks).",
                    )
                ],
            ),
        ),
    ]
