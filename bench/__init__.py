"""The benchmark harness (`make bench`): the portal against a bare Django view, see README.md."""
