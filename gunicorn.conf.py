"""gunicorn settings for the `web` process; each one can be overridden by the environment.

Sync workers, one request at a time each: gunicorn's `timeout` is a heartbeat that a sync worker sends only between
requests, so a request still running after `timeout` seconds gets its worker killed (SIGABRT, then SIGKILL) and
replaced, and the worker is free again. Threaded workers (gthread, which gunicorn picks whenever threads > 1) keep
beating from their main loop while a thread is stuck: `timeout` never fires, and requests ran for 216 s and for more
than 15 minutes (issue 12). So GUNICORN_THREADS stays at 1.

Workers: 4 * CPU cores + 2, as many requests in flight as the former 2 * cores + 1 workers of 2 threads (a request
spends much of its time waiting for PostgreSQL and Redis, so more processes than cores); each holds one PostgreSQL
connection. Sync workers expect a buffering proxy in front (the platform's load balancer, nginx), which reads slow
clients' requests before passing them on.

Deadlines, innermost first: PostgreSQL cancels any statement of this process after DATABASE_STATEMENT_TIMEOUT_MS
(WEB_PROCESS below applies it here only: migrations, the content loader and backups must run to completion); the
GraphQL executor stops a query after GRAPHQL_EXECUTION_SECONDS; both answer the client a coded error. `timeout` is
the backstop for whatever else hangs: the worker is replaced and the client's connection closed (a load balancer
answers 502). `graceful_timeout`: how long a worker being recycled or reloaded may finish its request.

A worker is recycled after about 50,000 requests (a recycled worker reloads the app for seconds, so not much more
often), so memory cannot creep up over weeks.
"""

import multiprocessing
import os

# Read by cms.settings.base in each worker: the statement timeout is for web requests only.
os.environ["WEB_PROCESS"] = "1"

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 4 + 2))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", str(timeout)))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
