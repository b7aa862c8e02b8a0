#!/usr/bin/env python
"""Load test: realistic journeys of the four user types against gunicorn on 127.0.0.1, on the
Insight volume (target: p95 under 300 ms and no errors with 200 people at once, on 2 cores, once
everyone has signed in; the password's slow hash is measured apart).

    .venv/bin/pip install -r bench/requirements.txt   # locust, once
    .venv/bin/python bench/load.py

It creates its own PostgreSQL database (case_reviews_load on the server of DATABASE_URL, by
default postgres://postgres@127.0.0.1:5432/), seeds it with `pages.seed` (150 boards, 30,000
incidents and their reviews, actions and history) and `load_seed.seed_load` (the accounts with
their authenticator apps, the lead reviewer programme, the reviews' analysis), collects the
static files into a temporary directory, starts the production recipe's web, worker and beat
processes exactly as the Procfile says (docs/deploy.md; bench/procfile.py), with production
settings (plain HTTP on the loopback, so no redirect to HTTPS and no secure-only cookies),
runs locust on `load_journeys.py`
(its web interface on the loopback, port + 1, only to reset its figures once everyone has
signed in), prints the figures per page and overall with the CPU the server used from then on,
then stops the server and drops the database.

Options: --users 50, --spawn-rate 1 (people starting a second), --run-time 3m, --think 2,8
(seconds between pages), --workers 5 (gunicorn sync workers), --conn-max-age (seconds
gunicorn keeps database connections; by default as the settings have it, 60), --accounts 60
(of each type), --port 8765, --redis-db 12, --boards 150, --incidents 30000, --quiet-below
LOAD (wait, up to 20 minutes, for the machine's load average to fall below LOAD before the
run), --keep (keep the database and the journeys) and --reuse (run on a kept database,
without seeding).
"""

import argparse
import csv
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import procfile  # bench/procfile.py: the recipe's processes

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_BIN = Path(sys.executable).parent
TARGET_P95_MS = 300
TICKS = os.sysconf("SC_CLK_TCK")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=1.0)
    parser.add_argument("--run-time", default="3m")
    parser.add_argument("--think", default="2,8", help="seconds between pages: low,high")
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--conn-max-age", type=int, default=None)
    parser.add_argument("--accounts", type=int, default=60, help="accounts of each user type")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--redis-db", type=int, default=12)
    parser.add_argument("--boards", type=int, default=150)
    parser.add_argument("--incidents", type=int, default=30_000)
    parser.add_argument("--database", default="case_reviews_load")
    parser.add_argument("--quiet-below", type=float, default=0.0)
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="use the kept database as it is")
    return parser.parse_args()


def server_env(args, database_url: str, work: Path) -> dict:
    """Production settings, but plain HTTP on the loopback (docs/runbook.md)."""
    return {
        **os.environ,
        "DOTENV": "none",  # not the developer's .env (DEBUG=true)
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": "bench-load-only-" + "x" * 40,
        "DATABASE_URL": database_url
        + (f"?conn_max_age={args.conn_max_age}" if args.conn_max_age is not None else ""),
        "REDIS_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(work / "static"),
        "PRIVATE_STORAGE_ROOT": str(work / "private"),
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "WARNING",
    }


def admin_connection(database_url: str):
    """A connection to the server's `postgres` database, to create and drop ours."""
    import psycopg

    parts = urlsplit(database_url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def seed(args, journeys_file: Path) -> dict:
    """Migrate, collect static files and seed; the journeys (accounts and their pages)."""
    import django

    django.setup()
    import pages  # the Insight volume
    from django.core.management import call_command
    from django.db import connection
    from django.urls import NoReverseMatch, reverse
    from load_seed import seed_load

    call_command("collectstatic", interactive=False, verbosity=0)
    if args.reuse:
        if not journeys_file.exists():
            raise SystemExit(f"No kept database to reuse ({journeys_file}): run with --keep first.")
        return json.loads(journeys_file.read_text())
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    seeded = pages.seed(args.boards, args.incidents)
    journeys = seed_load(seeded, per_type=args.accounts)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have, after the load's rows
    counts = seeded["counts"]
    print(
        f"Seeded {args.boards} boards, {counts['incidents']:,} incidents, "
        f"{counts['reviews']:,} reviews, {counts['findings']:,} findings, "
        f"{counts['deadlines']:,} deadlines, {seeded['history']:,} history rows, and "
        f"{args.accounts} accounts of each of the 4 user types, in "
        f"{time.perf_counter() - started:.0f} s."
    )
    journeys["urls"] = {"sign_in": reverse("login")}
    try:
        journeys["urls"]["security_code"] = reverse("mfa_verify")
    except NoReverseMatch:
        print("No security code page (mfa_verify): signing in with the password alone.")
    if args.keep:
        journeys_file.write_text(json.dumps(journeys))
    connection.close()
    return journeys


def start_server(args, env: dict, work: Path) -> subprocess.Popen:
    """The recipe's web process (Procfile), answering once each of its workers has the app."""
    env = {**env, "HOST": "127.0.0.1", "PORT": str(args.port), "WEB_CONCURRENCY": str(args.workers)}
    env["WEB_TIMEOUT"] = "60"
    server = procfile.start("web", env, work / "gunicorn.log")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            for _ in range(3 * args.workers):  # load the app in every worker, roughly
                with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/sign-in/", timeout=5):
                    pass
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    stop_server(server)
    raise SystemExit(f"gunicorn did not start: see {work / 'gunicorn.log'}")


def start_background(env: dict, work: Path) -> list[subprocess.Popen]:
    """The recipe's worker and beat, as production runs them beside the web."""
    env = {**env, "BEAT_SCHEDULE_FILE": str(work / "celerybeat-schedule")}
    return [procfile.start(name, env, work / f"{name}.log") for name in ("worker", "beat")]


def stop_server(server: subprocess.Popen) -> None:
    procfile.stop(server)


# --- What the machine did -----------------------------------------------------------------


def usage(server: subprocess.Popen, admin, database: str) -> dict:
    """CPU so far: the machine's (busy, total jiffies), gunicorn's workers (s), PostgreSQL's
    time executing statements in our database (s), and this process's children (s)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    # The workers alive now, and those gunicorn has recycled (max_requests) since it started:
    # their CPU is in the master's count of its reaped children (cutime, cstime).
    master = Path(f"/proc/{server.pid}/stat").read_text().rsplit(")", 1)[1].split()
    workers = (int(master[13]) + int(master[14])) / TICKS
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parts = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(parts[1]) == server.pid:  # its parent is the gunicorn master
            workers += (int(parts[11]) + int(parts[12])) / TICKS
    with admin.cursor() as cursor:
        cursor.execute("SELECT active_time FROM pg_stat_database WHERE datname = %s", [database])
        database_s = (cursor.fetchone()[0] or 0) / 1000
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "busy": sum(fields) - idle,
        "total": sum(fields),
        "workers": workers,
        "database": database_s,
        "children": children.ru_utime + children.ru_stime,
    }


def wait_for_quiet(limit: float) -> None:
    """Other work on the machine takes the cores the target counts on: wait for it to end."""
    if not limit:
        return
    deadline = time.monotonic() + 20 * 60
    while os.getloadavg()[0] >= limit and time.monotonic() < deadline:
        time.sleep(10)
    print(f"Load average {os.getloadavg()[0]:.1f} at the start (waited for < {limit:g}).")


def machine(admin) -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    with admin.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    import django

    return (
        f"{os.cpu_count()} cores ({cpu}), PostgreSQL {postgres}, Python "
        f"{platform.python_version()}, Django {django.get_version()}"
    )


def run_locust(args, env: dict, work: Path, journeys: dict, measure) -> tuple[int, dict]:
    """Run locust; once everyone has started and signed in, reset its figures and read
    `measure()`, so that the figures and the CPU are of the steady state from then on. Its
    exit code, and the CPU at the start of that window."""
    (work / "journeys.json").write_text(json.dumps(journeys))
    web_port = args.port + 1  # locust's own web interface, on the loopback, for the reset
    command = [
        str(VENV_BIN / "locust"),
        *("-f", str(BENCH / "load_journeys.py"), "--autostart", "--autoquit", "1"),
        *("--web-host", "127.0.0.1", "--web-port", str(web_port)),
        *("--users", str(args.users), "--spawn-rate", str(args.spawn_rate)),
        *("--run-time", args.run_time, "--host", f"http://127.0.0.1:{args.port}"),
        *("--csv", str(work / "load"), "--only-summary", "--loglevel", "WARNING"),
    ]
    print(f"\n$ locust {' '.join(command[1:])}")
    with open(work / "locust.log", "w") as log:
        locust = subprocess.Popen(  # noqa: S603 - our own command line
            command,
            cwd=BENCH,
            env={**env, "LOAD_JOURNEYS": str(work / "journeys.json"), "LOAD_THINK": args.think},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            time.sleep(settling_seconds(args))
            reset = f"http://127.0.0.1:{web_port}/stats/reset"
            urllib.request.urlopen(urllib.request.Request(reset, method="POST"), timeout=10).read()
            start = measure()
        except BaseException:
            locust.terminate()
            locust.wait()
            raise
        return locust.wait(), start


def run_seconds(run_time: str) -> float:
    """locust's --run-time ("3m", "90s", "1h30m") in seconds."""
    units = {"h": 3600, "m": 60, "s": 1}
    return sum(float(n) * units[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)([hms])", run_time))


def settling_seconds(args) -> float:
    """Until the last person to start has signed in and seen their home page: the spawning,
    then two thinks (the password, the security code) at their longest, and a margin."""
    return args.users / args.spawn_rate + 2 * float(args.think.split(",")[1]) + 5


def password_check_ms(runs: int = 5) -> float:
    """The password hash's cost, measured apart (slow by design): median ms of a check."""
    from django.contrib.auth.hashers import check_password, make_password

    hashed = make_password("a long password for the bench")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        check_password("a long password for the bench", hashed)
        times.append(1000 * (time.perf_counter() - started))
    return sorted(times)[runs // 2]


def report(args, work: Path, before: dict, after: dict, about: str, hash_ms: float) -> bool:
    with open(work / "load_stats.csv") as stats, open(work / "load_failures.csv") as errors:
        rows, failures = list(csv.DictReader(stats)), list(csv.DictReader(errors))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    pages = sorted(
        (r for r in rows if r["Name"] != "Aggregated" and int(r["Request Count"])),
        key=lambda r: -_ms(r["95%"]),
    )
    requests = int(total["Request Count"])
    used = {key: after[key] - before[key] for key in before}
    seconds = used["total"] / TICKS / (os.cpu_count() or 1)
    print(
        f"\n{about}.\n{args.users} people ({args.spawn_rate:g} started a second), "
        f"{args.run_time}, think time {args.think.replace(',', '–')} s between pages; gunicorn "
        f"{args.workers} sync workers, database connections kept "
        f"{'as the settings say' if args.conn_max_age is None else f'{args.conn_max_age} s'}.\n"
    )
    print(f"{'Page':<40} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6}")
    for row in [*pages, total]:
        over = "  over" if row is not total and _ms(row["95%"]) >= TARGET_P95_MS else ""
        print(
            f"{row['Name'][:40]:<40} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Max Response Time']):>6.0f}{over}"
        )
    errors = int(total["Failure Count"])
    for failure in failures:
        print(
            f"  error: {failure['Method']} {failure['Name']}: {failure['Error']} "
            f"({failure['Occurrences']}×)"
        )
    p95 = _ms(total["95%"])
    slowest = max((_ms(r["95%"]) for r in pages if not r["Name"].startswith("Sign in")), default=0)
    print(
        f"\nFigures of the steady state: from the moment all {args.users} had started and "
        f"signed in ({settling_seconds(args):.0f} s) to the end. Signing in is apart: each "
        f"person signs in as they start, and the password's check alone takes {hash_ms:.0f} ms "
        "of a core (slow by design)."
    )
    print(
        f"Times in ms. {float(total['Requests/s']):.1f} requests a second; {errors} errors. "
        f"p95 of every request {p95:.0f} ms; the slowest page's p95 {slowest:.0f} ms "
        "(sign-in apart)."
    )
    print(
        f"CPU per request: {1000 * used['workers'] / requests:.0f} ms in gunicorn's workers, "
        f"{1000 * used['database'] / requests:.0f} ms of statements in PostgreSQL. Cores in "
        f"use: gunicorn {used['workers'] / seconds:.2f}, PostgreSQL statements "
        f"{used['database'] / seconds:.2f}, locust {used['children'] / seconds:.2f}; the machine "
        f"was {used['busy'] / used['total']:.0%} busy in all (other processes too), load "
        f"average {os.getloadavg()[0]:.1f} at the end."
    )
    met = p95 < TARGET_P95_MS and errors == 0
    print(
        f"Target (p95 < {TARGET_P95_MS} ms and no errors, {args.users} people): "
        + ("met." if met else "MISSED.")
    )
    return met


def _ms(value: str) -> float:
    return 0.0 if value in ("", "N/A") else float(value)


def main() -> int:
    args = parse_args()
    if not (VENV_BIN / "locust").exists():
        print("locust is not installed: .venv/bin/pip install -r bench/requirements.txt")
        return 2
    if settling_seconds(args) + 30 > run_seconds(args.run_time):
        print(
            f"--run-time {args.run_time} leaves under 30 s after everyone has signed in "
            f"({settling_seconds(args):.0f} s): make it longer."
        )
        return 2
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not base.startswith("postgres"):
        print("The target is for PostgreSQL: set DATABASE_URL to a PostgreSQL server.")
        return 2
    database_url = urlunsplit(urlsplit(base)._replace(path=f"/{args.database}", query=""))
    journeys_file = Path(tempfile.gettempdir()) / f"{args.database}.journeys.json"
    work = Path(tempfile.mkdtemp(prefix="load-"))
    env = server_env(args, database_url, work)
    os.environ.update(env)  # the seeding runs with the server's settings
    sys.path[:0] = [str(ROOT), str(BENCH)]
    admin = admin_connection(database_url)
    server, background, keep_work = None, [], True
    try:
        if not args.reuse:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{args.database}"')
        journeys = seed(args, journeys_file)
        server = start_server(args, env, work)
        background = start_background(env, work)
        wait_for_quiet(args.quiet_below)
        hash_ms = password_check_ms()
        code, before = run_locust(
            args, env, work, journeys, lambda: usage(server, admin, args.database)
        )
        after = usage(server, admin, args.database)
        if not (work / "load_stats.csv").exists():
            print(f"locust failed (exit {code}): see {work / 'locust.log'}")
            return 2
        met = report(args, work, before, after, machine(admin), hash_ms)
        keep_work = False
        return 0 if met else 1
    finally:
        for process in [*background, *([server] if server else [])]:
            procfile.stop(process)
        log = work / "gunicorn.log"
        if log.exists() and "Traceback" in log.read_text():
            print(f"\nThe server logged errors: see {log}.")
            keep_work = True
        if keep_work:
            print(f"Logs and figures kept in {work}.")
        else:
            shutil.rmtree(work, ignore_errors=True)
        if not args.keep:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
            journeys_file.unlink(missing_ok=True)
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
