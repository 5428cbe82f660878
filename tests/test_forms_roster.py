"""The roster family of printed forms, built from a real database and read back from the PDF.

花名册, “五职”“五科”配备情况表, 一人一档, 培训签到及考核记录表, 证书到期预警清单: each test gets its own
database file, built through the service doors (or copied from one demo database built once per module).
"""

from __future__ import annotations

import io
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from db import clock
from db.demo import DEMO_MINE, build_demo
from db.engine import Database, open_database
from db.errors import NotFoundError
from db.idnumber import make
from db.models import CertificateKind, MineKind
from db.queries import list_mines
from db.reports.cert_expiry import cert_expiry_report, default_warning_days
from db.reports.staffing import staffing_report
from db.rules.runner import findings_for_mine
from db.services.certificates import CertificateInput, add_certificate
from db.services.mines import add_department, create_mine
from db.services.people import PersonInput, add_gap, add_person, set_status
from db.services.staffing import assign_post
from db.services.training import Result, SessionInput, create_session
from desktop.cli import main as cli_main
from desktop.printing.catalog import FORMS
from desktop.printing.layout import BuildCancelled, TableForm, build_pdf
from desktop.printing.multi import FormPart, FormSet, build_parts_pdf
from tests.test_printing_layout import font_report

OP = "测试员"
MINE = "测试煤业有限公司"
TODAY = clock.today()


def squash(text: str) -> str:
    """Whitespace removed, so a cell wrapped over two lines reads as one string."""
    return re.sub(r"\s+", "", text)


def pdf_texts(data: bytes | Path) -> list[str]:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    return [page.extract_text() for page in PdfReader(source).pages]


def render(key: str, db: Database, mine_id: int, **params: object) -> tuple[TableForm, bytes, int]:
    entry = FORMS[key]
    form = entry.build(db, mine_id, **params)
    buf = io.BytesIO()
    pages = entry.write_pdf(buf, form)
    return form, buf.getvalue(), pages


def assert_fonts_embedded(data: bytes) -> None:
    fonts = font_report(PdfReader(io.BytesIO(data)))
    assert fonts
    for name, embedded in fonts.items():
        assert embedded, name
        assert "Helvetica" not in name


def years_ago(years: float) -> date:
    return TODAY - timedelta(days=round(years * 365.25))


# --- a small mine, built through the service doors ----------------------------------------------------


@dataclass
class SmallMine:
    db: Database
    mine_id: int
    people: dict[str, int]
    ids: dict[str, str]  # name -> ID number


_serial = iter(range(1, 10_000))


def _person(db: Database, mine_id: int, name: str, **fields: object) -> tuple[int, str]:
    n = next(_serial)
    number = make("140522", date(1970 + n % 20, 1 + n % 12, 1 + n % 28), n)
    data = PersonInput(name=name, id_number=number)
    for key, value in fields.items():
        setattr(data, key, value)
    return add_person(db, OP, mine_id, data), number


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "forms.sqlite3")
    yield database
    database.close()


@pytest.fixture
def small(db: Database) -> SmallMine:
    mine_id = create_mine(db, OP, name=MINE, kind=MineKind.coal)
    leaders = add_department(db, OP, mine_id, "矿领导", underground=True)
    face = add_department(db, OP, mine_id, "综采一队", underground=True)
    people: dict[str, int] = {}
    ids: dict[str, str] = {}

    def person(name: str, **fields: object) -> int:
        pid, number = _person(db, mine_id, name, **fields)
        people[name], ids[name] = pid, number
        return pid

    boss = person("赵矿长", education="本科", major="采矿工程", core_major=True, department_id=leaders,
                  post="矿长", work_start=years_ago(22), hire_date=years_ago(10))  # fmt: skip
    chief = person("钱总工", education="大专", major="会计", department_id=leaders, post="总工程师",
                   work_start=years_ago(6.5), hire_date=years_ago(6))  # fmt: skip
    tech = person("孙技术员", education="大专", major="采矿工程", core_major=True, department_id=face,
                  post="技术员", work_start=years_ago(12), hire_date=years_ago(12))  # fmt: skip
    electrician = person("李电工", education="高中/中专/技校", department_id=face, post="电工",
                         work_start=years_ago(8), hire_date=years_ago(8))  # fmt: skip
    person("周离职", education="初中", department_id=face, post="综采工", work_start=years_ago(5),
           hire_date=years_ago(5))  # fmt: skip
    set_status(db, OP, people["周离职"], "left", TODAY - timedelta(days=10))
    # 孙技术员 spent 9 of his 12 front-line years away: 3 years left, under the 5 a technician needs.
    add_gap(db, OP, tech, years_ago(11.5), years_ago(2.5), "调往机关")

    start = TODAY - timedelta(days=800)
    assign_post(db, OP, boss, "principal", start)
    assign_post(db, OP, boss, "mine_manager", start)
    assign_post(db, OP, chief, "chief_engineer", start)
    assign_post(db, OP, tech, "spec_mining", start)

    add_certificate(db, OP, boss, CertificateInput(CertificateKind.safety_competence, "晋A2024001",
                                                   TODAY - timedelta(days=300), TODAY + timedelta(days=800)))  # fmt: skip
    # Two current licences: the roster shows both numbers, and the date of the one expiring first.
    add_certificate(db, OP, electrician, CertificateInput(
        CertificateKind.special_operation, "T140522000001", TODAY - timedelta(days=6 * 365 - 30),
        TODAY + timedelta(days=30), operation_type="煤矿井下电气作业"))  # fmt: skip
    add_certificate(db, OP, electrician, CertificateInput(
        CertificateKind.special_operation, "T140522000002", TODAY - timedelta(days=400),
        TODAY + timedelta(days=1800), operation_type="煤矿安全检查作业"))  # fmt: skip
    add_certificate(db, OP, tech, CertificateInput(
        CertificateKind.special_operation, "T140522000003", TODAY - timedelta(days=6 * 365 + 5),
        TODAY - timedelta(days=5), operation_type="煤矿探放水作业"))  # fmt: skip
    # A review (复审) date under the old rule edition, before 2026-06-01: still owed.
    review = date(2026, 5, 1)
    add_certificate(db, OP, boss, CertificateInput(
        CertificateKind.special_operation, "T140522000004", review - timedelta(days=3 * 365),
        review + timedelta(days=3 * 365), operation_type="煤矿瓦斯检查作业", next_review=review))  # fmt: skip

    create_session(
        db, OP, mine_id,
        SessionInput(f"{TODAY.year}年矿山主要负责人和“五职”矿长专门安全培训", "special", TODAY, TODAY, 24,
                     place="市应急管理局培训基地", organiser="市应急管理局", content="八条硬措施"),
        [Result(boss, score=92)],
    )  # fmt: skip
    create_session(
        db, OP, mine_id,
        SessionInput("综采一队班前安全教育", "annual", TODAY, TODAY, 2, place="综采一队会议室",
                     organiser="王教员", content="顶板管理"),
        [Result(tech, score=88), Result(electrician, score=55), Result(people["周离职"])],
    )  # fmt: skip
    return SmallMine(db, mine_id, people, ids)


# --- one demo database, copied for every test that reads it ---------------------------------------------


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    database = open_database(path)
    try:
        build_demo(database)
    finally:
        database.close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database (sqlite backup API: a consistent copy, WAL or not)."""
    target = tmp_path / "demo.sqlite3"
    src, dst = sqlite3.connect(demo_template), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


@pytest.fixture
def demo(demo_path: Path) -> Iterator[tuple[Database, int]]:
    database = open_database(demo_path)
    mine_id = next(m.id for m in list_mines(database) if m.name == DEMO_MINE)
    yield database, mine_id
    database.close()


# --- the catalogue contract -----------------------------------------------------------------------------


def test_forms_are_registered_with_their_parameters() -> None:
    # The roster's forms come first, in this order; the drill and hazard areas add theirs after.
    assert list(FORMS)[:5] == ["roster", "staffing", "person-file", "training-session", "cert-expiry"]
    assert FORMS["roster"].params == () and FORMS["staffing"].params == ()
    assert [p.flag for p in FORMS["person-file"].params] == ["--person"]
    assert [p.flag for p in FORMS["training-session"].params] == ["--session"]
    (days,) = FORMS["cert-expiry"].params
    assert days.flag == "--days" and days.default is not None and days.default() == default_warning_days()
    assert days.parse(" 30 ") == 30
    with pytest.raises(Exception, match="不能小于0"):
        days.parse("-1")


def test_every_form_builds_without_parameters_as_the_print_center_calls_it(small: SmallMine) -> None:
    for key, entry in FORMS.items():
        form = entry.build(small.db, small.mine_id)
        assert isinstance(form, TableForm), key
        # The print center's present call path still prints something sensible (a FormSet: its flat table).
        assert build_pdf(io.BytesIO(), form) >= 1


def test_pickers_offer_people_and_sessions(small: SmallMine) -> None:
    people = FORMS["person-file"].params[0].choices
    sessions = FORMS["training-session"].params[0].choices
    assert people is not None and sessions is not None
    offered = people(small.db, small.mine_id)
    assert offered[-1].label.startswith("周离职") and "离职" in offered[-1].label  # 在岗 first
    assert {c.value for c in offered} == set(small.ids.values())
    assert len(sessions(small.db, small.mine_id)) == 2


# --- 从业人员花名册 --------------------------------------------------------------------------------------


def test_roster_front_line_years_licences_and_active_only(small: SmallMine) -> None:
    form, data, pages = render("roster", small.db, small.mine_id)
    by_name = {row[1]: row for row in form.rows}
    assert "周离职" not in by_name  # 在岗 only
    assert by_name["孙技术员"][11] == "3"  # 12 years from the start, 9 of them away
    assert by_name["赵矿长"][11] == "22"
    assert by_name["李电工"][12] == "T140522000001\nT140522000002"  # expiring first on top
    assert by_name["李电工"][13] == f"{TODAY + timedelta(days=30):%Y-%m-%d}"
    assert by_name["孙技术员"][12] == "T140522000003"  # expired, but his current licence
    assert by_name["钱总工"][12] == ""
    text = pdf_texts(data)
    assert pages == len(text) == 1
    assert "从业人员花名册" in text[0] and MINE in text[0]
    assert "T140522000001" in text[0] and "T140522000002" in text[0]
    assert_fonts_embedded(data)


def test_roster_header_repeats_on_every_page_of_the_demo(demo: tuple[Database, int]) -> None:
    form, data, pages = render("roster", *demo)
    text = pdf_texts(data)
    assert pages == len(text) > 5
    for number, page in enumerate(text, start=1):
        assert "特种作业证号" in squash(page), number
        assert f"第 {number} 页 共 {pages} 页" in page
    assert "主要负责人：" in text[-1]
    assert any(row[12] for row in form.rows)  # the demo's licences reach the roster


# --- “五职”矿长和“五科”专业技术人员配备情况表 -------------------------------------------------------------


def test_staffing_rows_vacancies_and_reasons(small: SmallMine) -> None:
    form, data, pages = render("staffing", small.db, small.mine_id)
    assert form.landscape
    assert [c.header for c in form.columns] == [
        "序号", "职务/专业", "姓名", "学历", "专业", "是否主体专业", "一线从业年限", "任职时间", "考核合格证号",
        "年度专门培训", "是否符合要求（不符合的写明原因）",
    ]  # fmt: skip
    rows = {row[1]: row for row in form.rows}
    # One row per post of a coal mine: the principal, five positions, five specialties.
    assert len(form.rows) == 11 and form.rows[0][1] == "主要负责人"
    assert rows["主要负责人"][2] == "赵矿长" and rows["主要负责人"][10] == "符合"
    assert rows["矿长"][8] == "晋A2024001"
    # Both held their posts all last year without the special training: the rule's red case shows too.
    assert rows["矿长"][9] == f"{TODAY.year}年已参加\n{TODAY.year - 1}年未参加"
    assert rows["总工程师"][9] == f"{TODAY.year}年未参加\n{TODAY.year - 1}年未参加"
    assert rows["总工程师"][8] == "无"
    assert rows["总工程师"][10].startswith("不符合：")
    assert "所学专业不是主体专业" in rows["总工程师"][10]
    assert "不足10年" in rows["总工程师"][10]
    assert rows["采煤专业"][6] == "3.0" and "不足5年" in rows["采煤专业"][10]
    for post in ("安全副矿长", "生产副矿长", "机电副矿长", "掘进专业", "通风专业"):
        assert rows[post][10] == "空缺" and rows[post][2] == ""
    text = squash("".join(pdf_texts(data)))
    assert pages == 1
    assert squash("“五职”矿长和“五科”专业技术人员配备情况表") in text and squash(MINE) in text
    assert "空缺" in text and "所学专业不是主体专业" in text and "钱总工" in text
    assert "山西省标准" in text
    assert_fonts_embedded(data)


def test_staffing_reasons_are_the_ones_the_dashboard_gives(small: SmallMine) -> None:
    report = staffing_report(small.db, small.mine_id)
    messages = [
        f.message
        for f in findings_for_mine(small.db, small.mine_id)
        if f.rule_code in ("STAFF-POSITION-QUALIFIED", "STAFF-SPECIALTY-QUALIFIED")
    ]
    unqualified = [line for line in report.lines if line.reasons]
    assert len(unqualified) == len(messages) == 2
    for line in unqualified:
        assert any(line.name in m and "；".join(line.reasons) in m for m in messages), line


def test_staffing_several_holders_print_one_row_each(small: SmallMine) -> None:
    extra, _ = _person(small.db, small.mine_id, "吴技术员", education="本科", core_major=True,
                       work_start=years_ago(15))  # fmt: skip
    assign_post(small.db, OP, extra, "spec_mining", TODAY - timedelta(days=10))
    second_chief, _ = _person(small.db, small.mine_id, "郑总工", education="本科", core_major=True,
                              work_start=years_ago(15))  # fmt: skip
    assign_post(small.db, OP, second_chief, "chief_engineer", TODAY - timedelta(days=5), replace=False)
    form = FORMS["staffing"].build(small.db, small.mine_id)
    mining = [row for row in form.rows if row[1] == "采煤专业"]
    assert [row[2] for row in mining] == ["孙技术员", "吴技术员"]
    assert mining[1][10] == "符合"
    chiefs = [row for row in form.rows if row[1] == "总工程师"]
    assert len(chiefs) == 2
    assert all("同时登记了2人" in row[10] for row in chiefs)
    assert [row[0] for row in form.rows] == [str(n) for n in range(1, len(form.rows) + 1)]


def test_staffing_of_the_demo_flags_the_deputy_with_eight_years(demo: tuple[Database, int]) -> None:
    form, data, _ = render("staffing", *demo)
    assert "机电副矿长" in squash("".join(pdf_texts(data)))
    deputy = next(row for row in form.rows if row[1] == "机电副矿长")
    assert "不足10年" in deputy[10]
    assert deputy[9] == f"{TODAY.year}年未参加"
    assert "空缺" not in [row[10] for row in form.rows]


# --- 从业人员安全培训档案（一人一档） ----------------------------------------------------------------------


def test_person_file_for_one_person(small: SmallMine) -> None:
    form, data, pages = render("person-file", small.db, small.mine_id, person=small.ids["李电工"].lower())
    assert isinstance(form, FormSet) and len(form.parts) == 1
    part = form.parts[0].form
    assert not part.landscape
    assert [c.header for c in part.columns] == [
        "序号", "培训日期", "培训类别", "培训内容", "学时", "培训单位", "考核成绩", "是否合格", "备注",
    ]  # fmt: skip
    assert [k for k, _ in part.info_block] == ["姓名", "身份证号", "学历", "专业", "岗位", "入职日期", "证书"]
    assert part.rows[0][7] == "不合格" and part.rows[0][6] == "55"
    text = pdf_texts(data)
    assert pages == len(text) == 1
    page = text[0]
    assert "从业人员安全培训档案（一人一档）" in page and MINE in page
    assert small.ids["李电工"] in page  # the 18-character ID on one line
    assert "照片" in page
    assert "T140522000001" in squash(page) and "T140522000002" in squash(page)
    assert "综采一队班前安全教育" in squash(page)
    assert "第 1 页 共 1 页" in page
    assert_fonts_embedded(data)


def test_person_file_of_someone_who_left_is_still_printed(small: SmallMine) -> None:
    form, data, _ = render("person-file", small.db, small.mine_id, person=small.ids["周离职"])
    assert "（离职）" in squash("".join(pdf_texts(data)))
    assert form.parts[0].form.rows[0][7] == ""  # attended, not examined


def test_person_file_unknown_person_is_not_found(small: SmallMine) -> None:
    with pytest.raises(NotFoundError, match="身份证号"):
        FORMS["person-file"].build(small.db, small.mine_id, person="110101199001011237")


def test_person_file_for_everyone_starts_each_person_on_a_new_page(small: SmallMine) -> None:
    form, data, pages = render("person-file", small.db, small.mine_id)
    assert isinstance(form, FormSet)
    names = [part.form.info_block[0][1] for part in form.parts]
    assert names == ["赵矿长", "钱总工", "孙技术员", "李电工"]  # 在岗 only, roster order
    text = pdf_texts(data)
    assert pages == len(text) == 4
    for page, name in zip(text, names, strict=True):
        assert name in page and "第 1 页 共 1 页" in page and "主要负责人：" in page
    outline = PdfReader(io.BytesIO(data)).outline
    assert [item.title for item in outline] == [f"{n}（{small.ids[n]}）" for n in names]
    # The flat table (the .xlsx) lists every training with the person in front.
    assert [c.header for c in form.columns][:3] == ["序号", "姓名", "身份证号"]
    assert sum(1 for row in form.rows if row[1] == "钱总工" and row[-1] == "暂无培训记录") == 1


def test_a_long_person_file_repeats_its_header_and_numbers_its_own_pages(small: SmallMine) -> None:
    electrician = small.people["李电工"]
    for k in range(70):
        day = TODAY - timedelta(days=7 * k + 1)
        create_session(
            small.db, OP, small.mine_id,
            SessionInput(f"班前安全教育第{k + 1:02d}次", "other", day, day, 1, organiser="综采一队",
                         content="岗位风险辨识、顶板和煤帮管理、工作面设备检修停送电安全措施、事故案例学习"),
            [Result(electrician, score=80 + k % 20)],
        )  # fmt: skip
    _, data, pages = render("person-file", small.db, small.mine_id)
    text = pdf_texts(data)
    assert pages == len(text) > 5
    mine_pages = [i for i, page in enumerate(text) if "李电工" in page]
    own = len(mine_pages)
    assert own >= 3
    for n, i in enumerate(mine_pages, start=1):
        assert f"第 {n} 页 共 {own} 页" in text[i]
        assert "培训内容" in squash(text[i]) and "是否合格" in squash(text[i])  # the header, every page
    assert "主要负责人：" in text[mine_pages[-1]]
    assert all("主要负责人：" not in text[i] for i in mine_pages[:-1])
    everything = squash("".join(text[i] for i in mine_pages))
    assert re.findall(r"班前安全教育第(\d{2})次", everything) == [f"{k:02d}" for k in range(70, 0, -1)]


def test_parts_report_progress_and_honour_cancel(small: SmallMine) -> None:
    form = FORMS["person-file"].build(small.db, small.mine_id)
    calls: list[tuple[int, int]] = []
    FORMS["person-file"].write_pdf(io.BytesIO(), form, progress=lambda d, t: calls.append((d, t)))
    assert len({t for _, t in calls}) == 1 and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    target = io.BytesIO()
    with pytest.raises(BuildCancelled):
        FORMS["person-file"].write_pdf(target, form, cancelled=lambda: True)
    assert target.getvalue() == b""


@pytest.mark.parametrize("count", range(28, 52, 2))
def test_parts_never_leave_a_blank_page_between_them(count: int) -> None:
    # Sweeps the first part's length across a page end: the second part starts on the very next page.
    from desktop.printing.layout import Column

    def part(name: str, rows: int) -> FormPart:
        form = TableForm(
            title="档案", mine_name=MINE, period="2026年", columns=[Column("序号"), Column("内容", 6)],
            rows=[[str(i), f"{name}ROW{i:03d}"] for i in range(1, rows + 1)], landscape=False,
            printed_at=clock.now(), info_block=[("姓名", name), ("身份证号", "140522197501010011")],
        )  # fmt: skip
        return FormPart(form, photo_box=True, label=name)

    buf = io.BytesIO()
    pages = build_parts_pdf(buf, [part("AAA", count), part("BBB", 3)])
    text = pdf_texts(buf.getvalue())
    assert pages == len(text)
    assert all("序号" in page for page in text)  # every page has its table: none is blank
    first_b = next(i for i, page in enumerate(text) if "BBBROW001" in page)
    assert "第 1 页 共 1 页" in text[first_b] and "AAA" not in text[first_b]
    assert f"AAAROW{count:03d}" in text[first_b - 1] and "主要负责人：" in text[first_b - 1]


def test_person_file_of_the_demo_one_part_per_active_person(demo: tuple[Database, int]) -> None:
    form, data, pages = render("person-file", *demo)
    assert isinstance(form, FormSet)
    roster = FORMS["roster"].build(*demo)
    assert len(form.parts) == len(roster.rows)
    assert pages >= len(form.parts)
    assert_fonts_embedded(data)


# --- 安全培训签到及考核记录表 ------------------------------------------------------------------------------


def test_training_session_sheet(small: SmallMine) -> None:
    sessions = FORMS["training-session"].params[0].choices
    assert sessions is not None
    chosen = next(c for c in sessions(small.db, small.mine_id) if "班前安全教育" in c.label)
    form, data, pages = render("training-session", small.db, small.mine_id, session=int(chosen.value))
    assert not form.landscape
    assert [c.header for c in form.columns] == [
        "序号",
        "姓名",
        "部门",
        "岗位",
        "本人签字",
        "考核成绩",
        "是否合格",
    ]
    assert [row[1] for row in form.rows] == ["周离职", "孙技术员", "李电工"]
    assert all(row[4] == "" for row in form.rows)  # signed by hand
    assert [k for k, _ in form.info_block][:6] == ["培训名称", "类别", "日期", "地点", "授课人", "学时"]
    text = pdf_texts(data)
    assert pages == len(text) == 1
    page = squash(text[0])
    assert "安全培训签到及考核记录表" in page and squash(MINE) in page
    assert "本人签字" in page and "王教员" in page and "不合格" in page and "年度再培训" in page
    assert_fonts_embedded(data)


def test_training_session_defaults_to_the_latest_and_rejects_unknown(small: SmallMine) -> None:
    latest = FORMS["training-session"].build(small.db, small.mine_id)
    assert dict(latest.info_block)["培训名称"] == "综采一队班前安全教育"
    with pytest.raises(NotFoundError, match="编号为9999的培训"):
        FORMS["training-session"].build(small.db, small.mine_id, session=9999)


def test_a_long_sign_in_sheet_repeats_the_signature_column(demo: tuple[Database, int]) -> None:
    db, mine_id = demo
    sessions = FORMS["training-session"].params[0].choices
    assert sessions is not None
    biggest = max(sessions(db, mine_id), key=lambda c: int(re.search(r"（(\d+)人）$", c.label)[1]))  # type: ignore[index]
    form, data, pages = render("training-session", db, mine_id, session=int(biggest.value))
    text = pdf_texts(data)
    assert len(form.rows) > 100 and pages == len(text) > 3
    for number, page in enumerate(text, start=1):
        assert "本人签字" in squash(page), number
        assert f"第 {number} 页 共 {pages} 页" in page
    assert "主要负责人：" in text[-1] and all("主要负责人：" not in page for page in text[:-1])


# --- 证书到期预警清单 -----------------------------------------------------------------------------------


def test_cert_expiry_lists_due_certificates_by_days_left(small: SmallMine) -> None:
    form, data, pages = render("cert-expiry", small.db, small.mine_id)
    assert form.landscape
    assert [c.header for c in form.columns] == [
        "序号", "姓名", "部门", "证书类别", "作业类别", "证号", "发证日期", "有效期至", "复审日期", "剩余天数", "状态",
    ]  # fmt: skip
    numbers = [row[5] for row in form.rows]
    days = [int(row[9]) for row in form.rows]
    assert days == sorted(days)
    assert set(numbers) == {"T140522000001", "T140522000003", "T140522000004"}  # not the one due in 5 years
    status = {row[5]: row[10] for row in form.rows}
    assert status["T140522000003"] == "已过期"
    assert status["T140522000001"] == "即将到期"
    assert status["T140522000004"] in ("复审逾期", "复审到期")
    by_number = {row[5]: row for row in form.rows}
    assert by_number["T140522000003"][9] == "-5" and by_number["T140522000001"][9] == "30"
    assert by_number["T140522000004"][8] == "2026-05-01"
    text = pdf_texts(data)
    assert pages == 1
    page = text[0]
    assert "证书到期预警清单" in page and MINE in page and "预警期 60 天" in page
    # The 剩余天数 column as printed, top to bottom.
    printed = [m for m in re.findall(r"T14052200000\d", page)]
    assert printed == numbers
    assert_fonts_embedded(data)


def test_cert_expiry_window_option_and_agreement_with_the_rules(small: SmallMine) -> None:
    wide = FORMS["cert-expiry"].build(small.db, small.mine_id, days=2000)
    assert "T140522000002" in [row[5] for row in wide.rows]
    if TODAY > date(2026, 5, 1):
        # An owed review is not hidden behind a renewal that a wide window reaches years ahead.
        assert {row[5]: row[10] for row in wide.rows}["T140522000004"] == "复审逾期"
    narrow = FORMS["cert-expiry"].build(small.db, small.mine_id, days=0)
    assert "T140522000001" not in [row[5] for row in narrow.rows]
    # With the default window: exactly the certificates the CERT-EXPIRY findings name.
    report = cert_expiry_report(small.db, small.mine_id)
    messages = [f.message for f in findings_for_mine(small.db, small.mine_id) if f.rule_code == "CERT-EXPIRY"]
    assert len(messages) == len(report.lines)
    for line in report.lines:
        assert any(line.number in m for m in messages)


def test_cert_expiry_skips_people_who_left(small: SmallMine) -> None:
    set_status(small.db, OP, small.people["李电工"], "left", TODAY)
    form = FORMS["cert-expiry"].build(small.db, small.mine_id)
    assert "李电工" not in [row[1] for row in form.rows]


def test_cert_expiry_of_the_demo(demo: tuple[Database, int]) -> None:
    form, data, _ = render("cert-expiry", *demo)
    assert form.rows and form.rows[0][10] == "已过期"
    assert [int(row[9]) for row in form.rows] == sorted(int(row[9]) for row in form.rows)
    assert_fonts_embedded(data)


# --- the command line --------------------------------------------------------------------------------


@pytest.fixture
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINELEDGER_HOME", str(tmp_path / "home"))


@pytest.mark.usefixtures("private_home")
@pytest.mark.parametrize(
    ("key", "extra"),
    [
        ("roster", []),
        ("staffing", []),
        ("person-file", []),
        ("training-session", []),
        ("cert-expiry", ["--days", "90"]),
    ],
)
def test_cli_prints_each_form(
    key: str, extra: list[str], demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / f"{key}.pdf"
    code = cli_main(["--db", str(demo_path), "print", key, "--mine", DEMO_MINE, "--out", str(out), *extra])
    assert code == 0, capsys.readouterr().err
    assert out.exists() and len(PdfReader(out).pages) >= 1
    assert FORMS[key].title in capsys.readouterr().out
    xlsx = tmp_path / f"{key}.xlsx"
    assert (
        cli_main(["--db", str(demo_path), "print", key, "--mine", DEMO_MINE, "--out", str(xlsx), *extra]) == 0
    )
    values = [c.value for row in load_workbook(xlsx).active.iter_rows() for c in row if c.value]
    assert FORMS[key].title in values


@pytest.mark.usefixtures("private_home")
def test_cli_person_and_session_options(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_database(demo_path)
    try:
        mine_id = next(m.id for m in list_mines(database) if m.name == DEMO_MINE)
        person = FORMS["person-file"].params[0].choices(database, mine_id)[0]  # type: ignore[misc]
        session = FORMS["training-session"].params[0].choices(database, mine_id)[-1]  # type: ignore[misc]
    finally:
        database.close()
    base = ["--db", str(demo_path), "print"]
    out = tmp_path / "p.pdf"
    assert (
        cli_main([*base, "person-file", "--mine", DEMO_MINE, "--person", person.value, "--out", str(out)])
        == 0
    )
    assert person.value in pdf_texts(out)[0]
    out = tmp_path / "s.pdf"
    code = cli_main(
        [*base, "training-session", "--mine", DEMO_MINE, "--session", session.value, "--out", str(out)]
    )
    assert code == 0
    assert squash(session.label.split(" ", 1)[1].rsplit("（", 1)[0]) in squash(pdf_texts(out)[0])
    capsys.readouterr()

    code = cli_main([*base, "person-file", "--mine", DEMO_MINE, "--person", "110101199001011237",
                     "--out", str(tmp_path / "x.pdf")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "没有身份证号为110101199001011237的人员" in err
    assert not (tmp_path / "x.pdf").exists()
    code = cli_main([*base, "training-session", "--mine", DEMO_MINE, "--session", "9999", "--out", str(out)])
    assert code == 2 and "没有编号为9999的培训" in capsys.readouterr().err
    code = cli_main([*base, "staffing", "--mine", DEMO_MINE, "--days", "5", "--out", str(out)])
    assert code == 2 and "--days" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        cli_main([*base, "cert-expiry", "--mine", DEMO_MINE, "--days", "-3", "--out", str(out)])
    assert info.value.code == 2 and "不能小于0" in capsys.readouterr().err
