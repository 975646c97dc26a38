/* The timeline page: events per period by quad class under the shared filter (an actor, or a pair with
 * `partner`), the mean Goldstein score, the undated events counted; a bar lists its events. */
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const {h} = NG;
  const params = NG.params();
  const bar = NG.filterBar({keep: ["partner", "by"]});
  const box = document.getElementById("chart");
  const listBox = document.getElementById("bar-events");
  const filters = NG.filters();
  const by = ["year", "month", "day"].includes(params.by) ? params.by : "month";
  document.getElementById("by").value = by;
  const partner = filters.actor ? params.partner : "";
  document.getElementById("partner").value = partner || "";
  // the page's own options join the filter in the URL rather than replace it
  document.getElementById("timeline-options").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    location.assign(location.pathname + NG.qs(Object.assign({}, filters, {by: form.elements.by.value,
      partner: form.elements.partner.value.trim()})));
  });
  try {
    const data = await NG.api("/api/timeline", Object.assign({}, filters, {partner, by}));
    const who = filters.actor ? (partner ? `${filters.actor} and ${partner}` : filters.actor) : "all actors";
    const total = data.items.reduce((n, r) => n + r.events, 0);
    const coop = data.items.reduce((n, r) => n + r.cooperation, 0);
    let chosen = null;
    const showBar = (row, group) => {
      if (chosen) chosen.classList.remove("selected");
      chosen = group;
      group.classList.add("selected");
      // the period as a date range; the pair's events in both directions when a partner is set
      const base = {since: row.period, until: row.period, partner};
      NG.clear(listBox).appendChild(h("div", null,
        h("h2", null, `Events in ${row.period}`, h("span", {class: "count"}, String(row.events))),
        h("p", {class: "muted small"}, "The bar counts the events that happened; the list shows the negated ones too."),
        NG.browser("events", base, {id: "bar", size: 20})));
    };
    NG.clear(box).append(
      h("p", null, h("b", null, who), ` · ${total} dated events per ${data.by}: `,
        h("span", {class: "coop"}, `${coop} cooperation`), ", ",
        h("span", {class: "conflict"}, `${total - coop} conflict`),
        filters.actor ? [" · ", h("a", {href: NG.actorUrl(filters.actor)}, `${filters.actor}'s page`)] : null),
      Chart.stacked(data.items, {by: data.by, onBar: showBar}),
      h("p", {class: "undated", id: "undated"}, `${data.undated.events} events (${data.undated.articles} articles) ` +
        "have no date: they are not on this timeline."),
      h("p", {class: "legend muted small"}, "Dates are the event's own date when the text gives one, else the " +
        "article's publication date. Negated events are not counted. Click a bar to list its events."));
  } catch (err) {
    NG.message(box, `Could not load the timeline: ${err.message}`, "error");
  }
  await bar;
  document.body.setAttribute("data-ready", "1");
});
