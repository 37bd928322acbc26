"""The contract document: articles, words, formats, escaping, draft mode and golden files.

Golden files: the demo missions' contracts, in both languages and both formats, are checked
in under ``tests/golden/contract/`` and compared byte for byte. After a deliberate change to
a template, regenerate them and read the diff::

    VENDORGOV_UPDATE_GOLDEN=1 pytest tests/test_contract_document.py -k Golden
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import vendorgov
from factories import contract as make_contract
from factories import eur, fulfilment, minimal_mission
from test_documents import (
    _MARKDOWN,
    HOSTILE,
    _hostile_text,
    _html_shape,
    _markdown_shape,
    _markdown_text,
    _plain_text,
    _transform,
)
from vendorgov import (
    BillingPeriod,
    Document,
    Fee,
    FeeKind,
    GoverningLaw,
    IpAssignment,
    Renewal,
    ValidationError,
    examples,
    render,
)
from vendorgov._documents.contract import ARTICLE_KEYS

GOLDEN = Path(__file__).parent / "golden" / "contract"
UPDATE_GOLDEN = os.environ.get("VENDORGOV_UPDATE_GOLDEN") == "1"
VARIANTS = [(lang, fmt) for lang in ("fr", "en") for fmt in ("md", "html")]
DEMOS = examples.DEMO_KEYS

NNBSP = "\u202f"  # narrow no-break space: Babel's French group separator
NBSP = "\u00a0"  # no-break space: before € and % in French, and French punctuation

_MD_ARTICLE = re.compile(r"^## Article (\d+) – (.+)$", re.MULTILINE)
_HTML_ARTICLE = re.compile(r'<h2 id="article-(\d+)" class="vg-article">Article (\d+) – (.+?)</h2>')


def _contract(key: str = "logistique", **changes: Any) -> Document:
    return render(examples.demo_mission(key), "contract", **changes)


def _with_contract(mission: vendorgov.Mission, **changes: Any) -> vendorgov.Mission:
    assert mission.contract is not None
    return attrs.evolve(mission, contract=attrs.evolve(mission.contract, **changes))


def _articles(text: str, fmt: str) -> list[tuple[int, str]]:
    """The articles of a rendered contract: (number, title), in order."""
    if fmt == "md":
        return [(int(number), title) for number, title in _MD_ARTICLE.findall(text)]
    found = _HTML_ARTICLE.findall(text)
    assert all(anchor == number for anchor, number, _ in found)
    return [(int(number), html.unescape(title)) for _, number, title in found]


def _line(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


def _article_text(text: str, title: str) -> str:
    """The Markdown of the article called ``title``, up to the next heading of its level."""
    start = re.search(rf"^## Article \d+ – {re.escape(title)}$", text, re.MULTILINE)
    assert start is not None, title
    end = text.find("\n## ", start.end())
    return text[start.end() : end]


def _minimal(**contract_changes: Any) -> vendorgov.Mission:
    """A mission with only what a contract needs: no KPIs, tools, incentives, clauses."""
    return minimal_mission(activities=(fulfilment(),), contract=make_contract(**contract_changes))


def _unvalidated(contract: vendorgov.Contract, **fields: Any) -> vendorgov.Contract:
    """A copy of ``contract`` with ``fields`` set without validation, as data built by hand
    (or read by a tool that skipped vendorgov's checks) can be."""
    copy = attrs.evolve(contract)
    for name, value in fields.items():
        object.__setattr__(copy, name, value)
    return copy


# -- the demo contracts ---------------------------------------------------------------------
class TestRenderDemos:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_renders(self, key: str, lang: str, fmt: str) -> None:
        mission = examples.demo_mission(key)
        assert mission.contract is not None
        doc = render(mission, "contract", lang=lang, format=fmt)
        assert (doc.name, doc.lang, doc.format) == ("contract", lang, fmt)
        assert doc.missing == ()
        assert "COMPL" not in doc.text  # no placeholder in a complete mission
        assert mission.contract.reference in doc.text
        for party in (mission.client, mission.provider):
            assert party.name in doc.text
        for clause in mission.contract.custom_clauses:
            title = clause.title if fmt == "md" else clause.title.replace("'", "&#39;")
            assert title in doc.text

    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_articles_are_numbered_without_gaps(self, key: str, lang: str, fmt: str) -> None:
        articles = _articles(_contract(key, lang=lang, format=fmt).text, fmt)
        assert [number for number, _ in articles] == list(range(1, len(articles) + 1))
        assert len(articles) >= 15

    def test_articles_of_the_logistics_contract(self) -> None:
        titles = [title for _, title in _articles(_contract().text, "md")]
        assert titles == [
            "Objet du contrat",
            "Modalités d'exécution",
            "Objectifs et indicateurs de performance",
            "Calendrier d'exécution",
            "Rapports d'activité",
            "Pilotage de la prestation et interlocuteurs",
            "Confidentialité",
            "Prix et conditions de paiement",
            "Prime de résultat, pénalités de performance et avantages en nature",
            "Obligation de vigilance",
            "Responsabilité",
            "Durée",
            "Renouvellement et préavis",
            "Résiliation",
            "Pic d'activité de fin d'année",
            "Réversibilité",
            "Loi applicable et juridiction compétente",
        ]

    def test_articles_of_the_website_contract_in_english(self) -> None:
        titles = [title for _, title in _articles(_contract("site_web", lang="en").text, "md")]
        assert titles == [
            "Purpose",
            "Performance of the services",
            "Objectives and key performance indicators",
            "Schedule",
            "Reporting",
            "Governance, reviews and points of contact",
            "Confidentiality",
            "Intellectual property",
            "Fees and payment terms",
            "Performance bonus, service credits, and benefits in kind",
            "Vigilance certificate",
            "Liability",
            "Term",
            "Renewal and notice",
            "Termination",
            "Exit and reversibility",  # contract.exit_plan (issue 11)
            "Composants libres",
            "Sécurité et données personnelles",
            "Governing law and jurisdiction",
        ]

    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_the_same_articles_in_both_formats(self, lang: str, fmt: str) -> None:
        md = _articles(_contract("community", lang=lang).text, "md")
        html = _articles(_contract("community", lang=lang, format="html").text, "html")
        assert [number for number, _ in md] == [number for number, _ in html]
        assert len(md) == 19  # with the personal data article (contract.data_processing)


class TestGolden:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_matches_golden_file(self, key: str, lang: str, fmt: str) -> None:
        doc = render(examples.demo_mission(key), "contract", lang=lang, format=fmt)
        path = GOLDEN / f"{key}.{lang}.{fmt}"
        if UPDATE_GOLDEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(doc.text.encode("utf-8"))
        assert path.exists(), f"missing {path}: run with VENDORGOV_UPDATE_GOLDEN=1"
        assert doc.text.encode("utf-8") == path.read_bytes()


# -- one article per clause present ---------------------------------------------------------
class TestAbsentClauses:
    @pytest.mark.parametrize(
        ("key", "clause", "fr_title", "en_title"),
        [
            ("community", "ip", "Propriété intellectuelle", "Intellectual property"),
            ("logistique", "liability", "Responsabilité", "Liability"),
            ("logistique", "reporting", "Rapports d'activité", "Reporting"),
            ("site_web", "confidentiality", "Confidentialité", "Confidentiality"),
            ("site_web", "termination", "Résiliation", "Termination"),
            ("community", "renewal", "Renouvellement et préavis", "Renewal and notice"),
        ],
    )
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_an_absent_clause_leaves_no_article_and_no_gap(
        self, key: str, clause: str, fr_title: str, en_title: str, lang: str, fmt: str
    ) -> None:
        mission = examples.demo_mission(key)
        title = fr_title if lang == "fr" else en_title
        before = _articles(render(mission, "contract", lang=lang, format=fmt).text, fmt)
        text = render(
            _with_contract(mission, **{clause: None}), "contract", lang=lang, format=fmt
        ).text
        after = _articles(text, fmt)
        assert title in [name for _, name in before]
        assert title not in [name for _, name in after]
        assert [number for number, _ in after] == list(range(1, len(before)))
        assert [name for _, name in after] == [name for _, name in before if name != title]

    def test_cross_references_follow_the_numbering(self) -> None:
        mission = examples.demo_mission("community")
        text = render(mission, "contract").text
        # the personal data article (9) comes between the IP (8) and the fees (10)
        assert "Le prix de la cession est compris dans la rémunération prévue à l'article 10." in (
            text
        )
        assert "Il peut être renouvelé dans les conditions de l'article 15." in text
        # without confidentiality, the fees and the renewal move up by one
        text = render(_with_contract(mission, confidentiality=None), "contract").text
        assert "Le prix de la cession est compris dans la rémunération prévue à l'article 9." in (
            text
        )
        assert "Il peut être renouvelé dans les conditions de l'article 14." in text

    def test_without_renewal_the_term_says_the_contract_ends(self) -> None:
        mission = _with_contract(examples.demo_mission("logistique"), renewal=None)
        term = _article_text(render(mission, "contract").text, "Durée")
        assert "Il prend fin à cette date, sans autre formalité." in term
        assert "renouvelé" not in term

    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_a_contract_with_only_what_it_must_have(self, lang: str, fmt: str) -> None:
        doc = render(_minimal(), "contract", lang=lang, format=fmt)
        titles = [title for _, title in _articles(doc.text, fmt)]
        if lang == "fr":
            assert titles == [
                "Objet du contrat",
                "Pilotage de la prestation et interlocuteurs",
                "Prix et conditions de paiement",
                "Obligation de vigilance",
                "Durée",
                "Loi applicable et juridiction compétente",
            ]
        else:
            assert titles == [
                "Purpose",
                "Governance, reviews and points of contact",
                "Fees and payment terms",
                "Vigilance certificate",
                "Term",
                "Governing law and jurisdiction",
            ]
        assert doc.missing == ()
        # no annex without a specification and KPIs
        assert "Annex" not in doc.text
        assert "annexe" not in doc.text.replace("à ses annexes", "")

    def test_every_article_has_a_body(self) -> None:
        for key in DEMOS:
            text = _contract(key).text
            bodies = re.split(r"^## Article \d+ – .+$", text, flags=re.MULTILINE)[1:]
            assert all(body.strip() for body in bodies)

    def test_custom_clauses_each_have_their_article(self) -> None:
        mission = examples.demo_mission("site_web")
        assert mission.contract is not None
        text = render(mission, "contract", format="html").text
        titles = [title for _, title in _articles(text, "html")]
        for clause in mission.contract.custom_clauses:
            assert clause.title in titles
        text = render(_with_contract(mission, custom_clauses=()), "contract").text
        assert len(_articles(text, "md")) == len(titles) - 2

    def test_vigilance_only_from_5000_euros_under_french_law(self) -> None:
        small = (
            Fee(
                label="Audit",
                kind=FeeKind.FIXED,
                period=BillingPeriod.ONE_OFF,
                amount=eur("4999.99"),
                activity="fulfilment",
            ),
        )
        assert "vigilance" not in render(_minimal(fees=small), "contract").text
        assert "vigilance" in render(_minimal(), "contract").text  # 12 × 3 500 €
        german = _minimal(governing_law=GoverningLaw(country="DE", courts="Landgericht Köln"))
        text = render(german, "contract").text
        assert "vigilance" not in text
        assert "Le contrat est régi par le droit allemand." in text
        assert "compétence exclusive de la juridiction suivante\u202f: Landgericht Köln." in text
        japanese = _minimal(governing_law=GoverningLaw(country="JP"))
        text = render(japanese, "contract").text
        assert "Le contrat est régi par le droit de l'État suivant\u202f: Japon." in text
        assert "est soumis aux juridictions compétentes." in text
        en = render(japanese, "contract", lang="en").text
        assert "This agreement is governed by the laws of Japan." in en

    def test_article_keys_are_the_documented_order(self) -> None:
        assert ARTICLE_KEYS[0] == "object"
        assert ARTICLE_KEYS[-1] == "governing_law"
        assert len(set(ARTICLE_KEYS)) == len(ARTICLE_KEYS) == 19


# -- what the contract says, formatted ------------------------------------------------------
class TestWords:
    def test_parties_with_their_identifiers(self) -> None:
        text = _contract().text
        assert (
            "**Maison Lumière SAS**, société par actions simplifiée, immatriculée au RCS Lyon "
            "sous le numéro 912 345 675, dont le siège social est situé 12 rue des Lilas, "
            "69003 Lyon, identifiée à la TVA sous le numéro FR65912345675, représentée par "
            "Sophie Garnier, en sa qualité de Présidente," in text
        )
        assert "ci-après «\u202fle Client\u202f»," in text
        assert "ci-après «\u202fle Prestataire\u202f»," in text
        en = _contract(lang="en").text
        assert (
            "**LogiDauphiné SAS**, a société par actions simplifiée registered with the RCS "
            "Vienne under number 842 135 790, whose registered office is at ZAC de Chesnes, "
            "21 rue de Savoie, 38070 Saint-Quentin-Fallavier, France, VAT number "
            "FR90842135790, represented by Marc Lefèvre, acting as Directeur général "
            '(the "Provider").' in en
        )

    def test_identifiers_without_a_registry(self) -> None:
        mission = _minimal()
        mission = attrs.evolve(
            mission,
            provider=attrs.evolve(mission.provider, registration_id="84213579000012"),
        )
        assert (
            "immatriculée sous le numéro SIRET 84213579000012" in render(mission, "contract").text
        )

    def test_fees_in_french(self) -> None:
        text = _contract().text
        assert _line(text, "| Forfait mensuel de stockage") == (
            "| Forfait mensuel de stockage et de gestion des stocks | Forfait mensuel "
            f"| 1{NNBSP}200,00{NBSP}€ par mois | — |"
        )
        assert _line(text, "| Préparation et expédition") == (
            "| Préparation et expédition d'une commande (jusqu'à 3 articles, emballage compris) "
            f"| Prix unitaire | 2,60{NBSP}€ par commande | 2{NNBSP}000 par mois |"
        )
        assert _line(text, "| Mise en place") == (
            "| Mise en place : réception et intégration du stock initial | Forfait unique "
            f"| 1{NNBSP}500,00{NBSP}€ | — |"
        )
        assert (
            f"le montant du contrat pour sa durée initiale est estimé à 83{NNBSP}700,00{NBSP}€ "
            "hors taxes" in text
        )

    def test_fees_in_english(self) -> None:
        text = _contract("site_web", lang="en").text
        assert _line(text, "| Refonte du thème") == (
            "| Refonte du thème et du tunnel de commande (forfait) | One-off fixed fee "
            "| €18,000.00 | — |"
        )
        assert _line(text, "| Évolutions hors forfait") == (
            "| Évolutions hors forfait, sur devis | Time and materials | €620.00 per jour "
            "| 1.5 per month |"
        )

    def test_the_factory_fee(self) -> None:
        text = render(_minimal(), "contract").text
        assert f"| Forfait mensuel | Forfait mensuel | 3{NNBSP}500,00{NBSP}€ par mois | — |" in (
            text
        )
        # fixed fees only: the value is not an estimate
        assert (
            f"Le montant du contrat pour sa durée initiale s'élève à 42{NNBSP}000,00{NBSP}€ "
            "hors taxes." in text
        )
        html = render(_minimal(), "contract", lang="en", format="html").text
        assert '<td class="num">€3,500.00 per month</td>' in html

    def test_payment_terms_and_french_legal_mentions(self) -> None:
        fees = _article_text(_contract().text, "Prix et conditions de paiement")
        assert (
            f"Les factures sont payables à 45{NBSP}jours fin de mois à compter de leur date "
            "d'émission." in fees
        )
        assert f"calculées au taux annuel de 12{NBSP}%." in fees
        assert (
            f"indemnité forfaitaire pour frais de recouvrement de 40,00{NBSP}€ "
            "(articles L. 441-10 et D. 441-5 du code de commerce)." in fees
        )
        en = _contract("community", lang="en").text
        assert "Invoices are payable within 30 days from their date of issue." in en
        assert "at an annual rate of 10%." in en
        assert "a fixed indemnity of €40.00 for recovery costs (articles L. 441-10" in en

    def test_legal_defaults_when_the_contract_states_no_penalty(self) -> None:
        mission = _minimal(payment=vendorgov.PaymentTerms(days=30))
        text = render(mission, "contract").text
        assert "majoré de 10 points de pourcentage" in text
        assert f"frais de recouvrement de 40,00{NBSP}€" in text

    def test_term_renewal_and_notice_deadline(self) -> None:
        text = _contract().text
        assert (
            "Il est conclu pour une durée initiale de 12 mois à compter de cette date, soit "
            "jusqu'au 1er\xa0mars\xa02027 inclus." in text
        )
        assert "reconduit tacitement par périodes successives de 12 mois" in text
        assert f"au moins 90{NBSP}jours avant l'échéance de la période en cours" in text
        assert (
            "la dénonciation doit ainsi être reçue au plus tard le 1er\xa0décembre\xa02026\u202f; "
            "à défaut, le contrat est reconduit à compter du 2\xa0mars\xa02027." in text
        )
        en = _contract(lang="en").text
        assert "notice must therefore be received no later than December 1, 2026;" in en

    def test_notice_deadline_matches_the_finding(self) -> None:
        # The same date as NOTICE_DEADLINE_SOON: the term end minus the notice days.
        mission = examples.demo_mission("community")
        findings = vendorgov.assess(mission, dt.date(2027, 1, 1))
        notice = next(f for f in findings if f.code == "NOTICE_DEADLINE_SOON")
        assert notice.due == dt.date(2027, 1, 30)
        assert "no later than January 30, 2027" in render(mission, "contract", lang="en").text

    def test_renewal_by_agreement(self) -> None:
        mission = _minimal(renewal=Renewal(tacit=False, period_months=6, notice_days=30))
        text = render(mission, "contract").text
        assert (
            "le contrat peut être renouvelé pour une période de 6 mois par un accord écrit des "
            f"Parties conclu au plus tard 30{NBSP}jours avant cette échéance, soit le 30\xa0janvier"
            "\xa02028." in text
        )

    def test_end_date_instead_of_duration(self) -> None:
        mission = _minimal(duration_months=None, end=dt.date(2027, 12, 31))
        assert (
            "durée initiale courant jusqu'au 31\xa0décembre\xa02027 inclus"
            in render(mission, "contract").text
        )

    def test_cadences_in_words(self) -> None:
        fr = _contract().text
        assert (
            "un rapport d'activité chaque lundi, qui couvre la période écoulée depuis "
            "le rapport précédent\u202f; le premier rapport est attendu le 9\xa0mars\xa02026." in fr
        )
        assert f"Un rapport reçu au plus tard 1{NBSP}jour après la date prévue" in fr
        assert (
            "lors d'un point d'étape tenu le premier mardi de chaque mois, à 10:00, d'une durée "
            "prévue de 60 minutes\u202f; le premier se tient le mardi\xa03\xa0mars\xa02026." in fr
        )
        community = _contract("community").text
        assert "un rapport d'activité le dernier jour de chaque mois, qui couvre" in community
        en = _contract(lang="en").text
        assert "an activity report every Monday, covering" in en
        assert (
            f"held on the first Tuesday of every month, at 10:00{NNBSP}AM, scheduled to "
            "last 60 minutes; the first one takes place on Tuesday, March 3, 2026." in en
        )

    def test_points_of_contact(self) -> None:
        text = _contract(lang="en").text
        assert "| Client | Primary contact | Julien Bernard |" in text
        assert "| Client | Escalation contact | Sophie Garnier |" in text
        assert "| Provider | Primary contact | Paul Roux |" in text
        assert "| Provider | Escalation contact | Nathalie Perrin |" in text
        assert "Karim Benali" not in _article_text(
            text, "Governance, reviews and points of contact"
        )

    def test_confidentiality_duration(self) -> None:
        text = _contract().text
        assert "pendant toute la durée du contrat et pendant 5 ans après sa fin" in text
        one = _with_contract(
            examples.demo_mission("logistique"),
            confidentiality=vendorgov.Confidentiality(years_after_end=1),
        )
        assert (
            "and for 1 year after it ends, for whatever reason."
            in render(one, "contract", lang="en").text
        )
        assert "et pendant 1 an après sa fin" in render(one, "contract").text

    def test_ip_names_each_right_with_its_scope(self) -> None:
        text = _article_text(_contract("community").text, "Propriété intellectuelle")
        assert "article L. 131-3 du code de la propriété intellectuelle" in text
        assert (
            "- **Droits cédés\u202f:** reproduction, représentation, adaptation et traduction"
            in text
        )
        assert "- **Territoire\u202f:** Monde entier" in text
        assert "- **Durée\u202f:** 10 ans à compter de la livraison de chaque contenu" in text
        assert "- **Exclusivité\u202f:** cession exclusive" in text
        assert "- **Destination\u202f:** Communication de Maison Lumière" in text

    def test_bonus_and_service_credits(self) -> None:
        text = _contract().text
        assert (
            f"| au moins 90 sur 100 | 5{NBSP}% de 6{NNBSP}850,00{NBSP}€, soit 342,50{NBSP}€ |"
            in text
        )
        assert (
            f"| au moins 75 sur 100 | 2{NBSP}% de 6{NNBSP}850,00{NBSP}€, soit 137,00{NBSP}€ |"
            in (text)
        )
        assert f"La prime d'un palier est plafonnée à 400,00{NBSP}€." in text
        assert (
            f"une pénalité égale à 3{NBSP}% de la part forfaitaire périodique de sa rémunération "
            f"afférente à la période du palier (5{NBSP}% pour l'indicateur «\u202fTaux "
            f"d'expédition à l'heure\u202f»)." in text
        )
        assert f"Le total des pénalités d'un palier est plafonné à 700,00{NBSP}€." in text
        assert "Une pénalité est restituée au Prestataire" in text
        en = _contract("community", lang="en").text
        assert "| at least 90 out of 100 | €400.00 |" in en

    def test_liability_cap(self) -> None:
        assert f"est limitée à 30{NNBSP}000,00{NBSP}€." in _contract("site_web").text
        assert (
            "est limitée au montant total hors taxes des sommes facturées au titre du contrat."
            in _contract().text
        )
        both = _with_contract(
            examples.demo_mission("logistique"),
            liability=vendorgov.Liability(cap=eur("50000"), cap_fees_multiple=Decimal(2)),
        )
        assert (
            "is limited to €50,000.00 or, if lower, 2 times the total amount, excluding VAT, "
            "invoiced under this agreement." in render(both, "contract", lang="en").text
        )

    def test_annex_of_kpis(self) -> None:
        text = _contract().text
        assert "## Annexe 2 – Indicateurs de performance et paliers" in text
        assert _line(text, "| Indicateur |") == (
            "| Indicateur | Unité | Sens | M+1 (2\xa0avr.\xa02026) | M+6 (2\xa0sept.\xa02026) "
            "| Fin d'année (31\xa0déc.\xa02026) |"
        )
        assert _line(text, "| Taux de casse |") == (
            "| Taux de casse | % | À minimiser | 0,8 (1,2) | 0,5 (0,8) | 0,4 (0,6) |"
        )
        assert (
            "- Annexe 1\u202f: cahier des charges «\u202fCahier des charges : logistique "
            "e-commerce de Maison Lumière\u202f» (document joint)" in text
        )

    def test_signatures(self) -> None:
        text = _contract().text
        assert (
            "Fait à Lyon, le 16\xa0février\xa02026, en deux exemplaires originaux, "
            "dont un pour chaque "
            "Partie." in text
        )
        assert "| Pour le Client | Pour le Prestataire |" in text
        assert "| Nom\u202f: Sophie Garnier | Nom\u202f: Marc Lefèvre |" in text
        assert "| Qualité\u202f: Présidente | Qualité\u202f: Directeur général |" in text
        assert text.count("«\u202fLu et approuvé\u202f»") == 2
        en = _contract(lang="en").text
        assert "Signed at Lyon on February 16, 2026, in two originals" in en
        assert "Lu et approuvé" not in en
        html = _contract(format="html").text
        assert html.count('<div class="vg-signature" id="signature-') == 2
        assert "<h3>Pour le Client</h3>" in html

    def test_unsigned_contract_leaves_blanks_to_fill(self) -> None:
        mission = _minimal()
        text = render(mission, "contract").text
        assert "Fait à ……………………, le ……………………, en deux exemplaires" in text

    def test_issue_date_only_when_given(self) -> None:
        assert "Date d'émission" not in _contract().text
        assert (
            "- **Date d'émission\u202f:** 16\xa0février\xa02026"
            in _contract(at=dt.date(2026, 2, 16)).text
        )


# -- escaping -------------------------------------------------------------------------------
def _clause_mission(make: Any) -> vendorgov.Mission:
    """The community mission (every kind of clause) with every free text from ``make``."""
    mission: vendorgov.Mission = _transform(examples.demo_mission("community"), make, [0])
    return mission


@pytest.fixture(scope="module")
def hostile() -> vendorgov.Mission:
    return _clause_mission(_hostile_text)


@pytest.fixture(scope="module")
def plain() -> vendorgov.Mission:
    return _clause_mission(_plain_text)


class TestHostileData:
    """Hostile strings in every free text, clauses included: nothing becomes markup."""

    def test_the_clauses_are_hostile(self, hostile: vendorgov.Mission) -> None:
        contract = hostile.contract
        assert contract is not None
        assert contract.ip is not None
        assert "<script>" in contract.reference
        assert "<script>" in contract.custom_clauses[0].title
        assert "<script>" in contract.custom_clauses[0].text
        assert all("**bold**" in right for right in contract.ip.rights)
        assert "<script>" in contract.governing_law.courts
        assert contract.termination is not None
        assert "<script>" in contract.termination.text

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_html_structure_is_unchanged(
        self, hostile: vendorgov.Mission, plain: vendorgov.Mission, lang: str
    ) -> None:
        bad = render(hostile, "contract", lang=lang, format="html").text
        good = render(plain, "contract", lang=lang, format="html").text
        bad_shape, good_shape = _html_shape(bad), _html_shape(good)
        assert bad_shape.tags == good_shape.tags
        assert "script" not in bad_shape.tags
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bad
        text = "".join(bad_shape.text)
        for raw in HOSTILE[:9]:
            assert raw in text
        assert _articles(bad, "html") != []
        assert [n for n, _ in _articles(bad, "html")] == [n for n, _ in _articles(good, "html")]

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_markdown_structure_is_unchanged(
        self, hostile: vendorgov.Mission, plain: vendorgov.Mission, lang: str
    ) -> None:
        bad = render(hostile, "contract", lang=lang, format="md").text
        good = render(plain, "contract", lang=lang, format="md").text
        assert _markdown_shape(bad) == _markdown_shape(good)
        count = Counter(token.type for token in _MARKDOWN.parse(bad))
        assert count == Counter(token.type for token in _MARKDOWN.parse(good))
        assert [line.count(" | ") for line in bad.splitlines() if line.startswith("|")] == [
            line.count(" | ") for line in good.splitlines() if line.startswith("|")
        ]
        for fragment in (r"\<script\>", r"\*\*bold\*\*", r"\_x\_", r"\| a \| b \|", r"\`code\`"):
            assert fragment in bad
        seen = _markdown_text(bad)
        for raw in HOSTILE[:9]:
            assert raw in seen
        assert [n for n, _ in _articles(bad, "md")] == [n for n, _ in _articles(good, "md")]

    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_jinja_in_data_is_never_evaluated(
        self, hostile: vendorgov.Mission, lang: str, fmt: str
    ) -> None:
        text = render(hostile, "contract", lang=lang, format=fmt).text
        seen = "".join(_html_shape(text).text) if fmt == "html" else _markdown_text(text)
        seen = seen.replace("\u00a0", " ")  # phone numbers print on one line
        shown = seen.count("**bold**")
        assert shown > 20
        assert seen.count("{{ 7*7 }}") == seen.count("{% raw %}") == shown


# -- draft mode and missing values ----------------------------------------------------------
class TestMissingValues:
    def test_mission_without_contract_is_refused(self) -> None:
        mission = attrs.evolve(examples.demo_mission("logistique"), contract=None)
        with pytest.raises(ValidationError) as caught:
            render(mission, "contract")
        assert [d.path for d in caught.value.errors] == ["contract"]
        assert "draft=True" in caught.value.errors[0].message

    @pytest.mark.parametrize(
        ("lang", "placeholder"),
        [
            ("fr", "[À COMPLÉTER\u202f: contract.reference]"),
            ("en", "[TO BE COMPLETED: contract.reference]"),
        ],
    )
    def test_missing_reference_strict_and_draft(self, lang: str, placeholder: str) -> None:
        mission = examples.demo_mission("logistique")
        assert mission.contract is not None
        mission = attrs.evolve(mission, contract=_unvalidated(mission.contract, reference=""))
        for fmt in ("md", "html"):
            with pytest.raises(ValidationError) as caught:
                render(mission, "contract", lang=lang, format=fmt)
            assert [d.path for d in caught.value.errors] == ["contract.reference"]
        md = render(mission, "contract", lang=lang, draft=True)
        assert md.missing == ("contract.reference",)
        label = "Référence\u202f:" if lang == "fr" else "Reference:"
        assert f"- **{label}** {placeholder}" in md.text
        page = render(mission, "contract", lang=lang, format="html", draft=True)
        assert f'<mark class="vg-missing">{placeholder}</mark>' in page.text
        assert f"— {placeholder}</title>" in page.text  # plain text in the <title>
        assert 'class="vg-draft"' in page.text
        assert "vg-draft-banner" in page.text

    def test_incomplete_ip_assignment_names_each_missing_field(self) -> None:
        mission = _with_contract(
            examples.demo_mission("community"),
            ip=IpAssignment(rights=("reproduction",), territory="France"),
        )
        with pytest.raises(ValidationError) as caught:
            render(mission, "contract")
        assert [d.path for d in caught.value.errors] == [
            "contract.ip.purpose",
            "contract.ip.duration",
        ]
        draft = render(mission, "contract", lang="en", draft=True)
        assert "- **Purpose:** [TO BE COMPLETED: contract.ip.purpose]" in draft.text
        assert draft.missing == ("contract.ip.purpose", "contract.ip.duration")

    def test_a_contract_without_fees_is_refused(self) -> None:
        with pytest.raises(ValidationError) as caught:
            render(_minimal(fees=()), "contract")
        assert [d.path for d in caught.value.errors] == ["contract.fees"]

    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_draft_of_a_mission_without_contract(self, lang: str, fmt: str) -> None:
        mission = minimal_mission()
        doc = render(mission, "contract", lang=lang, format=fmt, draft=True)
        assert "contract" in doc.missing
        assert "contract.reference" in doc.missing
        word = "À COMPLÉTER" if lang == "fr" else "TO BE COMPLETED"
        assert f"[{word}" in doc.text
        numbers = [number for number, _ in _articles(doc.text, fmt)]
        assert numbers == list(range(1, len(numbers) + 1))
        assert len(numbers) == 5  # object, governance, fees, term, governing law


# -- determinism, sandbox, package data -----------------------------------------------------
_PRINT_HASHES = """
import json, vendorgov
out = {}
for mission in vendorgov.examples.demo_missions():
    for lang in ("fr", "en"):
        for fmt in ("md", "html"):
            doc = vendorgov.render(mission, "contract", lang=lang, format=fmt)
            out[f"{mission.key}.{lang}.{fmt}"] = doc.sha256
print(json.dumps(out))
"""


class TestDeterminism:
    def test_twice_gives_the_same_bytes(self) -> None:
        for key in DEMOS:
            mission = examples.demo_mission(key)
            for lang, fmt in VARIANTS:
                first = render(mission, "contract", lang=lang, format=fmt)
                again = render(examples.demo_mission(key), "contract", lang=lang, format=fmt)
                assert first.text == again.text
                assert first == again

    def test_same_bytes_under_another_timezone_and_locale(self) -> None:
        here = {
            f"{key}.{lang}.{fmt}": render(
                examples.demo_mission(key), "contract", lang=lang, format=fmt
            ).sha256
            for key in DEMOS
            for lang, fmt in VARIANTS
        }
        env = os.environ | {
            "TZ": "Pacific/Auckland",
            "LANG": "ja_JP.UTF-8",
            "LC_ALL": "ja_JP.UTF-8",
            "PYTHONHASHSEED": "4321",
        }
        result = subprocess.run(
            [sys.executable, "-c", _PRINT_HASHES],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == here

    def test_built_in_templates_run_in_the_sandbox(self) -> None:
        for lang, fmt in VARIANTS:
            sandboxed = _contract("site_web", lang=lang, format=fmt, templates={"unused.j2": ""})
            assert sandboxed.text == _contract("site_web", lang=lang, format=fmt).text

    def test_templates_are_package_data(self) -> None:
        from importlib import resources

        root = resources.files("vendorgov") / "templates"
        for name in ("contract.md.j2", "contract.html.j2"):
            assert (root / "documents" / name).is_file()
        for lang in ("fr", "en"):  # drafted per language, not translated
            assert (root / "documents" / f"contract_body.{lang}.j2").is_file()
        assert (root / "common" / "contract_macros.j2").is_file()
        assert (root / "common" / "contract.css.j2").is_file()

    def test_a_user_can_override_the_words_of_one_language(self) -> None:
        templates = {"contract_body.fr.j2": "Contrat {{ contract.reference }}\n"}
        assert _contract(templates=templates).text.startswith("Contrat ML-2026-LOG-01\n")
        assert _contract(lang="en", templates=templates).text == _contract(lang="en").text
