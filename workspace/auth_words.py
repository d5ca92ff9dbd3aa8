"""Django's own sign-in and password messages, in the portal's words.

Django's Indonesian catalogue says "sandi" where the portal says "kata sandi", and its sign-in
error puts the username field's name after "nama pengguna" ("Masukkan nama pengguna nama pengguna
…"). Listed here, these messages are in the portal's own catalogue, which Django reads before its
own (LOCALE_PATHS), so a sentence reads the same on the sign-in, password and invitation pages.
Only the messages those pages show are listed; the admin keeps Django's words."""

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = [
    gettext_noop("Password"),
    gettext_noop("Password confirmation"),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive."
    ),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Old password"),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
]
PLURALS = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
]
