/* The start page: recent articles (paged), the actors most often present in them, and the events and
 * quotes browsers, all under the shared filter. */
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const {h} = NG;
  const box = document.getElementById("documents");
  const actorsBox = document.getElementById("actors");
  const offset = Math.max(0, parseInt(NG.params().offset || "0", 10) || 0);
  const limit = 20;

  const filters = NG.filters();
  const bar = NG.filterBar();
  document.getElementById("events").appendChild(NG.browser("events", {}, {size: 15}));
  document.getElementById("quotes").appendChild(NG.browser("quotes", {}, {size: 15}));
  // both lists asked for at once: the actors need not wait for the articles
  // (under a filter: the actors of the articles that pass it, counted over those articles)
  const actorsAnswer = NG.api("/api/actors", Object.assign({limit: 25}, filters));
  actorsAnswer.catch(() => null);  // its error is shown below, once the articles are drawn
  try {
    const docs = await NG.api("/api/documents", Object.assign({limit, offset}, filters));
    document.getElementById("doc-total").textContent = String(docs.total);
    NG.clear(box);
    if (!docs.items.length) box.appendChild(h("p", {class: "muted"}, Object.keys(filters).length
      ? "No article passes this filter." : "No articles stored yet: run newsgraph ingest."));
    box.appendChild(h("ul", {class: "doc-list"}, docs.items.map((d) => h("li", null,
      h("a", {class: "doc-title-link", href: NG.docUrl(d.id)}, d.title || d.lead.split("\n")[0].slice(0, 120) || d.id),
      h("div", {class: "muted small"}, [d.published, d.source, `${d.quotes} quotes`, `${d.events} events`]
        .filter(Boolean).join(" · ")),
      h("p", {class: "lead"}, d.lead.replace(/\s+/g, " ").slice(0, 220), "…")))));
    const pager = h("p", {class: "pager"});
    if (offset > 0) pager.appendChild(h("a", {href: `/${NG.qs(Object.assign({}, filters, {offset: Math.max(0, offset - limit)}))}`}, "← newer"));
    if (docs.next_offset !== null) pager.appendChild(h("a", {href: `/${NG.qs(Object.assign({}, filters, {offset: docs.next_offset}))}`}, "older →"));
    box.appendChild(pager);
  } catch (err) {
    NG.message(box, `Could not load the articles: ${err.message}`, "error");
  }

  try {
    const actors = await actorsAnswer;
    NG.clear(actorsBox);
    if (!actors.items.length) actorsBox.appendChild(h("p", {class: "muted"}, "No actor in these articles."));
    actorsBox.appendChild(h("ul", {class: "actor-list"}, actors.items.map((a) => h("li", null,
      h("span", {class: "swatch", style: {background: NG.hashColour(a.code || a.name)}}),
      h("a", {href: NG.actorUrl(a.name)}, a.name),
      a.code ? h("a", {class: "code", href: NG.actorUrl(a.code), title: `everyone coded ${a.code}`}, ` ${a.code}`) : null,
      h("span", {class: "muted small"}, ` ${a.documents} articles`)))));
  } catch (err) {
    NG.message(actorsBox, `Could not load the actors: ${err.message}`, "error");
  }
  await bar;
  document.body.setAttribute("data-ready", "1");
});
