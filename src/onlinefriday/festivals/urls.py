app_name = "festivals"
urlpatterns: list = []
