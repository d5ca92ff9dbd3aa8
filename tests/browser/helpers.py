"""Plain values shared by the browser tests and their conftest."""

#: The phone the pages are tried on: a small Android screen, in CSS pixels.
PHONE = {"width": 360, "height": 740}


def open_workspace_menu(page) -> None:
    """On a phone the workspace navigation is one closed <details> ("Menu"): open it before
    following one of its links."""
    if page.locator("details.workspace-nav__menu").get_attribute("open") is None:
        page.locator(".workspace-nav__bar").click()
