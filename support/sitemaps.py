"""Sitemaps of the public development pages (merged into /sitemap.xml)."""

from django.contrib.sitemaps import Sitemap

SITEMAPS: dict[str, type[Sitemap]] = {}
