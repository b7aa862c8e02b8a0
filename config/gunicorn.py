"""gunicorn's settings for the web process (Procfile, docs/deploy.md), from the environment.

Sync workers: every page is a few database queries and no long waits (PDFs are rendered by the
worker), so a worker per request in flight is the simplest model that holds. Two to three per
core is the rule of thumb; WEB_CONCURRENCY says how many."""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104 - in a container or behind a proxy
workers = int(os.environ.get("WEB_CONCURRENCY", "5"))
worker_class = "sync"
# A page that takes this long is stuck: the worker is restarted and the request answered 502.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 30
# Workers are recycled now and then, so that a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# The load balancer's own address range, whose X-Forwarded-* headers are believed.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# One JSON line a request, with the request's id as the service logs it (X-Request-ID), its
# time in ms and status, and the path without its query string: a search's words never reach a
# log.
accesslog = "-" if os.environ.get("WEB_ACCESS_LOG", "on") == "on" else None
access_log_format = (
    '{"time": "%(t)s", "level": "INFO", "logger": "gunicorn.access", "method": "%(m)s", '
    '"path": "%(U)s", "status": %(s)s, "ms": %(M)s, "bytes": "%(B)s", '
    '"request_id": "%({x-request-id}o)s"}'
)
errorlog = "-"


def post_worker_init(worker):
    """Once the worker has loaded Django: move every object it holds by then (modules, URL
    patterns, settings) out of the garbage collector's sight, and collect the young objects
    less often. A page makes tens of thousands of short-lived objects (the ORM's), so the
    default thresholds run a collection every few hundred: about 5% of a page's CPU, measured
    in-process over the load test's pages.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)
