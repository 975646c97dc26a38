/* The actor page, /actors/{key}: what the actor said, did and had done to it (paginated tables), its
 * partners, its timeline: all under the shared filter. */
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const {h} = NG;
  const main = document.getElementById("main");
  const key = NG.pathKey();
  const bar = NG.filterBar({hide: ["actor"]});
  // the tables ask for their rows at once, beside the actor's summary
  const said = NG.browser("quotes", {actor: key}, {id: "said"});
  const did = NG.browser("events", {source: key}, {id: "did"});
  const doneTo = NG.browser("events", {target: key}, {id: "done-to"});
  try {
    // the counts, partners and timeline under the same filter as the tables (whose actor is this page's)
    const filters = NG.filters();
    delete filters.actor;
    const data = await NG.api(`/api/actors/${encodeURIComponent(key)}`, Object.assign({limit: 1}, filters));
    document.title = `${key} · newsgraph`;
    NG.clear(main);
    const names = data.actors.map((a) => a.name);
    const first = data.actors[0];
    main.appendChild(h("header", {class: "actor-head"},
      h("h1", null, h("span", {class: "swatch big", style: {background: NG.hashColour(first.code || first.name)}}), key),
      // A code (USAGOV) gathers many actors: describe the group, not its busiest member.
      data.actors.length > 1
        ? h("p", {class: "muted"}, `${data.actors.length} actors coded ${first.code}`,
          first.country ? ` · ${first.country}` : "", first.sector ? ` · ${first.sector}` : "")
        : h("p", {class: "muted"}, first.code && first.code !== key ? `code ${first.code} · ` : "",
          `${first.type || "actor"}${first.country ? ` · ${first.country}` : ""}${first.sector ? ` · ${first.sector}` : ""}`),
      data.actors.length > 1 || names[0] !== key
        ? h("p", {class: "small"}, "Covers: ", data.actors.map((a, i) => [i ? ", " : "",
          h("a", {href: NG.actorUrl(a.name)}, a.name), h("span", {class: "muted"}, ` (${a.documents})`)]))
        : null,
      h("p", {class: "small"}, h("a", {href: `/timeline${NG.qs({actor: key})}`}, "Timeline"), " · ",
        h("a", {href: `/network${NG.qs({actor: key})}`}, "Network around this actor"))));

    const section = (title, count, ...content) => h("section", {class: "panel"},
      h("h2", null, title, count === null ? null : h("span", {class: "count"}, String(count))), content);
    const none = (list, what) => (list.length ? null : h("p", {class: "muted small"}, `No ${what}.`));

    const partners = h("ul", {class: "partners"}, data.partners.map((p) => {
      const other = p.source === key ? p.target : p.source;
      return h("li", null,
        h("a", {href: NG.actorUrl(p.source)}, p.source), h("span", {class: "arrow"}, " → "),
        h("a", {href: NG.actorUrl(p.target)}, p.target),
        h("span", {class: "muted small"}, ` ${p.events} events (${p.cooperation} coop., ${p.conflict} conflict) `),
        NG.goldsteinBar(p.mean_goldstein),
        h("a", {class: "small", href: `/timeline${NG.qs({actor: key, partner: other})}`}, " timeline"));
    }));

    main.appendChild(h("div", {class: "columns"},
      h("div", {class: "col-main"},
        // every quote and event, a page at a time (under the filter bar's dates, source, type...)
        section("Said", data.quotes_total, said),
        section("Did", data.did_total, did),
        section("Had done to it", data.done_to_total, doneTo)),
      h("div", {class: "col-side"},
        section("Events per month", null, Chart.timeline(data.timeline, {by: "month", height: 200, width: 400})),
        section("Top partners", data.partners.length, none(data.partners, "partners"), partners))));
  } catch (err) {
    NG.message(main, err.status === 404 ? `No actor ${key}.` : `Could not load the actor: ${err.message}`, "error");
  }
  await bar;
  document.body.setAttribute("data-ready", "1");
});
