"""Personal data: the processing agreement a processor signs (GDPR art. 28)."""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from vendorgov._model.kpi import text_problem
from vendorgov._model.validation import Model, problem
from vendorgov.exceptions import ErrorDetail

__all__ = [
    "DPA_ELEMENTS",
    "DataProcessing",
    "ProcessingEnd",
    "SubProcessor",
    "SubProcessorAuthorisation",
]


class SubProcessorAuthorisation(enum.StrEnum):
    """How the client authorises the processor's sub-processors (GDPR art. 28(2)).

    >>> SubProcessorAuthorisation("specific")
    <SubProcessorAuthorisation.SPECIFIC: 'specific'>
    """

    SPECIFIC = "specific"
    GENERAL = "general"


class ProcessingEnd(enum.StrEnum):
    """What becomes of the personal data at the end of the services (GDPR art. 28(3)(g)).

    >>> ProcessingEnd("return_then_delete")
    <ProcessingEnd.RETURN_THEN_DELETE: 'return_then_delete'>
    """

    DELETE = "delete"
    RETURN = "return"
    RETURN_THEN_DELETE = "return_then_delete"


@attrs.frozen(kw_only=True)
class SubProcessor(Model):
    """A sub-processor the processor engages, authorised by the client.

    >>> SubProcessor(name="OVHcloud", service="Hébergement", location="France").location
    'France'
    """

    name: str
    service: str = ""
    location: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.name, "name")
        if bad is not None:
            yield bad


@attrs.frozen(kw_only=True)
class DataProcessing(Model):
    """The data processing agreement, annexed to the contract (GDPR art. 28(3)).

    Each field is one element article 28(3) requires; an empty one is allowed here
    and flagged by the engine (finding ``DPA_INCOMPLETE``, one per element).

    Attributes:
        subject: The subject matter of the processing.
        duration: Its duration.
        nature: The nature of the processing (collection, storage, consultation...).
        purpose: Its purpose.
        data_types: The types of personal data.
        data_subjects: The categories of data subjects.
        instructions: How the client's documented instructions are given (28(3)(a)).
        confidentiality: The confidentiality commitment of the persons authorised (28(3)(b)).
        security_measures: The security measures of art. 32 (28(3)(c)).
        sub_processor_authorisation: Specific or general prior written authorisation of
            sub-processors (28(2), 28(3)(d)); ``None``: not stated.
        sub_processors: The sub-processors authorised (may be empty: none).
        assistance: How the processor assists the client with data subjects' requests
            and with arts. 32 to 36 (28(3)(e) and (f)).
        end_of_processing: Deletion or return of the data at the end (28(3)(g)).
        end_days: Days after the end of the services by which it is done.
        audits: Information and audits the processor allows (28(3)(h)).

    >>> DataProcessing(subject="Modération des messages des clients",
    ...                end_of_processing=ProcessingEnd.DELETE, end_days=30).end_days
    30
    """

    subject: str = ""
    duration: str = ""
    nature: str = ""
    purpose: str = ""
    data_types: tuple[str, ...] = ()
    data_subjects: tuple[str, ...] = ()
    instructions: str = ""
    confidentiality: str = ""
    security_measures: tuple[str, ...] = ()
    sub_processor_authorisation: SubProcessorAuthorisation | None = None
    sub_processors: tuple[SubProcessor, ...] = ()
    assistance: str = ""
    end_of_processing: ProcessingEnd | None = None
    end_days: int | None = None
    audits: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.end_days is not None and not 0 <= self.end_days <= 3650:
            yield problem("end_days", f"must be between 0 and 3650, got {self.end_days}")

    def missing(self) -> tuple[str, ...]:
        """The elements of art. 28(3) the agreement leaves out, in `DPA_ELEMENTS` order.

        >>> DataProcessing(subject="Messages", duration="Durée du contrat").missing()[:2]
        ('nature', 'purpose')
        """
        present = {
            "subject": bool(self.subject.strip()),
            "duration": bool(self.duration.strip()),
            "nature": bool(self.nature.strip()),
            "purpose": bool(self.purpose.strip()),
            "data_types": any(item.strip() for item in self.data_types),
            "data_subjects": any(item.strip() for item in self.data_subjects),
            "instructions": bool(self.instructions.strip()),
            "confidentiality": bool(self.confidentiality.strip()),
            "security_measures": any(item.strip() for item in self.security_measures),
            "sub_processors": self.sub_processor_authorisation is not None,
            "assistance": bool(self.assistance.strip()),
            "end_of_processing": self.end_of_processing is not None,
            "audits": bool(self.audits.strip()),
        }
        return tuple(element for element in DPA_ELEMENTS if not present[element])


DPA_ELEMENTS: tuple[str, ...] = (
    "subject",
    "duration",
    "nature",
    "purpose",
    "data_types",
    "data_subjects",
    "instructions",
    "confidentiality",
    "security_measures",
    "sub_processors",
    "assistance",
    "end_of_processing",
    "audits",
)
"""The elements GDPR art. 28(3) requires of a processing agreement, in the article's order."""
