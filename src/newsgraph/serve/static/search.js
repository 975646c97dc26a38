/* The search page, /search?q=: articles (title and body) and quotes holding the words, whole words in order,
 * under the shared filter; the best-matching articles first, each with its matches highlighted in context. */
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const {h} = NG;
  const q = (NG.params().q || "").trim();
  document.getElementById("q").value = q;
  const bar = NG.filterBar({keep: ["q"]});
  // a new search keeps the filter
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    location.assign(location.pathname + NG.qs(Object.assign({}, NG.filters(),
      {q: document.getElementById("q").value.trim()})));
  });
  const box = document.getElementById("results");
  if (q.length < 2) {
    NG.message(box, "Type at least two characters.", "muted");
    await bar;
    document.body.setAttribute("data-ready", "1");
    return;
  }
  document.title = `${q} · search · newsgraph`;
  try {
    const data = await NG.api("/api/search", Object.assign({q, limit: 50}, NG.filters()));
    const mark = (text) => NG.markedWords(text, data.words);
    NG.clear(box);
    box.appendChild(h("section", {class: "panel"},
      h("h2", null, "Articles", h("span", {class: "count"}, String(data.documents.length))),
      data.documents.length ? null : h("p", {class: "muted"}, "No article contains these words."),
      h("ul", {class: "doc-list results-docs"}, data.documents.map((d) => h("li", {"data-hits": d.hits},
        h("a", {class: "doc-title-link", href: NG.docUrl(d.id)}, mark(d.title || d.lead.slice(0, 100))),
        h("div", {class: "muted small"}, [d.published, d.source, `${d.hits} matches`, `${d.quotes} quotes`,
          `${d.events} events`].filter(Boolean).join(" · ")),
        h("p", {class: "lead excerpt"}, mark(d.excerpt)))))));
    box.appendChild(h("section", {class: "panel"},
      h("h2", null, "Quotes", h("span", {class: "count"}, String(data.quotes.length))),
      data.quotes.length ? null : h("p", {class: "muted"}, "No quote contains these words."),
      h("ul", {class: "quote-list results-quotes"}, data.quotes.map((qt) => h("li", {class: "quote-item",
        style: {borderLeftColor: NG.hashColour(qt.speaker_code || qt.speaker || "")}},
      h("div", {class: "speaker"}, qt.speaker || qt.speaker_text || "unattributed",
        h("span", {class: "muted small"}, ` · ${qt.date || "undated"}`)),
      h("div", {class: "quote-text"}, "“", mark(qt.text), "”"),
      h("a", {class: "doc-link", href: NG.docUrl(qt.doc_id, qt.quote_id)}, qt.title || "open the article"))))));
  } catch (err) {
    NG.message(box, `Search failed: ${err.message}`, "error");
  }
  await bar;
  document.body.setAttribute("data-ready", "1");
});
