from django.urls import path

from onlinefriday.merchants import deal_views, views

app_name = "merchants"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/verify/<str:token>/", views.verify, name="verify"),
    path("register/new-link/", views.resend_verification, name="resend-verification"),
    path("merchant/", views.area, name="area"),
    path("merchant/invite/", views.invite, name="invite"),
    path("merchant/deals/", deal_views.deal_list, name="deals"),
    path("merchant/deals/<slug:festival>/new/", deal_views.deal_new, name="deal-new"),
    path("merchant/deals/<int:pk>/", deal_views.deal_edit, name="deal-edit"),
]
