"""/ruang-kerja/: pages of the development record (filled by its part)."""

urlpatterns: list = []
