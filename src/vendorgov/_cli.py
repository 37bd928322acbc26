"""The ``vendorgov`` command line.

Each subcommand is a function ``(args, out) -> exit code`` registered in
:func:`_build_parser`; it imports what it needs when it runs, so that
``vendorgov --help`` stays fast. Exit codes: 0 on success, 2 on bad usage or
bad input, with a one-line error on standard error.

>>> main(["demo", "--lang", "en"])  # doctest: +ELLIPSIS
Demo portfolio: 3 missions of Maison Lumière SAS
...
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from decimal import Decimal

    from vendorgov import Contact, Mission, Money, Side

__all__ = ["main"]

_PROG = "vendorgov"
_WIDTH = 100  # wrap long texts to this many columns

_Handler = Callable[[argparse.Namespace, TextIO], int]


class _UsageError(Exception):
    """Bad command-line usage, reported on one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors on one line instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: error: {message} (see '{self.prog} --help')")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=_PROG,
        description="Steer the providers you outsource work to.",
    )
    # Options every subcommand shares; later subcommands add it to their parents.
    common = _Parser(add_help=False)
    common.add_argument(
        "--lang",
        choices=("fr", "en"),
        default="fr",
        help="language of the labels (default: fr); the data stays as written",
    )
    commands = parser.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )
    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="summarise the bundled demo portfolio",
        description=(
            "Summarise the three demo missions of Maison Lumière, the French online "
            "shop used throughout the documentation."
        ),
    )
    demo.set_defaults(handler=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (``sys.argv[1:]`` by default).

    Args:
        argv: The arguments, without the program name.

    Returns:
        The exit code: 0 on success, 2 on bad usage or bad input.

    >>> main(["demo", "--lang", "de"])
    2
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except SystemExit as done:  # --help prints and exits
        return done.code if isinstance(done.code, int) else 0
    handler: _Handler = args.handler
    try:
        return handler(args, sys.stdout)
    except BrokenPipeError:  # pragma: no cover - e.g. `vendorgov demo | head -1`
        sys.stderr.close()
        return 0
    except Exception as error:
        from vendorgov.exceptions import VendorgovError

        if not isinstance(error, VendorgovError):
            raise
        print(f"{_PROG} {args.command}: error: {_one_line(error)}", file=sys.stderr)
        return 2


def _one_line(error: Exception) -> str:
    from vendorgov.exceptions import ValidationError

    if isinstance(error, ValidationError) and error.errors:
        first = str(error.errors[0])
        more = len(error.errors) - 1
        text = f"{error.source}: {first}" if error.source else first
        return text + (f" (and {more} more)" if more else "")
    return str(error).splitlines()[0] if str(error) else type(error).__name__


# -- vendorgov demo -----------------------------------------------------------------
_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Portefeuille de démonstration : {count} missions de {clients}",
        "provider": "Prestataire",
        "activities": "Activités",
        "term": "Période",
        "term_value": "du {start} au {end}",
        "contacts": "Interlocuteurs",
        "escalation": "Escalade",
        "client": "client",
        "provider_side": "prestataire",
        "budget": "Budget",
        "budget_value": "{total} au total, {spent} facturés",
        "no_budget": "non renseigné",
        "kpis": "Indicateurs",
        "kpis_value": "{count}, objectif (seuil) par palier",
        "kpi": "Indicateur",
        "unit": "Unité",
        "measurements": "Mesures",
        "measurements_value": "{count}, du {first} au {last}",
        "reviews": "Points d'étape",
        "reviews_value": "{count}, dernier le {last}",
        "actions": "Actions ouvertes",
        "action_value": "{id}, échéance le {due}",
        "none": "aucun",
        "none_f": "aucune",
    },
    "en": {
        "title": "Demo portfolio: {count} missions of {clients}",
        "provider": "Provider",
        "activities": "Activities",
        "term": "Term",
        "term_value": "from {start} to {end}",
        "contacts": "Contacts",
        "escalation": "Escalation",
        "client": "client",
        "provider_side": "provider",
        "budget": "Budget",
        "budget_value": "{total} in total, {spent} invoiced",
        "no_budget": "not set",
        "kpis": "KPIs",
        "kpis_value": "{count}, target (threshold) per milestone",
        "kpi": "KPI",
        "unit": "Unit",
        "measurements": "Measurements",
        "measurements_value": "{count}, from {first} to {last}",
        "reviews": "Reviews",
        "reviews_value": "{count}, last on {last}",
        "actions": "Open actions",
        "action_value": "{id}, due on {due}",
        "none": "none",
        "none_f": "none",
    },
}

_KINDS: dict[str, dict[str, str]] = {
    "fr": {
        "logistics": "logistique",
        "community": "community management",
        "website": "site web",
        "customer_service": "service client",
        "content": "contenus",
        "other": "autre",
    },
    "en": {
        "logistics": "logistics",
        "community": "community management",
        "website": "website",
        "customer_service": "customer service",
        "content": "content",
        "other": "other",
    },
}


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from vendorgov import examples

    out.write(_render_portfolio(examples.demo_missions(), args.lang))
    return 0


def _render_portfolio(missions: Sequence[Mission], lang: str) -> str:
    labels = _LABELS[lang]
    clients = ", ".join(dict.fromkeys(mission.client.name for mission in missions))
    lines = [labels["title"].format(count=len(missions), clients=clients)]
    for mission in missions:
        lines.append("")
        lines.extend(_render_mission(mission, lang))
    return "\n".join(lines) + "\n"


def _render_mission(mission: Mission, lang: str) -> list[str]:
    import textwrap

    from vendorgov import ActionStatus, ContactRole, Side

    labels = _LABELS[lang]
    width = max(len(labels[name]) for name in _FIELD_LABELS) + 2
    lines = [f"{mission.key} — {mission.name}", "-" * len(f"{mission.key} — {mission.name}")]

    def field(label: str, values: Sequence[str]) -> None:
        first, *rest = values if values else [labels["none"]]
        lines.append(f"  {labels[label]:<{width}}{first}")
        lines.extend(f"  {'':<{width}}{value}" for value in rest)

    provider = mission.provider
    details = [provider.legal_form] if provider.legal_form else []
    if provider.address is not None:
        details.append(provider.address.city)
    field("provider", [provider.name + (f" ({', '.join(details)})" if details else "")])

    kinds = _KINDS[lang]
    colon = " : " if lang == "fr" else ": "  # French puts a space before the colon
    field(
        "activities",
        [
            f"{activity.name} [{kinds[activity.kind.value]}]"
            + (f"{colon}{_money(activity.budget, lang)}" if activity.budget is not None else "")
            for activity in mission.activities
        ],
    )
    field(
        "term",
        [labels["term_value"].format(start=mission.start.isoformat(), end=mission.end.isoformat())],
    )

    def side_name(side: Side) -> str:
        return labels["client"] if side is Side.CLIENT else labels["provider_side"]

    field(
        "contacts",
        [
            f"{side_name(side)}{colon}{_person(mission.primary_contact(side))}"
            for side in (Side.CLIENT, Side.PROVIDER)
        ],
    )
    escalation = [
        f"{side_name(contact.side)}{colon}{_person(contact)}"
        for side in (Side.CLIENT, Side.PROVIDER)
        for contact in mission.contacts
        if contact.side is side and contact.role is ContactRole.ESCALATION
    ]
    field("escalation", escalation)

    budgets = [activity.budget for activity in mission.activities if activity.budget is not None]
    if budgets:
        spent = sum((entry.amount for entry in mission.spend), _zero(mission.currency))
        field(
            "budget",
            [
                labels["budget_value"].format(
                    total=_money(sum(budgets, _zero(mission.currency)), lang),
                    spent=_money(spent, lang),
                )
            ],
        )
    else:
        field("budget", [labels["no_budget"]])

    field("kpis", [labels["kpis_value"].format(count=len(mission.kpis))] if mission.kpis else [])
    if mission.kpis:
        lines.extend(_kpi_table(mission, lang))

    if mission.measurements:
        days = sorted(measurement.on for measurement in mission.measurements)
        field(
            "measurements",
            [
                labels["measurements_value"].format(
                    count=len(days), first=days[0].isoformat(), last=days[-1].isoformat()
                )
            ],
        )
    else:
        field("measurements", [])
    if mission.reviews:
        last = max(review.on for review in mission.reviews)
        field(
            "reviews",
            [labels["reviews_value"].format(count=len(mission.reviews), last=last.isoformat())],
        )
    else:
        field("reviews", [])
    open_actions = sorted(
        (
            action
            for review in mission.reviews
            for action in review.corrective_actions
            if action.status is ActionStatus.OPEN
        ),
        key=lambda action: (action.due, action.id),
    )
    action_lines: list[str] = []
    for action in open_actions:
        action_lines.append(labels["action_value"].format(id=action.id, due=action.due.isoformat()))
        action_lines.extend(
            textwrap.wrap(
                action.description,
                width=_WIDTH - width - 2,
                initial_indent="  ",
                subsequent_indent="  ",
            )
        )
    field("actions", action_lines or [labels["none_f"]])
    return lines


_FIELD_LABELS = (
    "provider",
    "activities",
    "term",
    "contacts",
    "escalation",
    "budget",
    "kpis",
    "measurements",
    "reviews",
    "actions",
)


def _kpi_table(mission: Mission, lang: str) -> list[str]:
    from vendorgov import Direction

    labels = _LABELS[lang]
    dues = mission.milestone_dues()
    header = [labels["kpi"], labels["unit"], *(str(m.horizon) for m in mission.milestones)]
    subheader = ["", "", *(due.isoformat() for due in dues)]
    rows = [header, subheader]
    for kpi in mission.kpis:
        sign = ">=" if kpi.direction is Direction.HIGHER else "<="
        cells = [kpi.name, kpi.unit]
        for milestone in mission.milestones:
            target = milestone.target_for(kpi.key)
            cells.append(
                "-"
                if target is None
                else f"{sign} {_number(target.target, lang)} ({_number(target.threshold, lang)})"
            )
        rows.append(cells)
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    return [
        "    "
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _person(contact: Contact) -> str:
    return f"{contact.name} ({contact.title})" if contact.title else contact.name


def _zero(currency: str) -> Money:
    from vendorgov import Money

    return Money.zero(currency)


def _number(value: Decimal, lang: str) -> str:
    text = str(value)
    return text.replace(".", ",") if lang == "fr" else text


def _money(money: Money, lang: str) -> str:
    """``83 700,00 EUR`` in French, ``83,700.00 EUR`` in English (no locale lookup)."""
    amount = money.rounded().amount
    digits = money.minor_unit.as_tuple().exponent
    places = -digits if isinstance(digits, int) else 0
    text = f"{abs(amount):,.{places}f}"
    if lang == "fr":
        text = text.replace(",", " ").replace(".", ",")
    sign = "-" if amount < 0 else ""
    return f"{sign}{text} {money.currency}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
