"""Routes of the development record API (filled by its part)."""

urlpatterns: list = []
