"""The chart partial (web/_chart.html) and alongside/charts.js in headless Chromium: a page with a line
chart, a bar chart and a small multiple gets three drawn charts with the right series, go-live line and
aim, under the real Content Security Policy, with no console errors, and passes axe."""

import time

import pytest
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from playwright.sync_api import expect

from alongside.urls import urlpatterns as site_urlpatterns
from tests.browser.test_demo_sign_ins import check_accessibility

pytestmark = [pytest.mark.browser]

MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
MONTHS = [f"{month} {year}" for year in (2023, 2024) for month in MONTH_NAMES]

# Shares of visits with the child seen alone: the service rises after go-live (index 14, Mar 2024);
# Pod A recorded nothing in Mar, Jul and Aug 2023, which must show as gaps, not as zero. 2023, then 2024.
WHOLE = [52.0, 54.5, 51.0, 55.0, 53.5, 56.0, 55.5, 57.0, 54.0, 58.5, 57.0, 59.0]
WHOLE += [60.5, 61.0, 66.0, 69.5, 71.0, 73.5, 72.0, 75.5, 77.0, 76.0, 79.5, 81.0]
POD_A = [48.0, 50.0, None, 49.5, 51.0, 52.5, None, None, 53.0, 55.0, 54.5, 56.0]
POD_A += [57.5, 58.0, 64.0, 66.5, 70.0, 72.5, 71.0, 74.0, 76.5, 75.0, 78.0, 80.5]
POD_B = [57.0, 58.5, 55.0, 60.0, 57.5, 60.5, 59.0, 61.5, 56.0, 62.0, 60.0, 62.5]
POD_B += [63.0, 64.5, 68.0, 72.5, 72.0, 75.0, 73.5, 77.0, 78.5, 77.5, 81.0, 82.5]

LINE = {
    "kind": "line",
    "title": "More children are seen alone since the model started",
    "unit": "%",
    "labels": MONTHS,
    "series": [
        {"name": "Whole service", "values": WHOLE},
        {"name": "Pod A", "values": POD_A},
        {"name": "Pod B", "values": POD_B},
    ],
    "go_live_index": 14,
    "go_live_label": "Model started (Mar 2024)",
    "target": 80,
    "y_label": "Visits with the child seen alone (%)",
}
BAR = {
    "kind": "bar",
    "title": "Fewer care applications each quarter",
    "unit": "applications",
    "labels": ["Q1 2023", "Q2 2023", "Q3 2023", "Q4 2023", "Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024"],
    "series": [
        {"name": "Whole service", "values": [14, 16, 13, 15, 11, 9, 8, 7]},
        {"name": "Year before", "values": [15, 13, 17, 14, 14, 16, 13, 15]},
    ],
    "go_live_index": 4,
    "go_live_label": "Model started (Mar 2024)",
    "target": None,
    "y_label": "Care applications",
}
SMALL = {
    "kind": "line",
    "title": "Pod A: children seen alone",
    "unit": "%",
    "labels": MONTHS,
    "series": [{"name": "Pod A", "values": POD_A}],
    "go_live_index": 14,
    "go_live_label": "Model started",
    "target": None,
    "y_label": "",
}

PAGE = """{% extends "base.html" %}
{% block title %}Charts{% endblock %}
{% block content %}
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Charts</h1>
    <h2 class="govuk-heading-m">{{ line.title }}</h2>
    {% include "web/_chart.html" with spec=line chart_id="seen_alone" small=False %}
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s">{{ line.title }}: the figures</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row">
        <th scope="col" class="govuk-table__header">Month</th>
        {% for series in line.series %}
        <th scope="col" class="govuk-table__header govuk-table__header--numeric">{{ series.name }}</th>
        {% endfor %}
      </tr></thead>
      <tbody class="govuk-table__body">
        {% for row in rows %}<tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">{{ row.0 }}</th>
          {% for value in row.1 %}
          <td class="govuk-table__cell govuk-table__cell--numeric">{{ value|default_if_none:"No visits" }}</td>
          {% endfor %}
        </tr>{% endfor %}
      </tbody>
    </table>
    <h2 class="govuk-heading-m">{{ bar.title }}</h2>
    {% include "web/_chart.html" with spec=bar chart_id="care_applications" small=False %}
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-one-half">
        <h3 class="govuk-heading-s">{{ small.title }}</h3>
        {% include "web/_chart.html" with spec=small chart_id="seen_alone_pod_a" small=True %}
      </div>
    </div>
  </div>
</div>
{% endblock %}
{% block scripts %}{% include "web/_chart_scripts.html" %}{% endblock %}
"""


def chart_page(request):
    rows = [(month, values) for month, values in zip(MONTHS, zip(WHOLE, POD_A, POD_B, strict=True), strict=True)]
    context = {"line": LINE, "bar": BAR, "small": SMALL, "rows": rows}
    return HttpResponse(engines["django"].from_string(PAGE).render(context, request))


urlpatterns = [path("test-charts/", chart_page), *site_urlpatterns]

# Records CSP violations from the first moment of the page; Playwright's init scripts run outside
# the page's policy, so this does not weaken it.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""

CHART_FACTS = """() => [...document.querySelectorAll('[data-chart] canvas')].map((canvas) => {
  const chart = Chart.getChart(canvas);
  const o = chart.options;
  const ann = o.plugins.annotation.annotations;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0, blue = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
    if (a > 0 && !(r > 250 && g > 250 && b > 250)) inked++;
    if (a === 255 && r === 0x1d && g === 0x70 && b === 0xb8) blue++;
  }
  return {
    type: chart.config.type,
    datasets: chart.data.datasets.map((d) => ({
      label: d.label, dash: d.borderDash || [], point: d.pointStyle || null, width: d.borderWidth,
      colour: d.borderColor, spanGaps: d.spanGaps ?? null,
    })),
    skipped: chart.data.datasets.map((d, i) => chart.getDatasetMeta(i).data.flatMap((p, j) => p.skip ? [j] : [])),
    goLive: ann.goLive ? {value: ann.goLive.value, dash: ann.goLive.borderDash, label: ann.goLiveLabel.content} : null,
    target: ann.target ? {value: ann.target.value, label: ann.target.label.content} : null,
    legend: o.plugins.legend.display,
    yMin: chart.scales.y.min, yMax: chart.scales.y.max, yTitle: o.plugins.title.text,
    aspect: Math.round(canvas.clientWidth / canvas.clientHeight * 10) / 10,
    animation: o.animation, tickSize: o.scales.x.ticks.font.size,
    tooltip: o.plugins.tooltip.callbacks.label({dataset: {label: 'Pod A'}, parsed: {y: 66.5}}),
    role: canvas.getAttribute('role'), name: canvas.getAttribute('aria-label'),
    width: canvas.clientWidth, height: canvas.clientHeight, inked, blue,
  };
})"""


@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_a_page_draws_its_charts_under_the_content_security_policy(live_server, browser, artifacts):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script(WATCH_CSP)
    response = page.goto(f"{live_server.url}/test-charts/")
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    expect(page.locator("[data-chart-ready]")).to_have_count(3)

    line, bar, small = page.evaluate(CHART_FACTS)

    # The line chart: three series told apart by dash and marker as well as colour, Pod A's three
    # empty months left as gaps, the go-live line through Mar 2024 and the aim at 80%.
    assert line["type"] == "line"
    assert [d["label"] for d in line["datasets"]] == ["Whole service", "Pod A", "Pod B"]
    assert line["datasets"][0]["colour"] == "#1d70b8" and line["datasets"][0]["dash"] == []
    assert line["datasets"][0]["width"] > max(d["width"] for d in line["datasets"][1:])
    assert len({tuple(d["dash"]) for d in line["datasets"]}) == 3
    assert len({d["point"] for d in line["datasets"]}) == 3
    assert len({d["colour"] for d in line["datasets"]}) == 3
    assert all(d["spanGaps"] is False for d in line["datasets"])
    assert line["skipped"] == [[], [2, 6, 7], []]
    assert line["goLive"] == {"value": 14, "dash": [5, 4], "label": "Model started (Mar 2024)"}
    assert line["target"] == {"value": 80, "label": "Aim: 80%"}
    assert (line["yMin"], line["yMax"]) == (0, 100)
    assert line["yTitle"] == "Visits with the child seen alone (%)"
    assert line["legend"] is True and line["animation"] is False and line["aspect"] == 2.2
    assert line["tooltip"] == "Pod A: 66.5%"
    assert line["role"] == "img"
    assert line["name"] == "More children are seen alone since the model started (chart; the figures are in the table)"
    # The two-thirds column of the 960px page (660px less 15px padding each side), 2.2 wide to 1 high.
    assert line["width"] == 630 and abs(line["height"] - 630 / 2.2) <= 1

    # The bar chart: two grouped series, counts from zero (highest bar 17, so no 100 cap), the go-live
    # line between Q4 2023 and Q1 2024, and no aim.
    assert bar["type"] == "bar"
    assert [d["label"] for d in bar["datasets"]] == ["Whole service", "Year before"]
    assert bar["goLive"]["value"] == 3.5 and bar["target"] is None
    assert bar["yMin"] == 0 and 17 <= bar["yMax"] < 100
    assert bar["tooltip"] == "Pod A: 66.5 applications"
    assert bar["legend"] is True

    # The small multiple: one series, no legend, smaller type, squarer.
    assert len(small["datasets"]) == 1 and small["legend"] is False
    assert small["aspect"] == 1.6 and small["tickSize"] == 12
    assert small["goLive"]["value"] == 14 and small["target"] is None

    # Each canvas was drawn on: a good share of inked pixels, and the brand blue of the whole service.
    for chart in (line, bar, small):
        assert chart["inked"] > 2000, chart
        assert chart["blue"] > 200, chart

    assert page.evaluate("window.__cspViolations") == []
    assert problems == []
    page.screenshot(path="/tmp/chart.png", full_page=True)
    page.screenshot(path=str(artifacts / "chart-component.png"), full_page=True)
    for index, name in enumerate(("line", "bar", "small")):
        page.locator("[data-chart]").nth(index).screenshot(path=str(artifacts / f"chart-{name}.png"))
    check_accessibility(page, "the chart test page")
    context.close()


@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_without_scripts_the_page_shows_the_tables_and_no_empty_chart_box(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/test-charts/")
    assert page.locator("[data-chart]").count() == 3
    assert page.locator("[data-chart]:visible").count() == 0
    assert page.locator("table").is_visible()
    context.close()


def until(read, done, seconds=5):
    """Reads until done(value) or the time is up. Playwright's wait_for_function compiles its predicate
    inside the page, which the page's CSP (no 'unsafe-eval') rightly refuses."""
    deadline = time.monotonic() + seconds
    while not done(value := read()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return value


LABEL_BOXES = """() => [...document.querySelectorAll('[data-chart] canvas')].map((canvas) => {
  const chart = Chart.getChart(canvas);
  const elements = Chart.registry.getPlugin('annotation').getAnnotations(chart);
  const label = elements.find((e) => e.options.type === 'label');
  const target = elements.find((e) => e.options.type === 'line' && e.options.scaleID === 'y');
  return {
    canvasWidth: chart.width, aspect: Math.round(chart.width / chart.height * 10) / 10,
    animation: chart.options.animation, tickSize: chart.options.scales.x.ticks.font.size,
    goLive: [label.x, label.x2], aim: target ? [target.label.x, target.label.x2] : null,
  };
})"""


@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_charts_are_taller_and_their_labels_stay_inside(live_server, browser, artifacts):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/test-charts/")
    expect(page.locator("[data-chart-ready]")).to_have_count(3)
    line, bar, small = page.evaluate(LABEL_BOXES)
    # The column is at most 375px less 15px of page margin each side.
    assert 330 < line["canvasWidth"] <= 345 and line["aspect"] == 1.1 and line["tickSize"] == 14
    # Motion is allowed here, briefly.
    assert line["animation"] == {"duration": 250}
    for chart in (line, bar, small):
        assert 0 <= chart["goLive"][0] < chart["goLive"][1] <= chart["canvasWidth"], chart
    assert line["aim"][1] <= line["canvasWidth"]
    page.screenshot(path=str(artifacts / "chart-component-phone.png"), full_page=True)

    # Widened to a desktop window, the chart takes the wide layout again.
    page.set_viewport_size({"width": 1100, "height": 900})
    # The layout and the width change in separate frames (the aspect ratio first, then Chart.js's debounced
    # resize), so wait for both: on a slower machine the ratio came first and the width a frame later.
    line = until(lambda: page.evaluate(LABEL_BOXES)[0], lambda box: (box["canvasWidth"], box["aspect"]) == (630, 2.2))
    assert line["canvasWidth"] == 630 and line["aspect"] == 2.2 and line["tickSize"] == 16
    context.close()
