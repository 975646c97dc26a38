/* The corpus map: events by the country of their actors (either side) on a world map, coloured by count or
 * by mean Goldstein, under the shared filter; and the first-level regions the articles name, a circle each at
 * the region's centre, sized and coloured by the events of those articles. Clicking a country sets the
 * filter's country, clicking a region its region; the other pages (linked with the filter) then use it. */
"use strict";

const LISTED = 25;  // countries and regions listed beside the map

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
  /** The part of the world a filter is about, as a viewBox: the selected country, or the country of the selected
   * region (padded, at the map's proportions); the whole map otherwise. */
  const startBox = (svg, current, regions) => {
    const region = current.region && regions.find((r) => r.admin1 === current.region.toUpperCase());
    const code = current.country ? current.country.toUpperCase() : region && region.country;
    const shape = code && svg.querySelector(`path.country[data-code="${code}"]`);
    if (!shape) return null;
    const b = shape.getBBox();
    // a country spread over much of the globe (Alaska and Hawaii make the US a third of the map's width) gives
    // way to a box around the selected region
    let [x, y, w, hh] = [b.x, b.y, b.width, b.height];
    if (region && region.x !== null && w > 90) [x, y, w, hh] = [region.x - 20, region.y - 10, 40, 20];
    const width = Math.max(24, w * 1.3, hh * 1.3 * 360 / 160);
    const height = width * 160 / 360;
    if (width >= 360) return null;
    return [x + w / 2 - width / 2, y + hh / 2 - height / 2, width, height];
  };
  const withFilter = (path, extra) => `${path}${NG.qs(Object.assign({}, filters, extra || {}, {colour: ""}))}`;
  document.getElementById("map-events").appendChild(NG.browser("events", {}, {id: "map-events", size: 15}));
  try {
    const data = await NG.api("/api/map", filters);
    const byCode = new Map(data.countries.map((c) => [c.country, c]));
    const names = new Map(data.shapes.map((x) => [x.code, x.name]));
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
    // regions over the countries: a region with a shape (the US states) is filled, any other is a circle at
    // its centre whose area follows its articles' events, the biggest drawn first so the small ones stay on
    // top and clickable; the selected region above the rest
    const drawn = data.regions.filter((r) => r.path || r.x !== null);
    const mostInRegion = Math.max(1, ...drawn.map((r) => r.events));
    const regionFill = (r) => colourBy === "goldstein"
      ? (r.events ? NG.goldsteinColour(r.mean_goldstein) : "#ffffff")
      : NG.mix("#fde0c5", "#b3471a", Math.log(1 + r.events) / Math.log(1 + mostInRegion));
    const shapeLayer = s("g", {class: "region-shapes"});
    const circleLayer = s("g", {class: "regions"});
    const radius = (r) => 0.7 + 3.3 * Math.sqrt(r.events / mostInRegion);  // at the whole world's scale
    for (const r of [...drawn].sort((a, b) => b.events - a.events || b.mentions - a.mentions)) {
      const selected = filters.region && filters.region.toUpperCase() === r.admin1;
      const look = {fill: regionFill(r), "data-code": r.admin1, tabindex: 0, role: "button",
        class: `region${r.path ? " region-shape" : ""}${r.events ? " has-events" : ""}${selected ? " selected" : ""}`};
      const mark = r.path ? s("path", Object.assign({d: r.path}, look))
        : s("circle", Object.assign({cx: r.x, cy: r.y, r: radius(r).toFixed(2), "data-r": radius(r).toFixed(3)}, look));
      mark.appendChild(s("title", null, `${r.name} (${r.admin1}, ${names.get(r.country) || r.country}): named ` +
        `${r.mentions} times in ${r.articles} articles; their events: ${r.events}` + (r.events
        ? `, mean Goldstein ${r.mean_goldstein} (${r.cooperation} cooperation, ${r.conflict} conflict)` : "")));
      const pick = () => location.assign(withFilter("/map", {region: selected ? "" : r.admin1,
        colour: colourBy === "count" ? "" : colourBy}));
      mark.addEventListener("click", pick);
      mark.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(); });
      (r.path ? shapeLayer : circleLayer).appendChild(mark);
    }
    for (const layer of [shapeLayer, circleLayer]) {
      const chosen = layer.querySelector(".selected");
      if (chosen) layer.appendChild(chosen);
      svg.appendChild(layer);
    }
    NG.clear(world).appendChild(svg);
    // zoomed in, the circles grow more slowly than the land, so neighbouring regions come apart
    const circles = [...circleLayer.querySelectorAll("circle")];
    const onZoom = (scale) => {
      for (const c of circles) c.setAttribute("r", (Number(c.getAttribute("data-r")) / scale ** 0.75).toFixed(3));
    };
    const whole = NG.zoomable(svg, 360, 160, {start: startBox(svg, filters, data.regions), onZoom});
    // a touch screen scrolls the page under a finger (the map stays put there); a mouse zooms and pans it
    const mouse = window.matchMedia("(pointer: fine)").matches;
    world.appendChild(h("p", {class: "map-tools small"}, mouse ? "Wheel to zoom, drag to move. " : null,
      h("button", {type: "button", id: "whole-world", on: {click: whole}}, "Whole world")));
    document.getElementById("map-legend").textContent = (colourBy === "count"
      ? `Colour: events with an actor of the country (either side), log scale, up to ${most}; ` +
        `orange: the regions the articles name (US states filled, others as circles at their centre), by the ` +
        `events of those articles (up to ${mostInRegion}). `
      : "Colour: mean Goldstein of the country's events, and of the events of the articles naming a region " +
        "(US states filled, others as circles), red (conflict, −10) to green (cooperation, +10). ") +
      "Click a country or a region to filter by it (again to clear).";
    const regions = data.regions;
    // the lists show the first LISTED; the rest are on the map, and said to be
    const more = (total, what, first) => total > LISTED
      ? h("p", {class: "muted small more"}, `The ${LISTED} ${first} are listed; ${total - LISTED} more ${what} ` +
        "are on the map (hover for their figures).") : null;
    const countryPlaces = new Map();
    for (const p of data.places) countryPlaces.set(p.country, (countryPlaces.get(p.country) || 0) + p.mentions);
    NG.clear(side).appendChild(h("div", null,
      filters.country || filters.region ? h("p", null, h("b", null, [
        filters.country ? names.get(filters.country.toUpperCase()) || filters.country : null,
        filters.region ? (regions.find((r) => r.admin1 === filters.region.toUpperCase()) || {}).name || filters.region
          : null].filter(Boolean).join(", ")),
        " · the other pages with this filter: ", h("a", {href: withFilter("/")}, "articles"), " · ",
        h("a", {href: withFilter("/network")}, "network"), " · ", h("a", {href: withFilter("/timeline")}, "timeline")) : null,
      h("h2", null, "Countries", h("span", {class: "count"}, String(data.countries.length))),
      h("ol", {class: "country-list small"}, data.countries.slice(0, LISTED).map((c) => h("li", null,
        h("a", {href: withFilter("/map", {country: c.country, colour: colourBy === "count" ? "" : colourBy})},
          names.get(c.country) || c.country), h("span", {class: "code"}, ` ${c.country}`),
        h("span", {class: "muted"}, ` ${c.events} events · ${countryPlaces.get(c.country) || 0} place mentions `),
        NG.goldsteinBar(c.mean_goldstein)))),
      more(data.countries.length, "countries", "with the most events"),
      h("h2", null, "Regions named", h("span", {class: "count"}, String(regions.length))),
      regions.length ? h("ol", {class: "region-list small"}, regions.slice(0, LISTED).map((r) => h("li", null,
        h("a", {href: withFilter("/map", {region: r.admin1, colour: colourBy === "count" ? "" : colourBy})}, r.name),
        h("span", {class: "code"}, ` ${r.admin1}`), ` ${names.get(r.country) || r.country}: `,
        h("span", {class: "muted"}, `${r.mentions} mentions in ${r.articles} articles · ${r.events} events `),
        r.events ? NG.goldsteinBar(r.mean_goldstein) : null)))
        : h("p", {class: "muted small"}, "No first-level region is named."),
      more(regions.length, "regions", "named most often")));
  } catch (err) {
    NG.message(world, `Could not load the map: ${err.message}`, "error");
  }
  await bar;
  document.body.setAttribute("data-ready", "1");
});
