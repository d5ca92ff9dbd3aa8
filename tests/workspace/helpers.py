"""Plain helpers of the workspace page tests (the world itself is a fixture: tests/conftest.py,
extended in tests/workspace/conftest.py)."""

from django.contrib.messages import get_messages
from django.urls import reverse

#: The signed-in columns of the rights matrix that the workspace pages are tried with.
PEOPLE = [
    "owner_editor",
    "collab_editor",
    "other_editor",
    "reviewer",
    "invited_manager",
    "administrator",
]


def url(name, *args):
    return reverse(name, args=args)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def as_user(client, world, who):
    """`client`, signed in as `world.people[who]` (left anonymous for "anonymous")."""
    if who != "anonymous":
        client.force_login(world.people[who])
    return client


def assert_sent_to_login(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def edited(product, **changes):
    """The product form's data for `product` as it is, with `changes`."""
    data = {
        "name": product.name,
        "category": product.category_id,
        "price_min": product.price_min,
        "price_max": product.price_max,
        "unit": product.unit,
        "summary": "Lada putih pilihan dari Muntok.",
    }
    data.update(changes)
    return data
