"""Read and check the TSV and YAML tables: every problem is a DataError naming the file and line."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError

try:  # libyaml's loader is ~10x faster; fall back to pure Python when it is not built.
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def data_dir() -> Path:
    return Path(str(resources.files("depeche") / "data"))


def read_tsv(path: Path, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a TSV file as dicts; `#` lines and blank lines are skipped."""
    if not path.exists():
        raise DataError("table is missing; reinstall depeche", path=str(path))
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return []
    header = lines[0].split("\t")
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError(f"columns {missing} missing from the header", path=str(path))
    rows = []
    for n, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise DataError(f"line {n} has {len(cells)} cells, header has {len(header)}", path=str(path))
        cells += [""] * (len(header) - len(cells))
        rows.append({h: c.strip() for h, c in zip(header, cells, strict=True)})
    return rows


def read_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise DataError("table is missing; reinstall depeche", path=str(path))
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML: {exc}", path=str(path)) from exc
    if not isinstance(data, dict):
        raise DataError("expected a mapping at the top level", path=str(path))
    return data


def split_cell(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(";") if v.strip()]
