"""证书到期预警清单: certificates expired or falling due within the window, fewest days left first."""

from __future__ import annotations

from datetime import datetime

from db.reports.cert_expiry import ExpiryReport
from desktop.printing.layout import Column, TableForm
from desktop.printing.multi import cn_date, fmt_date

__all__ = ["CERT_EXPIRY_COLUMNS", "CERT_EXPIRY_TITLE", "cert_expiry_form"]

CERT_EXPIRY_TITLE = "证书到期预警清单"

# Weights are points on the landscape frame (773.9 pt): dates and the number stay on one line.
CERT_EXPIRY_COLUMNS: tuple[Column, ...] = (
    Column("序号", 28, align="center", wrap=False),
    Column("姓名", 52, align="center"),
    Column("部门", 80),
    Column("证书类别", 80),
    Column("作业类别", 130),
    Column("证号", 96, align="center", wrap=False),
    Column("发证日期", 58, align="center", wrap=False),
    Column("有效期至", 58, align="center", wrap=False),
    Column("复审日期", 58, align="center", wrap=False),
    Column("剩余天数", 40, align="center", wrap=False),
    Column("状态", 52, align="center"),
)


def cert_expiry_form(report: ExpiryReport, printed_at: datetime) -> TableForm:
    rows = [
        [
            str(n),
            line.name,
            line.department,
            line.kind_label,
            line.operation_type,
            line.number,
            fmt_date(line.issued_on),
            fmt_date(line.valid_until),
            fmt_date(line.next_review),
            str(line.days_left),
            line.status_label,
        ]
        for n, line in enumerate(report.lines, start=1)
    ]
    return TableForm(
        title=CERT_EXPIRY_TITLE,
        mine_name=report.mine_name,
        period=f"截至 {cn_date(report.on)}　预警期 {report.window_days} 天",
        columns=list(CERT_EXPIRY_COLUMNS),
        rows=rows,
        landscape=True,
        printed_at=printed_at,
        empty_text=f"（{report.window_days}天内没有到期、需换证或复审的证书）",
    )
