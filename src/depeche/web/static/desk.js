// Shared helpers of the desk's pages: SVG elements, type colours (from the CSS), filters in links.
"use strict";
const Desk = (() => {
  const SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  // text goes in as textContent, never as markup: names and places come from articles
  function title(node, text) {
    el("title", {}, node).textContent = text;
  }

  function color(type) {
    const value = getComputedStyle(document.documentElement).getPropertyValue("--t-" + type).trim();
    return value || "#777";
  }

  function data(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function legend(types) {
    const box = document.getElementById("legend");
    for (const t of types) {
      const item = document.createElement("span");
      item.className = "badge t-" + t;
      item.textContent = t;
      box.appendChild(item);
    }
  }

  // the page's own filters, with some changed: a click on the chart keeps what the analyst chose
  function query(changes) {
    const params = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k); else params.set(k, v);
    }
    return params.toString();
  }

  return { el, title, color, data, legend, query };
})();
