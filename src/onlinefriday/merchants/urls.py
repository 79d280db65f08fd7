from django.urls import path

from onlinefriday.merchants import views

app_name = "merchants"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/verify/<str:token>/", views.verify, name="verify"),
    path("register/new-link/", views.resend_verification, name="resend-verification"),
    path("merchant/", views.area, name="area"),
    path("merchant/invite/", views.invite, name="invite"),
]
