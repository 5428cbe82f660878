"""The printable forms: each is a title, the parameters it may take, and a function that reads the database
into a TableForm.

The GUI's 打印中心 and `mineledger print FORM` both list and build forms from here. `entry.build(db, mine_id)`
works for every form: a parameter is optional wherever a sensible default exists (person-file without a
person prints everyone 在岗, training-session without a session prints the latest, cert-expiry without days
uses the rule's warning window). A form's parameters are described by `FormParam`, so a window can ask for
them (with a pick-list from `choices`) and the command line can offer them as options.

Print with `entry.write_pdf(target, form, …)` rather than layout.build_pdf: a form built here may be a
FormSet (several forms in one document, e.g. one file per person), which only write_pdf prints part by part.
ReportLab loads only when a form is built or printed, so other command-line verbs start fast. No Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from db import clock
from db.engine import Database
from db.errors import ValidationError

if TYPE_CHECKING:
    from desktop.printing.layout import TableForm


@dataclass(frozen=True)
class Choice:
    """One value a picker can offer for a parameter: what to pass (as typed on the command line) and
    what to show."""

    value: str
    label: str


@dataclass(frozen=True)
class FormParam:
    """A parameter a form's build function takes as a keyword argument, always optional."""

    name: str  # the keyword of FormEntry.build
    label: str  # as a dialog shows it
    flag: str  # the command-line option
    metavar: str
    help: str  # says what the form prints when the parameter is left out
    kind: Literal["text", "int"] = "text"
    minimum: int | None = None  # int parameters: the smallest allowed value
    # The value the form uses when the parameter is left out, where there is one to pre-fill a field.
    default: Callable[[], Any] | None = None
    # Values to pick from for this mine (a person, a session), best first; None where any value goes.
    choices: Callable[[Database, int], list[Choice]] | None = None
    # Text parameters: turns the typed text into the value (or raises ValidationError), e.g. a month.
    check: Callable[[str], str] | None = None

    def parse(self, text: str) -> Any:
        """The value of a typed (or picked) text, or ValidationError in Chinese."""
        text = text.strip()
        if self.kind == "text":
            if not text:
                raise ValidationError(self.label, "不能为空")
            return self.check(text) if self.check is not None else text
        try:
            value = int(text)
        except ValueError:
            raise ValidationError(self.label, f"应为整数，不是“{text}”") from None
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(self.label, f"不能小于{self.minimum}")
        return value


@dataclass(frozen=True)
class FormEntry:
    key: str  # the command-line name: `mineledger print roster`
    title: str  # as printed
    # build(db, mine_id, **{param.name: value}); every parameter may be left out.
    build: Callable[..., TableForm]
    params: tuple[FormParam, ...] = ()

    def write_pdf(
        self,
        target: str | Path | BinaryIO,
        form: TableForm,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Print a form this entry built (a FormSet part by part); returns the page count."""
        from desktop.printing.multi import write_pdf

        return write_pdf(target, form, progress=progress, cancelled=cancelled)

    def write_xlsx(self, target: str | Path | BinaryIO, form: TableForm) -> None:
        """Save the form as a spreadsheet (a FormSet as its flat table of all parts)."""
        from desktop.printing.xlsx import write_xlsx

        write_xlsx(target, form)


# --- the forms --------------------------------------------------------------------------------------


def build_roster(db: Database, mine_id: int) -> TableForm:
    """从业人员花名册 of the people 在岗."""
    from db.reports.roster import roster_report
    from desktop.printing.multi import cn_date
    from desktop.printing.roster import RosterRow, roster_form

    report = roster_report(db, mine_id, clock.today())
    rows = [
        RosterRow(
            name=line.name,
            sex=line.sex,
            id_number=line.id_number,
            education=line.education,
            major=line.major,
            department=line.department,
            post=line.post,
            employment=line.employment_type,
            underground=line.underground,
            work_start=line.work_start,
            # Front-line start minus recorded gaps, as the rules count it; one decimal, as they print it.
            front_line_years=None if line.front_line_years is None else round(line.front_line_years, 1),
            # Several licences: one number a line, the one expiring first on top, beside its date.
            cert_no="\n".join(line.licence_numbers) or None,
            cert_valid_until=line.licence_valid_until,
        )
        for line in report.lines
    ]
    return roster_form(report.mine_name, rows, clock.now(), period=f"截至 {cn_date(report.on)}")


def build_staffing(db: Database, mine_id: int) -> TableForm:
    """“五职”矿长和“五科”专业技术人员配备情况表."""
    from db.reports.staffing import staffing_report
    from desktop.printing.staffing import staffing_form

    return staffing_form(staffing_report(db, mine_id, clock.today()), clock.now())


def build_person_file(db: Database, mine_id: int, person: str | None = None) -> TableForm:
    """一人一档 of one person (by ID number, whatever his status) or of everyone 在岗."""
    from db.reports.person_file import person_file_report
    from desktop.printing.person_file import person_files_formset

    return person_files_formset(person_file_report(db, mine_id, person, clock.today()), clock.now())


def build_training_session(db: Database, mine_id: int, session: int | None = None) -> TableForm:
    """签到及考核记录表 of one session (by its number), or of the latest session."""
    from db.reports.training_session import session_sheet
    from desktop.printing.training_session import training_session_form

    return training_session_form(session_sheet(db, mine_id, session), clock.now())


def build_cert_expiry(db: Database, mine_id: int, days: int | None = None) -> TableForm:
    """证书到期预警清单 for a window of `days` (default: CERT-EXPIRY's warning days)."""
    from db.reports.cert_expiry import cert_expiry_report
    from desktop.printing.cert_expiry import cert_expiry_form

    return cert_expiry_form(cert_expiry_report(db, mine_id, clock.today(), days), clock.now())


def build_drill_session(db: Database, mine_id: int, session: int | None = None) -> TableForm:
    """自救器实操培训记录表 of one drill (by its number), or of the latest monthly drill; blank if none yet."""
    from db.reports.drills import drill_session_sheet
    from desktop.printing.drill_session import drill_session_form

    return drill_session_form(drill_session_sheet(db, mine_id, session), clock.now())


def build_drill_coverage(db: Database, mine_id: int, month: str | None = None) -> TableForm:
    """月度自救器实操培训覆盖情况表 of a month (YYYY-MM), by default the last complete month."""
    from db.reports.drills import drill_month_report, last_month, parse_month
    from desktop.printing.drill_coverage import drill_coverage_form

    year, number = parse_month(month or last_month())
    return drill_coverage_form(drill_month_report(db, mine_id, year, number), clock.now())


def build_evacuation(db: Database, mine_id: int, drill: int | None = None) -> TableForm:
    """紧急撤离和逃生避险应急演练记录 of one drill (by its number), or of the latest; blank if none yet."""
    from db.reports.drills import evacuation_record
    from desktop.printing.evacuation import evacuation_form

    return evacuation_form(evacuation_record(db, mine_id, drill), clock.now())


def build_hazard_ledger(
    db: Database,
    mine_id: int,
    date_from: str | None = None,
    date_to: str | None = None,
    status: str | None = None,
    grade: str | None = None,
    category: str | None = None,
    source: str | None = None,
    responsible: str | None = None,
) -> TableForm:
    """隐患排查治理台账 of the hazards found from date_from to date_to (default: this year), filtered."""
    from datetime import date

    from db.reports.hazards import HazardFilter, hazard_ledger
    from desktop.printing.hazard_ledger import hazard_ledger_form

    filt = HazardFilter(status=status, grade=grade, category=category, source=source, responsible=responsible)
    start = date.fromisoformat(date_from) if date_from else None
    end = date.fromisoformat(date_to) if date_to else None
    return hazard_ledger_form(hazard_ledger(db, mine_id, start, end, filt), clock.now())


def build_hazard_card(db: Database, mine_id: int, hazard: str | None = None) -> TableForm:
    """重大事故隐患“五落实”及整改销号单 of one major hazard (by number), or of the latest major hazard."""
    from db.reports.hazards import hazard_card
    from desktop.printing.hazard_card import hazard_card_form

    return hazard_card_form(hazard_card(db, mine_id, hazard), clock.now())


def build_monthly_check(db: Database, mine_id: int, month: str | None = None) -> TableForm:
    """月度重大事故隐患排查记录（零报告） of a month (YYYY-MM), by default the last complete month."""
    from db.reports.drills import last_month, parse_month
    from db.reports.hazards import monthly_check_record
    from desktop.printing.monthly_check import monthly_check_form

    year, number = parse_month(month or last_month())
    return monthly_check_form(monthly_check_record(db, mine_id, year, number), clock.now())


def build_hazard_stats(
    db: Database, mine_id: int, year: int | None = None, by: str | None = None
) -> TableForm:
    """隐患统计表 of a year (default: this year) by category (default) or by month."""
    from db.reports.hazards import hazard_stats
    from desktop.printing.hazard_stats import hazard_stats_form

    stats = hazard_stats(db, mine_id, year, "month" if by == "month" else "category")
    return hazard_stats_form(stats, clock.now())


# --- parameters -------------------------------------------------------------------------------------


def _person_choices(db: Database, mine_id: int) -> list[Choice]:
    from db.reports.person_file import person_choices

    return [Choice(c.id_number, c.label) for c in person_choices(db, mine_id)]


def _session_choices(db: Database, mine_id: int) -> list[Choice]:
    from db.reports.training_session import session_choices

    return [Choice(str(c.session_id), c.label) for c in session_choices(db, mine_id)]


def _drill_session_choices(db: Database, mine_id: int) -> list[Choice]:
    from db.reports.drills import drill_session_choices

    return [Choice(str(c.session_id), c.label) for c in drill_session_choices(db, mine_id)]


def _evacuation_choices(db: Database, mine_id: int) -> list[Choice]:
    from db.reports.drills import evacuation_choices

    return [Choice(str(c.drill_id), c.label) for c in evacuation_choices(db, mine_id)]


def _month_choices(_db: Database, _mine_id: int) -> list[Choice]:
    """The last twelve months, the last complete one first (the current month last: it is under way)."""
    from db.reports.drills import month_text
    from db.rules.drills import previous_month

    today = clock.today()
    months = [(today.year, today.month)]
    for _ in range(12):
        months.append(previous_month(*months[-1]))
    order = [*months[1:], months[0]]
    return [
        Choice(month_text(y, m), f"{y}年{m}月" + ("（本月）" if (y, m) == months[0] else ""))
        for y, m in order
    ]


def _last_month() -> str:
    from db.reports.drills import last_month

    return last_month()


def _check_month(text: str) -> str:
    from db.reports.drills import month_text, parse_month

    return month_text(*parse_month(text))


def _warning_days() -> int:
    from db.reports.cert_expiry import default_warning_days

    return default_warning_days()


PERSON = FormParam(
    name="person",
    label="人员（身份证号）",
    flag="--person",
    metavar="ID_NUMBER",
    help="只打印此身份证号的人员档案（不填则打印全部在岗人员，每人另起一页）",
    choices=_person_choices,
)
SESSION = FormParam(
    name="session",
    label="培训（编号）",
    flag="--session",
    metavar="ID",
    help="培训编号（不填则为最近一次培训）",
    kind="int",
    minimum=1,
    choices=_session_choices,
)
DAYS = FormParam(
    name="days",
    label="预警天数",
    flag="--days",
    metavar="N",
    help="列出N天内到期或需复审的证书（不填则按预警规则的天数）",
    kind="int",
    minimum=0,
    default=_warning_days,
)

DRILL_SESSION = FormParam(
    name="session",
    label="实操培训（编号）",
    flag="--session",
    metavar="ID",
    help="培训编号（不填则为最近一次培训）",
    kind="int",
    minimum=1,
    choices=_drill_session_choices,
)
MONTH = FormParam(
    name="month",
    label="月份",
    flag="--month",
    metavar="YYYY-MM",
    help="统计月份，如2026-05（不填则为上个月）",
    default=_last_month,
    choices=_month_choices,
    check=_check_month,
)
EVACUATION = FormParam(
    name="drill",
    label="应急演练（编号）",
    flag="--drill",
    metavar="ID",
    help="演练编号（不填则为最近一次演练）",
    kind="int",
    minimum=1,
    choices=_evacuation_choices,
)


def _check_day(text: str) -> str:
    from db.exchange import cells

    try:
        day = cells.parse_date(text)
    except cells.CellError as err:
        raise ValidationError("日期", str(err)) from None
    if day is None:
        raise ValidationError("日期", "不能为空")
    return day.isoformat()


def _year_start() -> str:
    return f"{clock.today().year}-01-01"


def _today() -> str:
    return clock.today().isoformat()


def _check_status(text: str) -> str:
    from db.reports.hazards import STATUS_FILTERS

    for code, label in STATUS_FILTERS.items():
        if text in (code, label):
            return code
    raise ValidationError(
        "状态", f"“{text}”应为：{'、'.join(f'{c}（{t}）' for c, t in STATUS_FILTERS.items())}"
    )


def _status_choices(_db: Database, _mine_id: int) -> list[Choice]:
    from db.reports.hazards import STATUS_FILTERS

    return [Choice(code, label) for code, label in STATUS_FILTERS.items()]


def _check_grade(text: str) -> str:
    return {"一般": "general", "重大": "major"}.get(text, text)


def _grade_choices(db: Database, mine_id: int) -> list[Choice]:
    from db.models import Mine
    from db.services.hazards import mine_grades

    with db.session() as s:
        mine = s.get(Mine, mine_id)
        labels = (
            [g for g in mine_grades(mine) if g not in ("一般", "重大", "general", "major")] if mine else []
        )
    return [Choice("general", "一般"), Choice("major", "重大"), *(Choice(g, g) for g in labels)]


def _check_category(text: str) -> str:
    from db.catalogs import hazard_categories

    if text not in hazard_categories():
        raise ValidationError("专业类别", f"“{text}”应为：{'、'.join(hazard_categories())}")
    return text


def _category_choices(_db: Database, _mine_id: int) -> list[Choice]:
    from db.catalogs import hazard_categories

    return [Choice(c, c) for c in hazard_categories()]


def _check_source(text: str) -> str:
    from db.catalogs import hazard_sources

    for code, title in hazard_sources().items():
        if text in (code, title):
            return code
    raise ValidationError("来源", f"“{text}”应为：{'、'.join(hazard_sources().values())}")


def _source_choices(_db: Database, _mine_id: int) -> list[Choice]:
    from db.catalogs import hazard_sources

    return [Choice(code, title) for code, title in hazard_sources().items()]


def _check_hazard(text: str) -> str:
    from db.reports.hazards import normalise_number

    return normalise_number(text)


def _hazard_choices(db: Database, mine_id: int) -> list[Choice]:
    from db.reports.hazards import hazard_choices

    return [Choice(c.number, c.label) for c in hazard_choices(db, mine_id)]


def _this_year() -> int:
    return clock.today().year


def _check_by(text: str) -> str:
    by = {"category": "category", "类别": "category", "month": "month", "月份": "month"}.get(text)
    if by is None:
        raise ValidationError("统计方式", f"“{text}”应为 category（按类别）或 month（按月份）")
    return by


FROM_DATE = FormParam(
    name="date_from",
    label="排查日期自",
    flag="--from",
    metavar="D",
    help="排查日期起，如2026-01-01（不填则为今年1月1日）",
    default=_year_start,
    check=_check_day,
)
TO_DATE = FormParam(
    name="date_to",
    label="排查日期至",
    flag="--to",
    metavar="D",
    help="排查日期止（不填则为今天）",
    default=_today,
    check=_check_day,
)
HAZARD_STATUS = FormParam(
    name="status",
    label="状态",
    flag="--status",
    metavar="STATUS",
    help="只列此状态：registered 已登记、rectifying 整改中、awaiting_acceptance 待验收、closed 已销号、"
    "voided 已作废、open 未销号、overdue 逾期未销号（不填则全部，含已作废）",
    choices=_status_choices,
    check=_check_status,
)
HAZARD_GRADE = FormParam(
    name="grade",
    label="等级",
    flag="--grade",
    metavar="GRADE",
    help="只列此等级：一般、重大，或本矿的分级如B级（不填则全部）",
    choices=_grade_choices,
    check=_check_grade,
)
HAZARD_CATEGORY = FormParam(
    name="category",
    label="专业类别",
    flag="--category",
    metavar="TEXT",
    help="只列此专业类别，如顶板（不填则全部）",
    choices=_category_choices,
    check=_check_category,
)
HAZARD_SOURCE = FormParam(
    name="source",
    label="排查层级/来源",
    flag="--source",
    metavar="TEXT",
    help="只列此来源，如班组日查或 shift_daily（不填则全部）",
    choices=_source_choices,
    check=_check_source,
)
RESPONSIBLE = FormParam(
    name="responsible",
    label="责任人",
    flag="--responsible",
    metavar="NAME",
    help="只列责任人姓名含此文字的隐患（不填则全部）",
)
HAZARD = FormParam(
    name="hazard",
    label="重大事故隐患（编号）",
    flag="--hazard",
    metavar="NUMBER",
    help="隐患编号，如2026-0042（不填则为最近登记的重大事故隐患）",
    choices=_hazard_choices,
    check=_check_hazard,
)
YEAR = FormParam(
    name="year",
    label="年度",
    flag="--year",
    metavar="YYYY",
    help="统计年度（不填则为今年）",
    kind="int",
    minimum=2000,
    default=_this_year,
)
STATS_BY = FormParam(
    name="by",
    label="统计方式",
    flag="--by",
    metavar="category|month",
    help="category 按专业类别（默认）或 month 按月份",
    default=lambda: "category",
    choices=lambda _db, _mine: [Choice("category", "按专业类别"), Choice("month", "按月份")],
    check=_check_by,
)


FORMS: dict[str, FormEntry] = {
    "roster": FormEntry("roster", "从业人员花名册", build_roster),
    "staffing": FormEntry("staffing", "“五职”矿长和“五科”专业技术人员配备情况表", build_staffing),
    "person-file": FormEntry("person-file", "从业人员安全培训档案（一人一档）", build_person_file, (PERSON,)),
    "training-session": FormEntry(
        "training-session", "安全培训签到及考核记录表", build_training_session, (SESSION,)
    ),
    "cert-expiry": FormEntry("cert-expiry", "证书到期预警清单", build_cert_expiry, (DAYS,)),
    "drill-session": FormEntry(
        "drill-session", "自救器实操培训记录表", build_drill_session, (DRILL_SESSION,)
    ),
    "drill-coverage": FormEntry(
        "drill-coverage", "月度自救器实操培训覆盖情况表", build_drill_coverage, (MONTH,)
    ),
    "evacuation": FormEntry("evacuation", "紧急撤离和逃生避险应急演练记录", build_evacuation, (EVACUATION,)),
    "hazard-ledger": FormEntry(
        "hazard-ledger",
        "隐患排查治理台账",
        build_hazard_ledger,
        (FROM_DATE, TO_DATE, HAZARD_STATUS, HAZARD_GRADE, HAZARD_CATEGORY, HAZARD_SOURCE, RESPONSIBLE),
    ),
    "hazard-card": FormEntry("hazard-card", "重大事故隐患“五落实”及整改销号单", build_hazard_card, (HAZARD,)),
    "monthly-check": FormEntry(
        "monthly-check", "月度重大事故隐患排查记录（零报告）", build_monthly_check, (MONTH,)
    ),
    "hazard-stats": FormEntry("hazard-stats", "隐患统计表", build_hazard_stats, (YEAR, STATS_BY)),
}


def all_params(entries: Sequence[FormEntry] | None = None) -> list[FormParam]:
    """Every distinct parameter of the forms, once each (the command line offers them all)."""
    seen: dict[str, FormParam] = {}
    for entry in entries if entries is not None else list(FORMS.values()):
        for param in entry.params:
            seen.setdefault(param.name, param)
    return list(seen.values())
