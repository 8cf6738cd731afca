"""The timeline's figure builder and event links."""

import datetime as dt
import re

import pandas as pd

from components.analysis.event_plan import MAX_DRAWN_EVENTS, period_counts, plan
from components.analysis.event_text import (
    MAX_CHOICES,
    choices_with,
    chooser_text,
    counted_note,
    event_choices,
    event_for_label,
    windowed_note,
)
from components.analysis.events import (
    COLOUR_OF,
    LANE_OF,
    LANES,
    countries_present,
    default_window,
    drawable,
    events_in_view,
    events_source_line,
    linked_items,
    page_filter,
    span,
    spans,
    when,
)
from components.analysis.filters import FilterState, apply_filters
from components.figures.timeline import KEY, timeline_figure


def ts(text):
    return pd.Timestamp(text)


def test_span_shows_imprecision():
    assert span(ts("2026-02-03"), ts("2026-02-04"), "day") == (ts("2026-02-03"), ts("2026-02-05"))
    assert span(ts("2025-09-01"), ts("2025-09-01"), "month") == (ts("2025-09-01"),
                                                                 ts("2025-10-01"))
    assert span(ts("2003-01-01"), ts("2003-01-01"), "year") == (ts("2003-01-01"),
                                                                ts("2004-01-01"))


def test_when_says_the_precision(data):
    ev = data["events"].set_index("event_id")
    assert when(ev.loc["tokayev_state_visit_2026"]) == "3–4 Feb 2026"
    assert when(ev.loc["kaz_head_of_state_visit_2003"]).startswith("2003 (exact date not known")
    assert "across the month" in when(ev.loc["jwg_it_2025"])


def test_every_event_type_has_a_lane():
    from components.data.contract import TABLES
    assert set(TABLES["events"].col("type").allowed) == set(LANE_OF)


def _legend(fig) -> list[str]:
    return [t.name for t in fig.data if t.showlegend is not False]


def test_the_legend_says_only_what_the_axis_does_not(data):
    by_type = timeline_figure(data["events"], data["sources"], data["statuses"],
                              window=default_window(dt.date(2026, 11, 23)))
    # lanes by type are named on the y axis: the legend says what a hollow marker means
    assert _legend(by_type) == ["Held", "Planned, postponed or unconfirmed"]
    assert "Visits" in by_type.layout.yaxis.categoryarray
    by_pair = timeline_figure(data["events"], data["sources"], data["statuses"],
                              lanes="countries")
    # lanes by country pair: the colours are the types, so the legend names them too
    assert {"Visits", "Summits"} <= set(_legend(by_pair))
    assert _legend(by_pair)[-1] == "Planned, postponed or unconfirmed"
    assert "Visits" not in by_pair.layout.yaxis.categoryarray


def test_drawable_draws_each_event_once(data):
    rows = drawable(data["events"])
    assert "tokayev_state_visit_2026_seed004" not in set(rows["event_id"])
    assert "tokayev_state_visit_2026" in set(rows["event_id"])
    assert rows.set_index("event_id").at["tokayev_visit_nov2025_planned", "planned"]
    assert not rows.set_index("event_id").at["tokayev_state_visit_2026", "planned"]


def test_figure_traces_lanes_markers_and_axes(data):
    fig = timeline_figure(data["events"], data["sources"], data["statuses"],
                          window=default_window(dt.date(2026, 11, 23)),
                          today=dt.date(2026, 11, 23))
    assert fig.layout.template.layout.colorway[0] == "#0072B2"  # the project template
    assert fig.layout.xaxis.type == "date" and fig.layout.yaxis.type == "category"
    assert list(fig.layout.xaxis.range) == [dt.date(2022, 11, 1), dt.date(2027, 5, 25)]
    markers = [t for t in fig.data if t.mode == "markers" and t.legendgroup != KEY]
    planned = [t for t in markers if t.marker.symbol == "circle-open"]
    # planned visits, and the seed's unconfirmed '30th' commission: open markers
    assert [t.name for t in planned] == ["Visits (planned, postponed or unconfirmed)",
                                         "Commissions & working groups (planned, postponed "
                                         "or unconfirmed)"]
    unconfirmed = planned[1]
    assert [c[0] for c in unconfirmed.customdata] == ["igc_30th_seed000"]
    assert "Unconfirmed" in unconfirmed.hovertext[0]
    assert {t.name for t in markers} >= {"Visits", "Summits", "Corridor & agreement milestones"}
    ids = [c[0] for t in markers for c in t.customdata]
    assert len(ids) == len(set(ids)) == len(drawable(data["events"]))
    visits = next(t for t in markers if t.name == "Visits")
    i = [c[0] for c in visits.customdata].index("tokayev_state_visit_2026")
    hover = visits.hovertext[i]
    assert "3–4 Feb 2026" in hover and "Source: " in hover and "Islamabad" in hover
    # pale, wide bars for month/year precision; the "today" line
    bars = [t for t in fig.data if t.mode == "lines"]
    assert {t.opacity for t in bars} == {1.0, 0.35}
    assert fig.layout.shapes[0].x0 == dt.date(2026, 11, 23)


def test_hover_escapes_html(data):
    events = data["events"].copy()
    events.loc[0, "title"] = "<img src=x onerror=alert(1)>"
    fig = timeline_figure(events, data["sources"], data["statuses"])
    hovers = [h for t in fig.data if t.mode == "markers" for h in t.hovertext]
    assert any("&lt;img src=x" in h for h in hovers)
    assert not any("<img" in h for h in hovers)


def test_lanes_by_country_pair(data):
    fig = timeline_figure(data["events"], data["sources"], data["statuses"], lanes="countries")
    assert "KAZ–PAK" in list(fig.layout.yaxis.categoryarray)


def test_links_are_data_not_text(data):
    links = linked_items("tokayev_state_visit_2026", data.tables)
    assert 37 in set(links["agreements"]["count"])
    assert "tokayev_state_visit_2026_seed004" in set(links["accounts"]["event_id"])
    forum = linked_items("business_forum_2026", data.tables)
    assert "falcon_ebuses" in set(forum["deals"]["deal_key"])


def test_events_follow_linked_items_under_a_sector_filter(data):
    state = FilterState(sectors=("transport",))
    view = apply_filters(data.tables, state)
    ids = set(events_in_view(data["events"], view, state)["event_id"])
    assert "business_forum_2026" in ids  # its e-bus deal is in the transport sector
    state = FilterState(start=dt.date(2026, 1, 1))
    shown = events_in_view(data["events"], apply_filters(data.tables, state), state)
    assert not shown.empty and (shown["end_date"] >= ts("2026-01-01")).all()


def test_page_filter_by_lane_and_country(data):
    only = page_filter(data["events"], ["Summits"], [])
    assert set(only["type"]) == {"summit"}
    uzb = page_filter(data["events"], [], ["UZB"])
    assert uzb["countries"].str.contains("UZB").all()


def test_long_summaries_wrap_with_line_breaks_not_escaped_tags(data):
    fig = timeline_figure(data["events"], data["sources"], data["statuses"])
    hovers = [h for t in fig.data if t.mode == "markers" for h in t.hovertext]
    assert not any("&lt;br&gt;" in h for h in hovers)


# --- at scale: counts instead of markers, a capped chooser -----------------------------------

TODAY = dt.date(2026, 11, 23)
WINDOW = default_window(TODAY)  # Nov 2022 – May 2027


def many_events(data, n: int, within=WINDOW) -> pd.DataFrame:
    """`n` events (the bundled ones' rows, repeated, with new ids), their days spread evenly
    over `within`, so every one of them is in that window."""
    base = data["events"][data["events"]["same_as"].isna()]
    rows = base.iloc[[i % len(base) for i in range(n)]].reset_index(drop=True)
    rows["event_id"] = [f"ev{i:05d}" for i in range(n)]
    days = (pd.Timestamp(within[1]) - pd.Timestamp(within[0])).days - 2
    starts = pd.Timestamp(within[0]) + pd.to_timedelta([i * days // n for i in range(n)], "D")
    rows["start_date"] = rows["end_date"] = starts.astype(rows["start_date"].dtype)
    return rows


def markers(fig):
    return [t for t in fig.data if getattr(t, "mode", None) == "markers" and t.legendgroup != KEY]


def counted_total(fig) -> int:
    """Events the counted figure says it counts: the numbers in its bars' hover text."""
    return sum(int(re.search(r": ([\d,]+) events?", h).group(1).replace(",", ""))
               for t in fig.data for h in t.hovertext)


def test_spans_match_span_for_every_event(data):
    rows = drawable(data["events"])
    x0, x1 = spans(rows["start_date"], rows["end_date"], rows["date_precision"])
    expected = [span(s, e, p) for s, e, p in
                zip(rows["start_date"], rows["end_date"], rows["date_precision"])]
    assert list(pd.DatetimeIndex(x0)) == [a for a, _ in expected]
    assert list(pd.DatetimeIndex(x1)) == [b for _, b in expected]
    december = span(ts("2025-12-01"), ts("2025-12-01"), "month")
    got = spans(pd.Series([ts("2025-12-01")]), pd.Series([ts("2025-12-01")]),
                pd.Series(["month"]))
    assert (pd.Timestamp(got[0][0]), pd.Timestamp(got[1][0])) == december


def test_the_bundled_data_is_drawn_event_by_event(data):
    assert len(drawable(data["events"])) < MAX_DRAWN_EVENTS  # the limit never touches it
    chart = plan(data["events"], WINDOW)
    assert not chart.counted and not chart.windowed and windowed_note(chart) is None


def test_at_the_limit_every_event_is_a_marker_and_one_more_is_counted(data):
    at_limit = many_events(data, MAX_DRAWN_EVENTS)
    fig = timeline_figure(at_limit, data["sources"], data["statuses"], window=WINDOW,
                          today=TODAY)
    ids = [c[0] for t in markers(fig) for c in t.customdata]
    assert sorted(ids) == sorted(at_limit["event_id"])
    over = many_events(data, MAX_DRAWN_EVENTS + 1)
    fig = timeline_figure(over, data["sources"], data["statuses"], window=WINDOW, today=TODAY)
    assert not markers(fig) and {t.type for t in fig.data} == {"bar"}
    assert counted_total(fig) == MAX_DRAWN_EVENTS + 1
    assert len(fig.to_json()) < 100_000  # counts, not 1,501 events' hover text


def test_below_the_limit_the_figure_is_unchanged(data):
    """A limit the events reach exactly gives the same figure as the default limit."""
    events = data["events"]
    default = timeline_figure(events, data["sources"], data["statuses"], window=WINDOW,
                              today=TODAY)
    exact = timeline_figure(events, data["sources"], data["statuses"], window=WINDOW,
                            today=TODAY, limit=len(drawable(events)))
    assert default.to_json() == exact.to_json()
    assert {t.type for t in default.data} == {"scatter"}


def test_counted_bars_keep_lanes_and_colours_and_add_up(data):
    events = data["events"]
    chart = plan(events, None, limit=10)
    assert chart.counted and chart.period == "quarter"  # 1991–2026: too long for months
    fig = timeline_figure(events, data["sources"], data["statuses"], today=TODAY, limit=10)
    per_event = timeline_figure(events, data["sources"], data["statuses"], today=TODAY)
    assert [t.name for t in fig.data] == [t.name for t in markers(per_event)
                                          if not t.name.endswith("unconfirmed)")]
    assert all(t.marker.color == COLOUR_OF[t.name] for t in fig.data)
    assert list(fig.layout.yaxis.categoryarray) == list(per_event.layout.yaxis.categoryarray)
    assert fig.layout.height == per_event.layout.height
    assert fig.layout.shapes[0].x0 == TODAY  # the "today" line
    # every event drawn is counted once, in its own lane
    assert counted_total(fig) == len(chart.rows) == len(drawable(events))
    counts = period_counts(chart)
    assert counts["count"].sum() == len(chart.rows)
    lanes = drawable(events)["lane"].value_counts()
    assert counts.groupby("lane")["count"].sum().to_dict() == lanes.to_dict()
    # a bar spans its period; hover names lane, period and count; a bar opens no card
    visits = next(t for t in fig.data if t.name == "Visits")
    assert all(t.customdata is None for t in fig.data)
    assert any(re.fullmatch(r"<b>Visits</b><br>Q\d 20\d\d \(\w{3}–\w{3}\): \d+ events?"
                            r"( \(\d+ planned, postponed or unconfirmed\))?", h)
               for h in visits.hovertext)
    assert {x // 86_400_000 for x in visits.x} <= {90, 91, 92}  # a quarter, in days


def test_a_recent_window_over_the_limit_is_counted_per_month(data):
    events = many_events(data, MAX_DRAWN_EVENTS + 300)
    chart = plan(events, WINDOW)
    assert chart.counted and chart.period == "month"
    fig = timeline_figure(events, data["sources"], data["statuses"], window=WINDOW,
                          today=TODAY)
    assert counted_total(fig) == len(events)
    assert list(fig.layout.xaxis.range) == list(WINDOW)
    hovers = [h for t in fig.data for h in t.hovertext]
    assert any(re.search(r"<br>[A-Z][a-z]{2} 20\d\d: ", h) for h in hovers)
    note = counted_note(chart, full_history=False)
    assert note.startswith(f"{len(events):,} events in this window: too many to draw one by one")
    assert "per month" in note and "event type or a country" in note


def test_events_that_began_before_the_window_count_in_its_first_period(data):
    def with_first(start, end):  # a new frame each time: results are memoised by identity
        events = many_events(data, 40)
        events.loc[0, ["start_date", "end_date", "date_precision"]] = [ts(start), ts(end), "day"]
        return events

    chart = plan(with_first("2020-01-01", "2020-01-02"), WINDOW, limit=5)
    assert len(chart.rows) == 39  # it ended before the window
    chart = plan(with_first("2020-01-01", "2023-06-30"), WINDOW, limit=5)
    counts = period_counts(chart, window=WINDOW)
    assert len(chart.rows) == counts["count"].sum() == 40
    assert counts["start"].min() == pd.Timestamp(WINDOW[0])


def test_lanes_by_country_pair_when_counted(data):
    fig = timeline_figure(data["events"], data["sources"], data["statuses"], lanes="countries",
                          limit=10)
    assert fig.layout.barmode == "group"  # one thin bar per type lane within a pair
    assert "KAZ–PAK" in list(fig.layout.yaxis.categoryarray)
    assert all(t.marker.color == COLOUR_OF[t.name] for t in fig.data)
    assert any(h.startswith("<b>KAZ–PAK</b> · Visits<br>") for t in fig.data for h in t.hovertext)


def test_only_the_windows_events_are_drawn_when_the_rest_would_be_too_many(data):
    events = data["events"]
    chart = plan(events, WINDOW, limit=40)  # 61 in all, fewer in the window
    assert not chart.counted and chart.windowed and chart.total == 61
    fig = timeline_figure(events, data["sources"], data["statuses"], window=WINDOW,
                          today=TODAY, limit=40)
    ids = {c[0] for t in markers(fig) for c in t.customdata}
    assert ids == set(chart.rows["event_id"]) and "pak_recognises_kaz_1991" not in ids
    assert windowed_note(chart).startswith(f"The {len(ids)} events in this window are drawn")


def test_the_chooser_lists_the_newest_events_and_keeps_the_chosen_one(data):
    rows = drawable(many_events(data, MAX_CHOICES + 50))
    options = event_choices(rows)
    assert len(options) == MAX_CHOICES
    assert list(options) == list(rows["event_id"].iloc[-MAX_CHOICES:])  # newest, oldest first
    oldest = rows.iloc[0]
    label = f"{oldest['start_date']:%d %b %Y} — {oldest['title']}"
    assert oldest["event_id"] not in options
    kept = choices_with(rows, oldest["event_id"])
    assert list(kept)[0] == oldest["event_id"] and kept[oldest["event_id"]] == label
    assert len(kept) == MAX_CHOICES + 1
    assert choices_with(rows, "not_in_view") == options
    # a link carries the label: it finds its event
    assert event_for_label(rows, label) == oldest["event_id"]
    assert event_for_label(rows, "99 Foo 2026 — x") is None
    placeholder, help_text = chooser_text(len(rows), counted=False)
    assert "newest 1,000" in placeholder and f"of the {len(rows):,} events" in help_text


def test_the_chooser_lists_every_bundled_event_as_before(data):
    rows = drawable(data["events"])
    assert event_choices(rows) == {e: f"{d:%d %b %Y} — {t}" for e, d, t in
                                   zip(rows["event_id"], rows["start_date"], rows["title"])}
    assert chooser_text(len(rows), counted=False) == ("Click an event, or choose one here",
                                                      None)


def test_countries_present(data):
    assert countries_present(data["events"]) == sorted(
        {c for cell in data["events"]["countries"].dropna() for c in cell.split(";")})


def test_every_lane_is_drawn_in_a_colour_of_its_own(data):
    rows = drawable(data["events"])
    assert rows["colour"].notna().all()
    assert (rows.groupby("lane")["colour"].nunique() == 1).all()  # one colour a lane
    colours = [colour for _, _, colour in LANES]
    assert len(set(colours)) == len(colours)  # and no two lanes share one
    fig = timeline_figure(data["events"], data["sources"], data["statuses"], today=TODAY)
    drawn = {t.name: t.marker.color for t in markers(fig) if not t.name.endswith(")")}
    assert drawn == {lane: COLOUR_OF[lane] for lane in drawn} and len(drawn) >= 4


def test_the_source_line_names_each_events_source_once(data):
    from components.analysis.sourcing import source_label

    rows = drawable(data["events"])
    line = events_source_line(data["sources"], rows)
    assert line.startswith("Sources: ")
    named = line.removeprefix("Sources: ").split("; ")
    assert len(named) == len(set(named))  # each source once, though it backs many events
    assert set(named) == {source_label(data["sources"], s) for s in rows["source_id"]}
    assert len(named) < len(rows)
