"""Word (DOCX): a document's HTML page rewritten as Word paragraphs, lists and tables.

The optional extra ``docx`` (python-docx). The Word document is built from the same HTML
page as the PDF, element by element, with Word's own styles and no layout of its own, so
that a lawyer can change it like any Word document:

- ``h1`` is the *Title* style, ``h2`` *Heading 1*, ``h3`` *Heading 2*, ``h4`` *Heading 3*
  (Word's navigation pane and table of contents see them); the kind of document above
  the title is the *Subtitle*;
- ``ul``/``ol`` items are *List Bullet* / *List Number* paragraphs (``… 2`` when nested);
- tables are Word tables in the *Table Grid* style: header rows repeat on each page, no
  row is split across pages, number cells are right-aligned;
- ``strong``, ``em``, ``code`` and placeholders (``mark``) are bold, italic, monospace and
  highlighted runs; ``br`` is a line break; the rest is text;
- what Word cannot show as text (inline SVG charts, the stylesheet) is left out.

Any document ``render`` writes as HTML can be built this way; ``render`` offers it for the
documents people negotiate (``WORD_DOCUMENTS``).

The bytes are reproducible: the core properties' dates are the document's date (from the
data), and every entry of the ZIP container has the same fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html.parser import HTMLParser
from typing import Any, Final

import attrs

from vendorgov.exceptions import MissingDependencyError

__all__ = ["require_docx", "word_document"]

_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML white space: not the no-break spaces
_HEADINGS: Final = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
_SKIPPED: Final = frozenset({"head", "style", "script", "svg", "template"})
_BLOCKS: Final = frozenset(
    {
        "p",
        "li",
        "dt",
        "dd",
        "caption",
        "div",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "main",
        "section",
        "ul",
        "ol",
        "dl",
        "table",
    }
)
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)
_LANGUAGE_TAGS: Final = {"fr": "fr-FR", "en": "en-US", "es": "es-ES"}


def require_docx() -> Any:
    """Import python-docx, or say which extra to install.

    Raises:
        MissingDependencyError: When python-docx is not installed.
    """
    try:
        import docx
    except ImportError as error:
        raise MissingDependencyError(
            "Word output needs python-docx: pip install 'vendorgov[docx]' "
            f"(python-docx could not be loaded: {error})",
            extra="docx",
        ) from None
    return docx


@attrs.define
class _Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    mark: bool = False
    is_break: bool = False


@attrs.define
class _Paragraph:
    style: str
    runs: list[_Run] = attrs.Factory(list)
    align_right: bool = False

    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@attrs.define
class _Cell:
    header: bool
    paragraphs: list[_Paragraph] = attrs.Factory(list)


@attrs.define
class _Row:
    header: bool
    cells: list[_Cell] = attrs.Factory(list)


@attrs.define
class _Table:
    style_classes: str
    rows: list[_Row] = attrs.Factory(list)
    in_head: bool = False


class _Reader(HTMLParser):
    """Reads the HTML page into paragraphs and tables (``blocks``), in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Paragraph | _Table] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.lang = ""
        self._skip: list[str] = []
        self._in_title = False
        self._inline: list[str] = []
        self._lists: list[str] = []
        self._tables: list[_Table] = []
        self._cell: _Cell | None = None
        self._paragraph: _Paragraph | None = None
        self._numeric = False

    # -- where paragraphs go ------------------------------------------------------------
    def _open(self, style: str, *, right: bool = False) -> None:
        self._close()
        self._paragraph = _Paragraph(style=style, align_right=right)

    def _close(self) -> None:
        paragraph, self._paragraph = self._paragraph, None
        if paragraph is None:
            return
        while paragraph.runs and paragraph.runs[-1].text.endswith(" "):
            last = paragraph.runs[-1]
            last.text = last.text.rstrip(" ")
            if not last.text and not last.is_break:
                paragraph.runs.pop()
        if not paragraph.runs:
            return
        if self._cell is not None:
            self._cell.paragraphs.append(paragraph)
        else:
            self.blocks.append(paragraph)

    def _current(self) -> _Paragraph:
        if self._paragraph is None:
            if self._cell is not None:
                style = "Normal"
            elif self._lists:
                style = "List Continue"
            else:
                style = "Normal"
            self._paragraph = _Paragraph(style=style, align_right=self._numeric)
        return self._paragraph

    # -- the parser's callbacks ---------------------------------------------------------
    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs_}
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag == "meta" and "name" in attributes:
            self.meta[attributes["name"]] = attributes.get("content", "")
        if tag == "title":
            self._in_title = True
            return
        if self._skip:
            if tag in _SKIPPED:
                self._skip.append(tag)
            return
        if tag in _SKIPPED:
            self._skip.append(tag)
            return
        classes = attributes.get("class", "").split()
        if tag in _HEADINGS:
            self._open(_HEADINGS[tag])
        elif tag == "p":
            if "vg-kind" in classes:
                self._open("Subtitle")
            elif self._paragraph is not None and self._paragraph.style.startswith("List"):
                if self._paragraph.runs:
                    self._open("List Continue")
            else:
                self._open("Normal")
        elif tag in ("ul", "ol"):
            self._close()
            self._lists.append(tag)
        elif tag == "li":
            kind = "List Number" if self._lists and self._lists[-1] == "ol" else "List Bullet"
            level = min(len(self._lists), 3)
            self._open(kind if level <= 1 else f"{kind} {level}")
        elif tag == "dt":
            self._open("Normal")
            self._inline.append("strong")
        elif tag in ("dd", "caption"):
            self._open("Caption" if tag == "caption" else "Normal")
        elif tag == "table":
            self._close()
            self._tables.append(_Table(style_classes=" ".join(classes)))
        elif tag == "thead" and self._tables:
            self._tables[-1].in_head = True
        elif tag == "tbody" and self._tables:
            self._tables[-1].in_head = False
        elif tag == "tr" and self._tables:
            self._tables[-1].rows.append(_Row(header=self._tables[-1].in_head))
        elif tag in ("td", "th") and self._tables and self._tables[-1].rows:
            self._close()
            self._cell = _Cell(header=tag == "th")
            self._tables[-1].rows[-1].cells.append(self._cell)
            self._numeric = "num" in classes
            if tag == "th":
                self._inline.append("strong")
        elif tag in ("strong", "b", "em", "i", "code", "mark"):
            self._inline.append(tag)
        elif tag == "br":
            self._current().runs.append(_Run("\n", is_break=True))
        elif tag in _BLOCKS:
            self._close()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag in ("strong", "b", "em", "i", "code", "mark") and tag in self._inline:
            del self._inline[len(self._inline) - 1 - self._inline[::-1].index(tag)]
        elif tag == "dt":
            self._close()
            if "strong" in self._inline:
                self._inline.remove("strong")
        elif tag in ("td", "th"):
            self._close()
            if tag == "th" and "strong" in self._inline:
                self._inline.remove("strong")
            self._cell = None
            self._numeric = False
        elif tag in ("ul", "ol"):
            self._close()
            if self._lists:
                self._lists.pop()
        elif tag == "table":
            self._close()
            if self._tables:
                table = self._tables.pop()
                if table.rows:
                    self.blocks.append(table)
        elif tag in _BLOCKS:
            self._close()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        text = _SPACES.sub(" ", data)
        paragraph = self._current() if text.strip(" ") else self._paragraph
        if paragraph is None:
            return
        last = paragraph.runs[-1] if paragraph.runs else None
        if last is None or last.is_break or last.text.endswith(" "):
            text = text.lstrip(" ")
        if not text:
            return
        paragraph.runs.append(
            _Run(
                text,
                bold=any(tag in ("strong", "b") for tag in self._inline),
                italic=any(tag in ("em", "i") for tag in self._inline),
                code="code" in self._inline,
                mark="mark" in self._inline,
            )
        )

    def close(self) -> None:
        super().close()
        self._close()


def _write_runs(paragraph: Any, source: _Paragraph, docx: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX

    for part in source.runs:
        if part.is_break:
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(part.text)
        if part.bold:
            run.bold = True
        if part.italic:
            run.italic = True
        if part.code:
            run.font.name = "Courier New"
        if part.mark:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if source.align_right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _row_properties(row: Any, *, header: bool) -> None:
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")  # a row never splits across two pages
    properties.append(keep)
    if header:
        repeat = OxmlElement("w:tblHeader")  # the header row repeats on each page
        properties.append(repeat)


def _set_language(document: Any, tag: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        return
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        return
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), tag)


def _fixed_zip(data: bytes) -> bytes:
    """The same ZIP with every entry's timestamp fixed (python-docx writes the clock's)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()


def word_document(html: str, *, lang: str, issued: dt.date) -> bytes:
    """The Word document (DOCX bytes) of an HTML page.

    Args:
        html: The page.
        lang: Its language (the spelling language of the text).
        issued: The document's date: the core properties' created, modified and printed
            dates.

    Returns:
        The bytes of the ``.docx`` file.
    """
    docx = require_docx()
    from docx.shared import Pt

    reader = _Reader()
    reader.feed(html)
    reader.close()
    document = docx.Document()
    for block in reader.blocks:
        if isinstance(block, _Paragraph):
            paragraph = document.add_paragraph(style=block.style)
            _write_runs(paragraph, block, docx)
            continue
        columns = max(len(row.cells) for row in block.rows)
        table = document.add_table(rows=len(block.rows), cols=columns)
        table.style = "Table Grid"
        for row, source_row in zip(table.rows, block.rows, strict=True):
            _row_properties(row, header=source_row.header)
            for cell, source_cell in zip(row.cells, source_row.cells, strict=False):
                for index, source in enumerate(source_cell.paragraphs):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    _write_runs(paragraph, source, docx)
                    for run in paragraph.runs:
                        run.font.size = Pt(9)
        document.add_paragraph()  # Word joins two tables that touch
    _set_language(document, _LANGUAGE_TAGS.get(lang, lang))
    stamp = dt.datetime(issued.year, issued.month, issued.day, tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = reader.title.strip()
    properties.author = reader.meta.get("author", "")
    properties.subject = reader.meta.get("description", "")
    properties.keywords = reader.meta.get("keywords", "")
    properties.comments = ""
    properties.category = ""
    properties.last_modified_by = reader.meta.get("author", "")
    properties.language = _LANGUAGE_TAGS.get(lang, lang)
    properties.created = stamp
    properties.modified = stamp
    properties.last_printed = stamp
    properties.revision = 1
    output = io.BytesIO()
    document.save(output)
    return _fixed_zip(output.getvalue())
