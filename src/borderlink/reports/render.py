"""Render ReportData into the HTML report (Jinja templates shipped as package data)."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from borderlink.graph.rules import gephi_style
from borderlink.numbers import number
from borderlink.reports import view
from borderlink.reports.data import ReportData
from borderlink.reports.dates import date_text, moment_text, period_text
from borderlink.reports.labels import Labels
from borderlink.reports.report_charts import network_charts, report_charts
from borderlink.reports.summary import executive_summary
from borderlink.reports.wording import note_text, role_label


def _template(name: str) -> str:
    return resources.files("borderlink.reports").joinpath(f"templates/{name}").read_text("utf-8")


def environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_template),
        autoescape=select_autoescape(["html", "j2", "svg"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["num"] = number
    return env


def data_terms(text: str, terms: list[str]) -> Markup:
    """Escaped text with each data value (a syndicate id) marked not to be translated."""
    out = escape(text)
    for term in sorted(set(terms), key=len, reverse=True):
        out = Markup(
            out.replace(escape(term), Markup('<span translate="no">{}</span>').format(term))
        )
    return Markup(out)


def render_html(
    data: ReportData,
    labels: Labels,
    generated: datetime | None = None,
    *,
    marking: str | None = None,
) -> str:
    """The whole report as one HTML document: inline CSS and SVG, no script, no external URL."""
    lang = "zh" if labels.lang == "zh" else labels.lang
    when = moment_text(generated or datetime.now(UTC), lang)
    figures = data.figures
    ids = [s.syndicate_id for s in data.syndicates or []]
    summary = [
        {"html": data_terms(s.text, ids), "meaning": s.meaning}
        for s in executive_summary(data, labels)
    ]
    nets = network_charts(data, labels)
    colours = gephi_style().role_colours
    template = environment().get_template("report.html.j2")
    return template.render(
        lang=labels.lang,
        L=labels,
        marking=marking or labels.text("marking_default"),
        synthetic=data.generated_world,
        exchanged=data.exchanged,
        period=period_text(figures.window.start, figures.window.end, lang),
        coverage=period_text(figures.coverage.start, figures.coverage.end, lang),
        generated=when,
        summary=summary,
        cards=view.cards(data, labels),
        charts=report_charts(data, labels),
        networks=list(zip(data.networks, nets, strict=True)),
        role_colours=colours,
        role_label=lambda role: role_label(role, labels),
        yoy=view.yoy_table(data, labels),
        breakdowns=view.breakdowns(data, labels),
        syndicates=view.syndicates(data, labels),
        chain=data.chain,
        region=lambda code: view.region_text(code, labels),
        day=lambda d: date_text(d, lang),
        comparisons=view.comparisons(data, labels),
        method=figures.figures,
        note=lambda text: note_text(text, labels),
        notes=[note_text(n, labels) for n in figures.notes],
    )
