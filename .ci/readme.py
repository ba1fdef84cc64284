#!/usr/bin/env python3
"""Run the README's commands as written, and check that what they start answers.

``readme.py demo CLONE``: the first of the README's two commands (``make demo``) in a fresh
clone, until the login page and the public register answer, then stops it.

``readme.py production CLONE``: the README's production steps, line by line, in a fresh clone
on a fresh PostgreSQL database (the environment is set by the caller, as an operator sets it
from the README's table). Long-running lines (gunicorn, the worker, beat) start in the
background; ``createsuperuser`` is answered at its prompts, as a person would. Then it checks
the login page, a static file, ``/public/``, the redirect to HTTPS, a logged-in page after the
two-step login, the worker and beat.

The commands are read from the fenced blocks that follow ``<!-- ci: NAME -->`` in README.md, so
that the README cannot drift from what CI runs. Standard library only.
"""

import base64
import hashlib
import hmac
import http.client
import os
import pty
import re
import select
import shlex
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

HOST, PORT = "127.0.0.1", 8000
ADMIN_PASSWORD = "ci-only-Administrator-1"  # noqa: S105
BACKGROUND = ("gunicorn", "celery")


def readme_block(readme: Path, name: str) -> list[str]:
    """The commands of the fenced block after ``<!-- ci: name -->``, comments left off."""
    text = readme.read_text(encoding="utf-8")
    match = re.search(rf"<!-- ci: {name} -->\s*```sh\n(.*?)```", text, re.S)
    if match is None:
        sys.exit(f"README.md has no block marked <!-- ci: {name} -->")
    lines = [line.split("  #", 1)[0].strip() for line in match.group(1).splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def log(message: str) -> None:
    print(f"-- {message}", flush=True)


# HTTP: a client that keeps its cookies itself. Production's cookies are Secure, and the
# proxy header below stands in for the TLS that a reverse proxy would end.
class Client:
    def __init__(self, https_proxy_header: bool = True):
        self.cookies: dict[str, str] = {}
        self.headers = {"X-Forwarded-Proto": "https"} if https_proxy_header else {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
        headers = {**self.headers, "Host": HOST, "Accept-Language": "sv"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{HOST}{path}"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), content

    def follow(self, method: str, path: str, form: dict | None = None, hops: int = 5):
        status, headers, content = self.request(method, path, form)
        while status in (301, 302, 303) and hops:
            path = urlsplit(headers["Location"]).path or "/"
            status, headers, content = self.request("GET", path)
            hops -= 1
        return status, path, content


def expect(condition: bool, what: str) -> None:
    if not condition:
        sys.exit(f"FAILED: {what}")
    log(f"ok: {what}")


def wait_for(path: str, seconds: int, process: subprocess.Popen | None = None) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            sys.exit(f"FAILED: the server stopped ({process.returncode}) before {path} answered")
        try:
            return Client().request("GET", path)[0]
        except OSError:
            time.sleep(2)
    sys.exit(f"FAILED: {path} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def start(command: str, clone: Path, logfile: Path) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S602 - the README's own line, run as an operator would
        command,
        shell=True,
        cwd=clone,
        stdout=logfile.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def demo(clone: Path) -> None:
    command = readme_block(clone / "README.md", "commands")[0]
    expect(command == "make demo", "the README's first command is `make demo`")
    logfile = clone.parent / "demo.log"
    process = start(command, clone, logfile)
    try:
        # The first run makes the venv and installs from the package index: minutes, not seconds.
        for path in ("/accounts/login/", "/public/"):
            status = wait_for(path, 900, process)
            expect(status == 200, f"`make demo` serves {path} (HTTP {status})")
    except SystemExit:
        print(logfile.read_text(errors="replace")[-4000:])
        raise
    finally:
        stop(process)


def answer_prompts(command: str, clone: Path, answers: dict[str, str]) -> None:
    """Run a command in a terminal and type the answers to its prompts."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(clone)
        os.execvp("/bin/sh", ["/bin/sh", "-c", command])  # noqa: S606
    output, deadline = "", time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            try:
                chunk = os.read(fd, 1024).decode(errors="replace")
            except OSError:
                break
            output += chunk
            for prompt, answer in answers.items():
                if output.rstrip().endswith(prompt):
                    os.write(fd, f"{answer}\n".encode())
                    output += "\n"
    _, status = os.waitpid(pid, 0)
    print(output)
    expect(os.waitstatus_to_exitcode(status) == 0, f"`{command}` answered at its prompts")


def totp(secret: str) -> str:
    """RFC 6238: the six digits an authenticator app shows for this base32 key now."""
    packed = secret.replace(" ", "")
    key = base64.b32decode(packed + "=" * (-len(packed) % 8))
    counter = struct.pack(">Q", int(time.time() // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def csrf_field(content: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)


def check_pages(enrolment_code: str) -> None:
    client = Client()
    status, _, login_page = client.request("GET", "/accounts/login/")
    expect(status == 200 and "Logga in" in login_page, "the login page answers in Swedish")
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', login_page)
    expect(stylesheet is not None, "pages link the stylesheet by its cache-busting name")
    status, headers, _ = client.request("GET", stylesheet.group(1))
    expect(
        status == 200 and "max-age=315360000" in headers.get("Cache-Control", ""),
        f"{stylesheet.group(1)} is served, cached for good",
    )
    status, _, public = client.request("GET", "/public/")
    expect(status == 200 and "Offentligt register" in public, "/public/ answers")
    status, headers, _ = Client(https_proxy_header=False).request("GET", "/public/")
    expect(
        status == 301 and headers.get("Location", "").startswith("https://"),
        "a request that did not come through TLS is sent to HTTPS",
    )

    status, path, page = client.follow(
        "POST",
        "/accounts/login/",
        {
            "csrfmiddlewaretoken": csrf_field(login_page),
            "username": "admin",
            "password": ADMIN_PASSWORD,
            "next": "/",
        },
    )
    expect(path == "/accounts/two-factor/setup/", "the administrator is asked to pair an app")
    expect('name="code"' in page, "pairing asks for the one-time enrolment code first")
    status, path, page = client.follow(
        "POST", path, {"csrfmiddlewaretoken": csrf_field(page), "code": enrolment_code}
    )
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1)
    status, path, page = client.follow(
        "POST", path, {"csrfmiddlewaretoken": csrf_field(page), "token": totp(secret), "next": "/"}
    )
    expect(status == 200 and path == "/", f"with the code the start page answers (HTTP {status})")
    status, _, admin = client.request("GET", "/admin/")
    expect(status == 200 and "organisations" in admin.lower(), "the administration answers")


def check_background(clone: Path) -> None:
    status = subprocess.run(  # noqa: S603
        [".venv/bin/celery", "-A", "config", "inspect", "ping", "--timeout", "10"],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=60,
    )
    expect(status.returncode == 0 and "pong" in status.stdout, "the worker answers a ping")
    # Beat sends viewflow's timers every minute; the worker runs them.
    deadline, worker_log = time.monotonic() + 150, clone.parent / "celery.log"
    while time.monotonic() < deadline:
        if re.search(r"fire_workflow_timers\[[^\]]+\] succeeded", worker_log.read_text()):
            break
        time.sleep(5)
    ran = re.search(r"fire_workflow_timers\[[^\]]+\] succeeded", worker_log.read_text())
    expect(ran is not None, "a task sent by beat ran in the worker")


def production(clone: Path) -> None:
    processes: list[subprocess.Popen] = []
    enrolment_code = ""
    try:
        for command in readme_block(clone / "README.md", "production"):
            log(f"$ {command}")
            words = shlex.split(command)
            program = Path(words[3] if words[:2] == ["nice", "-n"] else words[0]).name
            if program in BACKGROUND:
                logfile = clone.parent / f"{program}.log"
                if program == "celery" and "beat" in words:
                    logfile = clone.parent / "beat.log"
                processes.append(start(command, clone, logfile))
            elif "createsuperuser" in words:
                answer_prompts(
                    command,
                    clone,
                    {"Password:": ADMIN_PASSWORD, "Password (again):": ADMIN_PASSWORD},
                )
            elif "enrolment_code" in words:
                printed = subprocess.run(  # noqa: S602
                    command, shell=True, cwd=clone, check=True, timeout=120, capture_output=True
                ).stdout.decode()
                enrolment_code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", printed).group(0)
                log("the administrator's enrolment code was printed")
            else:
                subprocess.run(command, shell=True, cwd=clone, check=True, timeout=900)  # noqa: S602
        wait_for("/accounts/login/", 60, processes[0] if processes else None)
        check_pages(enrolment_code)
        check_background(clone)
    finally:
        for process in processes:
            stop(process)
        for name in ("gunicorn", "celery", "beat"):
            logfile = clone.parent / f"{name}.log"
            if logfile.exists():
                print(f"\n--- {name}.log (end)\n" + logfile.read_text(errors="replace")[-1500:])


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("demo", "production"):
        sys.exit("usage: readme.py demo|production CLONE")
    {"demo": demo, "production": production}[sys.argv[1]](Path(sys.argv[2]).resolve())
