"""/accounts/: signing in and out, changing and resetting a password. Never cached."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.decorators.cache import never_cache

from workspace.views import accounts

urlpatterns = [
    path("login/", never_cache(accounts.SignInView.as_view()), name="login"),
    path("logout/", never_cache(accounts.SignOutView.as_view()), name="logout"),
    path(
        "password/",
        never_cache(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "password/done/",
        never_cache(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        never_cache(accounts.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "password/reset/done/",
        never_cache(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        never_cache(accounts.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        never_cache(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
