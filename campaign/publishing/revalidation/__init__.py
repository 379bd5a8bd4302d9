"""Telling the frontend which of its pages changed, so that it revalidates them within seconds of a publish.

Every page event of a transaction (publish, unpublish, move, delete; a translation's publish; the alias updates a
publish causes) is gathered, and the transaction's commit queues ONE notification: the frontend paths of the
changed pages in every locale, and cache tags. It is POSTed to FRONTEND_REVALIDATE_URL, signed with
HMAC-SHA256 over "<timestamp>.<body>" (headers X-Lampedusa-Timestamp and X-Lampedusa-Signature: sha256=<hex>),
first from a background thread right after the commit, then, if that failed, by `manage.py notify_frontend`
(the `notifier` process) with a growing delay. Deliveries and failures are listed in the admin (Settings →
Frontend notifications).

Split by concern: `events` gathers a transaction's page events and queues the notification, `notifications` is
the stored notification and its retry schedule, `signing` the HMAC the frontend checks, `delivery` the HTTP POST
(from a background thread right after the commit, or from `notify_frontend`).
"""
