"""The client, the provider, and the people who speak for them."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator

import attrs

from vendorgov._model.kpi import text_problem
from vendorgov._model.validation import Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail

__all__ = ["Address", "Contact", "ContactRole", "Handover", "Party", "Side"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Side(enum.StrEnum):
    """Which side of the mission someone is on.

    >>> Side("client")
    <Side.CLIENT: 'client'>
    """

    CLIENT = "client"
    PROVIDER = "provider"


@attrs.frozen(kw_only=True)
class Address(Model):
    """A postal address.

    >>> Address(street="12 rue des Lilas", postal_code="69003", city="Lyon").country
    'FR'
    """

    street: str
    postal_code: str
    city: str
    country: str = "FR"

    def _problems(self) -> Iterator[ErrorDetail]:
        if not re.fullmatch(r"[A-Z]{2}", self.country):
            yield problem(
                "country",
                f"expected an ISO 3166 alpha-2 code like 'FR', got {excerpt(self.country)}",
            )


@attrs.frozen(kw_only=True)
class Party(Model):
    """The client (the shop) or a provider.

    Attributes:
        name: Legal name.
        legal_form: SAS, SARL, SA, Ltd...
        registration_id: SIREN or SIRET in France, company number elsewhere.
        registry: Where it is registered (``RCS Lyon``).
        vat_number: Intra-community VAT number.
        address: Registered office.
        representative: Who signs for it.
        representative_title: Their capacity (``Président``).
        email_domain: The domain of its e-mail addresses (``boutique.fr``).

    >>> Party(name="Maison Lumière SAS").legal_form
    ''
    """

    name: str
    legal_form: str = ""
    registration_id: str = ""
    registry: str = ""
    vat_number: str = ""
    address: Address | None = None
    representative: str = ""
    representative_title: str = ""
    email_domain: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.name, "name")
        if bad is not None:
            yield bad
        digits = self.registration_id.replace(" ", "")
        if digits.isdigit() and len(digits) not in (9, 14) and self.registration_id:
            yield problem(
                "registration_id",
                f"a SIREN has 9 digits and a SIRET 14, "
                f"got {len(digits)} ({excerpt(self.registration_id)})",
            )


class ContactRole(enum.StrEnum):
    """The part a contact plays: exactly one primary per side.

    >>> ContactRole("primary")
    <ContactRole.PRIMARY: 'primary'>
    """

    PRIMARY = "primary"
    ESCALATION = "escalation"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Contact(Model):
    """A person on either side of the mission.

    The mission requires exactly one ``primary`` contact per side: the one
    person who follows the mission and checks that requirements and processes
    are respected.

    >>> Contact(name="Claire Martin", side=Side.CLIENT, role=ContactRole.PRIMARY,
    ...         title="Responsable e-commerce", email="claire@boutique.fr").side
    <Side.CLIENT: 'client'>
    """

    name: str
    side: Side
    role: ContactRole = ContactRole.OTHER
    title: str = ""
    email: str = ""
    phone: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.name, "name")
        if bad is not None:
            yield bad
        if self.email and not _EMAIL.fullmatch(self.email):
            yield problem("email", f"{excerpt(self.email)} is not an e-mail address")


@attrs.frozen(kw_only=True)
class Handover(Model):
    """A dated change of a side's primary point of contact.

    >>> import datetime as dt
    >>> Handover(on=dt.date(2027, 9, 1), side=Side.PROVIDER, previous="Paul Roux",
    ...          successor="Inès Haddad").successor
    'Inès Haddad'
    """

    on: dt.date
    side: Side
    previous: str
    successor: str
    note: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        for name in ("previous", "successor"):
            bad = text_problem(getattr(self, name), name)
            if bad is not None:
                yield bad
        if self.previous.strip() and self.previous == self.successor:
            yield problem("successor", "must differ from the previous contact")
