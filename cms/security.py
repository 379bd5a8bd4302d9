"""The Content Security Policy per part of the backend.

Every answer gets the strict policy of `CONTENT_SECURITY_POLICY`: scripts from this server only. Wagtail's editing
pages cannot live with it yet: its form widgets (choosers, date pickers, inline panels) and wagtail-localize's
editor start themselves with inline <script> elements (wagtail/wagtail#1288, #12940). Those pages, behind a
login, also allow inline scripts; the login and password-reset pages, which anyone can reach, stay strict.
"""

import re

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

STRICT_ADMIN_PAGES = re.compile(r"^/admin/(login|password_reset)/")


def allows_inline_scripts(path: str) -> bool:
    return path.startswith("/admin/") and not STRICT_ADMIN_PAGES.match(path)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if allows_inline_scripts(request.path_info):
            parts.update = {**(parts.update or {}), "script-src": [UNSAFE_INLINE]}
        return parts
