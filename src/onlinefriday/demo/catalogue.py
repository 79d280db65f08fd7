"""What the demo sells and who sells it: plain data for the generator.

Prices are typical Vietnamese retail prices in VND (2024-2026). Origins are ISO 3166 alpha-2.
Category slugs are those seeded by ``deals/migrations/0002_seed_categories.py``.
"""

from typing import NamedTuple


class ProductLine(NamedTuple):
    """One kind of product; a title is ``pattern`` filled with ``brand`` and one variant."""

    category: str
    pattern: str
    brand: str
    origin: str
    variants: tuple[tuple[str, int], ...]


P = ProductLine
PHONES = "dien-thoai-may-tinh-bang"
COMPUTERS = "may-tinh-laptop"
ELECTRONICS = "dien-tu-dien-lanh"
APPLIANCES = "thiet-bi-gia-dung"
WOMEN = "thoi-trang-nu"
MEN = "thoi-trang-nam"
SHOES_BAGS = "giay-dep-tui-xach"
BABY = "me-be"
BEAUTY = "suc-khoe-lam-dep"
FOOD = "thuc-pham-do-uong"
PRODUCE = "nong-san-dac-san"
HOME = "nha-cua-doi-song"
SPORTS = "the-thao-da-ngoai"
BOOKS = "sach-van-phong-pham"
VEHICLES = "o-to-xe-may"
TOYS = "do-choi"

# Goods that may not be promoted (Decree 81/2018 Art. 5); the rules that catch them come later.
ALCOHOL = "ruou-bia"
TOBACCO = "thuoc-la"
MEDICINES = "thuoc-chua-benh"
FORMULA = "sua-thay-the-sua-me"

# fmt: off
LINES: tuple[ProductLine, ...] = (
    P(PHONES, "Điện thoại {brand} {variant}", "Samsung", "VN", (
        ("Galaxy A55 5G 8GB/256GB", 9_990_000),
        ("Galaxy A16 4GB/128GB", 4_690_000),
        ("Galaxy S24 Ultra 12GB/256GB", 26_990_000),
        ("Galaxy Z Flip6 12GB/256GB", 23_990_000),
    )),
    P(PHONES, "Điện thoại {brand} {variant}", "Apple", "CN", (
        ("iPhone 15 128GB", 19_490_000),
        ("iPhone 15 Pro Max 256GB", 26_490_000),
        ("iPhone 16 Pro Max 256GB", 30_990_000),
        ("iPhone 13 128GB", 13_290_000),
    )),
    P(PHONES, "Điện thoại {brand} {variant}", "Xiaomi", "CN", (
        ("Redmi Note 13 6GB/128GB", 4_790_000),
        ("Xiaomi 14T 12GB/256GB", 12_990_000),
    )),
    P(PHONES, "Điện thoại {brand} {variant}", "OPPO", "VN", (
        ("Reno12 F 5G 8GB/256GB", 8_990_000),
        ("A79 5G 8GB/256GB", 6_490_000),
    )),
    P(PHONES, "Điện thoại phổ thông {brand} {variant}", "Masstel", "VN", (
        ("Izi 10 4G", 390_000),
        ("Fami 60 4G", 650_000),
    )),
    P(PHONES, "Máy tính bảng {brand} {variant}", "Apple", "CN", (
        ("iPad Gen 10 Wi-Fi 64GB", 8_990_000),
        ("iPad Air M2 11 inch 128GB", 16_490_000),
    )),
    P(PHONES, "Máy tính bảng {brand} {variant}", "Samsung", "VN", (
        ("Galaxy Tab S9 FE Wi-Fi 6GB/128GB", 8_490_000),
        ("Galaxy Tab A9+ 4GB/64GB", 4_990_000),
    )),
    P(COMPUTERS, "Laptop {brand} {variant}", "ASUS", "CN", (
        ("Vivobook 15 X1504VA i5-1335U/16GB/512GB", 14_990_000),
        ("ROG Strix G16 i7-13650HX/16GB/1TB RTX 4060", 36_990_000),
    )),
    P(COMPUTERS, "Laptop {brand} {variant}", "Dell", "CN", (
        ("Inspiron 15 3530 i5-1334U/8GB/512GB", 15_490_000),
        ("Latitude 3440 i5-1235U/8GB/256GB", 16_990_000),
    )),
    P(COMPUTERS, "Laptop {brand} {variant}", "Apple", "CN", (
        ("MacBook Air M2 13 inch 8GB/256GB", 22_990_000),
        ("MacBook Air M3 13 inch 16GB/512GB", 32_990_000),
    )),
    P(COMPUTERS, "Laptop {brand} {variant}", "Lenovo", "CN", (
        ("IdeaPad Slim 3 15IRH8 i5-13420H/16GB/512GB", 14_290_000),
        ("ThinkPad E14 Gen 5 i5-1335U/16GB/512GB", 19_990_000),
    )),
    P(COMPUTERS, "Màn hình {brand} {variant}", "LG", "VN", (
        ("24MR400 24 inch IPS 100Hz", 2_490_000),
        ("27UP600 27 inch 4K IPS", 6_990_000),
    )),
    P(COMPUTERS, "Máy tính để bàn {brand} {variant}", "CMS", "VN", (
        ("X-Media i5-12400/8GB/256GB", 11_990_000),
    )),
    P(COMPUTERS, "Chuột không dây {brand} {variant}", "Logitech", "CN", (
        ("M331 Silent Plus", 349_000),
        ("MX Master 3S", 2_490_000),
    )),
    P(COMPUTERS, "Bàn phím cơ {brand} {variant}", "E-Dra", "CN", (("EK387 Pro", 690_000),)),
    P(ELECTRONICS, "Smart Tivi {brand} {variant}", "Samsung", "VN", (
        ("4K 55 inch UA55DU7000", 11_490_000),
        ("4K 65 inch UA65DU8000", 17_990_000),
    )),
    P(ELECTRONICS, "Google Tivi {brand} {variant}", "Sony", "MY", (
        ("4K 55 inch KD-55X77L", 14_990_000),
    )),
    P(ELECTRONICS, "Google Tivi {brand} {variant}", "TCL", "VN", (
        ("4K 43 inch 43P635", 5_490_000),
    )),
    P(ELECTRONICS, "Máy lạnh {brand} {variant}", "Daikin", "VN", (
        ("Inverter 1 HP FTKB25XVMV", 10_490_000),
        ("Inverter 1.5 HP FTKB35XVMV", 13_290_000),
    )),
    P(ELECTRONICS, "Máy lạnh {brand} {variant}", "Panasonic", "MY", (
        ("Inverter 1.5 HP CU/CS-PU12AKH-8", 12_990_000),
    )),
    P(ELECTRONICS, "Tủ lạnh {brand} {variant}", "Panasonic", "VN", (
        ("Inverter 322 lít NR-BV360GKVN", 12_490_000),
    )),
    P(ELECTRONICS, "Tủ lạnh {brand} {variant}", "Aqua", "VN", (
        ("Inverter 189 lít AQR-T219FA", 5_290_000),
    )),
    P(ELECTRONICS, "Máy giặt {brand} {variant}", "LG", "VN", (
        ("Inverter 10 kg FV1410S4P", 9_490_000),
    )),
    P(ELECTRONICS, "Máy giặt {brand} {variant}", "Toshiba", "TH", (("8 kg AW-L905", 4_690_000),)),
    P(ELECTRONICS, "Loa bluetooth {brand} {variant}", "JBL", "CN", (
        ("Flip 6", 2_690_000),
        ("Charge 5", 3_990_000),
    )),
    P(ELECTRONICS, "Tai nghe không dây {brand} {variant}", "Sony", "CN", (
        ("WF-1000XM5", 5_490_000),
    )),
    P(APPLIANCES, "Nồi cơm điện {brand} {variant}", "Sunhouse", "VN", (
        ("1,8L SHD8602", 549_000),
        ("cao tần 1,5L SHD8955", 1_990_000),
    )),
    P(APPLIANCES, "Nồi cơm điện {brand} {variant}", "Cuckoo", "KR", (
        ("1,8L CR-1020F", 1_790_000),
    )),
    P(APPLIANCES, "Nồi cơm điện {brand} {variant}", "Toshiba", "TH", (
        ("1,8L RC-18JH2PV", 1_290_000),
    )),
    P(APPLIANCES, "Nồi chiên không dầu {brand} {variant}", "Sunhouse", "VN", (
        ("6L SHD4062", 1_290_000),
    )),
    P(APPLIANCES, "Nồi chiên không dầu {brand} {variant}", "Philips", "CN", (
        ("4,1L HD9252/90", 1_990_000),
    )),
    P(APPLIANCES, "Nồi chiên không dầu {brand} {variant}", "Lock&Lock", "CN", (
        ("5,2L EJF357", 1_490_000),
    )),
    P(APPLIANCES, "Quạt đứng {brand} {variant}", "Điện Cơ Thống Nhất", "VN", (
        ("Vinawind QĐ-400X", 590_000),
    )),
    P(APPLIANCES, "Quạt đứng {brand} {variant}", "Senko", "VN", (("DH1600", 350_000),)),
    P(APPLIANCES, "Máy lọc nước {brand} {variant}", "Karofi", "VN", (
        ("RO 10 lõi KAQ-U95", 6_990_000),
    )),
    P(APPLIANCES, "Máy lọc nước {brand} {variant}", "Kangaroo", "VN", (
        ("RO 10 lõi KG10A3", 4_990_000),
    )),
    P(APPLIANCES, "Bếp điện từ đôi {brand} {variant}", "Bosch", "ES", (
        ("PPI82560MS", 15_990_000),
    )),
    P(APPLIANCES, "Máy xay sinh tố {brand} {variant}", "Philips", "CN", (
        ("HR2221/00 1,5L", 890_000),
    )),
    P(WOMEN, "Váy liền {brand} {variant}", "IVY moda", "VN", (
        ("dáng xòe họa tiết hoa", 1_290_000),
        ("cổ V thắt eo", 1_090_000),
    )),
    P(WOMEN, "Đầm công sở {brand} {variant}", "Elise", "VN", (("cổ vuông tay lỡ", 990_000),)),
    P(WOMEN, "Áo dài lụa tơ tằm {brand} {variant}", "Vạn Phúc", "VN", (("in hoa sen", 1_850_000),)),
    P(WOMEN, "Áo thun nữ {brand} {variant}", "Uniqlo", "VN", (
        ("AIRism cổ tròn ngắn tay", 293_000),
    )),
    P(WOMEN, "Quần jeans nữ {brand} {variant}", "Canifa", "VN", (("ống suông", 499_000),)),
    P(WOMEN, "Quần jeans nữ {brand} {variant}", "Levi's", "BD", (
        ("720 High Rise Super Skinny", 1_499_000),
    )),
    P(MEN, "Áo sơ mi nam {brand} {variant}", "Việt Tiến", "VN", (
        ("dài tay", 450_000),
        ("ngắn tay kẻ sọc", 390_000),
    )),
    P(MEN, "Áo sơ mi nam {brand} {variant}", "An Phước", "VN", (("dài tay slim fit", 850_000),)),
    P(MEN, "Quần tây nam {brand} {variant}", "Việt Tiến", "VN", (("ống đứng", 550_000),)),
    P(MEN, "Quần tây nam {brand} {variant}", "Owen", "VN", (("slim fit", 620_000),)),
    P(MEN, "Áo polo nam {brand} {variant}", "Coolmate", "VN", (("Excool", 249_000),)),
    P(MEN, "Áo polo nam {brand} {variant}", "Lacoste", "PE", (("L.12.12 Classic Fit", 2_950_000),)),
    P(MEN, "Áo khoác gió nam {brand} {variant}", "Uniqlo", "VN", (("BlockTech", 1_471_000),)),
    P(SHOES_BAGS, "Giày thể thao {brand} {variant}", "Biti's", "VN", (("Hunter Street", 899_000),)),
    P(SHOES_BAGS, "Giày sneaker {brand} {variant}", "Ananas", "VN", (
        ("Basas Bumper Gum", 580_000),
    )),
    P(SHOES_BAGS, "Giày thể thao {brand} {variant}", "Nike", "VN", (
        ("Air Force 1 '07", 2_929_000),
    )),
    P(SHOES_BAGS, "Giày chạy bộ {brand} {variant}", "adidas", "VN", (
        ("Ultraboost Light", 4_600_000),
    )),
    P(SHOES_BAGS, "Dép quai ngang {brand} {variant}", "Biti's", "VN", (("Eva Phun", 189_000),)),
    P(SHOES_BAGS, "Balo laptop {brand} {variant}", "Mikkor", "VN", (
        ("The Norris 15,6 inch", 650_000),
    )),
    P(SHOES_BAGS, "Balo laptop {brand} {variant}", "Samsonite", "CN", (
        ("Vestor 15,6 inch", 2_450_000),
    )),
    P(SHOES_BAGS, "Túi xách nữ {brand} {variant}", "Vascara", "VN", (("đeo chéo da", 550_000),)),
    P(SHOES_BAGS, "Túi xách nữ {brand} {variant}", "Charles & Keith", "CN", (
        ("Koa chần bông", 1_890_000),
    )),
    P(BABY, "Tã quần {brand} {variant}", "Bobby", "VN", (("size L 68 miếng", 339_000),)),
    P(BABY, "Tã quần {brand} {variant}", "Huggies", "VN", (("Dry size XL 62 miếng", 365_000),)),
    P(BABY, "Tã quần {brand} {variant}", "Merries", "JP", (("size M 58 miếng", 389_000),)),
    P(BABY, "Bình sữa {brand} {variant}", "Pigeon", "JP", (("PPSU cổ rộng 240ml", 365_000),)),
    P(BABY, "Khăn ướt {brand} {variant}", "Mamamy", "VN", (("không hương 100 tờ", 38_000),)),
    P(BABY, "Xe đẩy em bé {brand} {variant}", "Seebaby", "CN", (("T08 gấp gọn", 1_990_000),)),
    # Growing-up milk for children over 24 months may be promoted; infant formula may not.
    P(BABY, "Sữa bột {brand} {variant}", "Vinamilk", "VN", (
        ("Dielac Grow Plus 2+ 850g (2-10 tuổi)", 399_000),
    )),
    P(BEAUTY, "Kem chống nắng {brand} {variant}", "La Roche-Posay", "FR", (
        ("Anthelios UVMune 400 SPF50+ 50ml", 495_000),
    )),
    P(BEAUTY, "Kem chống nắng {brand} {variant}", "Skin1004", "KR", (
        ("Madagascar Centella 50ml", 329_000),
    )),
    P(BEAUTY, "Kem chống nắng {brand} {variant}", "Cỏ Mềm", "VN", (
        ("thảo dược SPF50 50ml", 245_000),
    )),
    P(BEAUTY, "Sữa rửa mặt {brand} {variant}", "Cetaphil", "CA", (
        ("Gentle Skin Cleanser 500ml", 459_000),
    )),
    P(BEAUTY, "Sữa rửa mặt {brand} {variant}", "Cocoon", "VN", (("bí đao 140ml", 195_000),)),
    P(BEAUTY, "Son kem lì {brand} {variant}", "3CE", "KR", (("Velvet Lip Tint", 320_000),)),
    P(BEAUTY, "Son kem lì {brand} {variant}", "Lemonade", "VN", (("Perfect Couple Lip", 259_000),)),
    P(BEAUTY, "Máy đo huyết áp bắp tay {brand} {variant}", "Omron", "VN", (
        ("HEM-7156", 1_250_000),
    )),
    P(BEAUTY, "Dầu gội {brand} {variant}", "Thorakao", "VN", (("bồ kết 400ml", 85_000),)),
    P(FOOD, "Cà phê rang xay {brand} {variant}", "Trung Nguyên", "VN", (
        ("Sáng tạo 1 500g", 159_000),
        ("Gourmet Blend 500g", 135_000),
    )),
    P(FOOD, "Cà phê rang xay {brand} {variant}", "Highlands Coffee", "VN", (
        ("Truyền thống 1kg", 225_000),
    )),
    P(FOOD, "Cà phê hòa tan {brand} {variant}", "G7", "VN", (("3in1 hộp 21 gói", 62_000),)),
    P(FOOD, "Nước mắm Phú Quốc {brand} {variant}", "Khải Hoàn", "VN", (
        ("40 độ đạm chai 500ml", 69_000),
    )),
    P(FOOD, "Nước mắm {brand} {variant}", "Nam Ngư", "VN", (("chai 750ml", 39_000),)),
    P(FOOD, "Mì ăn liền {brand} {variant}", "Hảo Hảo", "VN", (
        ("tôm chua cay thùng 30 gói", 118_000),
    )),
    P(FOOD, "Mì ăn liền {brand} {variant}", "Omachi", "VN", (
        ("sườn hầm ngũ quả thùng 30 gói", 228_000),
    )),
    P(FOOD, "Sữa tươi tiệt trùng {brand} {variant}", "Vinamilk", "VN", (
        ("ít đường thùng 48 hộp 180ml", 390_000),
    )),
    P(FOOD, "Sữa tươi tiệt trùng {brand} {variant}", "TH true MILK", "VN", (
        ("ít đường thùng 48 hộp 180ml", 420_000),
    )),
    P(FOOD, "Socola đen {brand} {variant}", "Marou", "VN", (("Bến Tre 78% 80g", 115_000),)),
    P(FOOD, "Bánh quy bơ {brand} {variant}", "Danisa", "DK", (("hộp thiếc 681g", 215_000),)),
    P(FOOD, "Hạt dinh dưỡng {brand} {variant}", "Kirkland", "US", (
        ("Mixed Nuts 1,13kg", 459_000),
    )),
    P(FOOD, "Dầu ô liu {brand} {variant}", "Borges", "ES", (("Extra Virgin 500ml", 169_000),)),
    P(PRODUCE, "Gạo ST25 Sóc Trăng {variant}", "Ông Cua", "VN", (
        ("túi 5kg", 185_000),
        ("túi 10kg", 360_000),
    )),
    P(PRODUCE, "Vải thiều Lục Ngạn {variant}", "", "VN", (
        ("hộp 2kg", 120_000),
        ("thùng 5kg", 280_000),
    )),
    P(PRODUCE, "Cà phê hạt Robusta Buôn Ma Thuột {variant}", "", "VN", (
        ("rang mộc túi 500g", 140_000),
    )),
    P(PRODUCE, "Trà xanh Thái Nguyên {variant}", "", "VN", (("Tân Cương túi 500g", 250_000),)),
    P(PRODUCE, "Bưởi da xanh Bến Tre {variant}", "", "VN", (("loại 1 (1,5-2kg/quả)", 95_000),)),
    P(PRODUCE, "Xoài cát Hòa Lộc {variant}", "", "VN", (("thùng 5kg", 350_000),)),
    P(PRODUCE, "Yến sào Khánh Hòa {brand} {variant}", "Sanest", "VN", (
        ("hộp 6 lọ 70ml", 320_000),
    )),
    P(PRODUCE, "Hạt điều rang muối Bình Phước {variant}", "", "VN", (("hũ 500g", 185_000),)),
    P(PRODUCE, "Chè Shan tuyết Hà Giang {variant}", "", "VN", (("hộp 200g", 280_000),)),
    P(PRODUCE, "Mật ong hoa cà phê {brand} {variant}", "Honimore", "VN", (("chai 500g", 165_000),)),
    P(HOME, "Bộ nồi inox {brand} {variant}", "Sunhouse", "VN", (("5 đáy 3 chiếc SH336", 890_000),)),
    P(HOME, "Bộ nồi inox {brand} {variant}", "Fivestar", "VN", (("3 đáy 5 chiếc", 1_050_000),)),
    P(HOME, "Bóng đèn LED {brand} {variant}", "Rạng Đông", "VN", (("A60N1 9W", 45_000),)),
    P(HOME, "Phích nước {brand} {variant}", "Rạng Đông", "VN", (("2 lít RD-2045", 160_000),)),
    P(HOME, "Bóng đèn LED {brand} {variant}", "Philips", "CN", (("MyCare 12W", 79_000),)),
    P(HOME, "Bộ chăn ga gối {brand} {variant}", "Everon", "VN", (("cotton 160x200cm", 2_490_000),)),
    P(HOME, "Nệm cao su {brand} {variant}", "Vạn Thành", "VN", (
        ("thiên nhiên 160x200x10cm", 8_990_000),
    )),
    P(HOME, "Hộp đựng thực phẩm {brand} {variant}", "Lock&Lock", "CN", (
        ("bộ 10 hộp thủy tinh", 690_000),
    )),
    P(HOME, "Hộp nhựa {brand} {variant}", "Duy Tân", "VN", (("Matsu bộ 3 hộp", 89_000),)),
    P(HOME, "Nước giặt {brand} {variant}", "OMO", "VN", (("Matic cửa trước túi 3,7kg", 229_000),)),
    P(SPORTS, "Xe đạp địa hình {brand} {variant}", "Asama", "VN", (
        ("MTB 2603 26 inch", 3_290_000),
    )),
    P(SPORTS, "Xe đạp địa hình {brand} {variant}", "Giant", "TW", (
        ("ATX 610 27,5 inch", 9_990_000),
    )),
    P(SPORTS, "Máy chạy bộ {brand} {variant}", "Kingsport", "CN", (
        ("KS-2034 đa năng", 9_990_000),
    )),
    P(SPORTS, "Vợt cầu lông {brand} {variant}", "Yonex", "JP", (("Astrox 88D Pro", 4_250_000),)),
    P(SPORTS, "Vợt cầu lông {brand} {variant}", "Lining", "CN", (("Windstorm 72", 1_290_000),)),
    P(SPORTS, "Quả bóng đá {brand} {variant}", "Động Lực", "VN", (("UHV 2.07 số 5", 450_000),)),
    P(SPORTS, "Lều cắm trại {brand} {variant}", "Naturehike", "CN", (
        ("Cloud Up 2 người", 1_890_000),
    )),
    P(BOOKS, "Sách {variant}", "NXB Kim Đồng", "VN", (
        ("Dế Mèn phiêu lưu ký (bìa cứng)", 98_000),
        ("Doraemon truyện ngắn tập 1", 25_000),
    )),
    P(BOOKS, "Sách {variant}", "Nhã Nam", "VN", (("Rừng Na Uy", 185_000),)),
    P(BOOKS, "Sách {variant}", "First News", "VN", (("Đắc nhân tâm", 86_000),)),
    P(BOOKS, "Bút bi {brand} {variant}", "Thiên Long", "VN", (("TL-027 hộp 20 cây", 80_000),)),
    P(BOOKS, "Vở kẻ ngang {brand} {variant}", "Hồng Hà", "VN", (
        ("School 200 trang lốc 10 quyển", 120_000),
    )),
    P(BOOKS, "Máy tính cầm tay {brand} {variant}", "Casio", "TH", (("FX-580VN X", 705_000),)),
    P(VEHICLES, "Mũ bảo hiểm {brand} {variant}", "Protec", "VN", (("3/4 Kitty", 320_000),)),
    P(VEHICLES, "Mũ bảo hiểm {brand} {variant}", "Royal", "VN", (("M139 3/4 kính âm", 480_000),)),
    P(VEHICLES, "Dầu nhớt xe máy {brand} {variant}", "Castrol", "VN", (
        ("Power1 10W-40 0,8L", 125_000),
    )),
    P(VEHICLES, "Camera hành trình {brand} {variant}", "Vietmap", "CN", (("C65 4K", 2_990_000),)),
    P(VEHICLES, "Camera hành trình {brand} {variant}", "70mai", "CN", (
        ("A500S Dash Cam Pro Plus", 2_290_000),
    )),
    P(VEHICLES, "Lốp xe máy {brand} {variant}", "Casumina", "VN", (
        ("80/90-14 không săm", 290_000),
    )),
    P(VEHICLES, "Lốp xe máy {brand} {variant}", "Michelin", "TH", (
        ("City Grip 2 90/90-14", 690_000),
    )),
    P(VEHICLES, "Xe máy điện {brand} {variant}", "VinFast", "VN", (
        ("Evo200", 22_000_000),
        ("Feliz S", 27_000_000),
    )),
    P(VEHICLES, "Xe máy {brand} {variant}", "Honda", "VN", (
        ("Vision 2025 bản tiêu chuẩn", 31_310_000),
    )),
    P(TOYS, "Đồ chơi lắp ráp {brand} {variant}", "LEGO", "DK", (
        ("Classic hộp gạch sáng tạo 11717", 1_299_000),
    )),
    P(TOYS, "Búp bê {brand} {variant}", "Barbie", "ID", (("Dreamtopia công chúa", 399_000),)),
    P(TOYS, "Xe điều khiển từ xa {brand} {variant}", "Vecto", "CN", (
        ("địa hình tỉ lệ 1:16", 590_000),
    )),
    P(TOYS, "Đồ chơi gỗ {brand} {variant}", "Winwintoys", "VN", (
        ("bộ xếp hình 100 chi tiết", 219_000),
    )),
    P(TOYS, "Đèn ông sao tre {variant}", "", "VN", (("Hàng Mã 60cm", 120_000),)),
)

# Titles that fit the categories of goods that may not be promoted.
BANNED_LINES: tuple[ProductLine, ...] = (
    P(ALCOHOL, "Rượu vang Đà Lạt {brand} {variant}", "Ladofoods", "VN", (
        ("vang đỏ chai 750ml", 120_000),
    )),
    P(ALCOHOL, "Rượu Vodka {brand} {variant}", "Halico", "VN", (("Hà Nội chai 500ml", 90_000),)),
    P(ALCOHOL, "Rượu Soju {brand} {variant}", "Jinro", "KR", (("Chamisul chai 360ml", 45_000),)),
    P(ALCOHOL, "Bia {brand} {variant}", "Sài Gòn", "VN", (("Special thùng 24 lon", 390_000),)),
    P(ALCOHOL, "Rượu Whisky {brand} {variant}", "Johnnie Walker", "GB", (
        ("Black Label 700ml", 890_000),
    )),
    P(TOBACCO, "Thuốc lá {brand} {variant}", "Vinataba", "VN", (("cây 10 bao", 250_000),)),
    P(TOBACCO, "Thuốc lá {brand} {variant}", "Thăng Long", "VN", (("cây 10 bao", 120_000),)),
    P(MEDICINES, "Thuốc hạ sốt {brand} {variant}", "Hapacol", "VN", (
        ("250mg hộp 24 gói", 50_000),
    )),
    P(MEDICINES, "Thuốc giảm đau {brand} {variant}", "Efferalgan", "FR", (
        ("500mg hộp 16 viên sủi", 60_000),
    )),
    P(MEDICINES, "Thuốc {brand} {variant}", "Berberin Mekophar", "VN", (
        ("100mg lọ 100 viên", 15_000),
    )),
    P(FORMULA, "Sữa bột {brand} {variant}", "Vinamilk", "VN", (
        ("Dielac Grow 1 (0-6 tháng) 400g", 150_000),
    )),
    P(FORMULA, "Sữa bột {brand} {variant}", "Meiji", "JP", (
        ("Infant Formula (0-12 tháng) 800g", 550_000),
    )),
    P(FORMULA, "Sữa bột {brand} {variant}", "Aptamil", "DE", (
        ("Profutura số 1 (0-6 tháng) 800g", 690_000),
    )),
)

# Words sellers add to titles: colours, sizes and the usual promises.
TITLE_SUFFIXES: dict[str, tuple[str, ...]] = {
    PHONES: ("- Hàng chính hãng", "màu Đen", "màu Xanh", "màu Trắng", "- Bảo hành 12 tháng"),
    COMPUTERS: ("- Hàng chính hãng", "- Bảo hành 24 tháng"),
    WOMEN: ("size S", "size M", "size L", "màu Đỏ", "màu Be"),
    MEN: ("size M", "size L", "size XL", "màu Trắng", "màu Xanh navy"),
    SHOES_BAGS: ("size 39", "size 40", "size 41", "size 42", "màu Đen"),
    PRODUCE: ("- Giao nhanh 2h", "- Đặc sản chính gốc"),
}

# A GS1 prefix names the GS1 member that issued the barcode, not where goods were made; the demo
# takes the origin's member so that barcodes look familiar (GS1 Vietnam is 893).
GS1_PREFIXES: dict[str, str] = {
    "VN": "893",
    "CN": "693",
    "KR": "880",
    "JP": "490",
    "TH": "885",
    "MY": "955",
    "ID": "899",
    "US": "001",
    "FR": "300",
    "DE": "400",
    "ES": "840",
    "GB": "500",
    "DK": "570",
    "TW": "471",
    "CA": "062",
    "BD": "890",
    "PE": "775",
}

COMPANY_FORMS = (
    "Công ty TNHH Thương mại", "Công ty TNHH Thương mại và Dịch vụ", "Công ty TNHH",
    "Công ty Cổ phần", "Công ty Cổ phần Đầu tư",
)
COMPANY_TRADES = (
    "Điện máy", "Thực phẩm", "Thời trang", "Công nghệ", "Nông sản", "Gia dụng", "Mỹ phẩm",
    "Xuất nhập khẩu", "Sản xuất", "Phân phối",
)
COMPANY_NAMES = (
    "Hoàng Phát", "Minh Long", "An Khang", "Phú Thịnh", "Thành Đạt", "Việt Hưng", "Tân Phú",
    "Hưng Thịnh", "Đại Phát", "Kim Ngân", "Phúc An", "Sao Mai", "Hòa Bình", "Bảo Ngọc", "Nam Việt",
    "Trường Sơn", "Thiên Phú", "Quang Minh", "Đông Á", "Hải Đăng", "Tiến Phát", "Gia Huy",
    "Ánh Dương", "Thuận Thành", "Lộc Phát", "Bình Minh", "Ngọc Lan", "Vạn Xuân", "Hồng Lĩnh",
    "Sông Hàn",
)
COOPERATIVE_PLACES = (
    "Lục Ngạn", "Tân Cương", "Cầu Kè", "Hòa Lộc", "Buôn Hồ", "Mộc Châu", "Vĩnh Châu", "Cao Phong",
)
SHOP_STYLES = (
    "{name} Official Store", "{name} Store", "{name} Mall", "Nhà {name}", "{name} Shop",
)
HOUSEHOLD_SHOP_STYLES = (
    "Tiệm nhà {name}", "{name} Shop", "Góc nhỏ của {name}",
)

FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
)
MALE_NAMES = (
    "Văn An", "Minh Đức", "Quang Huy", "Văn Hùng", "Đức Nam", "Anh Tuấn", "Hữu Sơn",
)
FEMALE_NAMES = (
    "Thị Lan", "Ngọc Mai", "Thị Hạnh", "Thanh Hương", "Thu Trang", "Ngọc Ánh",
)
# fmt: on
