"""Store and reports: files, DuckDB tables, and hostile article text that must never execute."""
import duckdb

import storyline


def test_outputs_and_hostile_text(tmp_path):
    page = tmp_path / "evil.html"
    page.write_text("<html><head><title>Evil &lt;script&gt;alert(1)&lt;/script&gt;</title></head><body><article>"
                    + "<p>Officials said the leaders met in Geneva on Tuesday to discuss &lt;script&gt;alert(1)&lt;/script&gt; the border crisis at length.</p>" * 5
                    + "</article></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    result = storyline.run([str(page)], out=out)
    assert result.documents
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "Content-Security-Policy" in html
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in md
    with duckdb.connect(str(out / "storyline.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 1
        for table in ("stories", "events", "mentions", "claims", "quotes", "rejected"):
            con.execute(f"select * from {table}").fetchall()


def test_web_app_serves_report_and_api(seed_result):
    from fastapi.testclient import TestClient
    from storyline.web import create_app
    _, out = seed_result
    client = TestClient(create_app(out))
    assert client.get("/").status_code == 200
    events = client.get("/api/events").json()
    assert client.get(f"/api/events/{events[0]['id']}").json()["id"] == events[0]["id"]
    assert client.get("/api/events/nope").status_code == 404
    assert "default-src 'none'" in client.get("/").headers["content-security-policy"]
