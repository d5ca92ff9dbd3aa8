"""Fault-injection tests: the portal against real failures of the services it depends on."""
