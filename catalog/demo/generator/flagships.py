"""A handful of flagship designations in the generated catalogue: an approved nomination with
its public trail (nominate, submit, recommend, approve) and a designation current today."""

from datetime import timedelta

from catalog.models import Designation, Nomination, NominationEvent

LEADING_SECTOR = "dinas-koperasi-ukm"
STEPS = [  # action, from state, to state, days after the nomination
    ("nominate", "", "draft", 0),
    ("submit", "draft", "submitted", 3),
    ("recommend", "submitted", "recommended", 20),
    ("approve", "recommended", "approved", 40),
]


def flagship_rows(rows, batch, product, number):
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
        "state": "approved",
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
                "agency_id": {"recommend": reviewer_agency, "approve": None}.get(action, agency),
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
