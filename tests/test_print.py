"""PDF and Word output, read back; the signature packet; the missing-extra errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import attrs
import docx
import pypdf
import pytest
import weasyprint

import vendorgov
from vendorgov import examples, render
from vendorgov._cli import main
from vendorgov._documents.packet import signature_packet
from vendorgov._documents.render import _canonical_json
from vendorgov.exceptions import MissingDependencyError, ValidationError

AT = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def mission() -> vendorgov.Mission:
    return examples.demo_mission("logistique")


@pytest.fixture(scope="module")
def contract_pdf(mission: vendorgov.Mission) -> vendorgov.Document:
    return render(mission, "contract", format="pdf")


@pytest.fixture(scope="module")
def contract_docx(mission: vendorgov.Mission) -> vendorgov.Document:
    return render(mission, "contract", format="docx")


def _reader(document: vendorgov.Document) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(document.content))


def _text(reader: pypdf.PdfReader, page: int) -> str:
    return " ".join((reader.pages[page].extract_text() or "").split())


# -- PDF ---------------------------------------------------------------------------------------
class TestPdf:
    def test_is_a_pdf_with_its_hashes(self, contract_pdf: vendorgov.Document) -> None:
        assert contract_pdf.content.startswith(b"%PDF-")
        assert contract_pdf.media_type == "application/pdf"
        assert contract_pdf.binary
        assert contract_pdf.suffix == ".pdf"
        assert contract_pdf.sha256 == hashlib.sha256(contract_pdf.content).hexdigest()
        # text is the HTML page printed; its footer vouches for its body
        assert contract_pdf.text.startswith("<!DOCTYPE html>")
        assert contract_pdf.body_sha256 in contract_pdf.text
        assert "bytes=" in repr(contract_pdf)

    def test_metadata_from_the_data(
        self, contract_pdf: vendorgov.Document, mission: vendorgov.Mission
    ) -> None:
        reader = _reader(contract_pdf)
        info = reader.metadata
        assert info is not None
        assert info.title == "Contrat de prestation logistique e-commerce — ML-2026-LOG-01"
        assert info.author == "Maison Lumière SAS"
        assert info.subject == "Logistique e-commerce"
        # no `at`: the document's date is the mission's start, 2 March 2026, not today
        assert mission.start == AT
        assert info["/CreationDate"].startswith("D:20260302")
        assert info["/ModDate"].startswith("D:20260302")
        assert reader.trailer["/Root"]["/Lang"] == "fr"

    def test_at_is_the_creation_date(self, mission: vendorgov.Mission) -> None:
        document = render(mission, "specification", format="pdf", lang="en", at=AT.replace(day=20))
        reader = _reader(document)
        assert reader.metadata is not None
        assert reader.metadata["/CreationDate"].startswith("D:20260320")
        assert reader.trailer["/Root"]["/Lang"] == "en"

    def test_tagged_pdf_a_3b(self, contract_pdf: vendorgov.Document) -> None:
        root = _reader(contract_pdf).trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        xmp = root["/Metadata"].get_object().get_data()
        assert b'pdfaid:part="3"' in xmp or b"<pdfaid:part>3</pdfaid:part>" in xmp
        assert b"B" in xmp.split(b"conformance", 1)[1][:20]

    def test_the_data_is_attached(
        self, contract_pdf: vendorgov.Document, mission: vendorgov.Mission
    ) -> None:
        attached = _reader(contract_pdf).attachments
        assert list(attached) == ["mission.json"]
        data = attached["mission.json"][0]
        assert data == _canonical_json(mission).encode("utf-8")
        assert vendorgov.loads(data.decode("utf-8"), "json") == mission
        # the data hash of the document is the hash of the parameters and that JSON
        params = json.dumps(
            {"at": None, "document": "contract", "draft": False, "format": "pdf", "lang": "fr"},
            sort_keys=True,
            separators=(",", ":"),
        )
        expected = hashlib.sha256(params.encode() + b"\n" + data).hexdigest()
        assert contract_pdf.data_sha256 == expected

    def test_fonts_are_embedded(self, contract_pdf: vendorgov.Document) -> None:
        reader = _reader(contract_pdf)
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                descendant = font.get_object()["/DescendantFonts"][0].get_object()
                assert "/FontFile2" in descendant["/FontDescriptor"]

    def test_pages_header_and_footer(self, contract_pdf: vendorgov.Document) -> None:
        reader = _reader(contract_pdf)
        count = len(reader.pages)
        assert count >= 5
        first, second = _text(reader, 0), _text(reader, 1)
        assert f"Page 1 / {count}" in first
        assert f"Page 2 / {count}" in second
        assert "Contrat de prestation logistique" in first
        assert "Contrat de prestation logistique e-commerce — ML-2026-LOG-01" in second
        # the running header starts on page 2: the parties and the document; the version
        # of the data is at the bottom of every page
        assert "Maison Lumière SAS — LogiDauphiné SAS" in second
        assert "Maison Lumière SAS — LogiDauphiné SAS" not in first
        version = hashlib.sha256(_canonical_json(examples.demo_mission("logistique")).encode())
        assert f"version {version.hexdigest()[:8]}" in first
        assert f"version {version.hexdigest()[:8]}" in second

    @pytest.mark.parametrize(
        ("document", "lang", "words"),
        [
            ("specification", "fr", "Page 1 /"),
            ("specification", "en", "Page 1 /"),
            ("specification", "es", "Página 1 /"),
            ("contract", "en", "Page 1 /"),
            ("kickoff", "fr", "Page 1 /"),
            ("kickoff", "es", "Página 1 /"),
            ("review", "fr", "Page 1 /"),
            ("review", "en", "Page 1 /"),
        ],
    )
    def test_every_document_in_every_language(
        self, mission: vendorgov.Mission, document: str, lang: str, words: str
    ) -> None:
        rendered = render(mission, document, format="pdf", lang=lang, at=dt.date(2026, 9, 8))
        reader = _reader(rendered)
        assert len(reader.pages) >= 2
        assert words in _text(reader, 0)
        assert reader.trailer["/Root"]["/Lang"] == lang

    def test_same_bytes_twice(
        self, mission: vendorgov.Mission, contract_pdf: vendorgov.Document
    ) -> None:
        assert render(mission, "contract", format="pdf").content == contract_pdf.content
        assert "SOURCE_DATE_EPOCH" not in os.environ  # set while printing only

    def test_same_bytes_under_another_timezone_and_locale(
        self, contract_pdf: vendorgov.Document
    ) -> None:
        script = (
            "import hashlib, vendorgov\n"
            "m = vendorgov.examples.demo_mission('logistique')\n"
            "d = vendorgov.render(m, 'contract', format='pdf')\n"
            "print(hashlib.sha256(d.content).hexdigest())\n"
        )
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env |= {"TZ": "Pacific/Kiritimati", "LANG": "de_DE.UTF-8", "LC_ALL": "C.UTF-8"}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == contract_pdf.sha256

    def test_a_date_epoch_set_by_the_caller_is_kept(
        self, mission: vendorgov.Mission, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        render(mission, "specification", format="pdf")
        assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"

    def test_write_writes_the_bytes(self, contract_pdf: vendorgov.Document, tmp_path: Path) -> None:
        written = contract_pdf.write(tmp_path / "c.pdf")
        assert written.read_bytes() == contract_pdf.content


# -- the layout: what holds on the page --------------------------------------------------------
def _layout(html: str) -> weasyprint.Document:
    return weasyprint.HTML(string=html).render()


def _pages_of(layout: weasyprint.Document, *, headers: bool = True) -> dict[Any, list[int]]:
    """Each element, and the pages it has boxes on (without ``headers``: not counting the
    table header and footer rows that repeat on each page a table runs over)."""
    pages: dict[Any, list[int]] = {}

    def walk(box: Any, number: int) -> None:
        element = getattr(box, "element", None)
        if element is not None and element.tag in ("thead", "tfoot") and not headers:
            return
        if element is not None and number not in pages.setdefault(element, []):
            pages[element].append(number)
        for child in getattr(box, "children", ()):
            walk(child, number)

    for number, page in enumerate(layout.pages, start=1):
        walk(page._page_box, number)
    return pages


def _split_rows(layout: weasyprint.Document) -> list[str]:
    return [
        " ".join("".join(element.itertext()).split())[:60]
        for element, pages in _pages_of(layout, headers=False).items()
        if element.tag == "tr" and len(pages) > 1
    ]


class TestLayout:
    @pytest.mark.parametrize("document", ["contract", "review", "specification", "kickoff"])
    def test_no_table_row_is_split(self, mission: vendorgov.Mission, document: str) -> None:
        html = render(mission, document, format="html", at=dt.date(2026, 9, 8)).text
        layout = _layout(html)
        assert len(layout.pages) >= 2
        assert _split_rows(layout) == []

    def test_a_split_row_would_be_seen(self) -> None:
        # The check above can fail: a row taller than a page spans two pages.
        tall = "<br>".join(["line"] * 120)
        html = f"<table><thead><tr><th>head</th></tr></thead><tr><td>{tall}</td></tr></table>"
        layout = _layout(html)
        assert len(layout.pages) >= 2
        assert [row[:8] for row in _split_rows(layout)] == ["lineline"]

    def test_no_heading_ends_a_page(self, mission: vendorgov.Mission) -> None:
        html = render(mission, "contract", format="html").text
        pages = _pages_of(_layout(html))
        root = next(element for element in pages if element.tag == "html")
        following_of = {
            child: parent[index + 1]
            for parent in root.iter()
            for index, child in enumerate(parent)
            if index + 1 < len(parent)
        }
        checked = 0
        for element, on in pages.items():
            if element.tag not in ("h2", "h3"):
                continue
            following = following_of.get(element)
            if following is None or following not in pages:
                continue
            checked += 1
            assert pages[following][0] == on[-1], "".join(element.itertext())
        assert checked > 20

    def test_signature_blocks_together(self, mission: vendorgov.Mission) -> None:
        html = render(mission, "contract", format="html").text
        pages = _pages_of(_layout(html))
        blocks = [
            on
            for element, on in pages.items()
            if "vg-signature" in (element.get("class") or "").split()
        ]
        assert len(blocks) == 2
        assert blocks[0] == blocks[1]
        assert len(blocks[0]) == 1
        heading = next(e for e in pages if e.get("id") == "signatures")
        assert pages[heading] == blocks[0]


# -- Word --------------------------------------------------------------------------------------
def _word(document: vendorgov.Document) -> Any:
    return docx.Document(io.BytesIO(document.content))


class TestWord:
    def test_headings_lists_and_tables(self, contract_docx: vendorgov.Document) -> None:
        word = _word(contract_docx)
        styles = [(p.style.name, p.text) for p in word.paragraphs if p.text]
        assert ("Title", "Contrat de prestation logistique e-commerce") in styles
        assert ("Subtitle", "Contrat de prestation de services") in styles
        headings = [text for style, text in styles if style == "Heading 1"]
        assert "Article 1 – Objet du contrat" in headings
        assert "Signatures" in headings
        assert any(style == "List Bullet" for style, _ in styles)
        # an article's text follows its heading
        index = styles.index(("Heading 1", "Article 1 – Objet du contrat"))
        assert styles[index + 1][0] == "Normal"
        assert len(word.tables) >= 6
        assert {table.style.name for table in word.tables} == {"Table Grid"}

    def test_rows_hold_and_headers_repeat(self, contract_docx: vendorgov.Document) -> None:
        word = _word(contract_docx)
        repeated = 0
        for table in word.tables:
            for row in table.rows:
                properties = row._tr.trPr
                assert properties is not None
                assert properties.find(docx.oxml.ns.qn("w:cantSplit")) is not None
                repeated += properties.find(docx.oxml.ns.qn("w:tblHeader")) is not None
        assert repeated >= 3
        fees = next(t for t in word.tables if t.rows[0].cells[0].text == "Prestation")
        assert fees.rows[0].cells[0].paragraphs[0].runs[0].bold

    def test_core_properties_from_the_data(self, contract_docx: vendorgov.Document) -> None:
        properties = _word(contract_docx).core_properties
        assert properties.title == "Contrat de prestation logistique e-commerce — ML-2026-LOG-01"
        assert properties.author == "Maison Lumière SAS"
        assert properties.language == "fr-FR"
        start = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)  # the mission's start, not the clock
        assert properties.created == start
        assert properties.modified == start
        assert properties.revision == 1

    def test_reproducible_zip(
        self, mission: vendorgov.Mission, contract_docx: vendorgov.Document
    ) -> None:
        assert render(mission, "contract", format="docx").content == contract_docx.content
        entries = zipfile.ZipFile(io.BytesIO(contract_docx.content)).infolist()
        assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}

    @pytest.mark.parametrize("lang", ["fr", "en", "es"])
    def test_specification_in_every_language(self, mission: vendorgov.Mission, lang: str) -> None:
        word = _word(render(mission, "specification", format="docx", lang=lang))
        assert any(p.style.name == "Heading 1" for p in word.paragraphs)
        assert word.tables
        assert word.core_properties.language == {"fr": "fr-FR", "en": "en-US", "es": "es-ES"}[lang]

    def test_only_the_negotiated_documents(self, mission: vendorgov.Mission) -> None:
        with pytest.raises(ValidationError) as caught:
            render(mission, "kickoff", format="docx")
        assert [detail.path for detail in caught.value.errors] == ["format"]

    def test_markup_in_data_stays_text(self, mission: vendorgov.Mission) -> None:
        name = "<b>Évil</b> & Co <script>x()</script> «"
        hostile = attrs.evolve(mission, client=attrs.evolve(mission.client, name=name))
        word = _word(render(hostile, "contract", format="docx"))
        texts = "\n".join(p.text for p in word.paragraphs)
        assert name in texts
        pdf = render(hostile, "contract", format="pdf")
        assert name in " ".join(_text(_reader(pdf), 0).split())

    def test_draft_placeholders_are_highlighted(self, mission: vendorgov.Mission) -> None:
        bare = attrs.evolve(mission, contract=None)
        word = _word(render(bare, "contract", format="docx", draft=True))
        marked = [
            run.text
            for p in word.paragraphs
            for run in p.runs
            if run.font.highlight_color is not None
        ]
        assert any("À COMPLÉTER" in text for text in marked)


# -- missing extras ----------------------------------------------------------------------------
class TestMissingExtra:
    @pytest.mark.parametrize(
        ("fmt", "module", "install"),
        [("pdf", "weasyprint", "vendorgov[pdf]"), ("docx", "docx", "vendorgov[docx]")],
    )
    def test_names_the_extra(
        self,
        mission: vendorgov.Mission,
        monkeypatch: pytest.MonkeyPatch,
        fmt: str,
        module: str,
        install: str,
    ) -> None:
        monkeypatch.setitem(sys.modules, module, None)  # `import module` raises ImportError
        with pytest.raises(MissingDependencyError) as caught:
            render(mission, "contract", format=fmt)
        assert f"pip install '{install}'" in str(caught.value)
        assert caught.value.extra == fmt
        assert isinstance(caught.value, ImportError)

    def test_command_line(
        self,
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        monkeypatch.setitem(sys.modules, "weasyprint", None)
        source = tmp_path / "m.toml"
        source.write_text(examples.demo_text("logistique"), encoding="utf-8")
        code = main(["render", "contract", str(source), "-o", str(tmp_path / "c.pdf")])
        assert code == 2
        assert "pip install 'vendorgov[pdf]'" in capsys.readouterr().err
        assert not (tmp_path / "c.pdf").exists()


# -- command line and packet -------------------------------------------------------------------
@pytest.fixture
def mission_file(tmp_path: Path) -> Path:
    source = tmp_path / "m.toml"
    source.write_text(examples.demo_text("logistique"), encoding="utf-8")
    return source


class TestCommandLine:
    @pytest.mark.parametrize(("name", "magic"), [("c.pdf", b"%PDF-"), ("c.docx", b"PK\x03\x04")])
    def test_the_extension_picks_the_format(
        self,
        mission_file: Path,
        capsys: pytest.CaptureFixture[str],
        name: str,
        magic: bytes,
    ) -> None:
        out = mission_file.parent / name
        argv = ["render", "contract", str(mission_file), "--at", "2026-03-02", "-o", str(out)]
        assert main(argv) == 0
        assert out.read_bytes().startswith(magic)
        assert main([*argv, "--json", "--force"]) == 0
        reported = json.loads(capsys.readouterr().out)
        assert reported["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
        assert reported["text"] is None

    def test_a_binary_format_needs_a_file(
        self, mission_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["render", "contract", str(mission_file), "--format", "pdf"]) == 2
        assert "name it with -o" in capsys.readouterr().err


class TestPacket:
    def test_hashes_verify(
        self, mission_file: Path, capsys: pytest.CaptureFixture[str], mission: vendorgov.Mission
    ) -> None:
        folder = mission_file.parent / "out"
        argv = ["render", "contract", str(mission_file), "--at", "2026-03-02", "--packet"]
        assert main([*argv, str(folder)]) == 0
        assert sorted(p.name for p in folder.iterdir()) == [
            "contract.docx",
            "contract.pdf",
            "manifest.json",
        ]
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["files"]:
            content = (folder / entry["name"]).read_bytes()
            assert hashlib.sha256(content).hexdigest() == entry["sha256"]
            assert len(content) == entry["bytes"]
        pdf = pypdf.PdfReader(folder / "contract.pdf")
        data = pdf.attachments["mission.json"][0]
        assert hashlib.sha256(data).hexdigest() == manifest["data"]["sha256"]
        assert manifest["version"] == manifest["data"]["sha256"][:8]
        assert (manifest["document"], manifest["language"], manifest["issued"]) == (
            "contract",
            "fr",
            "2026-03-02",
        )
        assert manifest["files"][0]["pages"] == len(pdf.pages)
        client, provider = manifest["parties"]
        assert client["signatories"] == [
            {
                "name": "Sophie Garnier",
                "role": "Présidente",
                "email": "sophie.garnier@maison-lumiere.example",
            }
        ]
        assert provider["signatories"][0]["name"] == "Marc Lefèvre"
        # a second run refuses to replace the files, and writes none
        before = (folder / "manifest.json").read_bytes()
        assert main([*argv, str(folder)]) == 2
        assert "--force" in capsys.readouterr().err
        assert (folder / "manifest.json").read_bytes() == before

    def test_signature_fields_are_where_the_blocks_are(self, mission: vendorgov.Mission) -> None:
        packet = signature_packet(mission, "contract", at=AT)
        fields = packet.manifest["signature_fields"]["fields"]
        assert [field["side"] for field in fields] == ["client", "provider"]
        reader = pypdf.PdfReader(io.BytesIO(packet.files["contract.pdf"]))
        width, height = packet.manifest["signature_fields"]["page_size"]
        for field in fields:
            page = reader.pages[field["page"] - 1]
            assert "Pour le Client" in page.extract_text()
            # inside the page, below the top margin (20 mm = 56.69 pt), side by side
            assert 56 < field["y"] < height - field["height"]
            assert 70 < field["x"] < width - field["width"]
            # the text of the block is inside the field: its top-left corner in PDF
            # coordinates (origin bottom-left) is (x, height - y)
        left, right = fields
        assert left["y"] == right["y"]
        assert left["x"] + left["width"] < right["x"]

    def test_only_for_a_negotiated_document(self, mission: vendorgov.Mission) -> None:
        with pytest.raises(ValidationError) as caught:
            signature_packet(mission, "review", at=AT)
        assert [detail.path for detail in caught.value.errors] == ["document"]

    def test_packet_refuses_an_output_file(
        self, mission_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        argv = ["render", "contract", str(mission_file), "--packet", "out", "-o", "c.pdf"]
        assert main(argv) == 2
        assert "drop -o" in capsys.readouterr().err
