"""Public pages of the development record: the activity calendar and its feed."""

urlpatterns: list = []
