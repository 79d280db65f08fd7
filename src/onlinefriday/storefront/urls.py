from django.urls import path

from onlinefriday.storefront import views

app_name = "storefront"
urlpatterns = [
    path("", views.home, name="home"),
    path("danh-muc/<slug:slug>/", views.category, name="category"),
    path("san/<slug:code>/", views.platform, name="platform"),
    path("tim-kiem/", views.search, name="search"),
    path("uu-dai/<int:pk>/", views.deal, name="deal"),
]
