"""PDF: the HTML page of a document, printed by WeasyPrint (the optional extra ``pdf``).

The PDF is the HTML document with its own stylesheet: the ``@page`` rules and the
``@media print`` rules of ``templates/common/style.css.j2`` are the ones a browser uses
when it prints the HTML, so the two give the same pages. This module adds nothing to
the layout; it fixes what makes the bytes reproducible and embeds the data:

- the dates in the PDF come from the data (``<meta name="dcterms.created">`` in the
  page, and the attachment's dates), never from the clock;
- fonts are subset by fontTools, which stamps each subset with the time unless
  ``SOURCE_DATE_EPOCH`` is set (the reproducible-builds convention): it is set to
  ``0`` while a PDF is written, unless the caller has set it already;
- the file identifier is a hash of the content (WeasyPrint's default).

The PDF is tagged (accessible structure) and PDF/A-3b, and carries the mission's data
as an attachment, ``mission.json``, so a signed PDF holds its own machine-readable source.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

import attrs

from vendorgov.exceptions import MissingDependencyError

if TYPE_CHECKING:
    import weasyprint

__all__ = ["PrintedPdf", "SignatureField", "print_pdf", "require_weasyprint"]

PDF_VARIANT: Final = "pdf/a-3b"
"""PDF/A-3b: an archival PDF that may carry attachments of any kind (the data)."""

SIGNATURE_CLASS: Final = "vg-signature"
"""The class of a signature block in the HTML: the packet gives the position of each one."""

_PX_TO_PT: Final = 0.75  # CSS pixels (1/96 in) to PDF points (1/72 in)

_ENV_LOCK = threading.Lock()
_ENV_USERS = 0


def require_weasyprint() -> Any:
    """Import WeasyPrint, or say which extra to install.

    Raises:
        MissingDependencyError: When WeasyPrint is not installed (or its system
            libraries, Pango, are missing).
    """
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: WeasyPrint found no Pango
        raise MissingDependencyError(
            "PDF output needs WeasyPrint: pip install 'vendorgov[pdf]' "
            f"(WeasyPrint could not be loaded: {error})",
            extra="pdf",
        ) from None
    return weasyprint


@contextlib.contextmanager
def _fixed_font_timestamps() -> Iterator[None]:
    """Set ``SOURCE_DATE_EPOCH`` while PDFs are written, unless it is set already.

    fontTools stamps each font subset with ``SOURCE_DATE_EPOCH``, else the clock. Threads
    writing PDFs at once share one setting (a counter says when the last one is done).
    """
    global _ENV_USERS
    with _ENV_LOCK:
        if _ENV_USERS == 0 and "SOURCE_DATE_EPOCH" in os.environ:
            owned = False
        else:
            owned = True
            _ENV_USERS += 1
            os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        if owned:
            with _ENV_LOCK:
                _ENV_USERS -= 1
                if _ENV_USERS == 0:
                    os.environ.pop("SOURCE_DATE_EPOCH", None)


@attrs.frozen(kw_only=True)
class SignatureField:
    """Where a signature block is on the printed pages.

    Attributes:
        index: Its rank among the signature blocks (1, 2...), in the order of the page.
        page: The page it is on (1 for the first page).
        x: From the left edge of the page, in points (1/72 in).
        y: From the top edge of the page, in points.
        width: In points.
        height: In points.
        element_id: The ``id`` of the block in the HTML.
    """

    index: int
    page: int
    x: float
    y: float
    width: float
    height: float
    element_id: str


@attrs.frozen(kw_only=True)
class PrintedPdf:
    """A PDF and what its layout says: the page count, the signature blocks' positions."""

    content: bytes
    pages: int
    signatures: tuple[SignatureField, ...]


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _signature_fields(document: weasyprint.Document) -> tuple[SignatureField, ...]:
    fields: list[SignatureField] = []
    seen: set[int] = set()
    for number, page in enumerate(document.pages, start=1):
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is None or id(element) in seen:
                continue
            if SIGNATURE_CLASS not in (element.get("class") or "").split():
                continue
            if getattr(box, "element_tag", None) != "div" or not hasattr(box, "border_width"):
                continue
            seen.add(id(element))
            fields.append(
                SignatureField(
                    index=len(fields) + 1,
                    page=number,
                    x=round(box.border_box_x() * _PX_TO_PT, 2),
                    y=round(box.border_box_y() * _PX_TO_PT, 2),
                    width=round(box.border_width() * _PX_TO_PT, 2),
                    height=round(box.border_height() * _PX_TO_PT, 2),
                    element_id=element.get("id") or "",
                )
            )
    return tuple(fields)


def print_pdf(
    html: str,
    *,
    data: bytes,
    data_name: str,
    data_description: str,
    issued: dt.date,
) -> PrintedPdf:
    """Print an HTML page to a tagged PDF/A-3b with ``data`` attached.

    Args:
        html: The standalone HTML page (its stylesheet embedded, no external resource).
        data: The bytes of the attachment (the mission's JSON).
        data_name: Its file name in the PDF.
        data_description: Its description, in the document's language.
        issued: The date the attachment's dates are set to (the document's date).

    Returns:
        The PDF, its page count and the positions of its signature blocks.
    """
    weasyprint = require_weasyprint()
    stamp = dt.datetime(issued.year, issued.month, issued.day)  # noqa: DTZ001 - a date, written as UTC
    attachment = weasyprint.Attachment(
        string=data,
        name=data_name,
        description=data_description,
        created=stamp,
        modified=stamp,
        relationship="Source",
    )
    with _fixed_font_timestamps():
        # No base URL and a fetcher for data: URLs only: the page is standalone, and a
        # document never reaches the network or the disk for a resource.
        fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
        page = weasyprint.HTML(string=html, url_fetcher=fetcher)
        document = page.render()
        with warnings.catch_warnings():
            # WeasyPrint 70 opens its sRGB profile for PDF/A and leaves the file to the
            # garbage collector: a ResourceWarning of its own, not a fault of the document.
            warnings.simplefilter("ignore", ResourceWarning)
            content = document.write_pdf(
                pdf_variant=PDF_VARIANT, pdf_tags=True, attachments=[attachment]
            )
    return PrintedPdf(
        content=content, pages=len(document.pages), signatures=_signature_fields(document)
    )
