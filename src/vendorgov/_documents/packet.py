"""The signature packet: a document as PDF and Word, and a manifest to feed e-signature.

``vendorgov render contract mission.toml --packet out/`` writes three files:

- ``<document>.pdf``: the PDF people sign (tagged PDF/A-3b, the mission's data attached);
- ``<document>.docx``: the Word document they negotiated;
- ``manifest.json``: what an e-signature service needs, with no network: the document, its
  version and language, the SHA-256 of each file and of the data, the parties and their
  signatories (name, role, e-mail), and where each signature block is on the PDF's pages
  (page, position and size in points from the page's top-left corner, taken from the
  layout WeasyPrint computed for the PDF itself).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from typing import Any, Final

import attrs

from vendorgov._documents.render import (
    ATTACHMENT_NAME,
    WORD_DOCUMENTS,
    _canonical_json,
    _page_info,
    render_printed,
)
from vendorgov._model.mission import Mission
from vendorgov._model.parties import Side
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = ["MANIFEST_NAME", "Packet", "signature_packet"]

MANIFEST_NAME: Final = "manifest.json"
MANIFEST_FORMAT: Final = 1
"""The version of the manifest's layout: it changes when a key changes meaning."""


@attrs.frozen(kw_only=True)
class Packet:
    """The files of a signature packet, by file name, and the manifest's content."""

    files: Mapping[str, bytes]
    manifest: Mapping[str, Any]


def _signatory(mission: Mission, side: Side) -> dict[str, Any]:
    party = mission.client if side is Side.CLIENT else mission.provider
    contact = next(
        (
            item
            for item in mission.contacts
            if item.side is side and party.representative and item.name == party.representative
        ),
        None,
    )
    return {
        "name": party.representative or None,
        "role": party.representative_title or None,
        "email": (contact.email or None) if contact is not None else None,
    }


def signature_packet(
    mission: Mission,
    document: str = "contract",
    *,
    lang: str = "fr",
    at: dt.date | None = None,
    draft: bool = False,
    templates: str | os.PathLike[str] | Mapping[str, str] | None = None,
) -> Packet:
    """The PDF, the Word document and the manifest of ``document``.

    Raises:
        ValidationError: As ``render`` does, and for a document people do not negotiate
            (path ``document``).
        MissingDependencyError: When WeasyPrint or python-docx is missing.
    """
    if document not in WORD_DOCUMENTS:
        raise ValidationError(
            [
                ErrorDetail(
                    "document",
                    f"a signature packet is made for a document people negotiate and sign, "
                    f"not the {document}",
                )
            ]
        )
    options: dict[str, Any] = {"lang": lang, "at": at, "draft": draft, "templates": templates}
    pdf, printed = render_printed(mission, document, format="pdf", **options)
    word, _ = render_printed(mission, document, format="docx", **options)
    assert printed is not None  # a PDF has its layout
    data = _canonical_json(mission).encode("utf-8")
    issued = mission.start if at is None else at
    page = _page_info(mission, issued)
    sides = (Side.CLIENT, Side.PROVIDER)
    parties = [
        {
            "side": side.value,
            "name": (mission.client if side is Side.CLIENT else mission.provider).name,
            "signatories": [_signatory(mission, side)],
        }
        for side in sides
    ]
    fields = [
        {
            "side": sides[field.index - 1].value if field.index <= len(sides) else None,
            "page": field.page,
            "x": field.x,
            "y": field.y,
            "width": field.width,
            "height": field.height,
            "element_id": field.element_id or None,
        }
        for field in printed.signatures
    ]
    names = {"pdf": f"{document}.pdf", "docx": f"{document}.docx"}
    manifest: dict[str, Any] = {
        "manifest_format": MANIFEST_FORMAT,
        "document": document,
        "mission": mission.key,
        "version": page.version,
        "language": lang,
        "issued": page.issued,
        "draft": draft,
        "data": {
            "name": ATTACHMENT_NAME,
            "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
        },
        "files": [
            {
                "name": names[rendered.format],
                "media_type": rendered.media_type,
                "bytes": len(rendered.content),
                "sha256": rendered.sha256,
                "data_sha256": rendered.data_sha256,
                "body_sha256": rendered.body_sha256,
                **({"pages": printed.pages} if rendered.format == "pdf" else {}),
            }
            for rendered in (pdf, word)
        ],
        "parties": parties,
        "signature_fields": {
            "unit": "pt",
            "origin": "top-left",
            "page_size": [595.28, 841.89],
            "fields": fields,
        },
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    files = {
        names["pdf"]: pdf.content,
        names["docx"]: word.content,
        MANIFEST_NAME: text.encode("utf-8"),
    }
    return Packet(files=files, manifest=manifest)
