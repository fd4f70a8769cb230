"""Chart specs for web/_chart.html (drawn by alongside/charts.js with Chart.js). The same figures go
in the table beside each chart, so a chart never carries anything the table does not."""

from dateutil.relativedelta import relativedelta

from alongside.insight.figures import Figure, Point

WHOLE_SERVICE = "Whole service"


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _go_live_index(points: list[Point], figure: Figure) -> int | None:
    """The point the model started in: its month, or the quarter holding that month."""
    if figure.go_live is None:
        return None
    span = relativedelta(months=3 if figure.metric.show == "quarter" else 1)
    go_live_month = figure.go_live.replace(day=1)
    return next((i for i, p in enumerate(points) if go_live_month < p.start + span), None)


def line_spec(figure: Figure, pod_names: dict[str, str], pod_ids=()) -> dict:
    metric = figure.metric
    series = [{"name": WHOLE_SERVICE, "values": [_rounded(p.value) for p in figure.points]}]
    for pod_id in pod_ids:
        if pod_id in figure.pods:
            values = [_rounded(p.value) for p in figure.pods[pod_id]]
            series.append({"name": pod_names.get(pod_id, pod_id), "values": values})
    return {
        "kind": "line",
        "title": figure.finding,
        "unit": "%" if metric.unit == "percent" else "",
        "labels": [p.label for p in figure.points],
        "series": series,
        "go_live_index": _go_live_index(figure.points, figure),
        "go_live_label": f"Model started ({figure.go_live:%b %Y})" if figure.go_live else "",
        "target": metric.target,
        "y_label": metric.unit_label or metric.title,
    }


def pods_spec(figure: Figure, pod_names: dict[str, str]) -> dict | None:
    """Pods side by side: the 12 months before go-live and the latest 12 months."""
    comparisons = sorted(figure.pod_comparisons.items(), key=lambda item: pod_names.get(item[0], item[0]))
    comparisons = [(pod, c) for pod, c in comparisons if c.after is not None]
    if not comparisons:
        return None
    metric = figure.metric
    return {
        "kind": "bar",
        "title": f"{metric.title}, by pod",
        "unit": "%" if metric.unit == "percent" else "",
        "labels": [pod_names.get(pod, pod) for pod, _ in comparisons],
        "series": [
            {"name": "12 months before the model", "values": [_rounded(c.before) for _, c in comparisons]},
            {"name": "Latest 12 months", "values": [_rounded(c.after) for _, c in comparisons]},
        ],
        "go_live_index": None,
        "go_live_label": "",
        "target": metric.target,
        "y_label": metric.unit_label or metric.title,
    }
