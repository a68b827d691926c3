"""web: the report page and the JSON API over a finished OUT directory, with security headers."""
import pytest
from fastapi.testclient import TestClient
from fixtures.result_sample import sample_result

import storyline.web as web
from storyline import store
from storyline.report import build_view, render_html


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    store.write(sample_result(), out)
    return out


@pytest.fixture(scope="module")
def client(out):
    return TestClient(web.create_app(out))


def test_page_is_the_report(client, out):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.text == render_html(build_view(store.load(out)))


@pytest.mark.parametrize("path", ["/", "/api/storyline", "/api/events/nope"])
def test_security_headers(client, path):
    headers = client.get(path).headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_api_lists_and_items(client, out):
    data = store.load(out)
    assert client.get("/api/storyline").json() == data
    assert [s["id"] for s in client.get("/api/stories").json()] == ["story-1"]
    story = client.get("/api/stories/story-1").json()
    assert [e["id"] for e in story["events"]] == ["ev-call", "ev-talks"]
    assert len(story["claims"]) == 3 and len(story["quotes"]) == 1
    assert [d["id"] for d in story["documents"]] == ["doc-reuters", "doc-hostile"] and "text" not in story["documents"][0]
    assert len(client.get("/api/events").json()) == 2
    assert len(client.get("/api/events", params={"story": "story-1"}).json()) == 2
    assert len(client.get("/api/claims").json()) == 3
    assert client.get("/api/claims/cl-rise").json()["value"] == 175000
    assert client.get("/api/quotes").json()[0]["speaker"] == "Joe Biden"
    assert client.get("/api/documents/doc-hostile").json()["text"] == data["documents"][1]["text"]
    assert "text" not in client.get("/api/documents").json()[0]


@pytest.mark.parametrize("path", ["/api/stories/nope", "/api/events/nope", "/api/claims/nope", "/api/quotes/nope",
                                  "/api/documents/nope", "/api/events?story=nope"])
def test_unknown_ids_are_json_404s(client, path):
    r = client.get(path)
    assert r.status_code == 404 and "nope" in r.json()["detail"]


def test_serve_runs_uvicorn_on_localhost(out, monkeypatch):
    import uvicorn
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    web.serve(out)
    assert calls and calls[0][1] == {"host": "127.0.0.1", "port": 8000}


def test_missing_output_fails_early(tmp_path):
    with pytest.raises(FileNotFoundError):
        web.create_app(tmp_path)
