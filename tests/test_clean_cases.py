"""The failures seen on real news (issue 8), each as a small page written here: story kept, furniture dropped,
fields only from where outlets put them."""

from __future__ import annotations

from vnpe.clean import KEPT_ROLES, clean_text


def roles(text: str) -> dict[int, str]:
    return {ln.line_no: ln.role for ln in clean_text(text).lines}


INTERVIEW = """\
Nghệ sĩ piano Đặng Thái Sơn: Âm nhạc là sự kết hợp của trí tuệ và cảm xúc

TTO - Nhân dịp trở về biểu diễn tại Hà Nội, nghệ sĩ piano Đặng Thái Sơn đã dành cho chúng tôi cuộc trò chuyện về nghề.

- Điều cần có ở người nghệ sĩ biểu diễn là gì?
- Là kết hợp nhuần nhuyễn giữa kỹ thuật và cảm xúc, giữa sự chính xác và sự tự do trong từng câu nhạc.
- Ông có lời khuyên nào cho các bạn trẻ học đàn?
- Hãy kiên nhẫn, nghe nhiều, đọc nhiều và đừng vội vàng chạy theo thành tích trong các cuộc thi.

CHIẾN TRANH HOA

Những năm tháng học đàn ở Moskva là thời kỳ khó khăn nhất nhưng cũng đẹp nhất trong cuộc đời ông.

Vui buồn cùng nghề

Ông kể về những buổi tập kéo dài tám tiếng mỗi ngày, về những lần thất bại trước khi giành giải Chopin.

Hồng Phúc
"""


def test_interview_dialogue_and_headings_are_kept() -> None:
    result = clean_text(INTERVIEW)
    r = {ln.line_no: ln.role for ln in result.lines}
    assert all(r[n] in KEPT_ROLES for n in (5, 6, 7, 8, 10, 12, 14, 16))
    assert r[10] == r[14] == "heading"
    assert r[18] == "byline" and result.meta.byline == "Hồng Phúc"
    # "TTO -" is Tuổi Trẻ's tag: the outlet, never a place; it is cut from the lead's text
    assert result.meta.outlet == "Tuổi Trẻ" and result.meta.place is None
    assert result.lines[2].text.startswith("Nhân dịp")


STANDINGS = """\
Bảng xếp hạng V-League sau vòng 5

Sau vòng đấu thứ năm, Hoàng Anh Gia Lai tiếp tục dẫn đầu bảng xếp hạng với thành tích toàn thắng.
TT
Đội
Trận
Điểm
1
HAGL
5
15
2
SHB Đà Nẵng
5
10
3
Hà Nội T&T
5
9
HAGL - Đội bóng phố núi sẽ làm khách trên sân Thống Nhất ở vòng tiếp theo.
"""


def test_table_cells_one_per_line_are_kept_and_give_no_fields() -> None:
    result = clean_text(STANDINGS)
    r = {ln.line_no: ln.role for ln in result.lines}
    assert all(r[n] == "table" for n in range(4, 20))
    meta = result.meta
    assert meta.agency is None and meta.byline is None and meta.place is None  # not "TT", "Trận", "Hagl"


def test_credit_words_without_a_credit_and_date_like_headlines() -> None:
    lead = ("Nước sông Tô Lịch đoạn qua quận Cầu Giấy đã đạt tiêu chuẩn xả thải sau khi được xử lý "
            "(nguồn nước loại B).")
    text = f"Sông Tô Lịch sạch hơn\n\n{lead}\n\nNgười dân đã thấy cá trở lại sông sau nhiều năm vắng bóng."
    r = roles(text)
    assert r[3] == "body"
    bbc = ("Xbox 2 may be unveiled in summer\n\nMicrosoft may unveil the successor to its Xbox games console "
           "in May, according to reports in the industry press.\n")
    result = clean_text(bbc)
    assert result.meta.title == "Xbox 2 may be unveiled in summer"
    assert result.meta.date is None and result.meta.date_partial is None


def test_script_menus_and_initials_are_furniture() -> None:
    text = ("Thời tiết | Tỉ giá ngoại tệ | Giá vàng | Chứng khoán\n"
            "Giá xăng giảm lần thứ ba liên tiếp\n"
            "getTimeString('2006/01/27 10:20');\n"
            "function onResponseClick() {\n"
            "Từ 15 giờ chiều nay, giá xăng A92 giảm 500 đồng mỗi lít theo quyết định của liên Bộ Công Thương - Tài chính.\n"
            "Đây là lần giảm giá thứ ba liên tiếp kể từ đầu năm, nhờ giá dầu thế giới hạ nhiệt.\n"
            "K.G.\n")
    result = clean_text(text)
    r = {ln.line_no: ln.role for ln in result.lines}
    assert r[1] == "navigation" and r[2] == "title" and r[3] == r[4] == "script"
    assert r[5] == r[6] == "body" and r[7] == "byline"


def test_inline_credits_are_cut_and_entities_decoded() -> None:
    text = ("Mưa lớn gây ngập nhiều tuyến phố\n\n"
            "Nhiều tuyến phố ở Hà Nội ngập sâu sau trận mưa lớn chiều qua (Ảnh: PV/Vietnam+). Giao thông ùn tắc "
            "kéo dài đến tối, chỉ số BOD &lt; 6-10 mg/l ở các hồ.\n\n"
            "Mr. &amp; Mrs. Smith were stranded on their way home from work, officials said.")
    result = clean_text(text)
    body = [ln for ln in result.lines if ln.role == "body"]
    assert "(Ảnh" not in body[0].text and "BOD < 6-10" in body[0].text
    assert any(kind == "credit" for _, _, kind in body[0].cuts)
    assert "(Ảnh: PV/Vietnam+)" in body[0].raw  # raw keeps everything
    assert body[1].text.startswith("Mr. & Mrs. Smith")
    assert result.meta.agency is None  # a photo credit credits the photo, not the article


def test_historical_dates_and_fractions_are_not_the_article_date() -> None:
    text = ("Kỷ niệm ngày Giải phóng Thủ đô\n\n"
            "Ngày 10/10/1954, đoàn quân chiến thắng tiến về tiếp quản Thủ đô trong niềm vui của nhân dân, "
            "đến nay đã tròn 70 năm, năm 2024.\n\n"
            "Diện tích cây xanh chiếm 2/3 khuôn viên khu tưởng niệm được khánh thành.\n")
    meta = clean_text(text).meta
    assert meta.date is None and meta.date_partial is None
    wire = ("Peru and Viet Nam sign a deal\n\nLIMA, Nov 13 (VNA) – The two sides signed a deal on mining, "
            "officials said on Wednesday.\n\nThe deal covers copper and zinc.\n")
    meta = clean_text(wire).meta
    assert (meta.place, meta.agency, meta.date_partial) == ("Lima", "VNA", "--11-13")


def _page(footer: str, credit: str = "") -> str:
    return f"""\
Ministers agree to widen trade ties at regional meeting

{credit}
Ministers from the two countries agreed on Friday to widen trade ties and to open new air routes next year.

The agreement covers farm produce, textiles and electronics, officials said after the two-day meeting.

{footer}
"""


def test_outlet_from_the_pages_own_furniture() -> None:
    # a copyright notice and a share prompt are where a page names its publisher
    assert clean_text(_page("© 2017 The Jakarta Post. All rights reserved")).meta.outlet == "The Jakarta Post"
    assert clean_text(_page("Share the best of The Jakarta Post with friends, family, or colleagues. As a "
                            "subscriber, you can gift 3 to 5 articles each month.")).meta.outlet == "The Jakarta Post"
    # an unlisted owner only when publication-shaped; a company, a person or an agency is not the outlet
    assert clean_text(_page("Copyright 2019 Hawaii Island Herald. All rights reserved.")).meta.outlet == \
        "Hawaii Island Herald"
    for footer in ("© 1996-2019 News Communication", "© ScienceAlert Pty Ltd. All rights reserved.",
                   "© Aaron Schwartz", "Copyright 2023 The Associated Press. All rights reserved."):
        assert clean_text(_page(footer)).meta.outlet is None, footer
    # the page's publisher, not the outlet the copy came from
    page = _page("© 2016 The Jakarta Post", credit="(Vientiane Times/ANN)")
    assert clean_text(page).meta.outlet == "The Jakarta Post"
    # body text quoting another outlet is not the page's outlet
    quoted = _page("", credit="").replace("officials said", "officials told The Jakarta Post")
    assert clean_text(quoted).meta.outlet is None


def test_outlet_list_in_a_footer_is_not_a_credit() -> None:
    # a group's sites listed one per line in the page's furniture: none of them credits the story
    page = _page("Sun Savers\nSun Gifts\nSun Bingo\nSun Vouchers\nNews Corp\nWSJ.com\nNew York Post\nThe Australian\n"
                 "News.com.au\nHarperCollins")
    assert clean_text(page).meta.outlet is None
    # the same name as a credit line under the story is one
    assert clean_text(_page("", credit="") + "The Jakarta Post\n").meta.outlet == "The Jakarta Post"


def test_call_for_readers_is_a_prompt_that_names_the_outlet() -> None:
    page = ("Giải pháp chống ùn tắc giao thông cho Hà Nội\n\n"
            "Theo tác giả, mỗi cơ quan nên bố trí xe đưa đón cán bộ ở gần nhau để giảm số xe cá nhân trên đường.\n\n"
            "Mời bạn đọc gửi đề xuất các giải pháp chống ùn tắc giao thông. Các bài viết, ý kiến chúng tôi sẽ "
            "đăng tải trên báo VietNamNet.\n")
    result = clean_text(page)
    assert result.lines[4].role == "prompt" and result.meta.outlet == "VietNamNet"


LETTERS = """\
Bạn đọc bàn về lễ hội đầu năm

Quá mê tín

Tôi thấy nhiều người đi lễ bây giờ mê tín quá, chen lấn xô đẩy để xin lộc, xin ấn mà quên mất văn hóa.
Võ Hoài Thu

(TP.Long Xuyên, An Giang)
Gốc rễ của vấn đề

Vấn đề nằm ở văn hóa của người đi lễ, nên cần hướng dẫn người dân đi lễ ở chùa, đình, miếu thế nào cho đúng…
Huỳnh Phước Lập

(Q.7, TP.HCM)
Ban Bạn đọc (tổng hợp)
"""


def test_letter_writers_on_a_letters_page_are_kept() -> None:
    result = clean_text(LETTERS)
    r = {ln.line_no: ln.role for ln in result.lines}
    # each letter is signed by its writer and where they live: part of the story, not the article's byline
    assert all(r[n] == "body" for n in (6, 8, 12, 14))
    assert r[11] == "body"  # a letter ending with "…" under a heading is not a related-article teaser
    assert result.meta.byline not in ("Võ Hoài Thu", "Huỳnh Phước Lập")
    # one name with a residence is not a letters page: the rule needs the pattern repeated
    single = LETTERS.split("Gốc rễ")[0] + "Ban Bạn đọc (tổng hợp)\n"
    assert {ln.line_no: ln.role for ln in clean_text(single).lines}[6] != "body"


def test_caption_closed_by_a_credit_without_colon() -> None:
    page = ("Lễ hội chùa Hương khai mạc\n\n"
            "Sáng nay, hàng nghìn người đã đổ về chùa Hương để dự lễ khai hội, nhiều người chen lấn để xin lộc.\n\n"
            "Nhà sư tung lộc ở chùa Hương, người dân chen lấn giành lộc. Ảnh Zing.vn\n\n"
            "Tác phẩm khắc họa người đẹp trên nền thảm nhung đỏ. Ảnh được chụp khi Monroe đang nghe nhạc.\n\n"
            "Ban tổ chức cho biết sẽ bố trí thêm lực lượng để giữ trật tự trong những ngày tới của lễ hội.\n")
    result = clean_text(page)
    assert result.lines[4].role == "caption"
    # "Ảnh được chụp …" ("the photo was taken …") names no one: a sentence of the story, kept whole
    assert result.lines[6].kept and result.lines[6].text.endswith("đang nghe nhạc.")


def test_caption_whose_credit_goes_on_to_the_next_line() -> None:
    page = ("Vì sao các hãng điện thoại chọn Trung Quốc\n\n"
            "Trung Quốc có chuỗi cung ứng hoàn chỉnh, từ linh kiện đến lắp ráp, nên chi phí sản xuất thấp hơn nhiều.\n\n"
            "Trung Quốc thu hút các nhà sản xuất nhờ lượng nhân công giá rẻ dồi dào. Ảnh: \n"
            "Christina Larson.\n\n"
            "Lương trung bình của công nhân ở đây chỉ bằng một phần nhỏ so với ở Mỹ và Nhật Bản, theo các số liệu.\n")
    r = roles(page)
    assert r[5] == r[6] == "caption"
    assert r[3] == r[8] == "body"
