"""The write API's tests run in the rights-matrix world of tests/conftest.py, the one where the
owner agency's editor works for that agency only (so may leave `owner_agency` out); `client_of`
is there too."""
