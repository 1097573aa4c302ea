// The timeline: stacked bars of event counts per day, week or month and type, drawn in SVG. A click on a bar
// opens its events; a drag across the chart picks a period, offered as links to the events table and the map.
"use strict";
(() => {
  const W = 1000, H = 320, M = { left: 40, right: 10, top: 10, bottom: 40 };
  const DAY = 86400000;
  const svg = document.getElementById("timeline");
  const data = Desk.data("timeline-data");
  const series = data.series;
  const plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;

  // the top of the scale is a whole number of steps, so the tallest bar ends on a grid line or below
  function niceMax(max) {
    const step = Math.max(1, Math.ceil(max / 5));
    return { step, top: Math.ceil(max / step) * step };
  }

  function axis(step, max) {
    for (let v = 0; v <= max; v += step) {
      const y = M.top + plotH - (v / max) * plotH;
      Desk.el("line", { x1: M.left, x2: W - M.right, y1: y, y2: y, class: "grid" }, svg);
      Desk.el("text", { x: M.left - 6, y: y + 4, class: "tick", "text-anchor": "end" }, svg).textContent = v;
    }
  }

  function time(date) {
    return Date.parse(date + "T00:00:00Z");
  }

  // a true time axis from the first bar's first day to the day after the last bar's last: gaps show as gaps
  function scale() {
    const t0 = time(series[0].date), t1 = time(series[series.length - 1].end) + DAY;
    const x = (t) => M.left + ((t - t0) / (t1 - t0)) * plotW;
    return { x, t0, t1 };
  }

  function bar(item, s, max) {
    const x = s.x(time(item.date)), full = s.x(time(item.end) + DAY) - x;
    const width = Math.max(2, full * 0.85);
    let y = M.top + plotH;
    for (const [type, n] of Object.entries(item.counts)) {
      const h = (n / max) * plotH;
      y -= h;
      const which = type === "other" ? null : type;  // "other" has no filter of its own: the bar's period then
      const link = Desk.el("a", { href: "/events?" + Desk.query({ type: which, since: item.date, until: item.end, offset: null, bucket: null }) }, svg);
      const rect = Desk.el("rect", { x, y, width, height: Math.max(h, 1), fill: Desk.color(type), class: "bar" }, link);
      rect.dataset.date = item.date;
      Desk.title(rect, `${item.date}${item.end !== item.date ? " – " + item.end : ""}: ${n} ${type}`);
    }
  }

  function ticks(s) {
    const n = 8;
    for (let i = 0; i <= n; i++) {
      const t = s.t0 + ((s.t1 - s.t0) * i) / n;
      const label = new Date(t).toISOString().slice(0, data.bucket === "month" ? 7 : 10);
      Desk.el("line", { x1: s.x(t), x2: s.x(t), y1: M.top + plotH, y2: M.top + plotH + 5, class: "grid" }, svg);
      const anchor = i === 0 ? "start" : i === n ? "end" : "middle";
      Desk.el("text", { x: s.x(t), y: H - M.bottom + 18, class: "tick", "text-anchor": anchor }, svg).textContent = label;
    }
  }

  // the legend names each series with its count: the types of the chart, the rest as "other"
  function legend() {
    const box = document.getElementById("legend");
    const totals = data.type_totals;
    for (const type of data.types) {
      const n = type === "other"
        ? Object.entries(totals).filter(([t]) => !data.types.includes(t)).reduce((a, [, v]) => a + v, 0)
        : totals[type];
      const item = document.createElement("span");
      item.className = "badge t-" + type;
      item.textContent = `${type} ${n}`;
      box.appendChild(item);
    }
  }

  function draw() {
    if (!series.length) {
      Desk.el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "tick" }, svg).textContent = "No dated event matches these filters.";
      return null;
    }
    const { step, top: max } = niceMax(Math.max(...series.map((s) => s.total)));
    axis(step, max);
    const s = scale();
    ticks(s);
    for (const item of series) bar(item, s, max);
    return s;
  }

  const s = draw();
  legend();
  if (s) Brush(svg, s, { M, W, H, DAY, series, time });
  svg.setAttribute("data-ready-ms", String(Math.round(performance.now())));  // for bench/desk.py
  svg.setAttribute("data-ready", "true");
})();
