"""``render``: a mission → a document, in French, English or Spanish: Markdown, HTML, PDF, Word."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import weakref
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
from babel import Locale
from markupsafe import escape

from vendorgov._documents import contexts, environment
from vendorgov._documents.amendment import amendment_context
from vendorgov._documents.contract import contract_context
from vendorgov._documents.document import BINARY_FORMATS, FOOTER_MARKERS, Document
from vendorgov._documents.exit import exit_context
from vendorgov._documents.kickoff import kickoff_context
from vendorgov._documents.labels import LANGUAGES, PHRASES
from vendorgov._documents.pdf import PrintedPdf, print_pdf, require_weasyprint
from vendorgov._documents.review import review_context
from vendorgov._documents.word import require_docx, word_document
from vendorgov._i18n import pgettext
from vendorgov._model.mission import Mission
from vendorgov.exceptions import ErrorDetail, TemplateError, ValidationError

__all__ = ["DOCUMENTS", "FORMATS", "WORD_DOCUMENTS", "data_sha256", "render"]

_BLANK_LINES = re.compile(r"\n{3,}")

ContextBuilder = Callable[[Mission, contexts.RenderOptions], dict[str, Any]]

# Adding a document: write templates/documents/<name>.{md,html}.j2 and a context builder
# in contexts.py, then register the builder here.
_BUILDERS: Final[dict[str, ContextBuilder | None]] = {
    "specification": contexts.specification_context,
    "contract": contract_context,
    "kickoff": kickoff_context,
    "review": review_context,
    "amendment": amendment_context,
    "exit": exit_context,
}

DOCUMENTS: Final = tuple(_BUILDERS)
"""The documents ``render`` knows: specification, contract, kickoff, review, amendment, exit."""

FORMATS: Final = ("md", "html", "pdf", "docx")
"""The output formats: Markdown, standalone HTML, PDF (extra ``pdf``), Word (extra ``docx``)."""

WORD_DOCUMENTS: Final = ("specification", "contract", "amendment", "exit")
"""The documents people negotiate, which ``render`` writes as Word documents too.

A document registered under one of these names gets Word output with no more code: the
Word document is built from its HTML page (headings, paragraphs, lists, tables)."""

DRAFTED_LANGUAGES: Final[dict[str, tuple[str, ...]]] = {"contract": ("fr", "en")}
"""Documents drafted by lawyers in some languages rather than translated into every one."""


def _choice(value: object, allowed: tuple[str, ...], path: str, what: str) -> ErrorDetail | None:
    if isinstance(value, str) and value in allowed:
        return None
    listed = ", ".join(repr(item) for item in allowed)
    return ErrorDetail(path, f"unknown {what} {value!r}: expected one of {listed}")


def _check(
    mission: object,
    document: object,
    lang: object,
    fmt: object,
    at: object,
    draft: object,
    number: object = None,
) -> None:
    problems = [
        problem
        for problem in (
            _choice(document, DOCUMENTS, "document", "document"),
            _choice(lang, LANGUAGES, "lang", "language"),
            _choice(fmt, FORMATS, "format", "format"),
        )
        if problem is not None
    ]
    if fmt == "docx" and document in DOCUMENTS and document not in WORD_DOCUMENTS:
        negotiated = ", ".join(name for name in WORD_DOCUMENTS if name in DOCUMENTS)
        problems.append(
            ErrorDetail(
                "format",
                f"the {document} is not written as a Word document (only the documents "
                f"people negotiate are: {negotiated}); render it as PDF or HTML",
            )
        )
    if not isinstance(mission, Mission):
        problems.insert(
            0, ErrorDetail("mission", f"expected a Mission, got {type(mission).__name__}")
        )
    if at is not None and (not isinstance(at, dt.date) or isinstance(at, dt.datetime)):
        problems.append(ErrorDetail("at", f"expected a date or None, got {at!r}"))
    if not isinstance(draft, bool):
        problems.append(ErrorDetail("draft", f"expected True or False, got {draft!r}"))
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
        problems.append(ErrorDetail("number", f"expected an amendment number, got {number!r}"))
    elif number is not None and document != "amendment":
        problems.append(ErrorDetail("number", "only the amendment document takes a number"))
    drafted = DRAFTED_LANGUAGES.get(document) if isinstance(document, str) else None
    if drafted is not None and isinstance(lang, str) and lang in LANGUAGES and lang not in drafted:
        names = " and ".join(str(Locale.parse(item).english_name) for item in drafted)
        codes = " or ".join(f"lang={item!r}" for item in drafted)
        problems.append(
            ErrorDetail(
                "lang",
                f"the {document} is drafted in {names} only (lawyers draft it in each "
                f"language, it is not translated): render it with {codes}",
            )
        )
    if problems:
        raise ValidationError(problems)


# The canonical JSON of the last missions rendered, by identity: rendering one mission in
# several languages and formats serializes it once. A pure cache (missions are immutable);
# the weak reference guards against a recycled id().
_JSON_CACHE: dict[int, tuple[weakref.ref[Mission], str]] = {}
_JSON_CACHE_SIZE: Final = 64


def _canonical_json(mission: Mission) -> str:
    from vendorgov.serialization import dumps

    hit = _JSON_CACHE.get(id(mission))
    if hit is not None and hit[0]() is mission:
        return hit[1]
    text = dumps(mission, "json")
    with contextlib.suppress(KeyError, RuntimeError, StopIteration):
        while len(_JSON_CACHE) >= _JSON_CACHE_SIZE:
            del _JSON_CACHE[next(iter(_JSON_CACHE))]
    _JSON_CACHE[id(mission)] = (weakref.ref(mission), text)
    return text


def data_sha256(
    mission: Mission,
    document: str,
    *,
    lang: str,
    format: str,
    at: dt.date | None,
    draft: bool,
    number: int | None = None,
) -> str:
    """The SHA-256 of the data a document is rendered from.

    It is the SHA-256 (lower-case hex) of the UTF-8 bytes of::

        params + "\\n" + vendorgov.dumps(mission, "json")

    where ``params`` is the compact JSON object of the render parameters with sorted keys
    (``json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False)``):
    ``{"at": "2026-03-02" or null, "document": ..., "draft": false, "format": ..., "lang": ...}``,
    plus ``"number"`` for an amendment rendered with a number.
    Templates are not part of it: the text's own hash covers what they produce.

    >>> import vendorgov
    >>> mission = vendorgov.examples.demo_mission("logistique")
    >>> doc = vendorgov.render(mission, "specification")
    >>> doc.data_sha256 == data_sha256(
    ...     mission, "specification", lang="fr", format="md", at=None, draft=False)
    True
    """
    values: dict[str, Any] = {
        "at": None if at is None else at.isoformat(),
        "document": document,
        "draft": draft,
        "format": format,
        "lang": lang,
    }
    if number is not None:
        values["number"] = number
    params = json.dumps(
        values,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    payload = params + "\n" + _canonical_json(mission)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _footer(fmt: str, lang: str, data_hash: str, body_hash: str) -> str:
    words = PHRASES[lang]
    label = pgettext(lang, "a label before its value", "%(label)s:")
    data, body = (label % {"label": words[key]} for key in ("integrity_data", "integrity_body"))
    if fmt == "html":
        return (
            f"{FOOTER_MARKERS['html']}>\n"
            f"<p>{escape(words['integrity_intro'])}<br>\n"
            f"{escape(data)} <code>{data_hash}</code><br>\n"
            f"{escape(body)} <code>{body_hash}</code></p>\n"
            "</footer>\n"
        )
    return (
        f"{FOOTER_MARKERS['md']}\n\n---\n\n"
        f"{words['integrity_intro']}  \n"
        f"{data} `{data_hash}`  \n"
        f"{body} `{body_hash}`\n"
    )


def _with_footer(text: str, fmt: str, lang: str, data_hash: str) -> str:
    """``text`` with its integrity footer: before ``</body>`` in HTML, at the end in Markdown."""
    marker = FOOTER_MARKERS[fmt]
    cut = text.rfind("</body>") if fmt == "html" else -1
    body, rest = (text[:cut], text[cut:]) if cut >= 0 else (text, "")
    if fmt == "md" and body and not body.endswith("\n"):
        body += "\n"
    if fmt == "md":
        body += "\n"
    if marker in rest:
        raise TemplateError("the template's output must not contain the integrity footer marker")
    body_hash = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return body + _footer(fmt, lang, data_hash, body_hash) + rest


def render(
    mission: Mission,
    document: str,
    *,
    lang: str = "fr",
    format: str = "md",
    at: dt.date | None = None,
    draft: bool = False,
    templates: str | os.PathLike[str] | Mapping[str, str] | None = None,
    number: int | None = None,
) -> Document:
    """Render one of the mission's documents in French, English or Spanish, in any format.

    Documents: ``"specification"`` (the *cahier des charges*), ``"kickoff"`` (the kickoff
    pack, *dossier de lancement*: the meeting and its agenda, resources handed over,
    access to the tools, trainings, integration, contacts and escalation, review and
    reporting calendars), ``"contract"`` (the service agreement, *contrat de prestation de
    services*: parties, one numbered article per clause present, signatures, the KPI
    annex), ``"review"`` (the review report, *compte rendu de point d'étape*: the
    scorecard, one SVG chart per KPI in HTML, results by milestone, obstacles, decisions,
    corrective actions, provider needs, ideas, recognition, payouts, reporting),
    ``"amendment"`` (an amendment, *avenant*: what it changes, each change with the
    article of the contract it amends, the values before and after, the signatures) and
    ``"exit"`` (the exit document, *plan de sortie*: the contract's exit plan, the exit
    checklist at ``at`` with each step's owner, due date and status, and the final
    bonuses and credits; see [`exit_checklist`][vendorgov.exit_checklist]).

    The document's words come from vendorgov's message catalogs (gettext), one per
    language; the contract, drafted by lawyers rather than translated, exists in French and
    English only. Money, dates, numbers and percentages are formatted with Babel for the
    language (``fr_FR``: ``1 234,50 €``, ``28 février 2027``; ``en_US``: ``€1,234.50``,
    ``February 28, 2027``; ``es_ES``: ``1.234,50 €``, ``28 de febrero de 2027``), never
    with the host's locale or timezone: the same call gives the same bytes on any machine.
    HTML escapes every data value; Markdown escapes every character of data that would
    change the document's structure.

    Args:
        mission: The mission.
        document: Which document.
        lang: ``"fr"`` (default), ``"en"`` or ``"es"`` (the contract: ``"fr"`` or
            ``"en"``). Only the document's own words change: the mission's texts are
            printed as written.
        format: ``"md"`` (default), ``"html"`` (one standalone, print-ready file),
            ``"pdf"`` (the HTML page printed by WeasyPrint: tagged PDF/A-3b with the
            mission's JSON attached; extra ``vendorgov[pdf]``) or ``"docx"`` (Word, for
            the documents people negotiate, ``WORD_DOCUMENTS``; extra ``vendorgov[docx]``).
            A PDF's or Word document's bytes are ``Document.content``; its ``text`` is the
            HTML page it was made from. Their dates are ``at``, else the mission's start.
        at: The date the document is issued for. ``None`` (the default) prints no date
            and reads no clock. The specification prints it as its date of issue; the
            kickoff pack too, and lists the reviews and report due dates to come from it;
            the review report takes it as the date of its scorecard and reports on the
            latest review held by then (``None``: the latest review, on its own date; a
            mission without a review then needs ``at``, or ``draft=True``). The contract
            at a date is the consolidated one, as amended by the amendments in force by
            then, with their history as its last annex. The exit document shows its
            checklist at ``at`` (``None``: at the mission's last day).
        draft: Show missing values as visible placeholders (``[À COMPLÉTER : …]``,
            ``[TO BE COMPLETED: …]``, ``[POR COMPLETAR: …]``) instead of refusing to render;
            [`Document.missing`][vendorgov.Document] lists them.
        templates: Your own templates, overriding built-ins of the same name (such as
            ``specification.md.j2``), either a folder or a mapping of names to template
            sources; a name prefixed with the language (``fr/specification.md.j2``) wins
            over the bare name. Your templates run in Jinja's sandbox.
        number: The amendment to render, by its number (``None``: the last one); only
            for the ``"amendment"`` document.

    Returns:
        The document, with its text (and bytes) and hashes; the text ends with an integrity
        footer that states the data hash and the hash of the text above the footer.

    Raises:
        ValidationError: On a bad argument (path ``document``, ``lang``, ``format``, ``at``,
            ``draft``, ``templates``), a contract asked in Spanish (path ``lang``), a
            document not available yet (path ``document``), or, outside draft mode, data
            the document needs and the mission lacks (one problem per field, with its
            path: ``specification.context``).
        TemplateError: When a template fails: a syntax error, an undefined name, an
            operation the sandbox refuses (a value too large to build, a user template
            running for more than 10 seconds), output over 10 million characters; the
            error names the template and the line.
        MissingDependencyError: For ``"pdf"`` without WeasyPrint, ``"docx"`` without
            python-docx; the message names the ``pip install`` to run.

    >>> import vendorgov
    >>> mission = vendorgov.examples.demo_mission("logistique")
    >>> doc = vendorgov.render(mission, "specification", lang="en")
    >>> doc.text.splitlines()[:3]
    ['*Specification*', '', '# Cahier des charges : logistique e-commerce de Maison Lumière']
    >>> print(next(line for line in doc.text.splitlines() if line.startswith("| **Total")))
    | **Total** | | **€83,700.00** |
    >>> doc.missing, len(doc.sha256)
    ((), 64)
    """
    return render_printed(
        mission,
        document,
        lang=lang,
        format=format,
        at=at,
        draft=draft,
        templates=templates,
        number=number,
    )[0]


def render_printed(
    mission: Mission,
    document: str,
    *,
    lang: str,
    format: str,
    at: dt.date | None,
    draft: bool,
    templates: str | os.PathLike[str] | Mapping[str, str] | None,
    number: int | None = None,
) -> tuple[Document, PrintedPdf | None]:
    """``render``, and for a PDF what its layout says (pages, signature blocks)."""
    _check(mission, document, lang, format, at, draft, number)
    builder = _BUILDERS[document]
    if builder is None:
        available = ", ".join(name for name, found in _BUILDERS.items() if found is not None)
        raise ValidationError(
            [
                ErrorDetail(
                    "document",
                    f"the {document} document is not available yet (available: {available})",
                )
            ]
        )
    # A PDF is the HTML page printed; a Word document is built from the HTML page.
    page_format = "html" if format in BINARY_FORMATS else format
    if format == "pdf":
        require_weasyprint()  # before the work: a missing extra is said at once
    elif format == "docx":
        require_docx()
    data_hash = data_sha256(
        mission, document, lang=lang, format=format, at=at, draft=draft, number=number
    )
    issued = mission.start if at is None else at
    source = environment.source_key(templates)
    env = environment.environment(lang, page_format, draft, source)
    options = contexts.RenderOptions(
        document=document, lang=lang, format=page_format, at=at, draft=draft, number=number
    )
    state = environment.RenderState(
        lang=lang,
        format=page_format,
        draft=draft,
        start=mission.start,
        timezone=mission.timezone,
        language=mission.language,
    )
    token = environment.activate(state)
    try:
        variables = builder(mission, options)
        variables.setdefault("page", _page_info(mission, issued))
        template = environment.get_template(env, f"{document}.{page_format}.j2")
        text = environment.run(template, variables)
    finally:
        environment.deactivate(token)
    if not draft and state.missing:
        raise ValidationError(
            ErrorDetail(
                path,
                f"is empty, and the {document} needs it; fill it in, or render with "
                "draft=True to see a placeholder",
            )
            for path in state.missing
        )
    if page_format == "md":
        # Markdown reads runs of blank lines as one: keep one, so templates need not count.
        text = _BLANK_LINES.sub("\n\n", text)
    text = _with_footer(text, page_format, lang, data_hash)
    printed: PrintedPdf | None = None
    content = b""
    if format == "pdf":
        printed = print_pdf(
            text,
            data=_canonical_json(mission).encode("utf-8"),
            data_name=ATTACHMENT_NAME,
            data_description=PHRASES[lang]["attachment"],
            issued=issued,
        )
        content = printed.content
    elif format == "docx":
        content = word_document(text, lang=lang, issued=issued)
    return (
        Document(
            name=document,
            lang=lang,
            format=format,
            text=text,
            data_sha256=data_hash,
            missing=tuple(state.missing),
            content=content,
        ),
        printed,
    )


ATTACHMENT_NAME: Final = "mission.json"
"""The name of the mission's data attached to a PDF."""


@attrs.frozen(kw_only=True)
class PageInfo:
    """What the page's metadata and running header say, as text (``page`` in templates).

    Attributes:
        issued: The document's date, ISO 8601 (``2026-03-02``): ``at``, else the start of
            the mission. The PDF's creation date; no clock is read.
        author: The client's name (the party that issues the documents).
        parties: Both parties' names, for the running header.
        version: The first 8 hexadecimal digits of the SHA-256 of the mission's data
            (its canonical JSON): the same data, the same version, in every format and
            language.
    """

    issued: str
    author: str
    parties: str
    version: str


def _page_info(mission: Mission, issued: dt.date) -> PageInfo:
    version = hashlib.sha256(_canonical_json(mission).encode("utf-8")).hexdigest()[:8]
    return PageInfo(
        issued=issued.isoformat(),
        author=mission.client.name,
        parties=f"{mission.client.name} — {mission.provider.name}",
        version=version,
    )
