"""The festival rules merchants accept when they register (version 2021.1)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import migrations

VERSION = "2021.1"
TEXT = """\
1. Chỉ đăng ký sản phẩm chính hãng, có nguồn gốc xuất xứ rõ ràng; khai báo nước xuất xứ và cam kết
   hàng chính hãng cho từng sản phẩm.
2. Mức giảm giá được tính trên giá bán ngay trước thời gian khuyến mại và không vượt mức tối đa
   của chương trình (100% với chương trình khuyến mại tập trung, 50% với chương trình thông thường;
   Nghị định 81/2018/NĐ-CP, sửa đổi bởi Nghị định 128/2024/NĐ-CP).
3. Giá trước khuyến mại không cao hơn giá thấp nhất đã áp dụng trong 30 ngày trước khi giảm giá.
4. Không khuyến mại hàng hóa bị cấm khuyến mại (rượu, thuốc lá, xổ số, sản phẩm thay thế sữa mẹ,
   thuốc chữa bệnh cho người, ...) theo Điều 5 Nghị định 81/2018/NĐ-CP.
5. Thông tin doanh nghiệp (mã số thuế, người đại diện, địa chỉ, điện thoại) là thật và được cập
   nhật; Ban tổ chức có quyền từ chối hoặc gỡ ưu đãi vi phạm.
"""


def add_rules(apps, schema_editor):
    apps.get_model("merchants", "RulesVersion").objects.get_or_create(
        version=VERSION,
        defaults={
            "title": "Thể lệ Online Friday 2021",
            "text": TEXT,
            "published_at": datetime(2021, 11, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        },
    )


def remove_rules(apps, schema_editor):
    apps.get_model("merchants", "RulesVersion").objects.filter(version=VERSION).delete()


class Migration(migrations.Migration):
    dependencies = [("merchants", "0003_identity_history_users_partners")]
    operations = [migrations.RunPython(add_rules, remove_rules)]
