"""Plain values shared by the browser tests and their conftest."""

#: The phone the pages are tried on: a small Android screen, in CSS pixels.
PHONE = {"width": 360, "height": 740}
