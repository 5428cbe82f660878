"""Hazard ledger rules (隐患排查治理): pure functions over plain data."""

from __future__ import annotations

from datetime import date

from db.rules.catalog import rule
from db.rules.drills import month_bounds, previous_month
from db.rules.facts import HazardFact, MineData
from db.rules.findings import Finding, Subject, finding

OPEN = ("registered", "rectifying", "awaiting_acceptance")


def _subject(h: HazardFact) -> Subject:
    return Subject("hazard", h.id, h.number)


def _live(data: MineData) -> list[HazardFact]:
    return [h for h in data.hazards if h.status != "voided"]


def missing_five_fixes(h: HazardFact) -> list[str]:
    gaps = []
    if not h.responsible.strip():
        gaps.append("责任人")
    if not h.measures.strip():
        gaps.append("措施")
    if h.funds is None:
        gaps.append("资金")
    if h.deadline is None:
        gaps.append("时限")
    if not h.contingency_plan.strip():
        gaps.append("预案")
    return gaps


def missing_double_report(h: HazardFact) -> list[str]:
    return [
        label
        for label, value in (("报监管部门", h.reported_on), ("向职工公告", h.announced_on))
        if value is None
    ]


def months_back(day: date, months: int) -> date:
    year, month = day.year, day.month - months
    while month <= 0:
        year, month = year - 1, month + 12
    return date(year, month, min(day.day, month_bounds(year, month)[1].day))


def check_hazards(data: MineData, today: date) -> list[Finding]:
    found: list[Finding] = []
    live = _live(data)
    for h in live:
        if h.status in OPEN and h.deadline is not None and h.deadline < today:
            msg = f"隐患{h.number}（{h.place}）整改期限{h.deadline:%Y-%m-%d}已过，仍未销号（逾期{(today - h.deadline).days}天）。"
            found.append(finding("HAZ-OVERDUE", _subject(h), msg, data.id))
        if h.grade == "major":
            gaps = missing_five_fixes(h)
            if gaps and h.status != "closed":
                msg = f"重大事故隐患{h.number}“五落实”不全，缺{'、'.join(gaps)}。"
                found.append(finding("HAZ-FIVE-FIXES", _subject(h), msg, data.id))
            reports = missing_double_report(h)
            if reports:
                msg = f"重大事故隐患{h.number}未落实双报告：缺{'、'.join(reports)}的日期。"
                found.append(finding("HAZ-DOUBLE-REPORT", _subject(h), msg, data.id))
            if h.status in OPEN and h.found_on.year < int(rule("HAZ-STOCK").param("stock_before_year")):
                msg = f"存量重大事故隐患{h.number}（{h.found_on.year}年发现）仍未整改销号。"
                found.append(finding("HAZ-STOCK", _subject(h), msg, data.id))
        if h.status == "closed" and (not h.accepted_by.strip() or h.accepted_on is None):
            msg = f"隐患{h.number}已销号，但没有验收人或验收日期（谁检查、谁签名、谁负责）。"
            found.append(finding("HAZ-CLOSE-ACCEPTED", _subject(h), msg, data.id))
    found += check_repeats(data)
    found += check_majors_in_three_months(data, today)
    found += check_monthly(data, today)
    return found


def check_repeats(data: MineData) -> list[Finding]:
    """HAZ-REPEAT: the same category at the same place found again within N days of closing, with no cause
    analysis written. The pairs come from SQL (data.hazard_repeats); the latest earlier closing is named."""
    days = int(rule("HAZ-REPEAT").param("days"))
    found = []
    for r in data.hazard_repeats:
        msg = (
            f"隐患{r.number}与{r.earlier_closed_on:%Y-%m-%d}销号的{r.earlier_number}同类（{r.category}）、同地点，"
            f"{days}天内再次出现，请做原因分析。"
        )
        found.append(finding("HAZ-REPEAT", Subject("hazard", r.hazard_id, r.number), msg, data.id))
    return found


def check_majors_in_three_months(data: MineData, today: date) -> list[Finding]:
    spec = rule("HAZ-TWO-MAJOR-3M")
    since = months_back(today, int(spec.param("months")))
    majors = [h for h in _live(data) if h.grade == "major" and since <= h.found_on <= today]
    if len(majors) < int(spec.param("count")):
        return []
    numbers = "、".join(h.number for h in sorted(majors, key=lambda h: h.found_on))
    msg = f"近三个月内发现{len(majors)}项重大事故隐患（{numbers}），按规定予以红色预警。"
    return [finding("HAZ-TWO-MAJOR-3M", Subject("mine", data.id, data.name), msg, data.id)]


def check_monthly(data: MineData, today: date) -> list[Finding]:
    """HAZ-MONTHLY-CHECK and HAZ-ZERO-REPORT for last month (a breach) and this month (still due)."""
    found = []
    checks = {(c.year, c.month): c for c in data.monthly_checks}
    subject = Subject("mine", data.id, data.name)
    last = previous_month(today.year, today.month)
    for (year, month), current in ((last, False), ((today.year, today.month), True)):
        start, end = month_bounds(year, month)
        if not current and not data.judged(end):
            continue
        check = checks.get((year, month))
        if check is None:
            if current:
                msg = f"本月（{month}月）主要负责人尚未组织重大事故隐患排查，请在{end:%m月%d日}前完成。"
                found.append(finding("HAZ-MONTHLY-CHECK", subject, msg, data.id, "amber"))
            else:
                msg = f"{year}年{month}月没有主要负责人组织的重大事故隐患排查记录（每月至少1次）。"
                found.append(finding("HAZ-MONTHLY-CHECK", subject, msg, data.id))
            continue
        majors = [h for h in _live(data) if h.grade == "major" and start <= h.found_on <= end]
        if not majors and check.zero_report_on is None:
            msg = f"{year}年{month}月排查未发现重大事故隐患，尚未报送零报告。"
            found.append(
                finding(
                    "HAZ-ZERO-REPORT", Subject("monthly_check", check.id, f"{year}年{month}月"), msg, data.id
                )
            )
    return found
