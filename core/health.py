"""Whether this instance can serve, for a load balancer or an orchestrator (docs/deploy.md).

`/healthz`: the process answers (liveness); it reads nothing, so a database that is down does
not make every instance look dead and get restarted. `/readyz`: the instance can do its work
(readiness): the database answers, every migration is applied, the cache answers (Redis, when
it is configured) and a worker ran the heartbeat recently. Both answer JSON without a session
and name no host, setting or error text: what failed is said by the check's name alone, and
the error goes to the log.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.selectors import heartbeat_status

logger = logging.getLogger(__name__)

OK = "ok"
FAILING = "failing"


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _migrations() -> bool:
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def _cache() -> bool:
    cache.set("readyz", OK, 10)
    return cache.get("readyz") == OK


def _worker() -> bool:
    return heartbeat_status().healthy


# In order: a check after a failed database is not tried (it would read the database too).
CHECKS: dict[str, Callable[[], bool]] = {
    "database": _database,
    "migrations": _migrations,
    "cache": _cache,
    "worker": _worker,
}
NEEDS_DATABASE = {"migrations", "worker"}


def readiness() -> dict[str, str]:
    """{check: "ok" or "failing"} for every check."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        if name in NEEDS_DATABASE and results.get("database") != OK:
            results[name] = FAILING
            continue
        try:
            results[name] = OK if check() else FAILING
        except Exception as error:  # an unreachable server raises its client's own errors
            logger.warning("Readiness check %s failed (%s)", name, type(error).__name__)
            results[name] = FAILING
    return results
