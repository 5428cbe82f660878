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

    def parse(self, text: str) -> Any:
        """The value of a typed (or picked) text, or ValidationError in Chinese."""
        text = text.strip()
        if self.kind == "text":
            if not text:
                raise ValidationError(self.label, "不能为空")
            return text
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


# --- parameters -------------------------------------------------------------------------------------


def _person_choices(db: Database, mine_id: int) -> list[Choice]:
    from db.reports.person_file import person_choices

    return [Choice(c.id_number, c.label) for c in person_choices(db, mine_id)]


def _session_choices(db: Database, mine_id: int) -> list[Choice]:
    from db.reports.training_session import session_choices

    return [Choice(str(c.session_id), c.label) for c in session_choices(db, mine_id)]


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

FORMS: dict[str, FormEntry] = {
    "roster": FormEntry("roster", "从业人员花名册", build_roster),
    "staffing": FormEntry("staffing", "“五职”矿长和“五科”专业技术人员配备情况表", build_staffing),
    "person-file": FormEntry("person-file", "从业人员安全培训档案（一人一档）", build_person_file, (PERSON,)),
    "training-session": FormEntry(
        "training-session", "安全培训签到及考核记录表", build_training_session, (SESSION,)
    ),
    "cert-expiry": FormEntry("cert-expiry", "证书到期预警清单", build_cert_expiry, (DAYS,)),
}


def all_params(entries: Sequence[FormEntry] | None = None) -> list[FormParam]:
    """Every distinct parameter of the forms, once each (the command line offers them all)."""
    seen: dict[str, FormParam] = {}
    for entry in entries if entries is not None else list(FORMS.values()):
        for param in entry.params:
            seen.setdefault(param.name, param)
    return list(seen.values())
