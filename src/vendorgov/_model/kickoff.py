"""Kickoff, collaborative tools and the provider's integration."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

from vendorgov._model.kpi import text_problem
from vendorgov._model.limits import instant_problem
from vendorgov._model.validation import Model, problem
from vendorgov.exceptions import ErrorDetail

__all__ = [
    "AgendaItem",
    "IntegrationKind",
    "IntegrationStep",
    "Kickoff",
    "Resource",
    "ResourceKind",
    "Tool",
    "ToolCategory",
    "Training",
]


def _dates_in_order(
    first: dt.date | None, second: dt.date | None, name: str, after: str
) -> Iterator[ErrorDetail]:
    if first is not None and second is not None and second < first:
        yield problem(name, f"must not be before {after} ({first.isoformat()})")


@attrs.frozen(kw_only=True)
class AgendaItem(Model):
    """One item of the kickoff meeting's agenda.

    >>> AgendaItem(title="Tour de table", minutes=15).owner
    ''
    """

    title: str
    minutes: int = 15
    owner: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.title, "title")
        if bad is not None:
            yield bad
        if not 1 <= self.minutes <= 600:
            yield problem("minutes", f"must be between 1 and 600, got {self.minutes}")


class ResourceKind(enum.StrEnum):
    """What the client hands over at the kickoff.

    >>> ResourceKind("document")
    <ResourceKind.DOCUMENT: 'document'>
    """

    DOCUMENT = "document"
    DATA = "data"
    ACCESS = "access"
    EQUIPMENT = "equipment"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Resource(Model):
    """A resource or document handed over to the provider.

    It is pending until ``handed_over_on`` is set; ``due`` says when it should be.

    >>> import datetime as dt
    >>> Resource(name="Charte graphique", kind=ResourceKind.DOCUMENT,
    ...          due=dt.date(2027, 3, 1)).handed_over_on is None
    True
    """

    name: str
    kind: ResourceKind = ResourceKind.DOCUMENT
    description: str = ""
    due: dt.date | None = None
    handed_over_on: dt.date | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.name, "name")
        if bad is not None:
            yield bad


@attrs.frozen(kw_only=True)
class Training(Model):
    """An internal training on the client's business processes.

    >>> import datetime as dt
    >>> Training(topic="Process retours", planned_on=dt.date(2027, 3, 3)).held_on is None
    True
    """

    topic: str
    planned_on: dt.date
    held_on: dt.date | None = None
    audience: str = ""
    trainer: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.topic, "topic")
        if bad is not None:
            yield bad


@attrs.frozen(kw_only=True)
class Kickoff(Model):
    """The kickoff meeting: agenda, resources handed over, trainings.

    Access to tools is tracked on each [`Tool`][vendorgov.Tool].

    >>> import datetime as dt
    >>> Kickoff(scheduled=dt.datetime(2027, 3, 1, 9, 30, tzinfo=dt.timezone.utc)).held_on is None
    True
    """

    scheduled: dt.datetime | None = None
    held_on: dt.date | None = None
    location: str = ""
    agenda: tuple[AgendaItem, ...] = ()
    resources: tuple[Resource, ...] = ()
    trainings: tuple[Training, ...] = ()

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.scheduled is None:
            return
        bad = instant_problem(self.scheduled, "scheduled")
        if bad is not None:
            yield bad
            return
        minutes = sum(item.minutes for item in self.agenda)
        try:
            ends = self.scheduled + dt.timedelta(minutes=minutes)
        except OverflowError:
            ends = None
        if ends is None or instant_problem(ends, "agenda") is not None:
            yield problem(
                "agenda",
                f"its {minutes} minutes from {self.scheduled.isoformat()} run too close to "
                "the end of the calendar (in UTC, a meeting must end by 9999-12-29)",
            )


class ToolCategory(enum.StrEnum):
    """Categories of collaborative tools.

    >>> ToolCategory("messaging")
    <ToolCategory.MESSAGING: 'messaging'>
    """

    MESSAGING = "messaging"
    VIDEO = "video"
    PROJECT_MANAGEMENT = "project_management"
    STORAGE = "storage"
    CALENDAR = "calendar"
    BRAINSTORMING = "brainstorming"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Tool(Model):
    """A collaborative tool shared with the provider, and the provider's access to it.

    >>> import datetime as dt
    >>> Tool(name="Slack", category=ToolCategory.MESSAGING,
    ...      access_granted_on=dt.date(2027, 3, 1)).access_revoked_on is None
    True
    """

    name: str
    category: ToolCategory
    url: str = ""
    access_granted_on: dt.date | None = None
    access_revoked_on: dt.date | None = None
    notes: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.name, "name")
        if bad is not None:
            yield bad
        if self.access_revoked_on is not None and self.access_granted_on is None:
            yield problem("access_revoked_on", "access cannot be revoked before it is granted")
        yield from _dates_in_order(
            self.access_granted_on, self.access_revoked_on, "access_revoked_on", "access_granted_on"
        )


class IntegrationKind(enum.StrEnum):
    """Steps that make a provider part of the team.

    >>> IntegrationKind("email_address")
    <IntegrationKind.EMAIL_ADDRESS: 'email_address'>
    """

    EMAIL_ADDRESS = "email_address"
    SEMINAR_INVITATION = "seminar_invitation"
    SITE_VISIT = "site_visit"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class IntegrationStep(Model):
    """A step integrating the provider: an e-mail address on the client's
    domain, an invitation to a seminar, a visit to the premises...

    >>> import datetime as dt
    >>> IntegrationStep(kind=IntegrationKind.SITE_VISIT, description="Visite de l'entrepôt",
    ...                 planned_on=dt.date(2027, 4, 2)).done_on is None
    True
    """

    kind: IntegrationKind
    description: str
    planned_on: dt.date
    done_on: dt.date | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.description, "description")
        if bad is not None:
            yield bad
