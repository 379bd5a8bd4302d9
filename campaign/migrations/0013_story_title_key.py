from django.db import migrations, models

from campaign.text.plain import fold


def fill_title_keys(apps, schema_editor):
    """Stories written before the column: their folded titles, as CityStoryPage.save writes them."""
    stories = apps.get_model("campaign", "CityStoryPage")
    for story in stories.objects.only("title").iterator():
        stories.objects.filter(pk=story.pk).update(title_key=fold(story.title)[:255])


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0012_search_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="citystorypage",
            name="title_key",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                help_text="The title, folded (case and accents aside): what story lists sort by, in SQL.",
                max_length=255,
                verbose_name="sort title",
            ),
        ),
        migrations.RunPython(fill_title_keys, migrations.RunPython.noop),
    ]
