from __future__ import annotations

from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("<int:pk>/", views.person_detail, name="person"),
]

# Person-centred planning: plan, goals, Weg-Weisung, subjective map (urls_plan.py).
from .urls_plan import plan_urlpatterns  # noqa: E402

urlpatterns += plan_urlpatterns
