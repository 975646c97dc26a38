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
  const SAFE_ATTR = /^(class|title|id|role|rel|for|name|type|value|placeholder|colspan|tabindex|disabled|list|scope|size|min|max|step|method|action|data-[\w-]+|aria-[\w-]+)$/;

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

  // ---- the shared filter bar ---------------------------------------------------
  // The same names as the API's parameters (query.Filter): a page's URL is its filter, so a view can be
  // bookmarked, shared, and downloaded as it is shown.
  const FILTER_FIELDS = ["since", "until", "outlet", "actor", "country", "region", "root", "plover", "quad_class"];
  const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};

  /** The filter in the page's URL, as API parameters. */
  function filters() {
    const p = params();
    const out = {};
    for (const name of FILTER_FIELDS) if (p[name]) out[name] = p[name];
    return out;
  }

  let choicesPromise = null;
  function choices() {
    if (!choicesPromise) choicesPromise = api("/api/choices").catch(() => ({outlets: [], countries: []}));
    return choicesPromise;
  }

  /** Build the filter bar into #filter-bar (if the page has one). `options.hide` lists fields a page fixes
   * itself (the actor page's actor); `options.keep` the page's own parameters carried along. A changed
   * filter reloads the page at the new URL; the page reads its filter from there. */
  async function filterBar(options) {
    const box = document.getElementById("filter-bar");
    if (!box) return;
    const hide = new Set((options && options.hide) || []);
    const keep = (options && options.keep) || [];
    const now = params();
    const [codes, known] = await Promise.all([cameo(), choices()]);
    const field = (name, label, input) => hide.has(name) ? null : h("label", {class: `f-${name}`}, label, input);
    const dateInput = (name) => {
      const value = now[name] || "";
      // a full date shows in a date picker; a prefix from a shared link (2021-06) stays as typed
      return h("input", {name, type: /^\d{4}-\d{2}-\d{2}$/.test(value) || !value ? "date" : "text", value,
        placeholder: "YYYY-MM-DD"});
    };
    const select = (name, first, entries) => {
      const node = h("select", {name}, h("option", {value: ""}, first),
        entries.map(([value, text]) => h("option", {value}, text)));
      node.value = now[name] || "";
      return node;
    };
    const roots = Object.keys(codes).filter((c) => c.length === 2).sort().map((c) => [c, `${c} ${codes[c].name}`]);
    const plovers = [...new Set(Object.values(codes).map((c) => c.plover).filter(Boolean))].sort().map((p) => [p, p]);
    const form = h("form", {class: "filters filter-bar", method: "get", action: location.pathname, role: "search",
      "aria-label": "filter"},
      field("since", "Since ", dateInput("since")),
      field("until", "Until ", dateInput("until")),
      field("outlet", "Source ", h("input", {name: "outlet", type: "text", value: now.outlet || "", size: 12,
        placeholder: "any outlet", "data-list": "outlets"})),
      field("actor", "Actor ", h("input", {name: "actor", type: "text", value: now.actor || "", size: 12,
        placeholder: "code or name"})),
      field("country", "Country ", h("input", {name: "country", type: "text", value: now.country || "", size: 6,
        placeholder: "e.g. SYR"})),
      field("region", "Region ", h("input", {name: "region", type: "text", value: now.region || "", size: 6,
        placeholder: "e.g. USTX", title: "a region the articles name: its ADM1 code (FIPS country + region code)"})),
      field("root", "Event type ", select("root", "all CAMEO roots", roots)),
      field("plover", "PLOVER ", select("plover", "all", plovers)),
      field("quad_class", "Quad class ", select("quad_class", "all", Object.entries(QUADS))),
      keep.filter((k) => now[k]).map((k) => h("input", {type: "hidden", name: k, value: now[k]})),
      h("button", {type: "submit"}, "Apply"),
      h("a", {class: "clear small", href: location.pathname + qs(Object.fromEntries(keep.map((k) => [k, now[k]])))},
        "clear"));
    // datalists (outlets, countries) so the free-text fields offer what the store holds
    const lists = [["outlets", known.outlets, "outlet"], ["countries", known.countries, "country"]];
    for (const [id, values, name] of lists) {
      form.appendChild(h("datalist", {id: `dl-${id}`}, values.map((v) => h("option", {value: v.value},
        `${v.documents} articles`))));
      const input = form.elements.namedItem(name);
      if (input) input.setAttribute("list", `dl-${id}`);
    }
    // empty fields stay out of the URL
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values = {};
      for (const [key, value] of new FormData(form).entries()) if (String(value).trim()) values[key] = String(value).trim();
      location.assign(location.pathname + qs(values));
    });
    // on a phone the bar folds away (open when a filter is set), so the page's data comes first
    const set = FILTER_FIELDS.filter((k) => now[k] && !hide.has(k));
    const fold = h("details", {class: "filter-fold"}, h("summary", null, set.length
      ? `Filter: ${set.map((k) => `${k.replace("_", " ")} ${now[k]}`).join(", ")}` : "Filter"), form);
    if (set.length || window.matchMedia("(min-width: 701px)").matches) fold.open = true;
    clear(box).appendChild(fold);
  }

  // ---- paginated, sortable tables of events and quotes ----------------------------
  const EVENT_COLUMNS = [
    ["date", "Date", (ev) => ev.date || "undated"],
    ["source", "Source", (ev, codes) => actorCell(ev.source, ev.source_code)],
    ["type", "Type", (ev, codes) => h("span", {class: "cameo", title: (codes[ev.cameo] || {}).name || ""},
      h("b", null, ev.cameo), ` ${(codes[ev.cameo] || {}).name || ""} `, ev.plover ? h("span", {class: "plover"}, ev.plover) : null,
      badges(ev))],
    ["target", "Target", (ev) => actorCell(ev.target, ev.target_code)],
    ["goldstein", "Goldstein", (ev) => goldsteinBar(ev.goldstein)],
    [null, "Evidence", (ev) => h("span", {class: "evidence-cell"}, ev.evidence || "")],
    ["article", "Article", (ev) => h("a", {class: "doc-link", href: docUrl(ev.doc_id, ev.event_id)}, ev.title || "open")],
  ];
  const QUOTE_COLUMNS = [
    ["date", "Date", (q) => q.date || "undated"],
    ["speaker", "Speaker", (q) => q.speaker ? actorCell(q.speaker, q.speaker_code) : (q.speaker_text || "unattributed")],
    ["cue", "Cue", (q) => q.cue || q.kind],
    ["text", "Quote", (q) => h("span", {class: "quote-text"}, `“${q.text}”`)],
    ["article", "Article", (q) => h("a", {class: "doc-link", href: docUrl(q.doc_id, q.quote_id)}, q.title || "open")],
  ];

  function actorCell(label, code) {
    return label ? h("a", {class: "actor", href: actorUrl(code || label), title: code ? `${label} (${code})` : label},
      label, code ? h("span", {class: "code"}, ` ${code}`) : null) : h("span", {class: "actor none"}, "—");
  }

  /** A table of `what` ("events" or "quotes") under the page's filter plus `base` (e.g. {source: "USAGOV"}),
   * a page at a time, sortable by its column heads, with "showing N–M of T" and downloads of all of it. */
  function browser(what, base, options) {
    const id = (options && options.id) || what;
    const size = (options && options.size) || 25;
    const columns = what === "events" ? EVENT_COLUMNS : QUOTE_COLUMNS;
    const state = {offset: 0, sort: null, order: "asc"};
    const box = h("div", {class: "browser", "data-browser": id});
    const status = h("p", {class: "showing small", role: "status"});
    const table = h("table", {class: `rows ${what}-table`});
    const nav = h("div", {class: "pager"});
    const downloads = h("p", {class: "downloads small"});
    box.append(status, h("div", {class: "table-scroll"}, table), nav, downloads);

    const ask = () => Object.assign({}, filters(), base, state.sort ? {sort: state.sort, order: state.order} : {});

    async function load() {
      box.removeAttribute("data-loaded");
      const codes = await cameo();
      let data;
      try {
        data = await api(`/api/${what}`, Object.assign(ask(), {limit: size, offset: state.offset}));
      } catch (err) {
        clear(table);
        status.textContent = `Could not load the ${what}: ${err.message}`;
        status.className = "showing message error";
        box.setAttribute("data-loaded", "error");
        return;
      }
      const first = data.total ? state.offset + 1 : 0;
      const last = state.offset + data.items.length;
      // a capped total is a bound: the server stopped counting there (more than that many)
      const counted = data.total_capped ? `more than ${data.total}` : String(data.total);
      status.textContent = data.total ? `showing ${first}–${last} of ${counted} ${what}` : `no ${what}`;
      clear(table).append(
        h("thead", null, h("tr", null, columns.map(([key, label]) => h("th", {scope: "col",
          "aria-sort": state.sort === key ? (state.order === "asc" ? "ascending" : "descending") : null},
          key ? h("button", {type: "button", class: "sort", "data-sort": key, on: {click: () => {
            state.order = state.sort === key && state.order === "asc" ? "desc" : "asc";
            state.sort = key;
            state.offset = 0;
            load();
          }}}, label, state.sort === key ? (state.order === "asc" ? " ▲" : " ▼") : "") : label)))),
        h("tbody", null, data.items.map((row) => h("tr", {class: row.negated ? "negated" : null,
          "data-id": `${row.doc_id}/${row.event_id || row.quote_id}`},
          columns.map(([key, label, cell]) => h("td", {"data-label": label}, cell(row, codes)))))));
      const lastOffset = Math.max(0, Math.floor((data.total - 1) / size) * size);
      const go = (offset) => () => { state.offset = offset; load(); };
      clear(nav).append(
        h("button", {type: "button", class: "first", disabled: state.offset === 0 || null, on: {click: go(0)}}, "« first"),
        h("button", {type: "button", class: "prev", disabled: state.offset === 0 || null,
          on: {click: go(Math.max(0, state.offset - size))}}, "‹ previous"),
        h("button", {type: "button", class: "next", disabled: data.next_offset === null || null,
          on: {click: go(data.next_offset)}}, "next ›"),
        h("button", {type: "button", class: "last", disabled: data.total_capped || state.offset >= lastOffset || null,
          on: {click: go(lastOffset)}}, "last »"));
      const formats = what === "events" ? [["csv", "CSV"], ["jsonl", "JSONL"], ["gdelt-events", "GDELT Events"]]
        : [["csv", "CSV"], ["jsonl", "JSONL"]];
      clear(downloads).appendChild(h("span", null, "Download all ", counted, ` ${what}: `,
        formats.map(([fmt, label], i) => [i ? " · " : "", h("a", {class: `download ${fmt}`, "data-format": fmt,
          href: `/api/export/${what}${qs(Object.assign(ask(), {format: fmt}))}`}, label)])));
      box.setAttribute("data-loaded", String(data.total));
    }
    box.load = load;
    load();
    return box;
  }

  /** Wheel to zoom around the pointer, drag to pan: the viewBox moves over a drawing of `width` x `height`, which stays crisp. `options.skip`: a selector of items a
   * pointer press on never pans (they are clicked); `options.start`: the [x, y, w, h] box to show first;
   * `options.onZoom(scale)`: told the magnification (1: the whole drawing) whenever it changes. A press that
   * moved the drawing is a pan, and the click that ends it does not reach the item under it. Returns a
   * function that shows the whole drawing again. */
  function zoomable(svg, width, height, options) {
    const whole = [0, 0, width, height];
    let box = ((options && options.start) || whole).slice();
    const set = () => {
      svg.setAttribute("viewBox", box.map((v) => v.toFixed(2)).join(" "));
      if (options && options.onZoom) options.onZoom(width / box[2]);
    };
    set();
    const toDrawing = (event) => {
      const rect = svg.getBoundingClientRect();
      return [box[0] + ((event.clientX - rect.left) / rect.width) * box[2],
        box[1] + ((event.clientY - rect.top) / rect.height) * box[3]];
    };
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const [x, y] = toDrawing(event);
      const factor = Math.min(4, Math.max(0.25, Math.exp(event.deltaY * 0.0015)));
      const w = Math.min(width * 2, Math.max(width / 24, box[2] * factor));
      const hh = (w / width) * height;
      box = [x - ((x - box[0]) / box[2]) * w, y - ((y - box[1]) / box[3]) * hh, w, hh];
      set();
    }, {passive: false});
    let drag = null;
    let panned = false;
    svg.addEventListener("pointerdown", (event) => {
      if (options && options.skip && event.target.closest(options.skip)) return;  // clicks on items stay clicks
      drag = [event.clientX, event.clientY, box[0], box[1]];
      panned = false;
    });
    window.addEventListener("pointermove", (event) => {
      if (!drag) return;
      if (!panned && Math.hypot(event.clientX - drag[0], event.clientY - drag[1]) < 4) return;  // a shaky click
      panned = true;
      svg.classList.add("panning");
      const rect = svg.getBoundingClientRect();
      box[0] = drag[2] - ((event.clientX - drag[0]) / rect.width) * box[2];
      box[1] = drag[3] - ((event.clientY - drag[1]) / rect.height) * box[3];
      set();
    });
    window.addEventListener("pointerup", () => { drag = null; svg.classList.remove("panning"); });
    svg.addEventListener("click", (event) => {
      if (panned) { event.stopPropagation(); event.preventDefault(); panned = false; }
    }, true);
    return () => { box = whole.slice(); set(); };
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

  /** Highlight the words of a search (whole words, in order, as the server matched them). */
  function markedWords(text, words) {
    const hay = String(text || "");
    if (!words || !words.length) return [hay];
    const escape = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${words.map(escape).join("[^\\p{L}\\p{N}_]+")}(?![\\p{L}\\p{N}_])`, "giu");
    const out = [];
    let at = 0;
    for (const match of hay.matchAll(pattern)) {
      out.push(hay.slice(at, match.index), h("mark", null, match[0]));
      at = match.index + match[0].length;
    }
    out.push(hay.slice(at));
    return out;
  }

  return {h, s, clear, qs, api, ApiError, params, pathKey, docUrl, actorUrl, hashColour, goldsteinColour,
          goldsteinBar, tint, cameo, badges, eventItem, message, marked, markedWords, safeHref, PALETTE,
          filters, filterBar, browser, choices, mix, QUADS, FILTER_FIELDS, zoomable};
})();
