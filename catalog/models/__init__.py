from .business import Business
from .flagship import (
    Assessment,
    AssessmentScore,
    Designation,
    Nomination,
    NominationEvent,
)
from .idempotency import IdempotencyRecord
from .product import Certificate, Collaboration, Product, ProductImage, ProductLink
from .reference import Category, Criterion, Region

__all__ = [
    "Assessment",
    "AssessmentScore",
    "Business",
    "Category",
    "Certificate",
    "Collaboration",
    "Criterion",
    "Designation",
    "IdempotencyRecord",
    "Nomination",
    "NominationEvent",
    "Product",
    "ProductImage",
    "ProductLink",
    "Region",
]
