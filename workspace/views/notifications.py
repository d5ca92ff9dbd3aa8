"""A person's notifications: the inbox (unread first), opening one, marking read, and how they want
them delivered. Every query starts from `Notification.objects.of(user)`: another person's
notification is a 404. Marking read is a POST (a form with a button), never a GET, so that a link
prefetched or followed by another site changes nothing."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.pagination import CappedPaginator
from notifications.forms import PreferencesForm
from notifications.models import Notification
from umkm_portal.signed_in import SignedInHttpRequest

from .helpers import GET_OR_POST, posted, redirect_back, workspace_action, workspace_page

PAGE_SIZE = 30


@workspace_page
def inbox(request: SignedInHttpRequest) -> HttpResponse:
    mine = Notification.objects.of(request.user).inbox_order()
    page = CappedPaginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workspace/notifications/inbox.html", {"page": page})


@workspace_action
def read(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; then to what it is about (`buka`), or back where the form was."""
    notification = get_object_or_404(Notification.objects.of(request.user), pk=pk)
    Notification.objects.filter(pk=notification.pk).mark_read()
    if request.POST.get("buka") and _inside_the_portal(request, notification.link):
        return redirect(notification.link)
    messages.success(request, _("Marked read: %(title)s") % {"title": notification.title})
    return redirect_back(request, "workspace-notifications")


def _inside_the_portal(request: SignedInHttpRequest, link: str) -> bool:
    """A path of this portal: the links are written by the portal's own code, but a redirect is
    only ever made to this host."""
    return link.startswith("/") and url_has_allowed_host_and_scheme(
        link, allowed_hosts={request.get_host()}
    )


@workspace_action
def read_all(request: SignedInHttpRequest) -> HttpResponse:
    count = Notification.objects.of(request.user).mark_read()
    messages.success(
        request,
        ngettext(
            "%(count)s notification marked read.", "%(count)s notifications marked read.", count
        )
        % {"count": count},
    )
    return redirect("workspace-notifications")


@workspace_page
@GET_OR_POST
def preferences(request: SignedInHttpRequest) -> HttpResponse:
    form = PreferencesForm(posted(request), user=request.user)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings are saved."))
        return redirect("workspace-notification-settings")
    return render(request, "workspace/notifications/preferences.html", {"form": form})
