"""report.charts: the SVG timeline and claims charts, and the view fields they draw from."""
import re

from fixtures.result_sample import sample_result

from storyline.report import build_view
from storyline.report.charts import claim_charts, claim_groups, timeline_svg
from storyline.report.labels import word_diff


def _event(id, first, last, status="asserted", actors=("Joe Biden",), precision="day"):
    return {"id": id, "type": "CONSULT", "status": status, "actors": list(actors), "recipients": [],
            "date": first if first == last else None, "date_precision": precision,
            "date_range": [first, last] if first else None, "mentions": []}


def _claim(id, value, day, source=None, related=(), kind="level"):
    return {"id": id, "subject": "troops near the border", "value": value, "unit": "troops", "kind": kind,
            "as_of": day, "as_of_precision": "day", "source": source, "document": "d", "start": 0, "end": 1,
            "related": [{"claim": c, "relation": r} for c, r in related]}


def _story(**records):
    return build_view(records).stories[0]


def test_timeline_draws_days_as_points_ranges_as_bars_in_two_lanes():
    story = _story(events=[_event("a", "2021-12-07", "2021-12-07"),
                           _event("b", "2021-12-01", "2021-12-31", precision="month"),
                           _event("c", "2021-12-20", "2021-12-20", status="planned"),
                           _event("d", None, None)])
    svg = str(timeline_svg(story.events))
    assert svg.count("<circle") == 2 and svg.count('<rect class="span precision-month') == 1
    assert svg.index("Happened") < svg.index("Planned, feared, alleged or denied")
    assert svg.count('<a href="#ev-') == 3  # the undated event has no place on the axis
    assert "7 December 2021 · CONSULT · Joe Biden" in svg
    xs = [float(x) for x in re.findall(r'<circle [^>]*cx="([\d.]+)"', svg)]
    assert xs[0] < xs[1]  # 7 December left of 20 December: to scale


def test_timeline_keeps_a_far_outlier_at_the_edge_instead_of_squashing_the_rest():
    events = [_event(str(i), f"2021-12-{d:02d}", f"2021-12-{d:02d}") for i, d in enumerate(range(1, 21))]
    events.append(_event("old", "2014-01-01", "2014-12-31", precision="year"))
    svg = str(timeline_svg(_story(events=events).events))
    assert "◂ 2014" in svg
    xs = sorted(float(x) for x in re.findall(r'<circle [^>]*cx="([\d.]+)"', svg))
    assert xs[-1] - xs[0] > 300  # December still fills the plot


def test_timeline_escapes_article_strings():
    svg = str(timeline_svg(_story(events=[_event("a", "2021-12-07", "2021-12-07", actors=["<script>x</script>"])]).events))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_claims_chart_per_related_group_with_a_colour_per_source():
    story = _story(claims=[
        _claim("a", 94300, "2021-12-03", "Oleksii Reznikov", [("b", "disagrees")]),
        _claim("b", 70000, "2021-12-03", "U.S. official", [("a", "disagrees")]),
        _claim("c", 100000, "2021-12-30", None, [("a", "updates"), ("b", "updates")]),
        _claim("d", -10000, "2021-12-30", None, [("c", "changes")], kind="change"),
        _claim("e", 14000, "2021-12-03", None)])
    assert [len(g) for g in claim_groups(story.claims)] == [4]
    [(title, svg)] = claim_charts(story.claims)
    svg = str(svg)
    assert title == "troops: troops near the border"
    assert svg.count('class="figure-mark"') == 4 and "−10,000" not in svg and "-10,000" in svg
    fills = {label: fill for fill, label in re.findall(r'<circle class="value[^"]*" cx="[\d.]+" cy="[\d.]+" r="5" fill="(#\w+)"/>'
                            r'<text class="value-label"[^>]*>([^<]+)<', svg)}
    assert len({fills["94,300"], fills["70,000"], fills["100,000"]}) == 3  # two sources and "unattributed"
    assert fills["100,000"] == fills["-10,000"]
    assert svg.count("rel-disagrees") == 1 and "≠" in svg  # one line for the pair, not two
    assert svg.count("rel-updates") == 1 and svg.count("rel-changes") == 1  # c updates a and b: one arrow, to the later
    assert 'class="zero"' in svg  # a negative change puts zero inside the axis


def test_sample_story_view_feeds_the_charts():
    story = build_view(sample_result().to_dict()).stories[0]
    call = story.events[0]
    assert (call.first, call.last, call.articles, call.sources) == ("2021-12-07", "2021-12-07", 2, 2)
    assert [c.number for c in story.claims] == [94300, 70000, 175000]
    assert story.claims[2].first == "2022-01-01" and story.claims[2].last == "2022-01-31"


def test_word_diff_marks_the_words_a_variant_changes():
    first, second = word_diff(["I don't accept anybody's red lines,", "I do not accept anyone's red lines."])
    assert [w for w, d in first if d] == []
    assert [w for w, d in second if d] == ["do", "not", "anyone's"]  # "lines." for "lines," is no change
    assert word_diff(["Same words", "same  WORDS"])[1] == [("same", False), ("WORDS", False)]


def test_a_long_timeline_draws_the_most_reported_events():
    events = [_event(str(i), f"2021-12-{1 + i % 28:02d}", f"2021-12-{1 + i % 28:02d}") for i in range(30)]
    story = _story(events=events)
    for i, e in enumerate(story.events):
        e.articles = 1 + (i % 3 == 0)
    svg = str(timeline_svg(story.events, max_rows=10))
    assert svg.count("<circle") == 10 and "the 10 most reported of 30 dated events" in svg
