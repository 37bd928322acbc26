"""Jinja environments: one per (language, format, draft mode, template source), built once.

Built-in templates (package data under ``vendorgov/templates/documents`` and
``vendorgov/templates/common``) run in a normal, trusted environment. As soon as a user
supplies templates, the whole environment of that source is a `sandbox.Sandbox` (Jinja's
``ImmutableSandboxedEnvironment`` with bounds on size and time), because a user's
template may extend or include the built-ins and every one of them then runs in it.

Environments are kept in a small LRU cache keyed by the language, the format, the draft
flag and a *source key*: ``None`` for the built-ins, the resolved folder path and the
modification times of the folder and of its language subfolder for a folder, the sorted
``(name, source)`` pairs for a mapping. The cache holds no state beyond compiled
templates: two renders with the same key share an environment, and Jinja compiles each
template once per environment.

The per-render state (the mission's start and timezone for the ``horizon`` and
``datetime`` filters, the missing fields found) lives in a `contextvars.ContextVar`, so
that environments stay shareable between threads and templates cannot see it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import decimal
import enum
import functools
import os
from collections.abc import Callable, Hashable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar, Final

import attrs
import jinja2
from jinja2.exceptions import SecurityError
from markupsafe import Markup, soft_str

from vendorgov import _format as formatting
from vendorgov._documents import escaping, sandbox
from vendorgov._documents.labels import PHRASES, install_translations, unit_label
from vendorgov._documents.sandbox import MAX_OUTPUT_CHARS
from vendorgov._model.kpi import Horizon
from vendorgov._model.money import Money
from vendorgov._model.text import LocalizedText
from vendorgov.exceptions import ErrorDetail, TemplateError, ValidationError, join_path

__all__ = [
    "MAX_OUTPUT_CHARS",
    "Placeholder",
    "RenderState",
    "environment",
    "get_template",
    "note_missing",
    "run",
    "source_key",
    "state",
]

_TEMPLATES_PACKAGE: Final = "vendorgov"


# -- per-render state -----------------------------------------------------------------------
@attrs.define
class RenderState:
    """What the filters need to know about the render in progress."""

    lang: str
    format: str
    draft: bool
    start: dt.date
    timezone: str
    missing: list[str] = attrs.Factory(list)
    language: str = "fr"  # the mission's: where a text in several languages falls back to


_STATE: contextvars.ContextVar[RenderState] = contextvars.ContextVar("vendorgov_render")


def state() -> RenderState:
    """The state of the render in progress."""
    try:
        return _STATE.get()
    except LookupError:  # pragma: no cover - only reachable by calling filters directly
        raise TemplateError("vendorgov filters only work inside vendorgov.render()") from None


def activate(render_state: RenderState) -> contextvars.Token[RenderState]:
    """Make ``render_state`` the state of the render in progress."""
    return _STATE.set(render_state)


def deactivate(token: contextvars.Token[RenderState]) -> None:
    """End the render that ``token`` started."""
    _STATE.reset(token)


def note_missing(path: str) -> None:
    """Record that ``path`` is missing in the render in progress (once per path)."""
    render_state = _STATE.get(None)
    if render_state is not None and path not in render_state.missing:
        render_state.missing.append(path)


# -- placeholders ---------------------------------------------------------------------------
def placeholder_text(lang: str, path: str) -> str:
    """``[À COMPLÉTER : path]`` / ``[TO BE COMPLETED: path]``."""
    return PHRASES[lang]["placeholder"].format(name=path)


def placeholder_markup(lang: str, fmt: str, path: str) -> Markup:
    """The placeholder as the format shows it: a highlighted ``<mark>`` in HTML."""
    if fmt == "html":
        return Markup('<mark class="vg-missing">{}</mark>').format(placeholder_text(lang, path))
    # The brackets stay as they are (no link follows them); the name is escaped.
    return Markup(placeholder_text(lang, escaping.escape_markdown(path)))  # noqa: S704 - escaped


class Placeholder:
    """A missing value, printed as a visible placeholder naming its field.

    It stands in for a value and for anything reached from it: an attribute or an item
    of a placeholder is a placeholder with a longer path, and iterating over one yields
    the placeholder itself once, so a template's loops and attribute accesses keep
    working on missing data in draft mode.
    """

    __slots__ = ("lang", "path")

    def __init__(self, path: str, lang: str) -> None:
        self.path = path
        self.lang = lang

    def __str__(self) -> str:
        return placeholder_text(self.lang, self.path)

    def __html__(self) -> str:
        return str(placeholder_markup(self.lang, "html", self.path))

    def __getattr__(self, name: str) -> Placeholder:
        if name.startswith("_"):
            raise AttributeError(name)
        return Placeholder(join_path(self.path, name), self.lang)

    def __getitem__(self, key: object) -> Placeholder:
        return Placeholder(join_path(self.path, f"[{key}]"), self.lang)

    def __iter__(self) -> Iterator[Placeholder]:
        yield self

    def __len__(self) -> int:
        return 1

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"Placeholder({self.path!r})"


class _DraftUndefined(jinja2.Undefined):
    """An undefined name in draft mode: prints a placeholder naming it, never fails.

    Attribute access goes on with a dotted name (``mision.name``), so the placeholder
    says what the template looked for. Each environment gets a subclass that knows its
    language and format.
    """

    __slots__ = ()
    vg_lang: ClassVar[str] = "en"
    vg_format: ClassVar[str] = "md"

    def vg_path(self) -> str:
        name = self._undefined_name
        if name is not None:
            return str(name)
        return self._undefined_hint or "?"

    def vg_markup(self) -> Markup:
        path = self.vg_path()
        note_missing(path)
        return placeholder_markup(self.vg_lang, self.vg_format, path)

    def __str__(self) -> str:
        path = self.vg_path()
        note_missing(path)
        return placeholder_text(self.vg_lang, path)

    def __html__(self) -> str:
        return str(self.vg_markup())

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__":
            raise AttributeError(name)
        return type(self)(name=join_path(self.vg_path(), name))

    def __getitem__(self, key: object) -> Any:
        return type(self)(name=join_path(self.vg_path(), f"[{key}]"))


@functools.cache
def _draft_undefined(lang: str, fmt: str) -> type[jinja2.Undefined]:
    return type(
        f"DraftUndefined_{lang}_{fmt}",
        (_DraftUndefined,),
        {"__slots__": (), "vg_lang": lang, "vg_format": fmt},
    )


def _is_missing(value: object) -> bool:
    if value is None or isinstance(value, jinja2.Undefined | Placeholder):
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, tuple | list | dict | frozenset | set):
        return not value
    return False


def _path(parts: tuple[object, ...]) -> str:
    path = ""
    for part in parts:
        if isinstance(part, int) and not isinstance(part, bool):
            path += f"[{part}]"
        else:
            path = join_path(path, str(part))
    return path


# -- texts in several languages ----------------------------------------------------------------
def _localized(value: LocalizedText) -> tuple[str, str | None]:
    """The text of ``value`` in the render's language, and the draft mark when it fell back.

    The rule is the model's (`LocalizedText.choose`): the document's language, else the
    mission's, else the first written. In draft mode a text in another language carries
    a visible mark naming it (``[fr]``); outside draft mode it shows as it is.
    """
    render = state()
    shown, text = value.choose(render.lang, render.language)
    return text, f"[{shown}]" if render.draft and shown != render.lang else None


def _localized_text(value: Any) -> Any:
    """A `LocalizedText` as plain text (its draft mark in front); anything else unchanged."""
    if not isinstance(value, LocalizedText):
        return value
    text, mark = _localized(value)
    return text if mark is None else f"{mark} {text}"


def _localized_markup(value: LocalizedText, fmt: str) -> Markup | str:
    """A `LocalizedText` for ``finalize``: a fallback is a highlighted ``<mark>`` in HTML drafts."""
    text, mark = _localized(value)
    if mark is None:
        return text
    if fmt == "html":
        lang = mark[1:-1]
        return Markup('<mark class="vg-fallback" lang="{}">{} {}</mark>').format(lang, mark, text)
    return f"{mark} {text}"


# -- filters --------------------------------------------------------------------------------
def _filters(lang: str, fmt: str) -> dict[str, Callable[..., Any]]:
    """vendorgov's filters for one language and format (the README lists them)."""

    def money(value: Money) -> str:
        return formatting.format_money(value, lang)

    def number(value: Decimal | int) -> str:
        return formatting.format_number(value, lang)

    def percent(value: Decimal | int) -> str:
        return formatting.format_percent(value, lang)

    def phone(value: str | None) -> str | None:  # None stays None: `phone|phone or "—"`
        return None if value is None else formatting.format_phone(value)

    def measure(value: Decimal | int, unit: str = "") -> str:
        return formatting.format_measure(value, unit, lang)

    def date(value: dt.date, style: str = "long") -> str:
        return formatting.format_date(value, lang, style)

    def days(value: int) -> str:
        return formatting.format_days(value, lang)

    def datetime(value: dt.datetime | dt.date) -> str:
        return formatting.format_datetime(value, lang, state().timezone)

    def horizon(value: Horizon | None) -> str:
        if value is None:
            return ""
        return formatting.format_horizon(value, state().start, lang)

    def horizon_name(value: Horizon) -> str:
        return formatting.horizon_name(value, lang)

    def due_date(value: Horizon) -> dt.date:
        return value.resolve(state().start)

    def label(value: enum.Enum | bool) -> str:
        return formatting.format_label(value, lang)

    def unit(value: str) -> str:
        return unit_label(value, lang)

    def and_list(values: Any) -> str:
        return formatting.format_list([_localized_text(value) for value in values], lang)

    def upper_first(value: object) -> str:
        value = _localized_text(value)
        text = formatting.format_label(value, lang) if isinstance(value, enum.Enum) else str(value)
        return text[:1].upper() + text[1:]

    def country(code: str) -> str:
        return formatting.country_name(code, lang)

    def paragraphs(value: str, indent: int = 0) -> Markup:
        if isinstance(value, Placeholder):
            shown = placeholder_markup(lang, fmt, value.path)
            return Markup("<p>{}</p>").format(shown) if fmt == "html" else shown
        if isinstance(value, _DraftUndefined):
            shown = value.vg_markup()
            return Markup("<p>{}</p>").format(shown) if fmt == "html" else shown
        value = _localized_text(value)
        if not isinstance(value, str):
            value = str(value)  # a StrictUndefined raises here
        if fmt == "html":
            return escaping.html_paragraphs(value)
        return escaping.markdown_paragraphs(value, indent)

    def required(value: Any, *path: object) -> Any:
        if not _is_missing(value):
            return value
        where = _path(path) or "?"
        note_missing(where)
        return Placeholder(where, lang)

    def passing_missing(function: Callable[..., Any]) -> Callable[..., Any]:
        # A placeholder or a draft undefined goes through a formatting filter unchanged.
        @functools.wraps(function)
        def filtered(value: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(value, Placeholder | _DraftUndefined):
                return value
            return function(value, *args, **kwargs)

        return filtered

    formatters: dict[str, Callable[..., Any]] = {
        "and_list": and_list,
        "country": country,
        "date": date,
        "datetime": datetime,
        "days": days,
        "due_date": due_date,
        "horizon": horizon,
        "horizon_name": horizon_name,
        "label": label,
        "measure": measure,
        "money": money,
        "number": number,
        "percent": percent,
        "phone": phone,
        "unit": unit,
        "upper_first": upper_first,
    }
    filters = {name: passing_missing(function) for name, function in formatters.items()}

    def string(value: Any) -> str:  # Jinja's, with a text in several languages localized
        return soft_str(_localized_text(value))

    return filters | {"paragraphs": paragraphs, "required": required, "string": string}


def _finalize(lang: str, fmt: str) -> Callable[[Any], Any]:
    """The hook every ``{{ value }}`` goes through before it is printed.

    Typed values print in the language (money, numbers, dates, enums, horizons);
    placeholders print as placeholders; ``None`` prints nothing. In Markdown every value
    that is not ``Markup`` is then escaped and returned as ``Markup``, so the
    environment's autoescape leaves it as it is; in HTML, autoescape escapes it.
    """
    markdown = fmt == "md"
    yes_no = PHRASES[lang]

    def finalize(value: Any) -> Any:
        if isinstance(value, Markup):
            return value
        if isinstance(value, jinja2.Undefined):
            if isinstance(value, _DraftUndefined):
                return value.vg_markup()
            text = str(value)  # StrictUndefined raises here
        elif isinstance(value, Placeholder):
            return placeholder_markup(lang, fmt, value.path)
        elif value is None:
            return Markup("")
        elif isinstance(value, bool):
            text = yes_no["yes" if value else "no"]
        elif isinstance(value, enum.Enum):
            text = formatting.format_label(value, lang)
        elif isinstance(value, Money):
            text = formatting.format_money(value, lang)
        elif isinstance(value, Decimal):
            text = formatting.format_number(value, lang)
        elif isinstance(value, dt.datetime):
            text = formatting.format_datetime(value, lang, state().timezone)
        elif isinstance(value, dt.date):
            text = formatting.format_date(value, lang)
        elif isinstance(value, Horizon):
            text = formatting.format_horizon(value, state().start, lang)
        elif isinstance(value, LocalizedText):
            shown = _localized_markup(value, fmt)
            if isinstance(shown, Markup):
                return shown
            text = shown
        elif hasattr(value, "__html__"):
            return Markup(value.__html__())  # noqa: S704 - the object's own HTML, as Jinja does
        else:
            text = str(value)
        return Markup(escaping.escape_markdown(text)) if markdown else text  # noqa: S704 - escaped

    return finalize


# -- loaders --------------------------------------------------------------------------------
class _LanguageFirstLoader(jinja2.BaseLoader):
    """A user's loader, asked for ``{lang}/{name}`` before ``{name}``."""

    def __init__(self, inner: jinja2.BaseLoader, lang: str) -> None:
        self.inner = inner
        self.lang = lang

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        try:
            return self.inner.get_source(environment, f"{self.lang}/{template}")
        except jinja2.TemplateNotFound:
            return self.inner.get_source(environment, template)


class _NamedDictLoader(jinja2.BaseLoader):
    """Templates from a mapping, each with a file name (``<templates>/name``)."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self.mapping = dict(mapping)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source = self.mapping.get(template)
        if source is None:
            raise jinja2.TemplateNotFound(template)
        return source, f"<templates>/{template}", lambda: True


def source_key(templates: object) -> Hashable | None:
    """The cache key of a ``templates`` argument; validates it.

    Raises:
        ValidationError: When ``templates`` is not a folder, a mapping of names to
            template sources, or ``None`` (path ``templates``).
    """
    if templates is None:
        return None
    if isinstance(templates, str | os.PathLike):
        folder = Path(os.fspath(templates))
        if not folder.is_dir():
            raise ValidationError(
                [ErrorDetail("templates", f"{str(folder)!r} is not a folder of templates")]
            )
        folder = folder.resolve()
        stamps = tuple(
            path.stat().st_mtime_ns if path.is_dir() else 0
            for path in (folder, *(folder / lang for lang in PHRASES))
        )
        return ("folder", str(folder), stamps)
    if isinstance(templates, Mapping):
        problems = [
            ErrorDetail(f"templates[{name!r}]", "expected a template source (a string)")
            for name, source in templates.items()
            if not isinstance(name, str) or not isinstance(source, str)
        ]
        if problems:
            raise ValidationError(problems)
        return ("mapping", tuple(sorted(templates.items())))
    raise ValidationError(
        [
            ErrorDetail(
                "templates",
                f"expected a folder path or a mapping of template names to sources, "
                f"got {type(templates).__name__}",
            )
        ]
    )


def _loader(lang: str, source: Hashable | None) -> jinja2.BaseLoader:
    loaders: list[jinja2.BaseLoader] = []
    if isinstance(source, tuple) and source[0] == "folder":
        loaders.append(_LanguageFirstLoader(jinja2.FileSystemLoader(source[1]), lang))
    elif isinstance(source, tuple) and source[0] == "mapping":
        loaders.append(_LanguageFirstLoader(_NamedDictLoader(dict(source[1])), lang))
    loaders.append(jinja2.PackageLoader(_TEMPLATES_PACKAGE, "templates/documents"))
    loaders.append(jinja2.PackageLoader(_TEMPLATES_PACKAGE, "templates/common"))
    return jinja2.ChoiceLoader(loaders)


@functools.lru_cache(maxsize=32)
def environment(lang: str, fmt: str, draft: bool, source: Hashable | None) -> jinja2.Environment:
    """The environment for a language, a format, a draft flag and a template source.

    Built once per key and cached (least recently used beyond 32 keys).
    """
    options: dict[str, Any] = {
        "loader": _loader(lang, source),
        "autoescape": True,
        "finalize": _finalize(lang, fmt),
        "undefined": _draft_undefined(lang, fmt) if draft else jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": source is not None,
        "extensions": ["jinja2.ext.i18n"],
    }
    # autoescape is on for both formats (see _finalize for Markdown)
    if source is None:
        env = jinja2.Environment(**options)  # noqa: S701
    else:
        options["finalize"] = sandbox.guard_finalize(options["finalize"])
        env = sandbox.Sandbox(**options)
    # Nothing random in a document: rendering twice gives the same bytes.
    del env.filters["random"]
    del env.globals["lipsum"]
    env.filters.update(_filters(lang, fmt))
    env.policies["ext.i18n.trimmed"] = True  # as babel.cfg extracts them
    install_translations(env, lang, options["finalize"])
    if source is not None:
        sandbox.guard_filters(env)
    return env


# -- running a template ---------------------------------------------------------------------
def get_template(env: jinja2.Environment, name: str) -> jinja2.Template:
    """Load (and compile, the first time) template ``name``.

    Raises:
        TemplateError: On a syntax error, or when no template has that name.
    """
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as error:
        raise _syntax_error(error) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"no template named {error.name!r}", template=name) from None


def _syntax_error(error: jinja2.TemplateSyntaxError) -> TemplateError:
    return TemplateError(error.message or str(error), template=error.name, line=error.lineno)


def _where(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template frame of ``error``'s traceback: its name and line."""
    name: str | None = None
    line: int | None = None
    tb = error.__traceback__
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if isinstance(template, jinja2.Template):
            name = template.name
            line = template.get_corresponding_lineno(tb.tb_lineno)
        tb = tb.tb_next
    return name, line


_MAX_MESSAGE: Final = 300

_DECIMAL_MESSAGES: Final = (
    (decimal.DivisionByZero, "division by zero"),
    (decimal.Overflow, "a number too large for decimal arithmetic (decimal overflow)"),
    (
        decimal.InvalidOperation,
        "an invalid decimal operation: a number with more digits than decimal "
        "arithmetic keeps (28), too large to compute or print, or undefined (0/0)",
    ),
)


def _message(error: Exception) -> str:
    """What went wrong, in words: never a bare ``[<class 'decimal.InvalidOperation'>]``."""
    if isinstance(error, decimal.DecimalException):
        for kind, words in _DECIMAL_MESSAGES:
            if isinstance(error, kind):
                return words
        return f"a decimal computation failed ({type(error).__name__})"
    text = str(error)
    if isinstance(error, OverflowError) and (not text or text.startswith("(")):
        text = "a number too large to compute"
    elif isinstance(error, ValueError) and "integer string conversion" in text:
        text = "an integer too large to print (more than 4300 digits)"
    text = text or type(error).__name__
    # An error's message may quote a value of the template: keep the report short.
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def run(template: jinja2.Template, variables: dict[str, Any]) -> str:
    """Render ``template`` with ``variables``, stopping past `MAX_OUTPUT_CHARS`.

    The template's own render function is iterated directly (rather than through
    ``Template.generate``, which rewrites tracebacks), so that an error can be traced to
    the template and line it happened in. Templates of a sandboxed environment run
    within the sandbox's time and size budget (`sandbox.limits`).

    Raises:
        TemplateError: For any error raised while the template runs.
    """
    sandboxed = isinstance(template.environment, sandbox.Sandbox)
    parts: list[str] = []
    size = 0
    try:
        with sandbox.limits() if sandboxed else contextlib.nullcontext():
            context = template.new_context(variables)
            for chunk in template.root_render_func(context):
                size += len(chunk)
                if size > MAX_OUTPUT_CHARS:
                    break
                parts.append(chunk)
    except jinja2.TemplateSyntaxError as error:  # an included template
        raise _syntax_error(error) from None
    except jinja2.TemplateNotFound as error:
        name, line = _where(error)
        raise TemplateError(f"no template named {error.name!r}", template=name, line=line) from None
    except SecurityError as error:
        name, line = _where(error)
        raise TemplateError(f"not allowed: {_message(error)}", template=name, line=line) from None
    except Exception as error:  # anything a template can raise, reported with its place
        name, line = _where(error)
        raise TemplateError(_message(error), template=name, line=line) from error
    if size > MAX_OUTPUT_CHARS:
        raise TemplateError(
            f"the output exceeds the limit of {MAX_OUTPUT_CHARS} characters", template=template.name
        )
    return "".join(parts)
