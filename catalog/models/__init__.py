from .business import Business
from .flagship import (
    Assessment,
    AssessmentScore,
    Designation,
    Nomination,
    NominationEvent,
)
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
    "Nomination",
    "NominationEvent",
    "Product",
    "ProductImage",
    "ProductLink",
    "Region",
]
