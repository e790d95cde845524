"""The floor the page benchmark measures against: a bare Django view behind Django's default
middleware (``startproject``'s MIDDLEWARE), served by the same gunicorn as the project.

Used as both settings module and URL conf (``DJANGO_SETTINGS_MODULE=bench.floor``) and as
the WSGI module (``gunicorn bench.floor:application``).
"""

from __future__ import annotations

import os

from django.http import HttpRequest, HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = "bench-floor-only-serves-one-static-text"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.floor"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_FLOOR_DB", ":memory:"),
    }
}
USE_TZ = True


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hallo.", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", hello)]

if os.environ.get("DJANGO_SETTINGS_MODULE") == "bench.floor":
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
