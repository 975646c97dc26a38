/* The timeline page: events per period for everyone, an actor, or a pair. */
"use strict";

/** Fill a GET form's fields from the page's query string, so the form shows what is displayed. */
function fillForm(form, params) {
  for (const [name, value] of Object.entries(params)) {
    const field = form.elements.namedItem(name);
    if (field && "value" in field) field.value = value;
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const {h} = NG;
  const params = NG.params();
  fillForm(document.getElementById("filters"), params);
  const box = document.getElementById("chart");
  const ask = {actor: params.actor, partner: params.actor ? params.partner : "", by: params.by || "month",
    since: params.since, until: params.until};
  try {
    const data = await NG.api("/api/timeline", ask);
    const who = ask.actor ? (ask.partner ? `${ask.actor} and ${ask.partner}` : ask.actor) : "all actors";
    const total = data.items.reduce((n, r) => n + r.events, 0);
    const coop = data.items.reduce((n, r) => n + r.cooperation, 0);
    NG.clear(box).append(
      h("p", null, h("b", null, who), ` · ${total} events per ${data.by}: `,
        h("span", {class: "coop"}, `${coop} cooperation`), ", ",
        h("span", {class: "conflict"}, `${total - coop} conflict`),
        ask.actor ? [" · ", h("a", {href: NG.actorUrl(ask.actor)}, `${ask.actor}'s page`)] : null),
      Chart.timeline(data.items, {by: data.by}),
      data.undated && data.undated.events ? h("p", {class: "undated"},
        `${data.undated.events} events (${data.undated.articles} articles) have no date: ` +
        "they are not on this timeline.") : null,
      h("p", {class: "legend muted small"}, "Dates are the event's own date when the text gives one, else the " +
        "article's publication date. Negated events are not counted."));
  } catch (err) {
    NG.message(box, `Could not load the timeline: ${err.message}`, "error");
  }
  document.body.setAttribute("data-ready", "1");
});
