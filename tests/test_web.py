"""web: the pages, API and downloads over a finished run's DuckDB, and their safety."""
import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from fixtures.result_sample import sample_result

import storyline.web as web
from storyline import store
from storyline.web.db import Database

PAGES = ["/", "/?sort=title&order=asc", "/stories/story-1", "/documents/doc-reuters", "/documents/doc-hostile",
         "/entities", "/entities/Joe%20Biden", "/search?q=troops", "/search?type=CONSULT&status=planned", "/docs"]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    store.write(sample_result(), out)
    return out


@pytest.fixture(scope="module")
def client(out):
    return TestClient(web.create_app(out))


def _comparable(record: dict) -> dict:
    """A record as the database gives it back: nulls and empties alike, and a day's range
    [d, d] the same as no range (the database keeps first and last day for every date)."""
    day = {f"{k}_range": [v, v] for k, v in record.items() if isinstance(v, str) and len(v) == 10}
    return {k: v for k, v in record.items() if v not in (None, [], {}) and day.get(k) != v}


@pytest.mark.parametrize("kind", ["events", "claims", "quotes", "documents"])
def test_a_story_read_from_duckdb_is_its_storyline_json_slice(out, kind):
    data = store.load(out)
    if kind == "documents":  # a story's documents come without their removed boilerplate
        data[kind] = [{k: v for k, v in d.items() if k != "removed"} for d in data[kind]]
    got = Database(out).story("story-1")[kind]
    assert sorted(map(_comparable, got), key=lambda r: r["id"]) == sorted(map(_comparable, data[kind]), key=lambda r: r["id"])


def test_a_big_story_shows_its_most_reported_records_and_loads_only_the_texts_they_cite(out):
    data = Database(out).story("story-1", most=1)
    assert [e["id"] for e in data["events"]] == ["ev-call"]  # reported by two articles, ev-talks by one
    assert len(data["claims"]) == 1 and len(data["quotes"]) == 1
    assert data["totals"] == {"events": 2, "claims": 3, "quotes": 1}
    assert all(d["text"] for d in data["documents"])  # both are cited by the call
    page = TestClient(web.create_app(out, cache_bytes=0)).get("/stories/story-1").text
    assert "Showing the most reported" not in page  # nothing was cut at the default size


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_a_strict_csp(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>alert" not in r.text and "<img src=x" not in r.text and "javascript:" not in r.text


def test_hostile_article_strings_are_escaped_everywhere(client):
    page = client.get("/documents/doc-hostile").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in page or "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    story = client.get("/stories/story-1").text
    assert "Putin and Biden talk &lt;script&gt;alert(1)&lt;/script&gt;" in story
    assert story.count("<script") == 1  # the app's own, external script


def test_story_page_has_timeline_claims_chart_quotes_and_summary(client):
    page = client.get("/stories/story-1").text
    assert page.count('class="chart timeline-chart"') == 1
    assert page.count('class="chart claims-chart"') == 1 and page.count('class="figure-mark"') == 3
    assert 'class="rel rel-disagrees"' in page and "≠" in page and 'marker-end="url(#arrow)"' in page
    assert 'id="ev-ev-call"' in page and "2 articles, 2 sources" in page
    assert "Planned, feared, alleged or denied" in page  # ev-talks has its own lane
    assert page.count('class="variant"') == 2 and "<ins>anyone&#39;s</ins>" in page
    assert 'href="/documents/doc-reuters#s' in page  # mentions link to their sentence


def test_document_page_links_every_cited_span_back(client):
    page = client.get("/documents/doc-reuters").text
    assert page.count('class="back"') >= 3  # the event, the claim and the quote
    for target in ('/stories/story-1#ev-ev-call', '/stories/story-1#claim-cl-reznikov', '/stories/story-1#quote-q-red-lines'):
        assert target in page
    assert "Removed boilerplate (1 pieces)" in page and "Oops! Something went wrong." in page
    assert "From the page&#39;s metadata." in page


def test_api_lists_and_items(client, out):
    data = store.load(out)
    assert client.get("/api/storyline").json() == data
    [listed] = client.get("/api/stories").json()
    assert listed["id"] == "story-1" and (listed["first"], listed["last"]) == ("2021-12-01", "2021-12-31")  # publications
    assert "Story · 1–31 December 2021" in client.get("/stories/story-1").text
    story = client.get("/api/stories/story-1").json()
    assert [e["id"] for e in story["events"]] == ["ev-call", "ev-talks"]
    assert len(story["claims"]) == 3 and len(story["quotes"]) == 1
    assert [d["id"] for d in story["documents"]] == ["doc-reuters", "doc-hostile"] and "text" not in story["documents"][0]
    assert len(client.get("/api/events", params={"story": "story-1"}).json()) == 2
    assert client.get("/api/claims/cl-rise").json()["value"] == 175000
    assert client.get("/api/quotes").json()[0]["speaker"] == "Joe Biden"
    document = client.get("/api/documents/doc-hostile").json()
    assert document["text"] == data["documents"][1]["text"] and len(document["cited_by"]["claims"]) == 2
    assert "text" not in client.get("/api/documents").json()[0]
    assert [e["id"] for e in client.get("/api/entities/Vladimir Putin").json()] == ["ev-call", "ev-talks"]
    assert {"name": "Joe Biden", "events": 2} in client.get("/api/entities").json()
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/stories/{story_id}", "/api/search", "/download/{name}.{fmt}"} <= set(paths)


def test_search_and_filters(client):
    found = client.get("/api/search", params={"q": "TROOPS"}).json()
    assert [d["id"] for d in found["documents"]] == ["doc-reuters", "doc-hostile"]
    assert "troops" in found["documents"][0]["snippet"]
    assert [e["id"] for e in client.get("/api/search", params={"q": "video"}).json()["events"]] == ["ev-call"]
    assert client.get("/api/search", params={"q": "red lines"}).json()["quotes"][0]["id"] == "q-red-lines"
    assert [e["id"] for e in client.get("/api/search", params={"status": "planned"}).json()["events"]] == ["ev-talks"]
    assert client.get("/api/search", params={"actor": "Nobody"}).json()["events"] == []
    in_dec = client.get("/api/search", params={"q": "", "from": "2021-12-01", "to": "2021-12-31"}).json()
    assert [e["id"] for e in in_dec["events"]] == ["ev-call", "ev-talks"]
    assert client.get("/api/search", params={"q": "100%_"}).json()["documents"] == []  # LIKE wildcards are literal
    assert client.get("/api/search", params={"q": "%"}).json()["documents"] == []  # no words: looked for as written
    assert [d["id"] for d in client.get("/api/search", params={"q": "—"}).json()["documents"]] == ["doc-hostile"]
    assert client.get("/api/search", params={"q": "x" * 201}).status_code == 422


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_downloads(client, fmt):
    r = client.get(f"/download/claims.{fmt}", params={"story": "story-1"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    if fmt == "parquet":
        rows = pq.read_table(io.BytesIO(r.content)).to_pylist()
    elif fmt == "json":
        rows = json.loads(r.content)
    else:
        lines = r.text.strip().splitlines()
        assert lines[0].startswith('"id"') and len(lines) == 4
        return
    assert sorted(row["value"] for row in rows) == [70000, 94300, 175000]
    events = client.get("/download/events.csv").text
    assert '"[""Joe Biden""]"' in events  # lists as JSON arrays in CSV cells


@pytest.mark.parametrize("path,status", [
    ("/static/../storyline.json", 404), ("/static/%2e%2e/%2e%2e/storyline/store.py", 404),
    ("/download/..%2Fstoryline.json", 404), ("/download/rejected.csv", 404), ("/download/events.exe", 404),
    ("/stories/nope", 404), ("/documents/nope", 404), ("/api/events/nope", 404), ("/api/events?story=nope", 404),
    ("/search?q=" + "a" * 5000, 414)])
def test_no_way_out_of_the_run(client, path, status):
    r = client.get(path)
    assert r.status_code == status
    assert "content-security-policy" in r.headers


def test_a_missing_page_is_a_page_and_a_missing_record_is_json(client):
    page = client.get("/stories/<img src=x onerror=alert(1)>")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "unknown story &#39;&lt;img src=x onerror=alert(1)&gt;&#39;" in page.text and "<img src=x" not in page.text
    assert client.get("/api/stories/nope").json() == {"detail": "unknown story 'nope'"}


def test_read_only_and_bounded(client, out):
    assert client.post("/api/stories").status_code == 405
    assert client.request("GET", "/", content=b"x" * 10).status_code == 413
    before = (out / "storyline.duckdb").read_bytes()
    client.get("/stories/story-1")
    assert (out / "storyline.duckdb").read_bytes() == before


def test_a_localhost_server_refuses_other_host_names(out):
    guarded = TestClient(web.create_app(out, allowed_hosts=web.hosts_for("127.0.0.1")), base_url="http://127.0.0.1:8000")
    assert guarded.get("/").status_code == 200
    assert guarded.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_page_cache_keeps_recent_pages_within_its_bytes():
    from storyline.web.cache import Cached, PageCache
    cache = PageCache(max_bytes=10)
    for key in "abc":
        cache.put(key, Cached(200, (), b"xxxx"))
    assert cache.get("a") is None and cache.get("c").body == b"xxxx" and len(cache) == 2
    cache.put("big", Cached(200, (), b"x" * 11))
    assert cache.get("big") is None


def test_uncached_app_renders_the_same_pages(out, client):
    fresh = TestClient(web.create_app(out, cache_bytes=0))
    for path in PAGES:
        assert fresh.get(path).text == client.get(path).text


def test_serve_runs_uvicorn_on_localhost(out, monkeypatch):
    import uvicorn
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    web.serve(out)
    assert calls and calls[0][1] == {"host": "127.0.0.1", "port": 8000}


def test_missing_output_fails_early(tmp_path):
    with pytest.raises(FileNotFoundError):
        web.create_app(tmp_path)


HOSTILE_VALUES = ["' OR 1=1 --", "%00", "\x00", "../../etc/passwd", "<script>alert(1)</script>", "Ω≈ç√∫" * 30,
                  "%", "_", "\\", "a" * 199, "2021-13-45", "-1", "999999999999"]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_parameters_never_crash_a_route(client, value):
    """Every route answers hostile path parts and parameters with a page, a 404, a 414 or a 422; never a 500."""
    from urllib.parse import quote
    part = quote(value, safe="")
    paths = [f"/stories/{part}", f"/documents/{part}", f"/entities/{part}", f"/api/stories/{part}",
             f"/api/documents/{part}", f"/api/events/{part}", f"/api/entities/{part}", f"/download/{part}.csv",
             f"/download/events.{part}"]
    params = [("/search", {"q": value}), ("/search", {"actor": value, "type": value, "status": value, "source": value}),
              ("/search", {"from": value}), ("/api/search", {"q": value, "to": value}), ("/", {"sort": value}),
              ("/", {"page": value}), ("/entities", {"prefix": value}), ("/api/events", {"story": value}),
              ("/stories/story-1", {"full": value}), ("/download/events.csv", {"story": value})]
    for path in paths:
        assert client.get(path).status_code in (200, 404, 414, 422), path
    for path, query in params:
        assert client.get(path, params=query).status_code in (200, 404, 414, 422), (path, query)
