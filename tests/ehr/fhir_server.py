"""A small FHIR server on loopback, as an EHR's: Patient read and Observation search (by patient
and LOINC code, newest first), JSON, behind a bearer token. It keeps the requests it was sent."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .fhir import searchset

TOKEN = "some-opaque-fhir-access-token"


class FhirServer:
    def __init__(self, patient: dict, observations: list[dict], token: str = TOKEN):
        self.patient, self.observations, self.token = patient, observations, token
        self.requests: list[tuple[str, str]] = []  # (path and query, Authorization header)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/fhir"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, path: str, query: dict) -> tuple[int, dict]:
        if path == f"/fhir/Patient/{self.patient['id']}":
            return 200, self.patient
        if path == "/fhir/Observation":
            if query.get("patient") != [self.patient["id"]]:
                return 200, searchset()
            codes = {c.split("|")[-1] for c in ",".join(query.get("code", [])).split(",")}
            found = [
                o for o in self.observations if {c["code"] for c in o["code"]["coding"]} & codes
            ]
            found.sort(key=lambda o: o["effectiveDateTime"], reverse=True)
            count = int(query.get("_count", ["100"])[0])
            return 200, searchset(*found[:count])
        return 404, {"resourceType": "OperationOutcome", "issue": [{"code": "not-found"}]}

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                authorization = self.headers.get("Authorization", "")
                server.requests.append((self.path, authorization))
                if authorization != f"Bearer {server.token}":
                    status, body = 401, {"resourceType": "OperationOutcome"}
                else:
                    parts = urlsplit(self.path)
                    status, body = server.answer(parts.path, parse_qs(parts.query))
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/fhir+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler
