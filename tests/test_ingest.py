"""Ingest: every format, encodings, and bad input as one-line rejections that never stop a run."""
import gzip
import io
import shutil
from pathlib import Path

from storyline.ingest import read
from storyline.model import RawItem, Rejection

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED = next(SEEDS.glob("003_*.txt"))


def items(*inputs, stdin=None):
    out = list(read([str(i) for i in inputs], stdin=stdin))
    return [x for x in out if isinstance(x, RawItem)], [x for x in out if isinstance(x, Rejection)]


def one_rejection(path, **kw):
    got, rejected = items(path, **kw)
    assert got == [] and len(rejected) == 1, rejected
    assert "\n" not in rejected[0].reason and rejected[0].reason
    return rejected[0]


# -- formats ---------------------------------------------------------------------------------------

def test_plain_text_dump():
    (item,), rejected = items(SEED)
    assert rejected == [] and item.format == "text" and item.source == str(SEED)
    assert item.content == SEED.read_text(encoding="utf-8")


def test_html_by_name_and_by_content(tmp_path):
    (item,), _ = items(FIXTURES / "page.html")
    assert item.format == "html" and "about 70,000 troops" in item.content
    renamed = tmp_path / "page.txt"  # the name says text, the content says HTML
    shutil.copy(FIXTURES / "page.html", renamed)
    (item,), _ = items(renamed)
    assert item.format == "html"


def test_gzip_is_unwrapped_and_detected_again(tmp_path):
    html_gz = tmp_path / "page.html.gz"
    html_gz.write_bytes(gzip.compress((FIXTURES / "page.html").read_bytes()))
    text_gz = tmp_path / "dump.gz"  # no inner extension: detected by content
    text_gz.write_bytes(gzip.compress(SEED.read_bytes()))
    (html, text), rejected = items(html_gz, text_gz)
    assert rejected == []
    assert html.format == "html" and "70,000" in html.content
    assert text.format == "text" and text.content.startswith("Biden and Putin to hold video call")


def test_jsonl_bad_line_is_one_rejection_and_other_lines_come_out():
    path = FIXTURES / "articles.jsonl"
    got, rejected = items(path)
    assert [i.source for i in got] == [f"{path}:1", f"{path}:3"]
    assert [r.source for r in rejected] == [f"{path}:2"]
    assert "invalid JSON" in rejected[0].reason
    text, html = got
    assert text.format == "text" and text.meta == {
        "url": "https://example.org/biden-putin-call", "title": "Biden and Putin schedule video call amid fears of Ukraine invasion",
        "published": "2021-12-04", "author": "Staff"}
    assert html.format == "html" and html.meta == {"url": "https://example.org/call-lasted"}


def _write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    page = (FIXTURES / "page.html").read_bytes()
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        records = [
            ("https://example.org/a", "200 OK", "text/html; charset=utf-8", page, "response"),
            ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "response"),
            ("https://example.org/old", "301 Moved Permanently", "text/html", b"<p>moved</p>", "response"),
            ("https://example.org/b", "200 OK", "text/plain", SEED.read_bytes(), "response"),
            ("https://example.org/a", None, None, b"GET /a HTTP/1.1\r\n\r\n", "request"),
        ]
        for uri, status, ctype, body, kind in records:
            if kind == "response":
                headers = StatusAndHeaders(status, [("Content-Type", ctype),
                                                    ("Last-Modified", "Mon, 06 Dec 2021 10:00:00 GMT")],
                                           protocol="HTTP/1.1")
                record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            else:
                record = writer.create_warc_record(uri, "request", payload=io.BytesIO(body))
            writer.write_record(record)


def test_warc_response_records_only(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc)
    got, rejected = items(warc)
    assert rejected == []
    assert [(i.source, i.format) for i in got] == [("https://example.org/a", "html"), ("https://example.org/b", "text")]
    for item in got:
        assert item.meta == {"url": item.source}  # no WARC-Date / Last-Modified as a publication date
    assert "70,000 troops" in got[0].content


def test_stdin_bytes_and_stream():
    (item,), _ = items("-", stdin=SEED.read_bytes())
    assert item.source == "<stdin>" and item.format == "text" and "70,000 troops" in item.content
    (item,), _ = items("-", stdin=io.BytesIO(gzip.compress((FIXTURES / "page.html").read_bytes())))
    assert item.format == "html"


def test_directories_recursive_sorted_and_globs(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / ".hidden.txt").write_bytes(b"\x00\x01")
    shutil.copy(FIXTURES / "page.html", tmp_path / "b" / "c.html")
    got, rejected = items(tmp_path)
    assert rejected == []
    assert [Path(i.source).relative_to(tmp_path).as_posix() for i in got] == ["a.txt", "b/c.html", "b/z.txt"]
    got, _ = items(tmp_path / "**" / "*.html", tmp_path / "b" / "c.html")  # the same file is read once
    assert [Path(i.source).name for i in got] == ["c.html"]
    (tmp_path / "empty_dir").mkdir()
    assert items(tmp_path / "empty_dir") == ([], [])


# -- encodings -------------------------------------------------------------------------------------

def test_cp1252_text_is_decoded(tmp_path):
    text = ("The café was quiet. “We know what President Putin has done in the past,” Psaki said — "
            "and the naïve hope of a résumé of talks faded.\n") * 3
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    (item,), rejected = items(path)
    assert rejected == [] and item.content == text


def test_html_meta_charset_is_honoured(tmp_path):
    page = "<html><head><meta charset='iso-8859-1'><title>Grüße</title></head><body><p>Schöne Straße in München.</p></body></html>"
    path = tmp_path / "de.html"
    path.write_bytes(page.encode("latin-1"))
    (item,), _ = items(path)
    assert "Schöne Straße in München" in item.content


def test_utf16_and_bom(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    got, rejected = items(tmp_path / "u16.txt", tmp_path / "bom.txt")
    assert rejected == [] and [i.content for i in got] == [text, text]


# -- rejections ------------------------------------------------------------------------------------

def test_each_bad_input_is_one_rejection_and_good_ones_still_come_out(tmp_path):
    import random
    rng = random.Random(7)
    bad = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n  ",
        "archive.zip": b"PK\x03\x04" + bytes(range(256)) * 4,
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(500)),
        "control.txt": bytes(range(1, 32)) * 200 + b"\x00\xff\xfe" * 300,
        "garbage.txt": bytes(rng.randrange(128, 256) for _ in range(3000)),
        "mixed.txt": ("Café “quoted” " * 60).encode("utf-8") + ("Café “quoted” " * 60).encode("cp1252"),
    }
    full = gzip.compress(SEED.read_bytes())
    bad["cut.txt.gz"] = full[: len(full) // 2]
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    shutil.copy(SEED, tmp_path / "good.txt")
    got, rejected = items(tmp_path, tmp_path / "missing.txt", tmp_path / "nothing-*.html")
    assert [Path(i.source).name for i in got] == ["good.txt"]
    reasons = {Path(r.source).name: r.reason for r in rejected}
    assert set(reasons) == set(bad) | {"missing.txt", "nothing-*.html"}
    assert all(r and "\n" not in r for r in reasons.values())
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"].startswith("empty file")
    assert reasons["archive.zip"] == "not text: binary content (application/zip)"
    assert reasons["image.txt"] == "not text: binary content (image/png)"
    assert reasons["control.txt"].startswith("not text: binary content")
    assert reasons["garbage.txt"].startswith("mis-encoded")
    assert reasons["mixed.txt"].startswith("mis-encoded")
    assert reasons["cut.txt.gz"].startswith("truncated gzip: ")
    assert reasons["missing.txt"].startswith("missing")
    assert reasons["nothing-*.html"].startswith("missing")


def test_corrupt_gzip_and_corrupt_warc(tmp_path):
    (tmp_path / "bad.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 40)
    assert "gzip" in one_rejection(tmp_path / "bad.gz").reason
    warc = tmp_path / "crawl.warc"
    warc.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: oops\r\n\r\nbody")
    assert "WARC" in one_rejection(warc).reason


def test_oversize_and_decompression_bomb(tmp_path, monkeypatch):
    from storyline.ingest import formats
    monkeypatch.setattr(formats, "MAX_DOCUMENT_BYTES", 2000)
    (tmp_path / "big.txt").write_bytes(SEED.read_bytes())  # 3.4 kB > the 2 kB cap set here
    assert one_rejection(tmp_path / "big.txt").reason.startswith("too large")
    (tmp_path / "bomb.gz").write_bytes(gzip.compress(b"a " * 1_000_000))
    assert "decompresses to over" in one_rejection(tmp_path / "bomb.gz").reason


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_bytes(SEED.read_bytes())
    real_open = open

    def denying_open(file, *args, **kwargs):  # works as root too, where chmod 0 does not deny
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)
    monkeypatch.setattr("builtins.open", denying_open)
    assert one_rejection(path).reason == "unreadable: Permission denied"


def test_hostile_inputs_never_raise(tmp_path):
    samples = [b"\x1f\x8b", b"WARC/", b"{", b"<", b"\xef\xbb\xbf", b"\xff\xfe\x00", b"[1, 2",
               gzip.compress(gzip.compress(gzip.compress(gzip.compress(b"deep")))), b"\x00" * 10]
    for n, data in enumerate(samples):
        (tmp_path / f"{n}.json").write_bytes(data)
    out = list(read([str(tmp_path)]))
    assert len(out) >= len(samples) - 1
    assert all(isinstance(x, (RawItem, Rejection)) for x in out)


def test_truncated_warc_gz_keeps_what_was_read(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc)
    data = warc.read_bytes()
    for share in (0.5, 0.8, 0.95):
        cut = tmp_path / f"cut{share}.warc.gz"
        cut.write_bytes(data[: int(len(data) * share)])
        got, rejected = items(cut)
        assert got[0].source == "https://example.org/a"
        assert len(rejected) <= 1 and all("\n" not in r.reason for r in rejected)


def test_an_unforeseen_reader_failure_rejects_only_that_input(tmp_path, monkeypatch):
    from storyline.ingest import formats
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b.txt").write_bytes(SEED.read_bytes() + b" ")
    real = formats.read_document

    def flaky(source, *args, **kwargs):
        if source.endswith("a.txt"):
            raise RuntimeError("boom\nsecond line")
        return real(source, *args, **kwargs)
    monkeypatch.setattr(formats, "read_document", flaky)
    got, rejected = items(tmp_path)
    assert [Path(i.source).name for i in got] == ["b.txt"]
    assert [(Path(r.source).name, r.reason) for r in rejected] == [("a.txt", "unreadable: RuntimeError: boom")]
