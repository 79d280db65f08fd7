from django.urls import path

from onlinefriday.dashboard.merchants import views

app_name = "merchants"
urlpatterns = [
    path("", views.merchant_list, name="list"),
    path("decide/", views.bulk_decide, name="bulk"),
    path("<int:pk>/", views.merchant_detail, name="detail"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/reject/", views.reject, name="reject"),
]
