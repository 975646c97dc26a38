/* newsgraph pages: shared helpers (DOM building, API calls, colours, event rows).
 *
 * Article text, titles, names and quotes are untrusted. They reach the DOM only
 * through text nodes and setAttribute on harmless attributes (class, title,
 * data-*, aria-*); this file never assigns innerHTML. Links are built from
 * fixed paths plus encodeURIComponent, so data cannot choose a scheme.
 */
"use strict";

const NG = (() => {
  const SVGNS = "http://www.w3.org/2000/svg";
  // Attributes data may fill; anything else (on*, href, src, style) is set by code only.
  const SAFE_ATTR = /^(class|title|id|role|rel|for|name|type|value|placeholder|colspan|tabindex|data-[\w-]+|aria-[\w-]+)$/;

  function put(node, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "on") {
        for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
      } else if (key === "style") {
        Object.assign(node.style, value);
      } else if (key === "href") {
        node.setAttribute("href", safeHref(value));
      } else if (SAFE_ATTR.test(key) || (node.namespaceURI === SVGNS && !/^on|href/i.test(key))) {
        node.setAttribute(key, String(value));
      } else {
        throw new Error(`attribute ${key} is not allowed`);
      }
    }
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** An HTML element: h("a", {href: "/x", class: "y"}, "text", child, ...). Strings become text nodes. */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    put(node, attrs);
    return append(node, children);
  }

  /** An SVG element, same calling convention as h. */
  function s(tag, attrs, ...children) {
    const node = document.createElementNS(SVGNS, tag);
    put(node, attrs);
    return append(node, children);
  }

  /** Only our own paths and http(s) URLs: a stored `javascript:` URL must not become a link. */
  function safeHref(value) {
    const text = String(value);
    if (text.startsWith("/") && !text.startsWith("//")) return text;
    try {
      const url = new URL(text);
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch (_) { /* not a URL: fall through */ }
    return "#";
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  /** Query string from an object, skipping empty values. */
  function qs(params) {
    const parts = [];
    for (const [key, value] of Object.entries(params || {})) {
      if (value === null || value === undefined || value === "") continue;
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    }
    return parts.length ? `?${parts.join("&")}` : "";
  }

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function api(path, params, init) {
    const response = await fetch(path + qs(params), Object.assign({headers: {Accept: "application/json"}}, init));
    let body = null;
    try { body = await response.json(); } catch (_) { /* non-JSON error page */ }
    if (!response.ok) throw new ApiError(response.status, (body && body.error) || `HTTP ${response.status}`);
    return body;
  }

  /** The page's query parameters as a plain object. */
  function params() {
    return Object.fromEntries(new URLSearchParams(location.search).entries());
  }

  /** The decoded last path segment: /documents/{id}, /actors/{key}. */
  function pathKey() {
    const parts = location.pathname.split("/").filter(Boolean);
    return parts.length > 1 ? decodeURIComponent(parts[parts.length - 1]) : "";
  }

  const docUrl = (id, anchor) => `/documents/${encodeURIComponent(id)}${anchor ? `#${encodeURIComponent(anchor)}` : ""}`;
  const actorUrl = (key) => `/actors/${encodeURIComponent(key)}`;

  // ---- colours ---------------------------------------------------------------
  // Distinct, readable on white; actors beyond the palette reuse it (the tooltip names them anyway).
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
                   "#8c564b", "#e377c2", "#bcbd22", "#3b5b92", "#b5651d", "#7f7f7f"];

  function hashColour(key) {
    let hash = 0;
    for (const ch of String(key)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
    return PALETTE[hash % PALETTE.length];
  }

  function mix(a, b, t) {
    const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
    const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
    return `rgb(${pa.map((v, i) => Math.round(v + (pb[i] - v) * t)).join(",")})`;
  }

  /** Goldstein -10 (conflict, red) .. 0 (grey) .. +10 (cooperation, green). */
  function goldsteinColour(g) {
    const value = Math.max(-10, Math.min(10, Number(g) || 0));
    return value < 0 ? mix("#b0b0b0", "#c62828", -value / 10) : mix("#b0b0b0", "#2e7d32", value / 10);
  }

  /** A tint of a #rrggbb colour for backgrounds. */
  function tint(colour, alpha) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    return `rgba(${r},${g},${b},${alpha})`;
  }

  /** A bar centred on 0 that grows left (red) or right (green) with the Goldstein score. */
  function goldsteinBar(g) {
    const value = Math.max(-10, Math.min(10, Number(g) || 0));
    const half = Math.abs(value) * 5;  // percent of the track: 10 -> 50%
    const fill = h("span", {class: "gs-fill", style: {
      width: `${half}%`, left: value < 0 ? `${50 - half}%` : "50%", background: goldsteinColour(value)}});
    return h("span", {class: "gs", title: `Goldstein ${value.toFixed(1)} (-10 conflict … +10 cooperation)`},
      h("span", {class: "gs-track"}, h("span", {class: "gs-zero"}), fill),
      h("span", {class: "gs-value"}, (value > 0 ? "+" : "") + value.toFixed(1)));
  }

  // ---- CAMEO names (one request per page, shared) ----------------------------
  let cameoPromise = null;
  function cameo() {
    if (!cameoPromise) cameoPromise = api("/api/cameo").catch(() => ({}));
    return cameoPromise;
  }

  function badges(ev) {
    const out = [];
    if (ev.negated) out.push(h("span", {class: "badge neg", title: "the text denies that this happened"}, "negated"));
    if (ev.modality && ev.modality !== "asserted") {
      out.push(h("span", {class: "badge modal", title: "not asserted as having happened"}, ev.modality));
    }
    return out;
  }

  /** One event from the query API (/api/events, actor page) as a list item. */
  function eventItem(ev, codes) {
    const name = (codes && codes[ev.cameo] && codes[ev.cameo].name) || "";
    const actor = (label, code) => label
      ? h("a", {class: "actor", href: actorUrl(code || label), style: {borderColor: hashColour(code || label)}},
        label, code ? h("span", {class: "code"}, ` ${code}`) : null)
      : h("span", {class: "actor none"}, "—");
    const anchor = ev.event_id ? ev.event_id : null;
    return h("li", {class: "event-row" + (ev.negated ? " negated" : "")},
      h("div", {class: "ev-line"},
        actor(ev.source, ev.source_code), h("span", {class: "arrow"}, " → "),
        h("span", {class: "cameo", title: name}, h("b", null, ev.cameo), ` ${name} `,
          ev.plover ? h("span", {class: "plover"}, ev.plover) : null),
        h("span", {class: "arrow"}, " → "), actor(ev.target, ev.target_code)),
      h("div", {class: "ev-meta"}, goldsteinBar(ev.goldstein), badges(ev),
        ev.date ? h("span", {class: "date"}, ev.date) : null),
      ev.evidence ? h("blockquote", {class: "evidence"}, ev.evidence) : null,
      ev.doc_id ? h("a", {class: "doc-link", href: docUrl(ev.doc_id, anchor)}, ev.title || "open the article") : null);
  }

  function message(node, text, kind) {
    clear(node).appendChild(h("p", {class: `message ${kind || ""}`}, text));
  }

  /** Highlight every case-insensitive occurrence of `needle` in `text`, as text nodes and <mark>s. */
  function marked(text, needle) {
    const out = [];
    const hay = String(text || "");
    if (!needle) return [hay];
    const lower = hay.toLowerCase();
    const n = needle.toLowerCase();
    let at = 0;
    for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, at)) {
      out.push(hay.slice(at, i), h("mark", null, hay.slice(i, i + n.length)));
      at = i + n.length;
    }
    out.push(hay.slice(at));
    return out;
  }

  /** Mark the current page in the nav bar. */
  function navCurrent() {
    const path = location.pathname;
    for (const link of document.querySelectorAll("nav.top a[data-page]")) {
      const page = link.getAttribute("data-page");
      if ((page === "/" && path === "/") || (page !== "/" && path.startsWith(page))) link.classList.add("current");
    }
  }
  document.addEventListener("DOMContentLoaded", navCurrent);

  return {h, s, clear, qs, api, ApiError, params, pathKey, docUrl, actorUrl, hashColour, goldsteinColour,
          goldsteinBar, tint, cameo, badges, eventItem, message, marked, safeHref, PALETTE};
})();
