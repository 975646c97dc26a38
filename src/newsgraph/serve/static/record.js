/* The reader view of one analysis record, shared by the article page and the analyse page.
 *
 * The text is cut into segments at every span boundary (mentions, quotes, facts,
 * the focused evidence), so overlapping and nested spans never need nested
 * markup; each segment is one text node or one <span> carrying all the spans
 * that cover it. The focused span (an event's evidence, a quote) becomes one
 * <mark class="focus"> around its segments, so its text equals the span's text.
 */
"use strict";

const Reader = (() => {
  const {h, s, clear} = NG;

  function byId(items) {
    return new Map((items || []).map((item) => [item.id, item]));
  }

  /** Spans to draw, split by what they index: the title or the body. */
  function collectSpans(record) {
    const out = {title: [], body: []};
    const add = (span, kind, ref) => {
      if (!span || !(span.end > span.start)) return;
      out[span.in === "title" ? "title" : "body"].push({start: span.start, end: span.end, kind, ref});
    };
    for (const actor of record.actors || []) for (const m of actor.mentions || []) add(m, "mention", actor);
    for (const q of record.quotes || []) add(q, "quote", q);
    for (const c of record.counts || []) add(c, "count", c);
    for (const d of record.dates || []) add(d, "date", d);
    for (const p of record.places || []) add(p, "place", p);
    return out;
  }

  function innermost(spans) {
    return spans.reduce((best, sp) => (!best || sp.end - sp.start < best.end - best.start ? sp : best), null);
  }

  /** The element (or text node) for one segment, styled by the spans covering it. */
  function segmentNode(text, covering, ctx) {
    if (!covering.length) return document.createTextNode(text);
    const classes = ["seg"];
    const tips = [];
    const style = {};
    const attrs = {};
    const mentions = covering.filter((sp) => sp.kind === "mention");
    if (mentions.length) {
      const actor = innermost(mentions).ref;
      classes.push("mention");
      style.borderBottomColor = ctx.colour(actor.id);
      const seen = new Set();
      for (const m of mentions) {
        if (seen.has(m.ref.id)) continue;
        seen.add(m.ref.id);
        tips.push(`${m.ref.name}${m.ref.code ? ` (${m.ref.code})` : ""}`);
      }
    }
    const quote = innermost(covering.filter((sp) => sp.kind === "quote"));
    if (quote) {
      classes.push("quote");
      style.backgroundColor = NG.tint(ctx.colour(quote.ref.speaker), 0.16);
      attrs["data-quote"] = quote.ref.id;
      tips.push(`quote (${quote.ref.kind}) by ${ctx.actorName(quote.ref.speaker)}`);
    }
    for (const sp of covering) {
      if (sp.kind === "date") {
        classes.push("fact-date");
        tips.push(`date: ${sp.ref.value || "?"}`);
      } else if (sp.kind === "place") {
        classes.push("fact-place");
        tips.push(`place: ${sp.ref.text}${sp.ref.country ? ` (${sp.ref.country})` : ""}`);
      } else if (sp.kind === "count") {
        classes.push("fact-count");
        tips.push(`count: ${sp.ref.kind} ${sp.ref.number}${sp.ref.object ? ` ${sp.ref.object}` : ""}`);
      }
    }
    return h("span", Object.assign({class: classes.join(" "), title: tips.join("\n"), style}, attrs), text);
  }

  /** Render text[from:to] into `container`, with the focus (if it overlaps) wrapped in one <mark>, and
   * `speaker` (a focused quote's speaker mention, if it overlaps) in a <mark class="focus-speaker">. */
  function renderRange(container, text, from, to, spans, focus, ctx, speaker) {
    const cuts = new Set([from, to]);
    const inside = spans.filter((sp) => sp.end > from && sp.start < to);
    const overlaps = (sp) => sp && sp.end > from && sp.start < to;
    const bounds = [focus, speaker].filter(overlaps);
    for (const sp of inside.concat(bounds)) {
      cuts.add(Math.max(sp.start, from));
      cuts.add(Math.min(sp.end, to));
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    let mark = null;
    let speakerMark = null;
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [a, b] = [sorted[i], sorted[i + 1]];
      const node = segmentNode(text.slice(a, b), inside.filter((sp) => sp.start <= a && sp.end >= b), ctx);
      if (overlaps(focus) && a >= focus.start && b <= focus.end) {
        if (!mark) mark = container.appendChild(h("mark", {class: "focus"}));
        mark.appendChild(node);
      } else if (overlaps(speaker) && a >= speaker.start && b <= speaker.end) {
        if (!speakerMark) speakerMark = container.appendChild(h("mark", {class: "focus-speaker"}));
        speakerMark.appendChild(node);
      } else {
        container.appendChild(node);
      }
    }
    return mark;
  }

  function metaLine(doc, record) {
    const bits = [];
    if (doc.source) bits.push(h("span", {class: "source"}, doc.source));
    if (doc.published) bits.push(h("span", {class: "date"}, doc.published));
    if (doc.url && NG.safeHref(doc.url) !== "#") bits.push(h("a", {href: doc.url, rel: "noopener noreferrer"}, "original"));
    bits.push(h("span", {class: "counts"},
      `${(record.actors || []).length} actors · ${(record.quotes || []).length} quotes · ` +
      `${(record.events || []).length} events`));
    if (doc.input_id) bits.push(h("span", {class: "input-id", title: doc.input_id}, doc.input_id.split("/").pop()));
    return h("div", {class: "doc-meta"}, bits);
  }

  /** Equirectangular world map: a 30° graticule and a dot per place with coordinates. */
  function placeMap(places, onPick) {
    const located = [];
    const seen = new Set();
    for (const p of places || []) {
      if (typeof p.lat !== "number" || typeof p.lon !== "number") continue;
      const key = `${p.lat.toFixed(2)},${p.lon.toFixed(2)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      located.push(p);
    }
    if (!located.length) {
      return places && places.length ? h("p", {class: "muted small"}, "No place with coordinates to map.") : null;
    }
    const svg = s("svg", {class: "map", viewBox: "0 0 360 180", role: "img", "aria-label": "map of places"});
    svg.appendChild(s("rect", {x: 0, y: 0, width: 360, height: 180, class: "map-sea"}));
    for (let lon = -150; lon <= 150; lon += 30) {
      svg.appendChild(s("line", {x1: lon + 180, y1: 0, x2: lon + 180, y2: 180, class: lon ? "grat" : "grat main"}));
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      svg.appendChild(s("line", {x1: 0, y1: 90 - lat, x2: 360, y2: 90 - lat, class: lat ? "grat" : "grat main"}));
    }
    for (const p of located) {
      const [x, y] = [p.lon + 180, 90 - p.lat];
      const dot = s("g", {class: "place-dot", tabindex: 0},
        s("circle", {cx: x, cy: y, r: 3.2}),
        s("text", {x: x + 4.5, y: y + 3, class: "place-label"}, p.text),
        s("title", null, `${p.text} (${p.lat.toFixed(2)}, ${p.lon.toFixed(2)})`));
      dot.addEventListener("click", () => onPick(p));
      svg.appendChild(dot);
    }
    return h("div", {class: "map-box"}, svg);
  }

  /**
   * Render `record` into `root`. Returns {focus(kind, id)} so callers can focus an
   * event ("v3") or a quote ("q2") from the URL.
   */
  function render(root, record, codes) {
    clear(root);
    const doc = record.document || {};
    const text = doc.text || "";
    const title = doc.title || "";
    const actors = byId(record.actors);
    const colours = new Map((record.actors || []).map((a, i) => [a.id, NG.PALETTE[i % NG.PALETTE.length]]));
    const ctx = {
      colour: (id) => colours.get(id) || "#9e9e9e",
      actorName: (id) => (actors.get(id) ? actors.get(id).name : "unattributed"),
    };
    const spans = collectSpans(record);
    const paragraphs = (doc.paragraphs && doc.paragraphs.length) ? doc.paragraphs : [[0, text.length]];
    let focus = null;
    let speakerFocus = null;
    let activeItem = null;

    const titleBox = h("h1", {class: "doc-title"});
    const body = h("div", {class: "doc-body"});

    function chip(quote) {
      const name = ctx.actorName(quote.speaker);
      return h("button", {type: "button", class: "speaker-chip", title: `${quote.kind} quote: ${name}`,
        style: {borderLeftColor: ctx.colour(quote.speaker), background: NG.tint(ctx.colour(quote.speaker), 0.10)},
        on: {click: () => focusOn(quote, quoteItems.get(quote.id))}}, name);
    }

    function drawText() {
      clear(titleBox);
      if (title) {
        renderRange(titleBox, title, 0, title.length, spans.title, focus && focus.in === "title" ? focus : null, ctx,
          speakerFocus && speakerFocus.in === "title" ? speakerFocus : null);
      } else {
        titleBox.appendChild(h("span", {class: "muted"}, "(untitled)"));
      }
      clear(body);
      const bodyFocus = focus && focus.in !== "title" ? focus : null;
      const bodySpeaker = speakerFocus && speakerFocus.in !== "title" ? speakerFocus : null;
      for (const [from, to] of paragraphs) {
        const margin = h("div", {class: "margin"},
          (record.quotes || []).filter((q) => q.in !== "title" && q.start >= from && q.start < to).map(chip));
        const para = h("p", {class: "para"});
        renderRange(para, text, from, to, spans.body, bodyFocus, ctx, bodySpeaker);
        body.appendChild(h("div", {class: "para-row"}, margin, para));
      }
    }

    function focusOn(span, item) {
      if (!span || !(span.end > span.start)) return;
      focus = {in: span.in === "title" ? "title" : "body", start: span.start, end: span.end};
      // a quote brings its speaker's mention along (where the text names who said it)
      const mention = span.speaker_mention;
      speakerFocus = mention && mention.end > mention.start
        ? {in: mention.in === "title" ? "title" : "body", start: mention.start, end: mention.end} : null;
      drawText();
      if (activeItem) activeItem.classList.remove("active");
      activeItem = item || null;
      if (activeItem) activeItem.classList.add("active");
      const mark = root.querySelector("mark.focus");
      if (mark) mark.scrollIntoView({block: "center", behavior: "auto"});
    }

    // Clicking quoted text in the article focuses the whole quote.
    body.addEventListener("click", (event) => {
      const seg = event.target.closest && event.target.closest("[data-quote]");
      if (!seg) return;
      const quote = (record.quotes || []).find((q) => q.id === seg.getAttribute("data-quote"));
      if (quote) focusOn(quote, quoteItems.get(quote.id));
    });

    const actorLink = (id) => {
      const actor = actors.get(id);
      if (!actor) return h("span", {class: "actor none"}, "—");
      return h("a", {class: "actor", href: NG.actorUrl(actor.code || actor.name),
        title: `${actor.name}${actor.code ? ` (${actor.code})` : ""}`, style: {borderColor: ctx.colour(id)}},
      actor.name);
    };

    // ---- side panel: events, quotes, actors, facts, map --------------------
    const eventItems = new Map();
    const eventList = h("ol", {class: "events"});
    for (const ev of record.events || []) {
      const name = (codes && codes[ev.cameo] && codes[ev.cameo].name) || "";
      const item = h("li", {class: "event" + (ev.negated ? " negated" : ""), tabindex: 0, "data-event": ev.id},
        h("div", {class: "ev-line"}, actorLink(ev.source), h("span", {class: "arrow"}, " → "),
          h("span", {class: "cameo", title: `CAMEO ${ev.cameo} ${name}`}, h("b", null, ev.cameo), ` ${name} `,
            ev.plover ? h("span", {class: "plover"}, ev.plover) : null),
          h("span", {class: "arrow"}, " → "), actorLink(ev.target)),
        h("div", {class: "ev-meta"}, NG.goldsteinBar(ev.goldstein), NG.badges(ev),
          ev.date ? h("span", {class: "date", title: "when it happened"}, ev.date) : null,
          ev.evidence && ev.evidence.in === "title" ? h("span", {class: "badge"}, "title") : null));
      const pick = () => {
        focusOn(ev.evidence, item);
        history.replaceState(null, "", `#${encodeURIComponent(ev.id)}`);
      };
      item.addEventListener("click", (e) => { if (!e.target.closest("a")) pick(); });
      item.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(); });
      eventItems.set(ev.id, item);
      eventList.appendChild(item);
    }

    const quoteItems = new Map();
    const quoteList = h("ol", {class: "quotes"});
    for (const q of record.quotes || []) {
      const item = h("li", {class: "quote-item", tabindex: 0, "data-quote-item": q.id,
        style: {borderLeftColor: ctx.colour(q.speaker)}},
      h("div", {class: "speaker"}, ctx.actorName(q.speaker),
        h("span", {class: "muted small"}, ` · ${q.kind}${q.cue && q.cue.lemma ? ` · ${q.cue.lemma}` : ""}`)),
      h("div", {class: "quote-text"}, `“${q.text}”`));
      const pick = () => {
        focusOn(q, item);
        history.replaceState(null, "", `#${encodeURIComponent(q.id)}`);
      };
      item.addEventListener("click", pick);
      item.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(); });
      quoteItems.set(q.id, item);
      quoteList.appendChild(item);
    }

    const actorList = h("ul", {class: "actors"}, (record.actors || []).map((a) =>
      h("li", null, h("span", {class: "swatch", style: {background: ctx.colour(a.id)}}), actorLink(a.id),
        a.code ? h("span", {class: "code"}, ` ${a.code}`) : null,
        h("span", {class: "muted small"}, ` ${(a.mentions || []).length}×`))));

    const factList = (items, label) => h("ul", {class: "facts"}, (items || []).map((f) => {
      const item = h("li", {tabindex: 0}, label(f));
      item.addEventListener("click", () => focusOn(f, item));
      return item;
    }));
    const counts = factList(record.counts, (c) => [h("b", null, c.kind), ` ${Number(c.number).toLocaleString("en")}`,
      c.object ? ` ${c.object}` : "", h("span", {class: "muted small"}, ` “${c.text}”`)]);
    const dates = factList(record.dates, (d) => [h("b", null, d.value || "?"), h("span", {class: "muted small"}, ` “${d.text}”`)]);
    const places = factList(record.places, (p) => [h("b", null, p.text),
      h("span", {class: "muted small"}, p.country ? ` ${p.country}` : "",
        typeof p.lat === "number" ? ` (${p.lat.toFixed(2)}, ${p.lon.toFixed(2)})` : "")]);

    const section = (name, count, ...content) => h("section", {class: `panel panel-${name.toLowerCase()}`},
      h("h2", null, name, h("span", {class: "count"}, String(count))), content);
    const none = (list) => (list && list.length ? null : h("p", {class: "muted small"}, "none found"));

    const side = h("aside", {class: "side"},
      section("Events", (record.events || []).length, none(record.events), eventList),
      section("Quotes", (record.quotes || []).length, none(record.quotes), quoteList),
      section("Actors", (record.actors || []).length, none(record.actors), actorList),
      section("Counts", (record.counts || []).length, none(record.counts), counts),
      section("Dates", (record.dates || []).length, none(record.dates), dates),
      section("Places", (record.places || []).length,
        placeMap(record.places, (p) => focusOn(p, null)), none(record.places), places));

    root.appendChild(h("div", {class: "reader"},
      h("article", {class: "doc"}, metaLine(doc, record), titleBox,
        h("p", {class: "legend muted small"},
          "Underline: actor mention (hover for name and code). Tint: quote, in its speaker's colour. " +
          "Click an event or a quote to highlight its evidence."),
        body),
      side));
    drawText();

    return {
      focus(id) {
        if (eventItems.has(id)) {
          const ev = (record.events || []).find((e) => e.id === id);
          focusOn(ev.evidence, eventItems.get(id));
          eventItems.get(id).scrollIntoView({block: "nearest"});
        } else if (quoteItems.has(id)) {
          focusOn((record.quotes || []).find((q) => q.id === id), quoteItems.get(id));
        }
      },
    };
  }

  return {render, collectSpans};
})();
