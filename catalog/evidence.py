"""Evidence shown beside a nomination, supplied by the apps above the catalogue.

The catalogue cannot import the development record (`support` sits on top of it), yet a flagship
reviewer must score with the business's stage coverage and latest support in view. `support`
registers a provider here when it starts; the nomination page, its API answer and its berita
acara read `for_business`, which is empty when no provider is installed."""

from collections.abc import Callable
from typing import Any

Provider = Callable[[Any], dict[str, Any]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def for_business(business) -> dict[str, Any]:
    """The merged evidence of every provider for this business ({} without one)."""
    evidence: dict[str, Any] = {}
    for provider in _providers:
        evidence.update(provider(business))
    return evidence
