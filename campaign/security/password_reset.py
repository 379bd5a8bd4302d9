"""The admin's "forgotten password" form, throttled: at most PASSWORD_RESET_RATE_PER_IP requests per client
address and PASSWORD_RESET_RATE_PER_ACCOUNT emails per account, so that nobody can flood an editor's mailbox.

Beyond a limit the form answers exactly as when the address has no account (Django's view always says an email
was sent), so the throttle tells nothing about which accounts exist. When the counters cannot be reached, no
email is sent either.
"""

import logging

from django.conf import settings
from wagtail.admin.forms.auth import PasswordResetForm

from campaign.endorsements.rate_limits import RateLimitUnavailable, limited

logger = logging.getLogger(__name__)


class ThrottledPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        self.request = request
        try:
            if limited(request, "password-reset:ip", "ip", settings.PASSWORD_RESET_RATE_PER_IP):
                logger.warning("Password reset refused: too many requests from one address.")
                return
            super().save(*args, request=request, **kwargs)
        except RateLimitUnavailable:
            logger.error("Password reset email not sent: the rate-limit store is unavailable.")

    def get_users(self, email):
        return (user for user in super().get_users(email) if self.account_allowed(user))

    def account_allowed(self, user) -> bool:
        account = f"user:{user.pk}"
        if limited(
            self.request,
            "password-reset:account",
            lambda group, request: account,
            settings.PASSWORD_RESET_RATE_PER_ACCOUNT,
        ):
            logger.warning("Password reset refused: too many requests for user %s.", user.pk)
            return False
        return True
