"""`make cluster-test`: the application on a small cluster of network namespaces, under load,
with a web host and a worker killed (SIGKILL) and a second scheduler started during the load.

Run as root with the system's Python (standard library only); the application's processes run
from the project's venv. Every process runs in a namespace of its own; the namespaces are
joined by one bridge (in a namespace of its own too) on one private /24 that nothing else on the
machine uses, with no default route and no route beyond that /24 (both checked before anything
is sent). The load generator runs in a namespace of its own; the checks run afterwards in the
namespace of the one-off "ops" host. Everything is killed and deleted again on exit, on failure
and on SIGINT/SIGTERM, and a last check finds nothing left behind.

Prints a table and writes it to var/cluster-test.json; exits non-zero if any check fails.
docs/deployment.md, "The cluster test", describes it.
"""

import argparse
import atexit
import contextlib
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("CLUSTER_VENV", ROOT / ".venv"))
PG_BIN = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])
NET = "10.213.7"  # the one private range, used only inside the namespaces made here
PREFIX = f"spc{os.getpid()}"

HOSTS = {  # name: last octet
    "lb": 10,
    "web1": 11,
    "web2": 12,
    "worker1": 21,
    "worker2": 22,
    "beat1": 31,
    "beat2": 32,
    "db": 40,
    "pool": 41,
    "redis": 50,
    "clamd": 60,
    "load": 70,
    "ops": 80,
}
BRIDGE_NS = f"{PREFIX}-br"


def ns(host: str) -> str:
    return f"{PREFIX}-{host}"


def addr(host: str) -> str:
    return f"{NET}.{HOSTS[host]}"


def sh(*args: str, check: bool = True) -> str:
    result = subprocess.run(args, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


class Cluster:
    def __init__(self, work: Path):
        self.work = work
        self.logs = work / "logs"
        self.logs.mkdir(parents=True)
        self.private = work / "private"  # the shared file system every web and worker host uses
        self.private.mkdir()
        self.procs: dict[str, subprocess.Popen] = {}
        self.made: list[str] = []
        self.secret = secrets.token_hex(32)

    # The network ----------------------------------------------------------------------------

    def check_range_unused(self) -> None:
        """Refuse to start if any interface or route here or in any namespace uses the range."""
        seen = sh("ip", "-o", "addr") + sh("ip", "route", "show", "table", "all")
        for name in sh("ip", "netns", "list").split():
            seen += sh("ip", "-n", name, "-o", "addr", check=False)
            seen += sh("ip", "-n", name, "route", "show", "table", "all", check=False)
        if f"{NET}." in seen:
            raise SystemExit(f"{NET}.0/24 is in use on this machine: the cluster test stops.")

    def build_network(self) -> None:
        sh("ip", "netns", "add", BRIDGE_NS)
        self.made.append(BRIDGE_NS)
        self._quiet(BRIDGE_NS)
        sh("ip", "-n", BRIDGE_NS, "link", "add", "br0", "type", "bridge")
        sh("ip", "-n", BRIDGE_NS, "link", "set", "br0", "up")
        for index, host in enumerate(HOSTS):
            name = ns(host)
            sh("ip", "netns", "add", name)
            self.made.append(name)
            self._quiet(name)
            port = f"p{os.getpid() % 100000}x{index}"  # both ends are made inside namespaces
            sh("ip", "-n", BRIDGE_NS, "link", "add", port, "type", "veth", "peer", "name", "eth0")
            sh("ip", "-n", BRIDGE_NS, "link", "set", "eth0", "netns", name)
            sh("ip", "-n", BRIDGE_NS, "link", "set", port, "master", "br0", "up")
            sh("ip", "-n", name, "addr", "add", f"{addr(host)}/24", "dev", "eth0")
            sh("ip", "-n", name, "link", "set", "eth0", "up")
            sh("ip", "-n", name, "link", "set", "lo", "up")

    @staticmethod
    def _quiet(name: str) -> None:
        """No IPv6 in the namespace: nothing but the /24 is configured or routed."""
        for key in ("all", "default"):
            sh(
                "ip",
                "netns",
                "exec",
                name,
                "sysctl",
                "-q",
                "-w",
                f"net.ipv6.conf.{key}.disable_ipv6=1",
            )

    def check_routes(self) -> None:
        """Every namespace made here routes to the /24 only, and has no default route."""
        for name in self.made:
            routes = sh("ip", "-n", name, "route", "show", "table", "all").splitlines()
            routes += sh("ip", "-n", name, "-6", "route", "show", "table", "all").splitlines()
            for route in routes:
                target = route.split()[0] if route.split() else ""
                if target == "local" or target == "broadcast":  # the kernel's own, per address
                    target = route.split()[1]
                    if target.startswith(f"{NET}.") or target.startswith("127."):
                        continue
                if target != f"{NET}.0/24" and not target.startswith("127."):
                    raise SystemExit(f"{name} has a route beyond {NET}.0/24: {route}")

    # Processes ------------------------------------------------------------------------------

    def start(self, key: str, host: str, args: list[str], env: dict | None = None, user: str = ""):
        command = ["ip", "netns", "exec", ns(host)]
        if user:
            command += ["runuser", "-u", user, "--"]
        with open(self.logs / f"{key}.log", "ab") as log:  # the child keeps its own copy
            self.procs[key] = subprocess.Popen(
                command + args,
                cwd=ROOT,
                env=env or os.environ.copy(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self.procs[key]

    def run(self, host: str, args: list[str], env: dict, timeout: int = 600) -> str:
        result = subprocess.run(
            ["ip", "netns", "exec", ns(host), *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{host}: {' '.join(args)}:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def kill_host(self, host: str) -> None:
        """SIGKILL every process of the host's namespace, as when the machine dies."""
        for pid in sh("ip", "netns", "pids", ns(host), check=False).split():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)

    def cleanup(self) -> None:
        for name in reversed(self.made):
            for pid in sh("ip", "netns", "pids", name, check=False).split():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGKILL)
        for proc in self.procs.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
        for name in reversed(self.made):
            sh("ip", "netns", "del", name, check=False)
        self.made.clear()
        left = [name for name in sh("ip", "netns", "list").split() if name.startswith(PREFIX)]
        left_links = [
            line
            for line in sh("ip", "-o", "link").splitlines()
            if f"p{os.getpid() % 100000}x" in line
        ]
        if left or left_links:
            print(f"LEFT BEHIND: namespaces {left}, links {left_links}", file=sys.stderr)
            os._exit(3)
        # The logs stay in var/ for a look after a failure; the rest (the database, the
        # shared files) goes.
        kept = ROOT / "var" / "cluster-test-logs"
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(self.logs, kept)
        shutil.rmtree(self.work, ignore_errors=True)
        print(f"cleaned up: no namespace {PREFIX}-*, no veth left; logs in {kept}", file=sys.stderr)


# The roles ----------------------------------------------------------------------------------


def app_env(cluster: Cluster, direct_db: bool = False) -> dict:
    """The environment a real deployment sets for every role (README, "Production")."""
    database = addr("db") + ":5432" if direct_db else addr("pool") + ":6432"
    return {
        "PATH": f"{VENV}/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": str(cluster.work),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": cluster.secret,
        "DJANGO_ALLOWED_HOSTS": addr("lb"),
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{addr('lb')}",
        "DATABASE_URL": f"postgres://postgres@{database}/samverkan",
        # PgBouncer in transaction mode: no server-side cursors, no prepared statements.
        "DATABASE_TRANSACTION_POOLER": "false" if direct_db else "true",
        # Several hosts: production refuses any store one host keeps for itself.
        "DEPLOYMENT_HOSTS": "multi",
        "CELERY_BROKER_URL": f"redis://{addr('redis')}:6379/0",
        "CACHE_URL": f"redis://{addr('redis')}:6379/1",
        "TRUSTED_PROXIES": addr("lb"),
        "CLAMAV_ADDRESS": f"tcp://{addr('clamd')}:3310",
        "PRIVATE_MEDIA_ROOT": str(cluster.private),
        "SITE_URL": f"https://{addr('lb')}",
        # A job held by a killed worker goes back to the queue after this (default an hour):
        # longer than a render may take (150 s), short enough for the test to see it done.
        "CELERY_VISIBILITY_TIMEOUT": "170",
        "LOG_LEVEL": "WARNING",
    }


def start_database(cluster: Cluster) -> None:
    data = cluster.work / "pg"
    data.mkdir()
    shutil.chown(data, "postgres", "postgres")
    sh(
        "runuser",
        "-u",
        "postgres",
        "--",
        str(PG_BIN / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    )
    with open(data / "pg_hba.conf", "a") as hba:
        hba.write(f"host all all {NET}.0/24 trust\n")
    cluster.start(
        "postgres",
        "db",
        [
            str(PG_BIN / "postgres"),
            "-D",
            str(data),
            "-c",
            f"listen_addresses={addr('db')}",
            "-c",
            f"unix_socket_directories={data}",
            "-c",
            "max_connections=120",
            # A throwaway cluster: the test kills application hosts, never the database, so
            # what fsync guards against (a crash of the machine) is not under test here.
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
        ],
        user="postgres",
    )
    wait_for(
        lambda: (
            cluster.run("ops", ["pg_isready", "-q", "-h", addr("db")], app_env(cluster)) is not None
        ),
        "PostgreSQL",
    )
    cluster.run(
        "ops",
        ["psql", "-q", "-h", addr("db"), "-U", "postgres", "-c", "CREATE DATABASE samverkan"],
        app_env(cluster),
    )
    ini = cluster.work / "pgbouncer.ini"
    ini.write_text(
        f"""[databases]
samverkan = host={addr("db")} port=5432 dbname=samverkan user=postgres
[pgbouncer]
listen_addr = {addr("pool")}
listen_port = 6432
unix_socket_dir =
auth_type = any
pool_mode = transaction
max_client_conn = 400
default_pool_size = 40
ignore_startup_parameters = extra_float_digits,options
"""
    )
    shutil.chown(ini, "postgres", "postgres")
    cluster.start("pgbouncer", "pool", ["pgbouncer", str(ini)], user="postgres")


def start_redis_and_clamd(cluster: Cluster) -> None:
    cluster.start(
        "redis",
        "redis",
        [
            "redis-server",
            "--bind",
            addr("redis"),
            "--port",
            "6379",
            "--save",
            "",
            "--appendonly",
            "no",
            "--protected-mode",
            "no",
        ],
    )
    signatures = cluster.work / "clamav"
    signatures.mkdir()
    eicar = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    (signatures / "eicar.hsb").write_text(
        f"{hashlib.sha256(eicar).hexdigest()}:{len(eicar)}:Eicar-Test-Signature\n"
    )
    conf = cluster.work / "clamd.conf"
    conf.write_text(
        f"TCPSocket 3310\nTCPAddr {addr('clamd')}\nDatabaseDirectory {signatures}\nForeground yes\n"
        f"StreamMaxLength 25M\nPidFile {cluster.work}/clamd.pid\n"
    )
    cluster.start("clamd", "clamd", ["clamd", f"--config-file={conf}"])


def start_web(cluster: Cluster, host: str) -> None:
    cluster.start(
        host,
        host,
        [
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"{addr(host)}:8000",
            "--workers",
            "2",
            "--timeout",
            "60",
        ],
        app_env(cluster),
    )


def start_worker(cluster: Cluster, host: str) -> None:
    cluster.start(
        host,
        host,
        [
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel=info",
            "--concurrency",
            "1",
            "-n",
            f"{host}@cluster",
        ],
        app_env(cluster),
    )


def start_beat(cluster: Cluster, host: str) -> None:
    cluster.start(
        host,
        host,
        [
            "celery",
            "-A",
            "config",
            "beat",
            "--loglevel=info",
            "-s",
            str(cluster.work / f"{host}-schedule"),
        ],
        app_env(cluster),
    )


def start_balancer(cluster: Cluster, health: str) -> None:
    cfg = cluster.work / "haproxy.cfg"
    probe = (
        f"http-check send meth GET uri {health} ver HTTP/1.1 hdr Host {addr('lb')} "
        "hdr X-Forwarded-Proto https"
    )
    servers = "\n".join(f"  server {h} {addr(h)}:8000 check" for h in ("web1", "web2"))
    cfg.write_text(
        f"""global
  maxconn 400
  stats socket {cluster.work}/haproxy.sock mode 600 level admin
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  retries 3
  option redispatch
  option http-server-close
frontend front
  bind {addr("lb")}:80
  option forwardfor
  http-request set-header X-Forwarded-Proto https
  default_backend web
backend web
  balance roundrobin
  option httpchk
  {probe}
  http-check expect status 200
  # A busy host answers its check late (its sync workers serve requests first): a check
  # waits up to 10 s, and three missed in a row take it out. A killed host refuses the
  # connection at once: its requests go to the other host (retries, redispatch).
  timeout check 10s
  default-server inter 2s fastinter 1s downinter 1s fall 3 rise 2
{servers}
"""
    )
    cluster.start("haproxy", "lb", ["haproxy", "-f", str(cfg), "-db"])


def static_files_current() -> bool:
    manifest = ROOT / "var" / "static" / "staticfiles.json"
    if not manifest.exists():
        return False
    newest = max(path.stat().st_mtime for path in (ROOT / "static").rglob("*") if path.is_file())
    return manifest.stat().st_mtime > newest


def server_up(cluster: Cluster, server: str) -> bool:
    try:
        with socket.socket(socket.AF_UNIX) as conn:
            conn.connect(str(cluster.work / "haproxy.sock"))
            conn.sendall(b"show stat\n")
            data = b""
            while chunk := conn.recv(65536):
                data += chunk
    except OSError:
        return False
    for line in data.decode().splitlines():
        fields = line.split(",")
        if len(fields) > 17 and fields[0] == "web" and fields[1] == server:
            return fields[17] == "UP"
    return False


def worker_ready(cluster: Cluster, host: str, since: int) -> bool:
    log = (cluster.logs / f"{host}.log").read_bytes()[since:]
    return b" ready." in log


def wait_for(probe, what: str, seconds: float = 90) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if probe():
                return time.monotonic() - started
        except (RuntimeError, OSError):
            pass
        time.sleep(0.25)
    raise SystemExit(f"{what} did not come up within {seconds} s")


# The run ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--organisations", type=int, default=16)
    parser.add_argument("--kill-at", type=float, default=25.0, help="seconds into the load")
    parser.add_argument("--down-for", type=float, default=15.0)
    parser.add_argument("--out", default=str(ROOT / "var" / "cluster-test.json"))
    options = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("The cluster test makes network namespaces: run it as root.")
    for tool in ("haproxy", "pgbouncer", "redis-server", "clamd"):
        if not shutil.which(tool):
            raise SystemExit(
                f"{tool} is missing (Debian: apt-get install haproxy pgbouncer "
                "redis-server clamav-daemon)"
            )

    started = time.time()
    work = Path(tempfile.mkdtemp(prefix=f"{PREFIX}-"))
    os.chmod(work, 0o755)  # noqa: S103 - postgres (its own user) reaches its data directory
    cluster = Cluster(work)

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    atexit.register(cluster.cleanup)

    cluster.check_range_unused()
    cluster.build_network()
    cluster.check_routes()
    print(f"network: {len(cluster.made)} namespaces on {NET}.0/24, no default route", flush=True)

    env = app_env(cluster, direct_db=True)
    # The release's static files (whitenoise's manifest), while the database starts and
    # migrates: they need no database. Kept from an earlier run if nothing in static/ changed.
    statics = None
    if not static_files_current():
        statics = cluster.start(
            "collectstatic",
            "ops",
            ["python", "manage.py", "collectstatic", "--noinput", "-v0"],
            env,
        )
    start_database(cluster)
    start_redis_and_clamd(cluster)
    # migrate is a step of its own, on the database directly, before any web host starts.
    cluster.run("ops", ["python", "manage.py", "migrate", "--noinput"], env)
    print(f"migrated at {time.time() - started:.0f} s", flush=True)
    if statics is not None and statics.wait(timeout=900) != 0:
        raise SystemExit(f"collectstatic failed: {cluster.logs / 'collectstatic.log'}")
    print(f"static files ready at {time.time() - started:.0f} s", flush=True)
    data = cluster.run(
        "ops",
        ["python", "scripts/cluster/data.py", "setup", str(options.organisations)],
        app_env(cluster),
    )
    (work / "setup.json").write_text(data)
    print(f"setup: {options.organisations} associations, one programme", flush=True)
    wait_for(
        lambda: (
            b"Listening" in (cluster.logs / "clamd.log").read_bytes()
            or (cluster.work / "clamd.pid").exists()
        ),
        "clamd",
    )

    for host in ("web1", "web2"):
        start_web(cluster, host)
    for host in ("worker1", "worker2"):
        start_worker(cluster, host)
    start_beat(cluster, "beat1")
    health = "/health/ready/"  # 503 until database, cache, broker, storage are up
    start_balancer(cluster, health)
    for host in ("web1", "web2"):
        wait_for(lambda h=host: server_up(cluster, h), f"{host} behind the balancer", 120)
    for host in ("worker1", "worker2"):
        wait_for(lambda h=host: worker_ready(cluster, h, 0), host, 120)
    print(f"cluster up in {time.time() - started:.0f} s (health: {health})", flush=True)

    results = work / "load.json"
    load = cluster.start(
        "load",
        "load",
        [
            "python",
            "scripts/cluster/load.py",
            f"http://{addr('lb')}",
            str(results),
            str(work / "setup.json"),
            str(options.applications),
            str(options.clients),
        ],
        app_env(cluster),
    )
    load_started = time.time()
    events: dict[str, float] = {}
    time.sleep(options.kill_at)
    events["killed"] = time.time()
    cluster.kill_host("web1")
    cluster.kill_host("worker1")
    print(f"t+{events['killed'] - load_started:.0f} s: SIGKILL web1 and worker1", flush=True)
    time.sleep(2)
    start_beat(cluster, "beat2")
    events["second_beat"] = time.time()
    print("second scheduler (beat2) started", flush=True)
    time.sleep(options.down_for)
    worker_log = (cluster.logs / "worker1.log").stat().st_size
    events["restarted"] = time.time()
    start_web(cluster, "web1")
    start_worker(cluster, "worker1")
    print(f"t+{events['restarted'] - load_started:.0f} s: web1 and worker1 restarted", flush=True)
    recover_web = recover_worker = None
    while recover_web is None or recover_worker is None:
        took = time.time() - events["restarted"]
        if took > 90:
            raise SystemExit("web1 or worker1 did not come back within 90 s of its restart")
        if recover_web is None and server_up(cluster, "web1"):
            recover_web = took
        if recover_worker is None and worker_ready(cluster, "worker1", worker_log):
            recover_worker = took
        time.sleep(0.25)
    print(f"web1 back in {recover_web:.1f} s, worker1 in {recover_worker:.1f} s", flush=True)
    load.wait(timeout=900)
    load_took = time.time() - load_started
    if load.returncode != 0:
        raise SystemExit(f"the load generator failed: see {cluster.logs / 'load.log'}")
    print(f"load done in {load_took:.0f} s", flush=True)

    timing = {**events, "recover_web": recover_web, "recover_worker": recover_worker}
    (work / "events.json").write_text(json.dumps(timing))
    report = json.loads(
        cluster.run(
            "ops",
            [
                "python",
                "scripts/cluster/data.py",
                "verify",
                str(results),
                str(work / "events.json"),
            ],
            app_env(cluster),
            timeout=600,
        )
    )
    report["numbers"]["load_seconds"] = round(load_took, 1)
    report["numbers"]["total_seconds"] = round(time.time() - started, 1)
    print_table(report)
    out = Path(options.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if all(check["ok"] for check in report["checks"]) else 1


def print_table(report: dict) -> None:
    print("\n== cluster test")
    for name, value in report["numbers"].items():
        print(f"{name:<36} {value:>10}")
    print()
    for check in report["checks"]:
        print(f"{'ok  ' if check['ok'] else 'FAIL'} {check['name']}: {check['detail']}")


if __name__ == "__main__":
    sys.exit(main())
