"""A rendered document and the hashes that tie it to its text and its data."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Final

import attrs

__all__ = ["BINARY_FORMATS", "FOOTER_MARKERS", "MEDIA_TYPES", "Document"]

MEDIA_TYPES: Final[dict[str, str]] = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
"""The media type of each output format."""

FOOTER_MARKERS: Final[dict[str, str]] = {
    "md": "<!-- vendorgov:integrity -->",
    "html": '<footer class="vg-integrity"',
    "pdf": '<footer class="vg-integrity"',
    "docx": '<footer class="vg-integrity"',
}
"""Where the integrity footer starts, per format; the *body* is the text before it.

A PDF or Word document's ``text`` is the HTML it was made from."""

BINARY_FORMATS: Final = ("pdf", "docx")
"""The formats whose file is bytes (``Document.content``) rather than ``text``."""


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@attrs.frozen(kw_only=True, repr=False)
class Document:
    """A rendered document: its text, what it is, and the SHA-256 hashes that identify it.

    [`render`][vendorgov.render] returns one; its text ends with an *integrity footer*
    that states two hashes (a text cannot state its own hash):

    - ``data_sha256``: the SHA-256 of the data the document was rendered from (the
      mission's canonical JSON and the render parameters; see
      [`render`][vendorgov.render] for the exact definition);
    - ``body_sha256``: the SHA-256 of the *body*, the text before the footer (in HTML,
      before ``<footer class="vg-integrity"``; in Markdown, before the line
      ``<!-- vendorgov:integrity -->``), so the footer vouches for everything above it.

    ``sha256`` is the SHA-256 of the file, footer included: the hash to quote when the
    file itself is signed or archived. Hashes are lower-case hexadecimal, over the UTF-8
    bytes of the text exactly as it is in ``text`` (and as
    [`write`][vendorgov.Document.write] writes it).

    A PDF or a Word document is bytes: ``content`` holds them, and ``sha256`` is their
    SHA-256. Its ``text`` is the HTML page it was made from (the PDF prints it; the Word
    document takes its headings, paragraphs, lists and tables), integrity footer included,
    so ``body_sha256`` still vouches for every word of it.

    Attributes:
        name: The document (``"specification"``, ``"contract"``, ``"kickoff"``, ``"review"``).
        lang: ``"fr"``, ``"en"`` or ``"es"``.
        format: ``"md"``, ``"html"``, ``"pdf"`` or ``"docx"``.
        text: The whole document (for a PDF or a Word document, the HTML it was made from).
        data_sha256: SHA-256 of the data it was rendered from.
        missing: In draft mode, the fields shown as placeholders (``specification.context``),
            in the order they first appear; empty otherwise.
        content: The bytes of the file: the PDF or Word document, or for Markdown and HTML
            the UTF-8 of ``text`` (whatever was passed).
        media_type: ``text/markdown; charset=utf-8``, ``text/html; charset=utf-8``,
            ``application/pdf`` or the Word document's
            (``application/vnd.openxmlformats-officedocument.wordprocessingml.document``).
        sha256: SHA-256 of ``content``.
        body_sha256: SHA-256 of ``body``, the text before the integrity footer.

    >>> import hashlib
    >>> import vendorgov
    >>> mission = vendorgov.examples.demo_mission("logistique")
    >>> doc = vendorgov.render(mission, "specification", lang="en", format="html")
    >>> doc.media_type
    'text/html; charset=utf-8'
    >>> doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    True
    >>> doc.body_sha256 in doc.text and doc.data_sha256 in doc.text
    True
    """

    name: str
    lang: str
    format: str
    text: str
    data_sha256: str
    missing: tuple[str, ...] = ()
    media_type: str = attrs.field(init=False)
    sha256: str = attrs.field(init=False)
    body_sha256: str = attrs.field(init=False)
    content: bytes = b""

    def __attrs_post_init__(self) -> None:
        if self.format not in BINARY_FORMATS:  # a text file's bytes are its text's
            object.__setattr__(self, "content", self.text.encode("utf-8"))
        object.__setattr__(self, "media_type", MEDIA_TYPES.get(self.format, "text/plain"))
        object.__setattr__(self, "sha256", hashlib.sha256(self.content).hexdigest())
        object.__setattr__(self, "body_sha256", _sha256(self.body))

    @property
    def body(self) -> str:
        """The text before the integrity footer (the whole text if it has none)."""
        marker = FOOTER_MARKERS.get(self.format)
        if marker is None:
            return self.text
        cut = self.text.rfind(marker)
        return self.text if cut < 0 else self.text[:cut]

    @property
    def suffix(self) -> str:
        """The usual file suffix: ``.md``, ``.html``, ``.pdf`` or ``.docx``."""
        return f".{self.format}"

    def write(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the file to ``path``, atomically; never overwrites unless asked.

        The bytes written are ``content``, exactly those ``sha256`` was computed from (the
        text in UTF-8 with no newline translation on any platform, or the PDF or Word
        document).

        Args:
            path: The file to write.
            overwrite: Replace the file when it exists.

        Returns:
            The path written.

        Raises:
            OverwriteError: When the file exists and ``overwrite`` is false (it is a
                ``FileExistsError`` too); the check and the write are one step, so a file
                that appears meanwhile is not replaced either.
            ValidationError: When ``path`` is a folder, a device, a FIFO or a socket.
        """
        from vendorgov.serialization import write_atomically

        file = Path(path)
        write_atomically(file, self.content, overwrite=overwrite)
        return file

    @property
    def binary(self) -> bool:
        """Whether the file is bytes to be read by an application (PDF, Word) rather than text."""
        return self.format in BINARY_FORMATS

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return (
            f"Document(name={self.name!r}, lang={self.lang!r}, format={self.format!r}, "
            f"{'bytes' if self.binary else 'chars'}="
            f"{len(self.content) if self.binary else len(self.text)}, "
            f"sha256={self.sha256[:12]!r}...)"
        )
