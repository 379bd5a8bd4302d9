"""Protections of the admin and of anonymous input: client address, throttled password reset, safe CSV exports."""
