/* Bar chart of events per period: cooperation up (green), conflict down (red). Used by the
 * timeline and actor pages. */
"use strict";

const Chart = (() => {
  const {h, s} = NG;

  /** Every period from the first to the last, so gaps show as gaps (skipped when too many). */
  function filled(items, by) {
    if (!items.length || by === "day") return items;
    const have = new Map(items.map((it) => [it.period, it]));
    const first = items[0].period;
    const last = items[items.length - 1].period;
    const out = [];
    if (by === "year") {
      for (let y = +first; y <= +last; y++) out.push(have.get(String(y)) || {period: String(y), cooperation: 0, conflict: 0, events: 0});
    } else {
      let [y, m] = first.split("-").map(Number);
      const [ly, lm] = last.split("-").map(Number);
      if ((ly - y) * 12 + (lm - m) > 360) return items;
      while (y < ly || (y === ly && m <= lm)) {
        const key = `${y}-${String(m).padStart(2, "0")}`;
        out.push(have.get(key) || {period: key, cooperation: 0, conflict: 0, events: 0});
        m += 1;
        if (m > 12) { m = 1; y += 1; }
      }
    }
    return out;
  }

  function timeline(items, options) {
    const by = (options && options.by) || "month";
    const height = (options && options.height) || 240;
    const rows = filled(items || [], by);
    if (!rows.length) return h("p", {class: "muted"}, "No dated events.");
    const width = (options && options.width) || Math.max(360, Math.min(1100, rows.length * 14 + 60));
    const left = 62;
    const plotW = width - left - 10;
    const mid = height / 2;
    const half = mid - 22;
    const max = Math.max(1, ...rows.map((r) => Math.max(r.cooperation, r.conflict)));
    // A square-root scale: one busy month (articles without a date of their own) must not flatten the rest.
    const scale = (v) => (Math.sqrt(v) / Math.sqrt(max)) * half;
    const step = plotW / rows.length;
    const barW = Math.max(1.5, Math.min(28, step * 0.75));
    const svg = s("svg", {class: "timeline", viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": "events per period, cooperation above the line, conflict below"});
    svg.appendChild(s("text", {x: 4, y: mid - 8, class: "axis-label coop"}, "cooperation"));
    svg.appendChild(s("text", {x: 4, y: mid + 16, class: "axis-label conflict"}, "conflict"));
    for (const [y, label] of [[mid - half, max], [mid + half, max]]) {
      svg.appendChild(s("line", {x1: left, y1: y, x2: width - 10, y2: y, class: "gridline"}));
      svg.appendChild(s("text", {x: left - 4, y: y + 4, class: "tick", "text-anchor": "end"}, String(label)));
    }
    svg.appendChild(s("text", {x: width - 10, y: 12, class: "tick", "text-anchor": "end"}, "square-root scale"));
    const labelEvery = Math.max(1, Math.ceil(rows.length / Math.floor(plotW / 60)));
    rows.forEach((r, i) => {
      const x = left + i * step + (step - barW) / 2;
      const up = scale(r.cooperation);
      const down = scale(r.conflict);
      const tip = `${r.period}: ${r.cooperation} cooperation, ${r.conflict} conflict` +
        (r.mean_goldstein !== undefined && r.mean_goldstein !== null ? `, mean Goldstein ${r.mean_goldstein}` : "");
      const group = s("g", {class: "bar", "data-period": r.period}, s("title", null, tip));
      if (up > 0) group.appendChild(s("rect", {x, y: mid - up, width: barW, height: up, class: "coop"}));
      if (down > 0) group.appendChild(s("rect", {x, y: mid, width: barW, height: down, class: "conflict"}));
      // an invisible full-height target so thin bars still show their tooltip
      group.appendChild(s("rect", {x: left + i * step, y: 18, width: step, height: height - 36, class: "hit"}));
      svg.appendChild(group);
      if (i % labelEvery === 0) {
        svg.appendChild(s("text", {x: left + i * step + step / 2, y: height - 4, class: "tick",
          "text-anchor": "middle"}, r.period));
      }
    });
    svg.appendChild(s("line", {x1: left, y1: mid, x2: width - 10, y2: mid, class: "axis"}));
    return h("div", {class: "chart-box"}, svg);
  }

  return {timeline};
})();
