"""The outbox keeps no confirmation token as is: queued confirmations get theirs encrypted in `secret` (sent with
it, then erased), and the links of those already sent lose theirs."""

import re

from django.db import migrations, models

TOKEN_IN_LINK = re.compile(r"(token=)([A-Za-z0-9_-]+)")


def seal_tokens(apps, schema_editor):
    from campaign.endorsements.mail import TOKEN_PLACEHOLDER, sealed

    OutgoingEmail = apps.get_model("campaign", "OutgoingEmail")
    emails = list(OutgoingEmail.objects.filter(purpose="confirm"))
    for email in emails:
        found = TOKEN_IN_LINK.search(email.text)
        if found and email.sent_at is None:
            email.secret = sealed(found.group(2))
        email.text = TOKEN_IN_LINK.sub(rf"\g<1>{TOKEN_PLACEHOLDER}", email.text)
        email.html = TOKEN_IN_LINK.sub(rf"\g<1>{TOKEN_PLACEHOLDER}", email.html)
    OutgoingEmail.objects.bulk_update(emails, ["text", "html", "secret"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0005_endorsement_identity"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingemail",
            name="secret",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="The confirmation token, encrypted with a key derived from SECRET_KEY; erased once sent.",
            ),
        ),
        migrations.RunPython(seal_tokens, migrations.RunPython.noop),
    ]
