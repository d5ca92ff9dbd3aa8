"""The development record's workflow functions. Pages and the API call these and nothing else
to write: each checks the right (403), then the state (409), then the data (400), in one
transaction (umkm_portal.services)."""
