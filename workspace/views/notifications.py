"""A person's notifications: the inbox (unread first), marking read, and the delivery they choose
per kind. Every query starts from `Notification.objects.of(user)`: another person's notification
is a 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from notifications.forms import PreferencesForm
from notifications.models import Notification
from umkm_portal.signed_in import SignedInHttpRequest

from .helpers import posted, redirect_back, workspace_action, workspace_page

PAGE_SIZE = 30


@workspace_page
def inbox(request: SignedInHttpRequest) -> HttpResponse:
    mine = Notification.objects.of(request.user)
    page = Paginator(mine.inbox_order(), PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(request, "workspace/notifications/inbox.html", {"page": page})


@workspace_action
def read(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; then to what it is about (`buka`), or back to the inbox."""
    notification = get_object_or_404(Notification.objects.of(request.user), pk=pk)
    Notification.objects.filter(pk=notification.pk).mark_read()
    if request.POST.get("buka") and notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect_back(request, "workspace-notifications")


@workspace_action
def read_all(request: SignedInHttpRequest) -> HttpResponse:
    count = Notification.objects.of(request.user).mark_read()
    messages.success(request, _("%(count)s notifications marked read.") % {"count": count})
    return redirect("workspace-notifications")


@workspace_page
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(posted(request), user=request.user)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings are saved."))
        return redirect("workspace-notification-settings")
    return render(request, "workspace/notifications/preferences.html", {"form": form})
