// The map: Leaflet over the shipped country outlines (no tile server), the events clustered by Leaflet.markercluster;
// an event's details are asked for only when its popup opens.
"use strict";
(() => {
  const SPIDER_MAX = 40; // a cluster that cannot split further opens as a spider up to this size, as a list above it
  const LIST_MAX = 100; // events listed in the popup of such a cluster
  const data = Desk.data("map-data");
  const pts = data.points;
  const box = document.getElementById("map");
  const status = document.getElementById("map-status");
  const map = L.map(box, { minZoom: 1, maxZoom: 12, worldCopyJump: true });
  map.attributionControl.setPrefix("Leaflet");

  function el(name, className, text, parent) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text); // article text stays text
    if (parent) parent.appendChild(node);
    return node;
  }

  // one icon a (type, factuality): the colours are the desk's, from map.css
  const icons = new Map();
  function icon(t, f) {
    const key = `${t}/${f}`;
    if (!icons.has(key)) {
      icons.set(key, L.divIcon({ className: `pin t-${data.types[t]} f-${data.factualities[f]}`, iconSize: [12, 12] }));
    }
    return icons.get(key);
  }

  function markers() {
    const out = new Array(pts.event_id.length);
    for (let i = 0; i < out.length; i++) {
      const m = L.marker([pts.lat[i], pts.lon[i]], { icon: icon(pts.type[i], pts.factuality[i]) });
      m.i = i; // the point's index in the arrays: newest first
      out[i] = m;
    }
    return out;
  }

  function names(entities) {
    return (entities || []).map((e) => (e.name || e.text || "?") + (e.code ? ` (${e.code})` : "")).join(", ");
  }

  function row(dl, label, value) {
    if (!value) return;
    el("dt", null, label, dl);
    el("dd", null, value, dl);
  }

  // the popup's body for one event record: every value set as text, never parsed as markup
  function card(ev) {
    const body = document.createDocumentFragment();
    const head = el("p", "pop-head", null, body);
    el("span", `badge t-${ev.type}`, ev.type, head);
    el("span", "pop-date", ev.date || "undated", head);
    el("span", `fact f-${ev.factuality}`, ev.factuality, head);
    const dl = el("dl", "pop-facts", null, body);
    row(dl, "Actor", names(ev.actor));
    row(dl, "Target", names(ev.recipient));
    const loc = ev.location || {};
    row(dl, "Place", loc.name ? loc.name + (loc.country ? `, ${loc.country}` : "") : "");
    row(dl, "Says so", ev.claimant ? names([ev.claimant]) : "");
    el("blockquote", "pop-sentence", (ev.evidence || {}).text || "", body);
    const link = el("a", "pop-link", "Open the event →", el("p", null, null, body));
    link.href = "/events/" + encodeURIComponent(ev.event_id);
    return body;
  }

  // a popup over the map, panned into view again whenever its body changes size
  function popup(latlng, fill) {
    const body = el("div", "pop");
    const pop = L.popup({ maxWidth: 380, minWidth: 260, autoPanPadding: [30, 30] }).setLatLng(latlng).setContent(body);
    fill(body, () => pop.update());
    pop.openOn(map);
  }

  // `back`: how to show the list the event was chosen from again
  async function showEvent(body, changed, id, back) {
    body.replaceChildren(el("p", "muted", `Loading ${id}…`));
    try {
      const r = await fetch("/api/events/" + encodeURIComponent(id));
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      body.replaceChildren(card((await r.json()).event));
    } catch (err) {
      body.replaceChildren(el("p", "error-title", `Could not load ${id}: ${err.message}`));
    }
    if (back) button(body, "pop-back", "← the other events here", back);
    body.dataset.event = id;
    changed();
  }

  function button(parent, className, text, onClick) {
    const b = el("button", className, text, parent);
    b.type = "button";
    b.addEventListener("click", (ev) => {
      ev.stopPropagation(); // the button leaves the page: Leaflet would take the click for one on the map
      onClick();
    });
    return b;
  }

  // the events of a spot too crowded for a spider: the newest listed, each opening its card in the same popup
  function showList(body, changed, cluster) {
    const children = cluster.getAllChildMarkers().sort((a, b) => a.i - b.i);
    body.replaceChildren();
    delete body.dataset.event;
    el("p", "pop-head", `${children.length.toLocaleString()} events here, newest first:`, body);
    const list = el("ol", "pop-list", null, body);
    for (const m of children.slice(0, LIST_MAX)) {
      const item = button(el("li", null, null, list), "pop-item", null,
        () => showEvent(body, changed, pts.event_id[m.i], () => showList(body, changed, cluster)));
      el("span", `badge t-${data.types[pts.type[m.i]]}`, data.types[pts.type[m.i]], item);
      el("span", null, pts.event_id[m.i], item);
    }
    if (children.length > LIST_MAX) {
      const more = (children.length - LIST_MAX).toLocaleString();
      el("p", "muted", `…and ${more} more: narrow the filters to list them.`, body);
    }
    changed();
  }

  // a cluster opens once it cannot split: at the deepest zoom, or when all its events share one spot
  function onePlace(cluster) {
    const [first, ...rest] = cluster.getAllChildMarkers();
    return rest.every((m) => m.getLatLng().equals(first.getLatLng()));
  }

  function clusterClick(e) {
    const cluster = e.layer;
    if (map.getZoom() < map.getMaxZoom() && !onePlace(cluster)) {
      cluster.zoomToBounds({ padding: [40, 40] });
    } else if (cluster.getChildCount() <= SPIDER_MAX) {
      cluster.spiderfy();
    } else {
      popup(cluster.getLatLng(), (body, changed) => showList(body, changed, cluster));
    }
  }

  function bounds() {
    if (!pts.lat.length) return null;
    let s = 90, w = 180, n = -90, e = -180;
    for (let i = 0; i < pts.lat.length; i++) {
      s = Math.min(s, pts.lat[i]); n = Math.max(n, pts.lat[i]);
      w = Math.min(w, pts.lon[i]); e = Math.max(e, pts.lon[i]);
    }
    return L.latLngBounds([s, w], [n, e]);
  }

  function fit() {
    const b = bounds();
    if (b) map.fitBounds(b, { padding: [30, 30], maxZoom: 7 });
    else world();
  }

  function world() {
    map.setView([25, 15], 2);
  }

  function cluster() {
    return new Promise((resolve) => {
      const group = L.markerClusterGroup({
        chunkedLoading: true, chunkInterval: 120, chunkDelay: 5, maxClusterRadius: 60, showCoverageOnHover: false,
        spiderfyOnMaxZoom: false, zoomToBoundsOnClick: false, // clusterClick decides: zoom, spider or list
        chunkProgress: (done, total) => {
          status.textContent = `Placing ${done.toLocaleString()} of ${total.toLocaleString()} events…`;
          if (done === total) resolve(group);
        },
      });
      group.on("clusterclick", clusterClick);
      group.on("clusterkeypress", (e) => { if (e.originalEvent.key === "Enter") clusterClick(e); });
      group.on("spiderfied unspiderfied", (e) => { box.dataset.spiderfied = String(e.type === "spiderfied"); });
      group.on("click", (e) => {
        const id = pts.event_id[e.layer.i];
        popup(e.layer.getLatLng(), (body, changed) => showEvent(body, changed, id));
      });
      group.addTo(map);
      const all = markers();
      if (all.length) group.addLayers(all); else resolve(group);
    });
  }

  async function outlines() {
    const world = await (await fetch("/static/world-110m.geojson")).json();
    const style = { className: "country", color: "#a9a59b", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 };
    L.geoJSON(world, { interactive: false, attribution: "Natural Earth", ...style }).addTo(map);
  }

  // the view in the address (#zoom/lat/lon), so that a link or a reload opens the map where it was
  function fromHash() {
    const m = /^#(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(window.location.hash);
    if (m) map.setView([Number(m[2]), Number(m[3])], Number(m[1]));
    return Boolean(m);
  }

  map.on("moveend", () => {
    const c = map.getCenter();
    window.history.replaceState(null, "", `#${map.getZoom()}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`);
    box.dataset.zoom = map.getZoom();
  });
  window.addEventListener("hashchange", fromHash); // a link to another view of this page
  if (!fromHash()) fit();
  document.getElementById("fit").addEventListener("click", fit);
  document.getElementById("world").addEventListener("click", world);
  Desk.legend(data.types);
  Promise.all([outlines(), cluster()]).then(() => {
    status.textContent = pts.event_id.length
      ? "Click a cluster to zoom in or open it, an event for its sentence."
      : "No event with coordinates matches these filters.";
    box.dataset.readyMs = Math.round(performance.now());
    box.dataset.ready = "true";
  }).catch((err) => { status.textContent = `The map could not be drawn: ${err.message}`; });
})();
