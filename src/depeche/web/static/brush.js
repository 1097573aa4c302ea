// A brush on the timeline: drag across the chart to pick the bars of a period; the period is offered as links
// (its events, on the map) and put in the From/To fields, so that "Filter" narrows the chart to it.
"use strict";
function Brush(svg, scale, ctx) {  // called by timeline.js, which loads after this file
  const { M, W, H, DAY, series, time } = ctx;
  const MIN_DRAG = 4;  // SVG units: less is a click on a bar, not a brush
  const panel = document.getElementById("brush-picked");
  const hint = document.getElementById("brush-hint");
  let start = null, band = null, dragged = false, swallow = false;

  // where the pointer is, in the SVG's own units (the chart is drawn in a 1000-wide viewBox, shown at any width)
  function svgX(event) {
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * W;
    return Math.min(W - M.right, Math.max(M.left, x));
  }

  function picked(a, b) {
    const lo = Math.min(a, b), hi = Math.max(a, b);
    return series.filter((item) => scale.x(time(item.date)) < hi && scale.x(time(item.end) + DAY) > lo);
  }

  function show(items) {
    if (!items.length) { clear(); return; }
    const since = items[0].date, until = items[items.length - 1].end;
    const changes = { since, until, offset: null, bucket: null };
    document.getElementById("brush-range").textContent = since === until ? since : `${since} – ${until}`;
    document.getElementById("brush-count").textContent = items.reduce((n, item) => n + item.total, 0);
    document.getElementById("brush-events").href = "/events?" + Desk.query(changes);
    document.getElementById("brush-map").href = "/map?" + Desk.query(changes);
    for (const [id, value] of [["f-since", since], ["f-until", until]]) {
      const field = document.getElementById(id);
      if (field) field.value = value;
    }
    draw(scale.x(time(since)), scale.x(time(until) + DAY));  // the band snaps to the bars it picked
    panel.hidden = false;
    hint.hidden = true;
    svg.setAttribute("data-brushed", `${since}/${until}`);
  }

  function clear() {
    if (band) band.remove();
    band = null;
    panel.hidden = true;
    hint.hidden = false;
    svg.removeAttribute("data-brushed");
  }

  function draw(a, b) {
    if (!band) band = Desk.el("rect", { y: M.top, height: H - M.top - M.bottom, class: "brush" }, svg);
    band.setAttribute("x", Math.min(a, b));
    band.setAttribute("width", Math.abs(b - a));
  }

  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    start = svgX(event);
    dragged = swallow = false;
  });
  svg.addEventListener("pointermove", (event) => {
    if (start === null) return;
    const x = svgX(event);
    if (!dragged && Math.abs(x - start) < MIN_DRAG) return;
    if (!dragged) svg.setPointerCapture(event.pointerId);  // only now: a plain click must reach its bar
    dragged = true;
    draw(start, x);
  });
  svg.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const x = svgX(event);
    if (dragged) {
      swallow = true;  // the click that ends a drag is not a click on the bar under it
      show(picked(start, x));
    }
    start = null;
  });
  svg.addEventListener("pointercancel", () => { start = null; });
  // a click ending a drag must not open the bar it ends on
  svg.addEventListener("click", (event) => {
    if (swallow) { event.preventDefault(); event.stopPropagation(); swallow = false; }
  }, true);
  svg.addEventListener("dragstart", (event) => event.preventDefault());  // links in the chart are not dragged
  document.getElementById("brush-clear").addEventListener("click", clear);
}
