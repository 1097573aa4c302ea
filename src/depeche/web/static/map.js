// The map: country outlines shipped with the package (Natural Earth 110m), events as points by type.
"use strict";
(() => {
  const W = 1000, H = 520;
  const svg = document.getElementById("map");
  const data = Desk.data("map-data");
  let view = { lon0: -180, lon1: 180, lat0: -60, lat1: 84 };

  // equirectangular, with longitudes shrunk by the cosine of the middle latitude so shapes keep their look
  function projector(v) {
    const k = Math.cos(((v.lat0 + v.lat1) / 2) * Math.PI / 180);
    const scale = Math.min(W / ((v.lon1 - v.lon0) * k), H / (v.lat1 - v.lat0));
    const cx = (v.lon0 + v.lon1) / 2, cy = (v.lat0 + v.lat1) / 2;
    return ([lon, lat]) => [W / 2 + (lon - cx) * k * scale, H / 2 - (lat - cy) * scale];
  }

  function ringPath(ring, project) {
    return ring.map((p, i) => (i ? "L" : "M") + project(p).map((n) => n.toFixed(1)).join(",")).join("") + "Z";
  }

  function countryPath(geometry, project) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.map((poly) => poly.map((ring) => ringPath(ring, project)).join("")).join("");
  }

  // events at the same place are spread on a small circle so each stays clickable
  function spread(points) {
    const seen = new Map();
    return points.map((p) => {
      const key = p.lat.toFixed(2) + "," + p.lon.toFixed(2);
      const n = seen.get(key) || 0;
      seen.set(key, n + 1);
      return { p, n };
    });
  }

  function drawPoints(layer, project) {
    for (const { p, n } of spread(data.points)) {
      const [x, y] = project([p.lon, p.lat]);
      const angle = n * 2.4, r = n ? 6 + 2 * Math.sqrt(n) : 0;
      const link = Desk.el("a", { href: "/events/" + encodeURIComponent(p.event_id), class: "point-link" }, layer);
      const dot = Desk.el("circle", { cx: x + r * Math.cos(angle), cy: y + r * Math.sin(angle), r: 6,
        fill: Desk.color(p.type), class: "point f-" + p.factuality, "data-event": p.event_id }, link);
      Desk.title(dot, `${p.type} ${p.date || "undated"} — ${p.place || "?"} — ${p.actors || "no actor"} (${p.factuality})`);
    }
  }

  function draw(world) {
    svg.replaceChildren();
    const project = projector(view);
    Desk.el("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }, svg);
    const land = Desk.el("g", { class: "land" }, svg);
    for (const f of world.features) {
      const path = Desk.el("path", { d: countryPath(f.geometry, project), class: "country" }, land);
      Desk.title(path, f.properties.name + (f.properties.code ? " (" + f.properties.code + ")" : ""));
    }
    drawPoints(Desk.el("g", { class: "points" }, svg), project);
  }

  function fitView() {
    if (!data.points.length) return { lon0: -180, lon1: 180, lat0: -60, lat1: 84 };
    const lons = data.points.map((p) => p.lon), lats = data.points.map((p) => p.lat);
    let v = { lon0: Math.min(...lons), lon1: Math.max(...lons), lat0: Math.min(...lats), lat1: Math.max(...lats) };
    const pad = Math.max(8, (v.lon1 - v.lon0) * 0.15, (v.lat1 - v.lat0) * 0.15);
    return { lon0: Math.max(-180, v.lon0 - pad), lon1: Math.min(180, v.lon1 + pad),
             lat0: Math.max(-85, v.lat0 - pad), lat1: Math.min(85, v.lat1 + pad) };
  }

  fetch("/static/world-110m.geojson").then((r) => r.json()).then((world) => {
    view = fitView();
    draw(world);
    document.getElementById("fit").addEventListener("click", () => { view = fitView(); draw(world); });
    document.getElementById("world").addEventListener("click", () => {
      view = { lon0: -180, lon1: 180, lat0: -60, lat1: 84 };
      draw(world);
    });
    svg.setAttribute("data-ready", "true");
  });
  Desk.legend([...new Set(data.points.map((p) => p.type))].sort());
})();
