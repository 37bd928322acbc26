"""Digests: what needs attention, put where the team already talks (practice 3 of the article).

Three pure functions turn a portfolio, a mission's summary, a scorecard, findings or a
review into a message payload — nothing is sent, there is no network here:

- `slack_digest`: a Slack message with Block Kit blocks (a ``dict`` to post as JSON to
  ``chat.postMessage`` or an incoming webhook);
- `teams_digest`: a Microsoft Teams message carrying an Adaptive Card 1.5 (a ``dict`` to
  post as JSON to an incoming webhook or a workflow);
- `email_digest`: an `email.message.EmailMessage` with a plain-text part and an HTML
  alternative, ready for `smtplib.SMTP.send_message` or to save as ``.eml``.

All three are built from the same content (`_Content`): a title, a line under it, facts
(name, value) and sections of lines, each line with an optional severity. Words come from
the message catalogs (French, English, Spanish), numbers and dates from the shared
formatter; findings are put into words by `vendorgov.describe`.

**Limits.** Slack allows 50 blocks per message, 3000 characters in a section's text and
150 in a header: a longer text is cut with ``…`` and, past 49 blocks, one last context
block says how many lines were left out. Slack's ``mrkdwn`` text escapes ``&``, ``<`` and
``>`` (so data cannot mention ``<!channel>`` or make a link). The e-mail's HTML escapes
every value; its text part is the same content as plain text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Sequence
from email.message import EmailMessage
from typing import Any, Final

import attrs

from vendorgov._format import (
    format_date,
    format_number,
    format_score,
    format_share,
    format_trend,
)
from vendorgov._i18n import N_, check_language, ngettext, translate
from vendorgov._labels import enum_label, verdict_label
from vendorgov._model.portfolio import MissionSummary, Portfolio
from vendorgov._model.review import ActionStatus, NeedStatus, Review
from vendorgov._model.scorecard import Finding, Scorecard, Severity
from vendorgov._model.text import LocalizedText, localize
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "SLACK_MAX_BLOCKS",
    "SLACK_MAX_HEADER",
    "SLACK_MAX_TEXT",
    "email_digest",
    "slack_digest",
    "teams_digest",
]

SLACK_MAX_BLOCKS: Final = 50
"""Slack's limit of blocks in one message."""
SLACK_MAX_TEXT: Final = 3000
"""Slack's limit of characters in a section block's text."""
SLACK_MAX_HEADER: Final = 150
"""Slack's limit of characters in a header block's text."""
ADAPTIVE_CARD_VERSION: Final = "1.5"
"""The Adaptive Card schema version the Teams card is written for."""

_SEVERITY_MARKS: Final = {Severity.CRITICAL: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}
_SEVERITY_COLOURS: Final = {
    Severity.CRITICAL: "#cf222e",
    Severity.WARNING: "#9a6700",
    Severity.INFO: "#0969da",
}
_TEAMS_COLOURS: Final = {
    Severity.CRITICAL: "Attention",
    Severity.WARNING: "Warning",
    Severity.INFO: "Accent",
}

_WORDS: Final[dict[str, str | tuple[str, str]]] = {
    "portfolio_title": N_("vendorgov — portfolio on %(date)s"),
    "portfolio_title_each": N_("vendorgov — portfolio"),
    "portfolio_line": N_("%(missions)s · %(critical)s with a critical finding"),
    "unreadable": N_("Files that could not be read"),
    "mission_line": N_(
        "%(score)s / 100 (%(standing)s), coverage %(coverage)s, trend %(trend)s points"
    ),
    "no_score": N_("no score yet (no measurement in the period assessed)"),
    "coming_up": N_("Coming up: %(deadlines)s"),
    "more_findings": N_("… and %(count)s more findings"),
    "scorecard_title": N_("Scorecard of %(mission)s on %(date)s"),
    "milestone": N_("Milestone"),
    "due": N_("Due"),
    "score": N_("Overall score"),
    "standing": N_("Standing"),
    "coverage": N_("Coverage"),
    "kpis": N_("KPIs"),
    "kpi_line": N_("%(kpi)s: %(actual)s (target %(target)s, threshold %(threshold)s)"),
    "findings_title": N_("Findings on %(date)s"),
    "findings_title_any": N_("Findings"),
    "nothing": N_("Nothing to report."),
    "review_title": N_("%(kind)s of %(date)s"),
    "attendees": N_("Attendees"),
    "summary": N_("Summary"),
    "obstacles": N_("Obstacles"),
    "decisions": N_("Decisions"),
    "actions": N_("Corrective actions"),
    "action_line": N_("%(id)s — %(description)s (%(owner)s, due %(due)s)"),
    "needs": N_("Provider needs"),
    "ideas": N_("Improvement ideas"),
    "recognitions": N_("Recognitions"),
    "truncated": N_("… and %(count)s more lines not shown (Slack allows 50 blocks)"),
}


def _say(lang: str, key: str, **values: object) -> str:
    return translate(lang, _WORDS[key]) % values


@attrs.frozen
class _Line:
    """One line of a section: a text, with a severity when it is a finding."""

    text: str
    severity: Severity | None = None


@attrs.frozen
class _Section:
    heading: str
    lines: tuple[_Line, ...] = ()
    note: str = ""


@attrs.frozen
class _Content:
    """What a digest says, before it takes the shape of a Slack, Teams or e-mail message."""

    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    sections: tuple[_Section, ...] = ()


# -- content ---------------------------------------------------------------------------------
def _finding_line(finding: Finding, lang: str) -> _Line:
    from vendorgov._describe import describe

    return _Line(describe(finding, lang), finding.severity)


def _local(value: str | LocalizedText, language: str, lang: str) -> str:
    return localize(value, lang, language)[0]


def _summary_section(summary: MissionSummary, lang: str, limit: int = 10) -> _Section:
    card = summary.scorecard
    name = _local(summary.name, summary.language, lang)
    heading = f"{name} ({summary.mission}) — {summary.provider}"
    if card.overall is None:
        state = _say(lang, "no_score")
    else:
        state = _say(
            lang,
            "mission_line",
            score=format_score(card.overall, lang),
            standing=verdict_label(card, lang),
            coverage=format_share(card.coverage, lang),
            trend=format_trend(summary.trend, lang),
        )
    lines = [_Line(state)]
    shown = [f for f in summary.findings if f.severity is not Severity.INFO][:limit]
    lines.extend(_finding_line(finding, lang) for finding in shown)
    hidden = len(summary.findings) - len(shown)
    if hidden:
        lines.append(_Line(_say(lang, "more_findings", count=hidden)))
    if summary.deadlines:
        coming = "; ".join(
            f"{format_date(item.on, lang, 'medium')} {enum_label(item.kind, lang)}"
            + (f" ({_local(item.subject, summary.language, lang)})" if item.subject else "")
            for item in summary.deadlines
        )
        lines.append(_Line(_say(lang, "coming_up", deadlines=coming)))
    return _Section(heading, tuple(lines))


def _portfolio_content(portfolio: Portfolio, lang: str) -> _Content:
    days = sorted({summary.at for summary in portfolio.summaries})
    day = portfolio.at or (days[0] if len(days) == 1 else None)
    title = (
        _say(lang, "portfolio_title_each")
        if day is None
        else _say(lang, "portfolio_title", date=format_date(day, lang, "long"))
    )
    count = len(portfolio.summaries)
    missions = ngettext(lang, "%(num)s mission", "%(num)s missions", count) % {"num": count}
    critical = sum(1 for summary in portfolio.summaries if summary.critical)
    sections = [_summary_section(summary, lang) for summary in portfolio.summaries]
    if portfolio.problems:
        sections.insert(
            0,
            _Section(
                _say(lang, "unreadable"),
                tuple(
                    _Line(
                        f"{problem.file}: "
                        + "; ".join(
                            f"{error.path}: {error.message}" if error.path else error.message
                            for error in problem.errors[:3]
                        ),
                        Severity.CRITICAL,
                    )
                    for problem in portfolio.problems
                ),
            ),
        )
    return _Content(
        title=title,
        subtitle=_say(lang, "portfolio_line", missions=missions, critical=critical),
        sections=tuple(sections),
    )


def _scorecard_content(card: Scorecard, lang: str) -> _Content:
    milestone = _local(card.milestone, "en", lang)
    facts = [
        (_say(lang, "milestone"), milestone),
        (_say(lang, "due"), format_date(card.due, lang, "medium")),
        (_say(lang, "score"), f"{format_score(card.overall, lang)} / 100"),
        (_say(lang, "standing"), verdict_label(card, lang)),
        (_say(lang, "coverage"), format_share(card.coverage, lang)),
    ]
    lines = tuple(
        _Line(
            _say(
                lang,
                "kpi_line",
                kpi=line.kpi,
                actual=format_number(line.actual, lang, 2),
                target=format_number(line.target, lang),
                threshold=format_number(line.threshold, lang),
            )
            + f" — {enum_label(line.status, lang)}",
            None,
        )
        for line in card.results
    )
    return _Content(
        title=_say(
            lang,
            "scorecard_title",
            mission=card.mission,
            date=format_date(card.at, lang, "long"),
        ),
        facts=tuple(facts),
        sections=(_Section(_say(lang, "kpis"), lines),) if lines else (),
    )


def _findings_content(findings: Sequence[Finding], lang: str) -> _Content:
    days = sorted({finding.at for finding in findings})
    title = (
        _say(lang, "findings_title", date=format_date(days[0], lang, "long"))
        if len(days) == 1
        else _say(lang, "findings_title_any")
    )
    counts = ", ".join(
        f"{sum(1 for f in findings if f.severity is severity)} {enum_label(severity, lang)}"
        for severity in (Severity.CRITICAL, Severity.WARNING, Severity.INFO)
    )
    lines = tuple(_finding_line(finding, lang) for finding in findings)
    return _Content(
        title=title,
        subtitle=counts,
        sections=(_Section("", lines or (_Line(_say(lang, "nothing")),)),),
    )


def _review_content(review: Review, lang: str) -> _Content:
    title = _say(
        lang,
        "review_title",
        kind=enum_label(review.kind, lang),
        date=format_date(review.on, lang, "long"),
    )
    title = title[:1].upper() + title[1:]
    facts: list[tuple[str, str]] = []
    if review.milestone:
        facts.append((_say(lang, "milestone"), review.milestone))
    if review.attendees:
        facts.append((_say(lang, "attendees"), ", ".join(review.attendees)))
    if review.scorecard is not None:
        card = review.scorecard
        facts.append((_say(lang, "score"), f"{format_score(card.overall, lang)} / 100"))
        facts.append((_say(lang, "standing"), verdict_label(card, lang)))
    sections: list[_Section] = []
    if review.summary:
        sections.append(_Section(_say(lang, "summary"), (_Line(review.summary),)))

    def add(key: str, texts: Sequence[str]) -> None:
        if texts:
            sections.append(_Section(_say(lang, key), tuple(_Line(text) for text in texts)))

    add("obstacles", review.obstacles)
    add("decisions", review.decisions)
    add(
        "actions",
        [
            _say(
                lang,
                "action_line",
                id=action.id,
                description=action.description,
                owner=action.owner,
                due=format_date(action.due, lang, "medium"),
            )
            + (
                ""
                if action.status is ActionStatus.OPEN
                else f" — {enum_label(action.status, lang)}"
            )
            for action in review.corrective_actions
        ],
    )
    add(
        "needs",
        [
            f"{need.id} — {need.description}"
            + ("" if need.status is NeedStatus.OPEN else f" — {enum_label(need.status, lang)}")
            for need in review.needs
        ],
    )
    add(
        "ideas",
        [
            f"{idea.id} — {idea.description} ({enum_label(idea.status, lang)})"
            for idea in review.ideas
        ],
    )
    add(
        "recognitions",
        [
            f"{format_date(item.on, lang, 'medium')} — {item.description}"
            for item in review.recognitions
        ],
    )
    return _Content(title=title, facts=tuple(facts), sections=tuple(sections))


def _content(subject: object, lang: str) -> _Content:
    check_language(lang)
    if isinstance(subject, Portfolio):
        return _portfolio_content(subject, lang)
    if isinstance(subject, MissionSummary):
        return _portfolio_content(Portfolio(at=subject.at, summaries=(subject,)), lang)
    if isinstance(subject, Scorecard):
        return _scorecard_content(subject, lang)
    if isinstance(subject, Review):
        return _review_content(subject, lang)
    if isinstance(subject, Finding):
        return _findings_content((subject,), lang)
    if (
        isinstance(subject, Sequence)
        and not isinstance(subject, str)
        and all(isinstance(item, Finding) for item in subject)
    ):
        return _findings_content(list(subject), lang)
    raise ValidationError(
        [
            ErrorDetail(
                "subject",
                f"no digest for {type(subject).__name__}: expected a Portfolio, a "
                "MissionSummary, a Scorecard, findings or a Review",
            )
        ]
    )


# -- Slack ------------------------------------------------------------------------------------
def _slack_escape(text: str) -> str:
    """Slack's ``mrkdwn`` control characters: ``&``, ``<`` and ``>`` become entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, ending with ``…`` when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cut_escaped(text: str, limit: int) -> str:
    """Escape for ``mrkdwn``, then cut within ``limit`` without splitting an entity."""
    escaped = _slack_escape(text)
    if len(escaped) <= limit:
        return escaped
    cut = escaped[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def _slack_line(line: _Line) -> str:
    mark = _SEVERITY_MARKS[line.severity] + " " if line.severity is not None else ""
    return mark + line.text


def slack_digest(subject: object, *, lang: str = "fr") -> dict[str, Any]:
    """A Slack message (Block Kit) saying what ``subject`` holds; nothing is sent.

    Args:
        subject: A `Portfolio`, a `MissionSummary`, a `Scorecard`, findings (what
            ``assess`` returns, or one `Finding`) or a `Review`.
        lang: ``"fr"``, ``"en"`` or ``"es"``.

    Returns:
        ``{"text": ..., "blocks": [...]}``: ``text`` is the notification's fallback,
        the blocks at most `SLACK_MAX_BLOCKS`, each section's text at most
        `SLACK_MAX_TEXT` characters.

    Raises:
        ValidationError: When ``subject`` has no digest, or ``lang`` is unknown.

    >>> import datetime as dt
    >>> import vendorgov
    >>> mission = vendorgov.examples.demo_mission("logistique")
    >>> message = vendorgov.slack_digest(vendorgov.assess(mission, dt.date(2026, 11, 29)),
    ...                                  lang="en")
    >>> message["blocks"][0]["type"], message["text"]
    ('header', 'Findings on November 29, 2026')
    """
    content = _content(subject, lang)
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": _cut(content.title, SLACK_MAX_HEADER)},
        }
    ]
    if content.subtitle:
        blocks.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": _cut_escaped(content.subtitle, 3000)}],
            }
        )
    if content.facts:
        blocks.append(
            {
                "type": "section",
                "fields": [
                    {
                        "type": "mrkdwn",
                        "text": f"*{_cut_escaped(name, 200)}*\n{_cut_escaped(value, 1700)}",
                    }
                    for name, value in content.facts[:10]
                ],
            }
        )
    # One section per line group; a group too long for one block is split over several.
    pending: list[dict[str, Any]] = []
    for section in content.sections:
        texts: list[str] = []
        if section.heading:
            texts.append(f"*{_cut_escaped(section.heading, 500)}*")
        texts.extend(_cut_escaped(_slack_line(line), SLACK_MAX_TEXT) for line in section.lines)
        chunk = ""
        for text in texts:
            candidate = f"{chunk}\n{text}" if chunk else text
            if len(candidate) > SLACK_MAX_TEXT:
                pending.append(_slack_section(chunk))
                chunk = text
            else:
                chunk = candidate
        if chunk:
            pending.append(_slack_section(chunk))
        pending.append({"type": "divider"})
    if pending and pending[-1]["type"] == "divider":
        pending.pop()
    room = SLACK_MAX_BLOCKS - len(blocks)
    if len(pending) > room:
        kept = pending[: room - 1]
        left = sum(
            block["text"]["text"].count("\n") + 1
            for block in pending[room - 1 :]
            if block["type"] == "section"
        )
        kept.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": _say(lang, "truncated", count=left)}],
            }
        )
        pending = kept
    blocks.extend(pending)
    return {"text": _cut(content.title, SLACK_MAX_TEXT), "blocks": blocks}


def _slack_section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


# -- Microsoft Teams --------------------------------------------------------------------------
def teams_digest(subject: object, *, lang: str = "fr") -> dict[str, Any]:
    """A Microsoft Teams message carrying an Adaptive Card 1.5; nothing is sent.

    The message is what a Teams incoming webhook (or a workflow's "post a card"
    step) takes: ``{"type": "message", "attachments": [{"contentType":
    "application/vnd.microsoft.card.adaptive", "content": CARD}]}``. The card
    holds the title, the facts (a ``FactSet``) and one ``Container`` per section;
    a finding's line is coloured by its severity. Texts are plain (``TextBlock``
    reads a little Markdown: data is shown as written).

    Args:
        subject: As for `slack_digest`.
        lang: ``"fr"``, ``"en"`` or ``"es"``.

    >>> import datetime as dt
    >>> import vendorgov
    >>> mission = vendorgov.examples.demo_mission("logistique")
    >>> card = vendorgov.teams_digest(vendorgov.score(mission, dt.date(2026, 11, 29)),
    ...                               lang="en")["attachments"][0]["content"]
    >>> card["type"], card["version"], card["body"][0]["text"]
    ('AdaptiveCard', '1.5', 'Scorecard of logistique on November 29, 2026')
    """
    content = _content(subject, lang)
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": content.title,
            "size": "Large",
            "weight": "Bolder",
            "wrap": True,
        }
    ]
    if content.subtitle:
        body.append({"type": "TextBlock", "text": content.subtitle, "isSubtle": True, "wrap": True})
    if content.facts:
        body.append(
            {
                "type": "FactSet",
                "facts": [{"title": name, "value": value} for name, value in content.facts],
            }
        )
    for section in content.sections:
        items: list[dict[str, Any]] = []
        if section.heading:
            items.append(
                {"type": "TextBlock", "text": section.heading, "weight": "Bolder", "wrap": True}
            )
        for line in section.lines:
            block: dict[str, Any] = {"type": "TextBlock", "text": line.text, "wrap": True}
            if line.severity is not None:
                block["text"] = f"{enum_label(line.severity, lang)} · {line.text}"
                block["color"] = _TEAMS_COLOURS[line.severity]
            items.append(block)
        body.append({"type": "Container", "separator": True, "spacing": "Medium", "items": items})
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": ADAPTIVE_CARD_VERSION,
        "body": body,
    }
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


# -- e-mail -----------------------------------------------------------------------------------
def email_digest(
    subject: object,
    *,
    lang: str = "fr",
    sender: str | None = None,
    to: Sequence[str] = (),
    date: dt.datetime | None = None,
) -> EmailMessage:
    """An e-mail (plain text and HTML) saying what ``subject`` holds; nothing is sent.

    The ``Subject`` header is the digest's title (non-ASCII titles are encoded
    as RFC 2047 words when the message is written); ``From``, ``To`` and
    ``Date`` are set when given (vendorgov reads no clock). The body is
    ``multipart/alternative``: a ``text/plain`` part, then a ``text/html`` part
    where every value is escaped.

    Args:
        subject: As for `slack_digest`.
        lang: ``"fr"``, ``"en"`` or ``"es"``.
        sender: The ``From`` address.
        to: The ``To`` addresses.
        date: The ``Date`` header (an aware datetime).

    >>> import datetime as dt
    >>> import vendorgov
    >>> mission = vendorgov.examples.demo_mission("logistique")
    >>> mail = vendorgov.email_digest(vendorgov.assess(mission, dt.date(2026, 11, 29)),
    ...                               lang="fr", to=["achats@example.com"])
    >>> mail["Subject"], mail.get_content_type()
    ('Constats au 29\xa0novembre\xa02026', 'multipart/alternative')
    """
    content = _content(subject, lang)
    if date is not None and (not isinstance(date, dt.datetime) or date.tzinfo is None):
        raise ValidationError([ErrorDetail("date", f"expected an aware datetime, got {date!r}")])
    message = EmailMessage()
    message["Subject"] = content.title.replace("\n", " ")
    if sender:
        message["From"] = sender
    if to:
        message["To"] = ", ".join(to)
    if date is not None:
        from email.utils import format_datetime

        message["Date"] = format_datetime(date)
    message["MIME-Version"] = "1.0"
    text, page = _email_text(content), _email_html(content, lang)
    message.set_content(text)
    message.add_alternative(page, subtype="html")
    # A boundary from the content, not a random one: the same digest, the same bytes.
    digest = hashlib.sha256((text + page).encode("utf-8")).hexdigest()[:32]
    message.set_boundary(f"vendorgov-{digest}")
    return message


def _email_text(content: _Content) -> str:
    lines = [content.title, "=" * min(len(content.title), 78)]
    if content.subtitle:
        lines.append(content.subtitle)
    if content.facts:
        lines.append("")
        width = max(len(name) for name, _ in content.facts)
        lines.extend(f"{name:<{width}}  {value}" for name, value in content.facts)
    for section in content.sections:
        lines.append("")
        if section.heading:
            lines.append(section.heading)
            lines.append("-" * min(len(section.heading), 78))
        for line in section.lines:
            mark = f"[{line.severity.value.upper()}] " if line.severity is not None else ""
            lines.append(f"- {mark}{line.text}")
    return "\n".join(lines) + "\n"


def _email_html(content: _Content, lang: str) -> str:
    escape = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(content.title)}</title></head>",
        '<body style="font-family:Helvetica,Arial,sans-serif;color:#1f2328;font-size:14px">',
        f'<h1 style="font-size:20px;color:#1f3a5f">{escape(content.title)}</h1>',
    ]
    if content.subtitle:
        parts.append(f'<p style="color:#57606a">{escape(content.subtitle)}</p>')
    if content.facts:
        rows = "".join(
            f'<tr><th style="text-align:left;padding:2px 12px 2px 0">{escape(name)}</th>'
            f"<td>{escape(value)}</td></tr>"
            for name, value in content.facts
        )
        parts.append(f"<table>{rows}</table>")
    for section in content.sections:
        if section.heading:
            parts.append(
                f'<h2 style="font-size:16px;margin:16px 0 4px">{escape(section.heading)}</h2>'
            )
        items = []
        for line in section.lines:
            badge = ""
            if line.severity is not None:
                badge = (
                    f'<span style="color:#fff;background:{_SEVERITY_COLOURS[line.severity]};'
                    f'border-radius:3px;padding:0 4px">'
                    f"{escape(enum_label(line.severity, lang))}</span> "
                )
            items.append(f'<li style="margin:0 0 4px">{badge}{escape(line.text)}</li>')
        parts.append(f'<ul style="padding-left:18px">{"".join(items)}</ul>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
