"""The benchmark's outputs: the printed table, the JSON object and the Markdown of RESULTS.md."""

from __future__ import annotations

import json
from typing import Any

from tests.benchmarks.timing import MEASURE_KEYS, Measure

TABLE_COLUMNS = ("measure", "value", "baseline", "ratio", "target", "met")


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    digits = 3 if unit == "s" else 1
    return f"{value:.{digits}f} {unit}"


def met_text(met: bool | None) -> str:
    return {True: "yes", False: "NO", None: "n/a"}[met]


def rows(measures: dict[str, Measure]) -> list[tuple[str, ...]]:
    out = []
    for key in MEASURE_KEYS:
        m = measures.get(key)
        if m is None:
            continue
        ratio = "—" if m.ratio is None else f"{m.ratio:.2f}"
        out.append(
            (
                key,
                fmt(m.value, m.unit),
                fmt(m.baseline, m.unit),
                ratio,
                m.target.text(m.unit),
                met_text(m.met),
            )
        )
    return out


def table(measures: dict[str, Measure]) -> str:
    body = rows(measures)
    widths = [max(len(r[i]) for r in [TABLE_COLUMNS, *body]) for i in range(len(TABLE_COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(TABLE_COLUMNS, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    return "\n".join(lines)


def to_json(measures: dict[str, Measure], meta: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"_meta": meta}
    for key in MEASURE_KEYS:
        if key in measures:
            out[key] = measures[key].to_json()
    out["_targets"] = {
        k: {"target": m.target.text(m.unit), "met": m.met, "runs": m.runs} for k, m in measures.items()
    }
    out["_baselines"] = {k: m.baseline_what for k, m in measures.items()}
    out["_detail"] = {k: m.detail for k, m in measures.items()}
    if errors:
        out["_errors"] = errors
    return out


def _short(commit: str) -> str:
    head, _, more = commit.partition("+")
    return head[:10] + (f" (+{more})" if more else "")


def markdown(
    measures: dict[str, Measure], meta: dict[str, Any], errors: dict[str, str], level: int = 1
) -> str:
    """RESULTS.md's text; `level` 2 makes it a section (## size …, ### …) of a longer page."""
    machine = meta["machine"]
    h1, h2 = "#" * level, "#" * (level + 1)
    lines = [
        f"{h1} Benchmark results" if level == 1 else f"{h1} Size {meta['size']}",
        "",
        f"Measured {meta['date']} with `{meta['command']}` (size **{meta['size']}**, seed {meta['seed']}"
        f"{', commit ' + _short(meta['commit']) if meta.get('commit') else ''}).",
        "",
        f"Machine: {machine['platform']}, {machine['cpu_count']} CPUs, Python {machine['python']}, "
        f"PySide6 {machine['pyside6']}, SQLite {machine['sqlite']}, ReportLab {machine['reportlab']}, "
        f"openpyxl {machine['openpyxl']}.",
        "",
        "Each figure is the median of the runs shown; the baseline is measured in the same run on the same "
        "machine. The script reports, it asserts nothing: `met` compares the figure with the target.",
        "",
        "| " + " | ".join(TABLE_COLUMNS) + " | runs |",
        "|" + "---|" * (len(TABLE_COLUMNS) + 1),
    ]
    for row in rows(measures):
        lines.append("| " + " | ".join(row) + f" | {measures[row[0]].runs} |")
    lines += ["", f"{h2} Baselines", ""]
    for key in MEASURE_KEYS:
        if key in measures:
            lines.append(f"- `{key}`: {measures[key].baseline_what}")
    lines += ["", f"{h2} Databases", ""]
    for role, info in meta["databases"].items():
        counts = ", ".join(f"{k} {v:,}" for k, v in sorted(info["counts"].items()))
        lines.append(f"- {role}: `{info['name']}`, {len(info['mine_ids'])} mine(s); {counts}")
    lines += ["", f"{h2} Details", "", "```json", json.dumps(to_json(measures, meta, errors)["_detail"],
                                                         ensure_ascii=False, indent=1), "```", ""]  # fmt: skip
    if errors:
        lines += [f"{h2} Errors", ""] + [f"- `{k}`: {v}" for k, v in errors.items()] + [""]
    return "\n".join(lines)


def from_json(document: dict[str, Any]) -> tuple[dict[str, Measure], dict[str, Any], dict[str, str]]:
    """Measures back from a --json file, to write RESULTS.md again from saved runs."""
    measures = {
        key: Measure(
            key,
            value=document[key]["value"],
            baseline=document[key]["baseline"],
            runs=document.get("_targets", {}).get(key, {}).get("runs", 0),
            baseline_what=document.get("_baselines", {}).get(key, ""),
            detail=document.get("_detail", {}).get(key, {}),
        )
        for key in MEASURE_KEYS
        if key in document
    }
    return measures, document["_meta"], document.get("_errors", {})


def combined_markdown(documents: list[dict[str, Any]], intro: str = "") -> str:
    """One page of several runs (office, then county …), each a section."""
    parts = ["# Benchmark results", ""]
    if intro:
        parts += [intro.strip(), ""]
    parts += [markdown(*from_json(doc), level=2) for doc in documents]
    return "\n".join(parts)


if __name__ == "__main__":
    # .venv/bin/python -m tests.benchmarks.report office.json county.json [--intro notes.md] > RESULTS.md
    import sys
    from pathlib import Path

    args = sys.argv[1:]
    intro = ""
    if "--intro" in args:
        at = args.index("--intro")
        intro = Path(args[at + 1]).read_text(encoding="utf-8")
        del args[at : at + 2]
    docs = [json.loads(Path(a).read_text(encoding="utf-8")) for a in args]
    sys.stdout.write(combined_markdown(docs, intro))
