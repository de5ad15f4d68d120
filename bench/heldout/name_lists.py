"""Name lists of the held-out world, written as data (weights are rough shares per 1,000).

Chinese surnames: "simplified,pinyin,weight[,Jyutping]" -- the Jyutping is given only where the
first Unihan kCantonese reading is not the surname reading (syllables joined by '+').
"""

from __future__ import annotations

_CN_SURNAME_TABLE = """
王,wang,71 李,li,70 张,zhang,67 刘,liu,54 陈,chen,46 杨,yang,31 黄,huang,25 赵,zhao,23
吴,wu,20 周,zhou,19 徐,xu,13 孙,sun,13 马,ma,12 朱,zhu,11 胡,hu,11 郭,guo,11 何,he,10
林,lin,10 罗,luo,9 高,gao,9 梁,liang,8 郑,zheng,8 谢,xie,7 宋,song,6 唐,tang,6 许,xu,6
邓,deng,6 冯,feng,5 韩,han,5 曹,cao,5 曾,zeng,5,zang1 彭,peng,5 蔡,cai,4 潘,pan,4
田,tian,4 董,dong,4 袁,yuan,4 叶,ye,4 余,yu,3 蒋,jiang,3 杜,du,3 苏,su,3 魏,wei,3
程,cheng,3 钟,zhong,3 卢,lu,3 谭,tan,2 廖,liao,2 范,fan,2 麦,mai,1 莫,mo,2 韦,wei,3
覃,qin,2,cam4 蒙,meng,1 黎,li,2 邱,qiu,2 区,ou,1,au1 欧阳,ouyang,1,au1+joeng4
司徒,situ,0.5,si1+tou4
"""


def _surnames() -> list[tuple[str, str, float, str]]:
    out = []
    for item in _CN_SURNAME_TABLE.split():
        zh, py, w, *jp = item.split(",")
        out.append((zh, py, float(w), jp[0].replace("+", " ") if jp else ""))
    return out


CN_SURNAMES: list[tuple[str, str, float, str]] = _surnames()

# Extra weight for a surname in a home region (Guangxi Zhuang surnames, Cantonese ones).
REGION_BOOST: dict[str, dict[str, float]] = {
    "GX": {"韦": 6, "覃": 6, "黄": 3, "莫": 4, "蒙": 5, "黎": 2, "梁": 2},
    "GD": {"陈": 2, "黄": 2, "梁": 2.5, "林": 2, "何": 2, "麦": 3, "冯": 2, "邓": 1.5},
    "HK": {"陈": 3, "黄": 2.5, "梁": 3, "林": 2, "何": 2.5, "麦": 5, "区": 6, "司徒": 4},
    "YN": {"杨": 2, "李": 1.5, "张": 1.3},
}

CN_GIVEN_M = list("伟明强军平华建国志文海杰勇斌刚辉林峰鹏涛波东龙成俊浩宇飞荣德新学永金春")
CN_GIVEN_F = list("丽芳娟敏静燕艳秀英玲红霞梅兰婷雪琳慧洁萍玉珍凤晶颖")
HK_GIVEN_M = list("家嘉子志俊伟国永建文明华强杰豪辉健乐康荣振耀锦少大")
HK_GIVEN_F = list("咏诗欣慧敏玲仪婷雯芷晴颖嘉美丽淑宝凤")

# Homophone slips a clerk makes when typing a Chinese name.
HAN_SLIPS: dict[str, str] = {
    "明": "铭",
    "伟": "玮",
    "华": "桦",
    "丽": "莉",
    "军": "君",
    "强": "蔷",
    "杰": "洁",
    "玲": "琳",
    "峰": "锋",
    "辉": "晖",
    "婷": "亭",
    "芳": "方",
    "志": "智",
    "文": "雯",
    "海": "凯",
}

# Vietnamese: (Latin with diacritics, preferred Sino-Vietnamese character, weight)
VN_SURNAMES: list[tuple[str, str, float]] = [
    ("Nguyễn", "阮", 38),
    ("Trần", "陳", 11),
    ("Lê", "黎", 9.5),
    ("Phạm", "范", 7),
    ("Hoàng", "黃", 4),
    ("Huỳnh", "黃", 2),
    ("Phan", "潘", 4.5),
    ("Vũ", "武", 3.9),
    ("Võ", "武", 2),
    ("Đặng", "鄧", 2.1),
    ("Bùi", "裴", 2),
    ("Đỗ", "杜", 1.4),
    ("Hồ", "胡", 1.3),
    ("Ngô", "吳", 1.3),
    ("Dương", "楊", 1),
    ("Lý", "李", 0.5),
]
VN_MIDDLE_M: list[tuple[str, str, float]] = [
    ("Văn", "文", 60),
    ("Đức", "德", 8),
    ("Hữu", "有", 6),
    ("Minh", "明", 6),
    ("Quang", "光", 5),
    ("Công", "公", 4),
    ("Xuân", "春", 3),
    ("Thanh", "青", 3),
]
VN_MIDDLE_F: list[tuple[str, str, float]] = [
    ("Thị", "氏", 70),
    ("Ngọc", "玉", 8),
    ("Thanh", "青", 6),
    ("Thu", "秋", 5),
    ("Kim", "金", 5),
    ("Hồng", "紅", 4),
]
VN_GIVEN_M: list[tuple[str, str]] = [
    ("Hùng", "雄"),
    ("Dũng", "勇"),
    ("Tuấn", "俊"),
    ("Nam", "南"),
    ("Hải", "海"),
    ("Long", "龍"),
    ("Sơn", "山"),
    ("Thành", "成"),
    ("Cường", "強"),
    ("Minh", "明"),
    ("Huy", "輝"),
    ("Quân", "軍"),
    ("Trung", "忠"),
    ("Phong", "風"),
    ("Tâm", "心"),
    ("Thắng", "勝"),
    ("Đạt", "達"),
    ("Khánh", "慶"),
    ("Bình", "平"),
    ("Hiếu", "孝"),
    ("Tài", "才"),
    ("Phúc", "福"),
    ("Vinh", "榮"),
    ("An", "安"),
    ("Kiên", "堅"),
    ("Tiến", ""),
    ("Lực", ""),
    ("Nghĩa", ""),
    ("Thịnh", ""),
    ("Hiệp", ""),
    ("Thuận", ""),
]
VN_GIVEN_F: list[tuple[str, str]] = [
    ("Hoa", "花"),
    ("Lan", "蘭"),
    ("Hương", "香"),
    ("Mai", "梅"),
    ("Linh", "玲"),
    ("Trang", "莊"),
    ("Thảo", "草"),
    ("Anh", "英"),
    ("Phương", "芳"),
    ("Hằng", "姮"),
    ("Nga", "娥"),
    ("Yến", "燕"),
    ("Hạnh", "幸"),
    ("Huyền", "玄"),
    ("Thủy", "水"),
    ("Hiền", "賢"),
    ("Dung", "蓉"),
    ("Ngân", "銀"),
    ("Diệp", ""),
    ("Ánh", ""),
    ("Phượng", ""),
    ("Quế", ""),
]

# Burmese syllables: (Latin, spelling variants, Chinese transliteration)
MM_SYLLABLES: dict[str, tuple[list[str], str]] = {
    "Aung": (["Aung"], "昂"),
    "Kyaw": (["Kyaw", "Kyau"], "觉"),
    "Moe": (["Moe", "Mo"], "莫"),
    "Zaw": (["Zaw", "Zaw"], "佐"),
    "Min": (["Min"], "敏"),
    "Htun": (["Htun", "Tun"], "吞"),
    "Zin": (["Zin"], "辛"),
    "Oo": (["Oo", "U"], "乌"),
    "Myo": (["Myo"], "苗"),
    "Thant": (["Thant", "Thand"], "丹"),
    "Soe": (["Soe", "So"], "梭"),
    "Naing": (["Naing", "Naign"], "奈"),
    "Htet": (["Htet", "Htat"], "德"),
    "Lin": (["Lin"], "林"),
    "Myint": (["Myint", "Myint"], "敏"),
    "Thein": (["Thein", "Thien"], "登"),
    "Hla": (["Hla"], "拉"),
    "Maung": (["Maung"], "貌"),
    "Ko": (["Ko"], "哥"),
    "Ye": (["Ye"], "耶"),
    "Thu": (["Thu"], "都"),
    "Paing": (["Paing"], "彬"),
    "Mya": (["Mya"], "妙"),
    "Win": (["Win"], "温"),
    "Khin": (["Khin"], "钦"),
    "Su": (["Su"], "素"),
    "Aye": (["Aye", "Aye"], "埃"),
    "Phyo": (["Phyo", "Pyo"], "漂"),
    "Hnin": (["Hnin", "Nhin"], "宁"),
    "Wai": (["Wai"], "威"),
    "Nu": (["Nu"], "努"),
    "Ei": (["Ei"], "依"),
    "San": (["San"], "桑"),
    "Thida": (["Thida", "Thidar"], "蒂达"),
    "Sandar": (["Sandar", "Sanda"], "山达"),
}
MM_MALE = [
    "Aung",
    "Kyaw",
    "Moe",
    "Zaw",
    "Min",
    "Htun",
    "Zin",
    "Oo",
    "Myo",
    "Thant",
    "Soe",
    "Naing",
    "Htet",
    "Lin",
    "Myint",
    "Thein",
    "Hla",
    "Maung",
    "Ko",
    "Ye",
    "Thu",
    "Paing",
]
MM_FEMALE = [
    "Mya",
    "Win",
    "Khin",
    "Su",
    "Aye",
    "Phyo",
    "Hnin",
    "Wai",
    "Nu",
    "Ei",
    "San",
    "Thida",
    "Sandar",
    "Moe",
    "Thu",
]

# South Asian names by country: male given tokens, female given tokens, family names.
SA_NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "BGD": (
        [
            "Mohammad",
            "Mohammad",
            "Abdul",
            "Rafiq",
            "Karim",
            "Shahid",
            "Jahangir",
            "Kamal",
            "Faruk",
            "Rubel",
            "Sumon",
            "Arif",
            "Mizanur",
            "Habibur",
        ],
        ["Fatema", "Nasrin", "Shirin", "Rokeya", "Taslima"],
        ["Islam", "Hossain", "Rahman", "Uddin", "Miah", "Alam", "Ahmed", "Sarker", "Chowdhury"],
    ),
    "PAK": (
        [
            "Muhammad",
            "Muhammad",
            "Imran",
            "Asif",
            "Bilal",
            "Usman",
            "Ali",
            "Tariq",
            "Naveed",
            "Kashif",
            "Zahid",
        ],
        ["Ayesha", "Sana", "Rabia"],
        ["Khan", "Ahmed", "Ali", "Hussain", "Iqbal", "Butt", "Malik", "Shah", "Chaudhry"],
    ),
    "IND": (
        ["Rajesh", "Gurpreet", "Amit", "Sunil", "Manoj", "Harpreet", "Vijay", "Sandeep", "Ravi"],
        ["Priya", "Sunita", "Pooja"],
        ["Kumar", "Singh", "Sharma", "Patel", "Yadav", "Das"],
    ),
    "NPL": (
        ["Bikash", "Ram", "Suman", "Dil", "Krishna", "Hari", "Prakash", "Santosh"],
        ["Sita", "Gita", "Sabina"],
        ["Gurung", "Thapa", "Rai", "Tamang", "Limbu", "Shrestha", "Magar"],
    ),
    "LKA": (
        ["Nimal", "Kasun", "Ruwan", "Chaminda", "Saman", "Lahiru", "Nuwan"],
        ["Dilani", "Chamari", "Nadeesha"],
        ["Perera", "Fernando", "Silva", "Jayasinghe", "Bandara", "Wickramasinghe", "Kumara"],
    ),
}

SA_VARIANTS: dict[str, list[str]] = {
    "Mohammad": ["Muhammad", "Mohammed", "Mohd", "Md", "Mohamad"],
    "Muhammad": ["Mohammad", "Muhammed", "Mohd"],
    "Hossain": ["Hussain", "Hosen", "Hussein"],
    "Hussain": ["Hossain", "Hussein"],
    "Rahman": ["Rehman", "Rahaman"],
    "Ahmed": ["Ahmad", "Ahamed"],
    "Uddin": ["Udin", "Uddeen"],
    "Miah": ["Mia"],
    "Rafiq": ["Rafique", "Rafik"],
    "Faruk": ["Farooq", "Faruque"],
    "Chowdhury": ["Chowdhuri", "Choudhury"],
    "Chaudhry": ["Chaudhary", "Choudhry"],
    "Iqbal": ["Ikbal"],
    "Shrestha": ["Srestha"],
    "Jayasinghe": ["Jayasingha"],
    "Sharma": ["Sarma"],
    "Karim": ["Kareem"],
    "Usman": ["Osman"],
}

SA_CHINESE: dict[str, str] = {
    "Mohammad": "穆罕默德",
    "Muhammad": "穆罕默德",
    "Ali": "阿里",
    "Khan": "汗",
    "Rahman": "拉赫曼",
    "Hossain": "侯赛因",
    "Hussain": "侯赛因",
    "Islam": "伊斯拉姆",
    "Ahmed": "艾哈迈德",
    "Kumar": "库马尔",
    "Singh": "辛格",
    "Gurung": "古隆",
    "Thapa": "塔帕",
    "Rai": "拉伊",
    "Tamang": "塔芒",
    "Perera": "佩雷拉",
    "Fernando": "费尔南多",
    "Silva": "席尔瓦",
    "Abdul": "阿卜杜勒",
    "Karim": "卡里姆",
    "Rafiq": "拉菲克",
    "Imran": "伊姆兰",
    "Asif": "阿西夫",
    "Iqbal": "伊克巴尔",
    "Bilal": "比拉勒",
    "Uddin": "乌丁",
    "Alam": "阿拉姆",
    "Miah": "米亚",
    "Shahid": "沙希德",
    "Rajesh": "拉杰什",
    "Amit": "阿米特",
    "Sharma": "夏尔马",
    "Patel": "帕特尔",
    "Bikash": "比卡什",
    "Suman": "苏曼",
    "Ram": "拉姆",
    "Nimal": "尼马尔",
    "Ruwan": "鲁万",
    "Malik": "马利克",
    "Shah": "沙阿",
    "Kamal": "卡迈勒",
    "Tariq": "塔里克",
}

# Employers' business names in Hong Kong.
HK_BUSINESSES = [
    "{s}記茶餐廳",
    "{s}氏裝修工程公司",
    "{s}興五金廠",
    "{s}記燒臘",
    "{s}昌回收公司",
    "{s}發物流",
    "{s}利建築",
    "{s}記海鮮酒家",
]
