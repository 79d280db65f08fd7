from django.urls import path

from onlinefriday.dashboard.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", views.partner_create, name="create"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/merchants/", views.partner_merchants, name="merchants"),
    path("<int:pk>/keys/", views.key_create, name="key-create"),
    path("<int:pk>/keys/<int:key_pk>/revoke/", views.key_revoke, name="key-revoke"),
]
