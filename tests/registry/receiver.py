"""A registry to deliver to, on 127.0.0.1: it checks each event's signature, keeps the
idempotency keys it has applied and applies each key once, as the connector contract asks of a
real registry (docs/records.md). It can be told to fail, or to hang after applying."""

import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from registry import connectors

SECRET = "a-test-secret-of-at-least-32-characters"


class Registry:
    def __init__(self):
        self.applied: dict[str, dict] = {}
        self.received: list[str] = []
        self.failures_left = 0
        self.hang_after_applying = threading.Event()
        self.release = threading.Event()
        self.bad_signatures = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/events"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                content = self.rfile.read(int(self.headers["Content-Length"]))
                key = self.headers[connectors.KEY_HEADER]
                registry.received.append(key)
                expected = connectors.signature(
                    SECRET, self.headers[connectors.TIMESTAMP_HEADER], content
                )
                if not hmac.compare_digest(expected, self.headers[connectors.SIGNATURE_HEADER]):
                    registry.bad_signatures += 1
                    return self._answer(401, {})
                if registry.failures_left:
                    registry.failures_left -= 1
                    return self._answer(503, {})
                event = json.loads(content)
                if key not in registry.applied:
                    registry.applied[key] = event
                    if registry.hang_after_applying.is_set():
                        registry.release.wait(60)
                number = f"KS 2026/{len(registry.applied):04d}"
                self._answer(200, {"registry_case_number": number})

            def _answer(self, status, body):
                content = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

        return Handler
