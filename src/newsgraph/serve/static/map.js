/* The corpus map: events by the country of their actors (either side) on a world map, coloured by count or
 * by mean Goldstein, under the shared filter; places named, by country and first-level region. Clicking a
 * country sets the filter's country, which the other pages (linked with the filter) then use. */
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const {h, s} = NG;
  const params = NG.params();
  const filters = NG.filters();
  const colourBy = params.colour === "goldstein" ? "goldstein" : "count";
  const bar = NG.filterBar({keep: ["colour"]});
  const world = document.getElementById("world");
  const side = document.getElementById("map-side");
  for (const radio of document.querySelectorAll("input[name=colour]")) {
    radio.checked = radio.value === colourBy;
    radio.addEventListener("change", () => location.assign(location.pathname +
      NG.qs(Object.assign({}, filters, {colour: radio.value === "count" ? "" : radio.value}))));
  }
  const withFilter = (path, extra) => `${path}${NG.qs(Object.assign({}, filters, extra || {}, {colour: ""}))}`;
  document.getElementById("map-events").appendChild(NG.browser("events", {}, {id: "map-events", size: 15}));
  try {
    const data = await NG.api("/api/map", filters);
    const byCode = new Map(data.countries.map((c) => [c.country, c]));
    const most = Math.max(1, ...data.countries.map((c) => c.events));
    const fill = (c) => {
      if (!c) return "#eef0f2";
      if (colourBy === "goldstein") return NG.goldsteinColour(c.mean_goldstein);
      // a log scale: one country (the corpus's own) must not wash out the rest
      return NG.mix("#dbe7f5", "#0b3d91", Math.log(1 + c.events) / Math.log(1 + most));
    };
    const svg = s("svg", {class: "world", viewBox: "0 0 360 160", role: "img",
      "aria-label": `countries coloured by ${colourBy === "count" ? "number of events" : "mean Goldstein score"}`});
    for (const shape of data.shapes) {
      const c = byCode.get(shape.code);
      const selected = filters.country && filters.country.toUpperCase() === shape.code;
      const path = s("path", {d: shape.path, fill: fill(c), "data-code": shape.code,
        class: `country${c ? " has-events" : ""}${selected ? " selected" : ""}`, tabindex: c ? 0 : null},
      s("title", null, `${shape.name} (${shape.code})` + (c ? `: ${c.events} events, mean Goldstein ${c.mean_goldstein}` +
        ` (${c.cooperation} cooperation, ${c.conflict} conflict)` : ": no events")));
      const pick = () => location.assign(withFilter("/map", {country: selected ? "" : shape.code,
        colour: colourBy === "count" ? "" : colourBy}));
      path.addEventListener("click", pick);
      path.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(); });
      svg.appendChild(path);
    }
    NG.clear(world).appendChild(svg);
    document.getElementById("map-legend").textContent = colourBy === "count"
      ? `Colour: events with an actor of the country (either side), log scale, up to ${most}. ` +
        "Click a country to filter by it (again to clear)."
      : "Colour: mean Goldstein of the country's events, red (conflict, −10) to green (cooperation, +10). " +
        "Click a country to filter by it (again to clear).";
    const names = new Map(data.shapes.map((x) => [x.code, x.name]));
    const regions = data.places.filter((p) => p.admin1);
    const countryPlaces = new Map();
    for (const p of data.places) countryPlaces.set(p.country, (countryPlaces.get(p.country) || 0) + p.mentions);
    NG.clear(side).appendChild(h("div", null,
      filters.country ? h("p", null, h("b", null, names.get(filters.country.toUpperCase()) || filters.country),
        " · the other pages with this filter: ", h("a", {href: withFilter("/")}, "articles"), " · ",
        h("a", {href: withFilter("/network")}, "network"), " · ", h("a", {href: withFilter("/timeline")}, "timeline")) : null,
      h("h2", null, "Countries", h("span", {class: "count"}, String(data.countries.length))),
      h("ol", {class: "country-list small"}, data.countries.slice(0, 25).map((c) => h("li", null,
        h("a", {href: withFilter("/map", {country: c.country, colour: colourBy === "count" ? "" : colourBy})},
          names.get(c.country) || c.country), h("span", {class: "code"}, ` ${c.country}`),
        h("span", {class: "muted"}, ` ${c.events} events · ${countryPlaces.get(c.country) || 0} place mentions `),
        NG.goldsteinBar(c.mean_goldstein)))),
      h("h2", null, "Regions named", h("span", {class: "count"}, String(regions.length))),
      regions.length ? h("ol", {class: "region-list small"}, regions.slice(0, 25).map((p) => h("li", null,
        h("span", {class: "code"}, p.admin1), ` ${names.get(p.country) || p.country}: `,
        h("span", {class: "muted"}, `${p.mentions} mentions in ${p.articles} articles`))))
        : h("p", {class: "muted small"}, "No first-level region is named.")));
  } catch (err) {
    NG.message(world, `Could not load the map: ${err.message}`, "error");
  }
  await bar;
  document.body.setAttribute("data-ready", "1");
});
