"""The load-shedding wrapper judges each request on its own wait for a worker thread."""

from __future__ import annotations

import json
from types import SimpleNamespace

from koers.web import shedding


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"served"]


def call(wrapper, path, waited, language="nl"):
    shedding._waited.seconds = waited
    answer = {}

    def start_response(status, headers):
        answer.update(status=status, headers=dict(headers))

    body = b"".join(wrapper({"PATH_INFO": path, "HTTP_ACCEPT_LANGUAGE": language}, start_response))
    return answer["status"], answer["headers"], body.decode()


def test_a_request_that_waited_too_long_is_answered_429_in_the_clients_language():
    wrapper = shedding.Shedding(application, limit_s=0.25)
    status, headers, body = call(wrapper, "/api/occupations/search", 0.3, "en-GB,en")
    assert status.startswith("429") and headers["Retry-After"] == "1"
    assert json.loads(body) == {
        "code": "request.server_busy",
        "message": "The server is busy; wait a moment and try again.",
        "detail": [],
    }
    status, headers, body = call(wrapper, "/market/tension/", 0.3)
    assert status.startswith("429") and headers["Content-Type"].startswith("text/html")
    assert "Het is nu te druk" in body


def test_short_waits_static_files_and_a_zero_limit_are_served():
    assert call(shedding.Shedding(application, 0.25), "/market/", 0.2)[0] == "200 OK"
    assert call(shedding.Shedding(application, 0.25), "/static/koers/app.css", 9)[0] == "200 OK"
    assert call(shedding.Shedding(application, 0), "/market/", 9)[0] == "200 OK"


def test_the_wait_counts_once():
    wrapper = shedding.Shedding(application, 0.25)
    assert call(wrapper, "/market/", 0.3)[0].startswith("429")
    status, _, _ = call(wrapper, "/market/", shedding._waited.seconds)  # no new wait noted
    assert status == "200 OK"


def test_a_worker_with_requests_queued_keeps_no_connection_alive():
    worker = shedding.Worker.__new__(shedding.Worker)  # no gunicorn arbiter needed
    worker.cfg = SimpleNamespace(threads=4)
    worker.max_keepalived = 996  # as gunicorn sets it: worker_connections - threads
    worker.busy = 4  # every thread busy, none waiting
    assert worker.max_keepalived == 996
    worker.busy = 5
    assert worker.max_keepalived == 0
