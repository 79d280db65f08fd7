"""Goods categories shoppers browse by, and the categories of goods that may not be promoted
(Decree 81/2018/NĐ-CP Art. 5: alcohol, tobacco, human medicines, breast-milk substitutes), so
that the compliance rules have somewhere to find them."""

from django.db import migrations

CATEGORIES = [
    ("dien-thoai-may-tinh-bang", "Điện thoại & Máy tính bảng", "Phones & Tablets"),
    ("may-tinh-laptop", "Máy tính & Laptop", "Computers & Laptops"),
    ("dien-tu-dien-lanh", "Điện tử & Điện lạnh", "Electronics & Cooling"),
    ("thiet-bi-gia-dung", "Thiết bị gia dụng", "Home Appliances"),
    ("thoi-trang-nu", "Thời trang nữ", "Women's Fashion"),
    ("thoi-trang-nam", "Thời trang nam", "Men's Fashion"),
    ("giay-dep-tui-xach", "Giày dép & Túi xách", "Shoes & Bags"),
    ("me-be", "Mẹ & Bé", "Mother & Baby"),
    ("suc-khoe-lam-dep", "Sức khỏe & Làm đẹp", "Health & Beauty"),
    ("thuc-pham-do-uong", "Thực phẩm & Đồ uống", "Food & Drinks"),
    ("nong-san-dac-san", "Nông sản & Đặc sản vùng miền", "Farm Produce & Regional Specialities"),
    ("nha-cua-doi-song", "Nhà cửa & Đời sống", "Home & Living"),
    ("the-thao-da-ngoai", "Thể thao & Dã ngoại", "Sports & Outdoors"),
    ("sach-van-phong-pham", "Sách & Văn phòng phẩm", "Books & Stationery"),
    ("o-to-xe-may", "Ô tô – Xe máy", "Cars & Motorbikes"),
    ("do-choi", "Đồ chơi", "Toys"),
]
# Listed last; goods in them may not be promoted (Decree 81/2018 Art. 5).
RESTRICTED = [
    ("ruou-bia", "Rượu & Bia", "Alcohol"),
    ("thuoc-la", "Thuốc lá", "Tobacco"),
    ("thuoc-chua-benh", "Thuốc chữa bệnh", "Medicines for human use"),
    ("sua-thay-the-sua-me", "Sữa thay thế sữa mẹ", "Breast-milk substitutes"),
]
RESTRICTED_FIRST_POSITION = 90


def add_categories(apps, schema_editor):
    Category = apps.get_model("deals", "Category")
    positions = [
        *enumerate(CATEGORIES, start=1),
        *enumerate(RESTRICTED, start=RESTRICTED_FIRST_POSITION),
    ]
    for position, (slug, name, name_en) in positions:
        Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )


def remove_categories(apps, schema_editor):
    Category = apps.get_model("deals", "Category")
    Category.objects.filter(slug__in=[slug for slug, *_ in CATEGORIES + RESTRICTED]).delete()


class Migration(migrations.Migration):
    dependencies = [("deals", "0001_initial")]

    operations = [migrations.RunPython(add_categories, remove_categories)]
