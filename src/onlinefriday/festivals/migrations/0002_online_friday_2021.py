"""Online Friday 2021 as the press release of 26/11/2021 announced it (shared/seed/).

Only what the release states: the 60-hour window, National E-commerce Week and its named events.
The events' times, places and links were not published, so they stay empty ("to be announced");
registration dates were not published either.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import migrations

SLUG = "online-friday-2021"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ORGANISER = "Cục Thương mại điện tử và Kinh tế số (Bộ Công Thương)"
EVENTS = [
    "Goonline Series 1: Công thức vận hành vận đơn 5 sao",
    "Lễ kích hoạt Tháng khuyến mại quốc gia 2021",
    "Hội thảo về Marketing Online",
]


def create_online_friday_2021(apps, schema_editor):
    Festival = apps.get_model("festivals", "Festival")
    ProgrammeEvent = apps.get_model("festivals", "ProgrammeEvent")
    festival = Festival.objects.create(
        slug=SLUG,
        name="Online Friday 2021 – Ngày mua sắm trực tuyến Việt Nam",
        starts_at=datetime(2021, 12, 3, 0, 0, tzinfo=VIETNAM),
        ends_at=datetime(2021, 12, 5, 12, 0, tzinfo=VIETNAM),
        promotion_kind="concentrated",
        programme_title="Tuần lễ Thương mại điện tử quốc gia 2021",
        programme_starts_on=date(2021, 11, 27),
        programme_ends_on=date(2021, 12, 4),
        description=(
            "Chương trình 60 giờ mua sắm lớn nhất trong năm diễn ra từ 0h00 thứ Sáu ngày "
            "03/12/2021 đến hết 12h00 ngày Chủ nhật 05/12/2021, với các chương trình giảm giá "
            "sâu độc quyền lên đến 100%."
        ),
    )
    ProgrammeEvent.objects.bulk_create(
        ProgrammeEvent(festival=festival, title=title, organiser=ORGANISER, position=position)
        for position, title in enumerate(EVENTS, start=1)
    )


def delete_online_friday_2021(apps, schema_editor):
    apps.get_model("festivals", "Festival").objects.filter(slug=SLUG).delete()


class Migration(migrations.Migration):
    dependencies = [("festivals", "0001_initial")]

    operations = [
        migrations.RunPython(create_online_friday_2021, delete_online_friday_2021),
    ]
