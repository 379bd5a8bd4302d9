"""The duplicate rule compares a fixed-length key of the name's confusable skeleton, and only confirmed
endorsements hold an institution's place (an unconfirmed submission no longer blocks it)."""

from django.db import migrations, models


def fill_keys(apps, schema_editor):
    """Existing endorsements get their keys as Endorsement.save() computes them now."""
    from campaign.text.plain import comparison_key, duplicate_key

    Endorsement = apps.get_model("campaign", "Endorsement")
    endorsements = list(Endorsement.objects.only("pk", "institution_name"))
    for endorsement in endorsements:
        endorsement.name_key = comparison_key(endorsement.institution_name)
        endorsement.duplicate_key = duplicate_key(endorsement.institution_name)
    Endorsement.objects.bulk_update(endorsements, ["name_key", "duplicate_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0004_frontend_notifications"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="endorsement",
            name="one_active_endorsement_per_institution",
        ),
        migrations.AddField(
            model_name="endorsement",
            name="duplicate_key",
            field=models.CharField(
                default="",
                editable=False,
                help_text="SHA-256 of the name's confusable skeleton (campaign.text.plain.duplicate_key): the duplicate "
                "rule compares it.",
                max_length=64,
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="endorsement",
            name="name_key",
            field=models.TextField(editable=False, help_text="Normalised institution name: the list sorts by it."),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="endorsement",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ("pending_review", "approved"))),
                fields=("duplicate_key", "country"),
                name="one_confirmed_endorsement_per_institution",
            ),
        ),
    ]
