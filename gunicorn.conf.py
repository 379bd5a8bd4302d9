"""gunicorn settings for the `web` process; each one can be overridden by the environment.

Workers: 2 * CPU cores + 1 (the usual starting point: a request spends much of its time waiting for PostgreSQL
and Redis). Threads: 2 per worker, enough to overlap those waits without Python's lock becoming the bottleneck.
A worker is recycled after about 50,000 requests (a recycled worker reloads the app for seconds, so not
much more often), so memory cannot creep up over weeks.
"""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
