// The timeline: stacked bars of event counts per day (or week, month) and type, drawn in SVG.
"use strict";
(() => {
  const W = 1000, H = 320, M = { left: 40, right: 10, top: 10, bottom: 40 };
  const svg = document.getElementById("timeline");
  const data = Desk.data("timeline-data");
  const series = data.series;

  // the top of the scale is a whole number of steps, so the tallest bar ends on a grid line or below
  function niceMax(max) {
    const step = Math.max(1, Math.ceil(max / 5));
    return { step, top: Math.ceil(max / step) * step };
  }

  function axis(step, max, plotH) {
    for (let v = 0; v <= max; v += step) {
      const y = M.top + plotH - (v / max) * plotH;
      Desk.el("line", { x1: M.left, x2: W - M.right, y1: y, y2: y, class: "grid" }, svg);
      Desk.el("text", { x: M.left - 6, y: y + 4, class: "tick", "text-anchor": "end" }, svg).textContent = v;
    }
  }

  // the last day a bar covers: a week bar runs to Sunday; a month bar's "YYYY-MM" covers the month already
  function lastDay(date) {
    if (data.bucket !== "week") return date;
    const d = new Date(date + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 6);
    return d.toISOString().slice(0, 10);
  }

  function bar(item, x, width, plotH, max) {
    let y = M.top + plotH;
    const end = lastDay(item.date);
    for (const [type, n] of Object.entries(item.counts)) {
      const h = (n / max) * plotH;
      y -= h;
      const link = Desk.el("a", { href: "/events?" + Desk.query({ type, since: item.date, until: end, offset: null, bucket: null }) }, svg);
      const rect = Desk.el("rect", { x, y, width, height: Math.max(h, 1), fill: Desk.color(type), class: "bar" }, link);
      Desk.title(rect, `${item.date}: ${n} ${type}`);
    }
  }

  const DAY = 86400000;
  const SPAN = { day: 1, week: 7, month: 30.44 };

  function time(date) {
    return Date.parse((date.length === 7 ? date + "-01" : date) + "T00:00:00Z");
  }

  // a true time axis: bars sit at their dates, so gaps between reports show as gaps
  function scale(plotW) {
    const t0 = time(series[0].date), t1 = time(series[series.length - 1].date) + SPAN[data.bucket] * DAY;
    const x = (t) => M.left + ((t - t0) / (t1 - t0)) * plotW;
    return { x, width: Math.max(3, (SPAN[data.bucket] * DAY / (t1 - t0)) * plotW * 0.85), t0, t1 };
  }

  function ticks(s, plotH) {
    const n = 8;
    for (let i = 0; i <= n; i++) {
      const t = s.t0 + ((s.t1 - s.t0) * i) / n;
      const label = new Date(t).toISOString().slice(0, data.bucket === "month" ? 7 : 10);
      Desk.el("line", { x1: s.x(t), x2: s.x(t), y1: M.top + plotH, y2: M.top + plotH + 5, class: "grid" }, svg);
      const anchor = i === 0 ? "start" : i === n ? "end" : "middle";
      Desk.el("text", { x: s.x(t), y: H - M.bottom + 18, class: "tick", "text-anchor": anchor }, svg).textContent = label;
    }
  }

  function draw() {
    if (!series.length) {
      Desk.el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "tick" }, svg).textContent = "No dated event matches these filters.";
      return;
    }
    const plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
    const { step, top: max } = niceMax(Math.max(...series.map((s) => s.total)));
    axis(step, max, plotH);
    const s = scale(plotW);
    ticks(s, plotH);
    for (const item of series) bar(item, s.x(time(item.date)), s.width, plotH, max);
  }

  draw();
  Desk.legend(data.types);
  svg.setAttribute("data-ready", "true");
})();
