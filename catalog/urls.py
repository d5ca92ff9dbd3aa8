from django.urls import path

from catalog.views import public

urlpatterns = [
    path("", public.home, name="home"),
]
