"""The cluster test's load: associations applying for funding through the load balancer.

Run by run.py inside the load generator's namespace: ``load.py BASE RESULTS PEOPLE APPLICATIONS
CLIENTS``. Each client logs in as one association's member and applies: starts a draft,
answers the project and money parts, attaches a small PDF to every tenth application, and sends
it. A request that fails (no answer, or 502/503/504 from the balancer) is sent again, the
same request with the same one-time form token, as a browser's user would send it again; every
failed attempt is recorded with its start and end, for run.py's check that only requests the
killed host was serving failed. Bounded: each request times out after 30 s and is tried at most
eight times. Standard library only.
"""

import hashlib
import hmac
import http.client
import json
import re
import secrets
import struct
import sys
import threading
import time
from datetime import date, timedelta
from urllib.parse import urlencode, urlsplit

TIMEOUT = 30
ATTEMPTS = 8
RETRY_STATUSES = {502, 503, 504}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DETAIL = re.compile(r"/funding/applications/(\d+)/$")


def small_pdf(text: str) -> bytes:
    """A valid one-page PDF with ``text`` (uploads are checked by their structure)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


class Failed(Exception):
    """A request that kept failing, or an answer the load did not expect."""


class Client:
    def __init__(self, base: str, log: list, lock: threading.Lock):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self.log, self.lock = log, lock
        self.requests = 0

    def request(self, op: str, method: str, path: str, body: bytes = b"", content_type=""):
        """One request, sent again until it gets an answer from the application."""
        for attempt in range(1, ATTEMPTS + 1):
            started = time.time()
            try:
                status, headers, text = self._send(method, path, body, content_type)
                error = f"HTTP {status}" if status in RETRY_STATUSES else ""
            except (OSError, http.client.HTTPException) as exc:
                status, headers, text, error = 0, {}, "", repr(exc)
            with self.lock:
                self.requests += 1
                if error:
                    self.log.append(
                        {"op": op, "start": started, "end": time.time(), "error": error}
                    )
            if not error:
                return status, headers, text
            time.sleep(0.5 * attempt)
        raise Failed(f"{op}: no answer after {ATTEMPTS} attempts")

    def _send(self, method, path, body, content_type):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        headers = {
            "Host": self.host,
            "Referer": f"https://{self.host}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if content_type:
            headers["Content-Type"] = content_type
        try:
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            return response.status, {k.lower(): v for k, v in response.getheaders()}, text
        finally:
            conn.close()

    def post(self, op, path, fields: dict, files: dict | None = None):
        fields = {"csrfmiddlewaretoken": self.csrf, **fields}
        if not files:
            body = urlencode(fields).encode()
            return self.request(op, "POST", path, body, "application/x-www-form-urlencoded")
        boundary = secrets.token_hex(12)
        chunks = []
        for name, value in fields.items():
            chunks.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content) in files.items():
            chunks.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        chunks.append(f"--{boundary}--\r\n".encode())
        return self.request(
            op, "POST", path, b"".join(chunks), f"multipart/form-data; boundary={boundary}"
        )

    def resume(self, cookie: str, session_key: str) -> None:
        """Go on in a session an e-ID login left (data.py makes them): the associations'
        people, whose submissions need level of assurance 3."""
        self.cookies[cookie] = session_key
        status, _headers, page = self.request("overview", "GET", "/funding/")
        if status != 200:
            raise Failed(f"the e-ID session did not hold: HTTP {status}")
        self.csrf = CSRF.search(page).group(1)

    def login(self, username: str, password: str, otp_key: str = "") -> None:
        _status, _headers, page = self.request("login-page", "GET", "/accounts/login/")
        self.csrf = CSRF.search(page).group(1)
        status, headers, _text = self.post(
            "login", "/accounts/login/", {"username": username, "password": password}
        )
        if status != 302:
            raise Failed(f"login of {username}: HTTP {status}")
        if otp_key:  # staff: the second step, a code from the paired app
            _status, _headers, page = self.request("otp-page", "GET", "/accounts/two-factor/")
            self.csrf = CSRF.search(page).group(1)
            status, headers, _text = self.post(
                "otp", "/accounts/two-factor/", {"token": totp(otp_key, time.time())}
            )
            if status != 302:
                raise Failed(f"second step of {username}: HTTP {status}")
        # Logging in gives a new CSRF secret: read the token again from a page.
        _status, _headers, page = self.request("overview", "GET", "/funding/")
        self.csrf = CSRF.search(page).group(1)


def totp(key_hex: str, at: float) -> str:
    """The authenticator app's code (RFC 6238: SHA-1, 30 s, 6 digits)."""
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", int(at) // 30), hashlib.sha1)
    raw = digest.digest()
    offset = raw[-1] & 0x0F
    return str((struct.unpack(">I", raw[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000).zfill(6)


# A completeness check in the queue links to its page, ".../check_complete/<task>/assign/".
QUEUED = re.compile(r'href="[^"]*/check_complete/(\d+)/assign/')


def officer(client: Client, person: dict, password: str, done: threading.Event) -> list[int]:
    """An officer working the queue: takes each completeness check it finds and finds the
    application complete, until the applicants are done and the queue is empty."""
    client.login(person["username"], password, otp_key=person["key"])
    completed = []
    while True:
        _status, _headers, page = client.request("queue", "GET", "/tasks/queue/")
        opened = [f"/tasks/{pk}/open/" for pk in dict.fromkeys(QUEUED.findall(page))]
        if not opened:
            if done.is_set():
                return completed
            time.sleep(2)
            continue
        for link in opened[:5]:
            status, headers, _text = client.request("open", "GET", link)
            if status != 302:  # taken by the other officer meanwhile
                continue
            execute = urlsplit(headers["location"]).path
            status, _headers, _text = client.post("complete", execute, {"result": "complete"})
            # 409: a retry of a completion that was done (the first answer was lost).
            if status in (302, 409):
                completed.append(int(link.split("/")[2]))
            else:
                raise Failed(f"complete {link}: HTTP {status}")


def expect_redirect(op, answer, pattern=None) -> str:
    status, headers, _text = answer
    location = headers.get("location", "")
    if status != 302 or (pattern and not pattern.search(location)):
        raise Failed(f"{op}: HTTP {status} to {location!r}")
    return location


def apply(client: Client, person: dict, setup: dict, number: int) -> dict:
    """One application, from the draft to sending it; what the client saw of it."""
    today = date.today()
    token = secrets.token_urlsafe(16)
    fields = {
        "programme": setup["programme"],
        "organisation": person["organisation"],
        "title": f"Sommaraktivitet {number}",
        "form_token": token,
    }
    while True:
        location = expect_redirect("create", client.post("create", "/funding/apply/", fields))
        found = DETAIL.search(location)
        if found:
            break
        # The token was spent by a sending whose answer was lost and nothing is known of
        # its draft: start again with a new form (an unsent draft may be left; it is no case).
        fields["form_token"] = secrets.token_urlsafe(16)
    pk = int(found.group(1))
    base = f"/funding/applications/{pk}"
    project = {
        "title": f"Sommaraktivitet {number}",
        "purpose": "Fotboll och läxhjälp varje kväll i juli för unga i stadsdelen.",
        "target_group": "Unga 12–18 år",
        "activity_start": (today + timedelta(days=40)).isoformat(),
        "activity_end": (today + timedelta(days=70)).isoformat(),
        "participants": "40",
    }
    expect_redirect("project", client.post("project", f"{base}/project/", project))
    money = {
        "amount_applied": "30000",
        "total_cost": "42000",
        "other-TOTAL_FORMS": "0",
        "other-INITIAL_FORMS": "0",
        "other-MIN_NUM_FORMS": "0",
        "other-MAX_NUM_FORMS": "1000",
    }
    expect_redirect("money", client.post("money", f"{base}/money/", money))
    attachments = 0
    if number % 10 == 0:
        fields = {"kind": "budget", "form_token": secrets.token_urlsafe(16)}
        files = {"file": (f"budget-{number}.pdf", small_pdf(f"Budget {number}"))}
        expect_redirect("attach", client.post("attach", f"{base}/attachments/", fields, files))
        attachments = 1
    sent = {"form_token": secrets.token_urlsafe(16)}
    expect_redirect("submit", client.post("submit", f"{base}/submit/", sent), DETAIL)
    return {"pk": pk, "number": number, "attachments": attachments, "submitted": True}


def main() -> int:
    base, results, setup_file, count, clients = sys.argv[1:6]
    with open(setup_file) as file:
        setup = json.load(file)
    count, clients = int(count), int(clients)
    people = setup["people"]
    errors: list[dict] = []
    applications: list[dict] = []
    failures: list[str] = []
    lock = threading.Lock()
    numbers = iter(range(1, count + 1))
    started = time.time()
    made: list[Client] = []

    def work(index: int) -> None:
        person = people[index % len(people)]
        client = Client(base, errors, lock)
        made.append(client)
        try:
            client.resume(setup["session_cookie"], person["session"])
        except Failed as exc:
            failures.append(str(exc))
            return
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            try:
                result = apply(client, person, setup, number)
            except Failed as exc:
                failures.append(f"application {number}: {exc}")
                continue
            with lock:
                applications.append(result)

    applicants_done = threading.Event()
    completions: list[int] = []

    def officer_work(person: dict) -> None:
        client = Client(base, errors, lock)
        made.append(client)
        try:
            done = officer(client, person, setup["password"], applicants_done)
        except Failed as exc:
            failures.append(f"officer {person['username']}: {exc}")
            return
        with lock:
            completions.extend(done)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    officers = [threading.Thread(target=officer_work, args=(p,)) for p in setup["officers"]]
    for thread in threads + officers:
        thread.start()
    for thread in threads:
        thread.join()
    applicants_done.set()
    for thread in officers:
        thread.join()
    report = {
        "started": started,
        "ended": time.time(),
        "requests": sum(client.requests for client in made),
        "applications": applications,
        "completions": completions,
        "errors": errors,
        "failures": failures,
    }
    with open(results, "w") as out:
        json.dump(report, out)
    print(f"{len(applications)} sent, {len(errors)} failed attempts, {len(failures)} gave up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
