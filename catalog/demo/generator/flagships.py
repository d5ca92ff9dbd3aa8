"""A handful of flagship designations in the generated catalogue: an approved nomination with
its public trail (nominate, submit, recommend, approve) and a designation current today."""

from datetime import timedelta
from typing import TYPE_CHECKING

from catalog.models import Designation, Nomination, NominationEvent

if TYPE_CHECKING:
    from .rows import Batch, CatalogueRows, Row

LEADING_SECTOR = "dinas-koperasi-ukm"
A, S = NominationEvent.Action, Nomination.State
STEPS = [  # action, from state, to state, days after the nomination
    (A.NOMINATE, "", S.DRAFT, 0),
    (A.SUBMIT, S.DRAFT, S.SUBMITTED, 3),
    (A.RECOMMEND, S.SUBMITTED, S.RECOMMENDED, 20),
    (A.APPROVE, S.RECOMMENDED, S.APPROVED, 40),
]


def flagship_rows(rows: "CatalogueRows", batch: "Batch", product: "Row", number: int) -> None:
    """Adds the rows of flagship `number` for `product` to `batch` (`rows`: the CatalogueRows)."""
    user, agency = rows.refs.user_id, product["owner_agency_id"]
    reviewer_agency = rows.refs.agencies.get(LEADING_SECTOR, agency)
    start = rows.anchor - timedelta(days=160)
    nomination = {
        "id": rows.next_id(Nomination),
        "product_id": product["id"],
        "agency_id": agency,
        "justification": f"{product['name']} memakai bahan baku lokal dan dipasarkan rutin.",
        "evidence": "Data penjualan 12 bulan terakhir.",
        "state": S.APPROVED,
        "created_by_id": user,
        "submitted_by_id": user,
        "submitted_at": start + timedelta(days=3),
        "created_at": start,
        "updated_at": start + timedelta(days=40),
    }
    batch.add(Nomination, nomination)
    for action, from_state, to_state, days in STEPS:
        batch.add(
            NominationEvent,
            {
                "id": rows.next_id(NominationEvent),
                "nomination_id": nomination["id"],
                "action": action,
                "from_state": from_state,
                "to_state": to_state,
                "actor_id": user,
                "agency_id": {A.RECOMMEND: reviewer_agency, A.APPROVE: None}.get(action, agency),
                "comment": "",
                "created_at": start + timedelta(days=days),
            },
        )
    valid_from = rows.today - timedelta(days=120)
    batch.add(
        Designation,
        {
            "id": rows.next_id(Designation),
            "product_id": product["id"],
            "nomination_id": nomination["id"],
            "year": valid_from.year,
            "valid_from": valid_from,
            "valid_until": valid_from + timedelta(days=364),
            "decree_number": f"188.44/{500 + number}/DKUKM/{valid_from.year}",
            "decree_file": "",
            "approved_by_id": user,
            "approved_at": start + timedelta(days=40),
            "revocation_reason": "",
        },
    )
