/* Bar chart of events per period: cooperation up (green), conflict down (red). Used by the
 * timeline and actor pages. */
"use strict";

const Chart = (() => {
  const {h, s} = NG;

  const empty = (period) => ({period, cooperation: 0, conflict: 0, events: 0, quad1: 0, quad2: 0, quad3: 0,
    quad4: 0, mean_goldstein: null});

  /** Every period from the first to the last, so gaps show as gaps (skipped when too many). */
  function filled(items, by) {
    if (!items.length || by === "day") return items;
    const have = new Map(items.map((it) => [it.period, it]));
    const first = items[0].period;
    const last = items[items.length - 1].period;
    const out = [];
    if (by === "year") {
      for (let y = +first; y <= +last; y++) out.push(have.get(String(y)) || empty(String(y)));
    } else {
      let [y, m] = first.split("-").map(Number);
      const [ly, lm] = last.split("-").map(Number);
      if ((ly - y) * 12 + (lm - m) > 360) return items;
      while (y < ly || (y === ly && m <= lm)) {
        const key = `${y}-${String(m).padStart(2, "0")}`;
        out.push(have.get(key) || empty(key));
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

  const QUAD_CLASSES = ["quad1", "quad2", "quad3", "quad4"];

  /** Stacked bars of events per period by quad class (verbal/material cooperation, verbal/material
   * conflict), a mean-Goldstein line on its own -10..+10 axis; `onBar(row)` is called when a bar is
   * clicked (or chosen with Enter). Drawn at its natural pixel size, so a few bars never blow the text up. */
  function stacked(items, options) {
    const by = (options && options.by) || "month";
    const height = (options && options.height) || 300;
    const rows = filled(items || [], by);
    if (!rows.length) return h("p", {class: "muted"}, "No dated events.");
    const left = 44;
    const right = 40;
    const width = Math.max(420, Math.min(1100, rows.length * 22 + left + right));
    const plotW = width - left - right;
    const top = 16;
    const bottom = height - 28;
    const max = Math.max(1, ...rows.map((r) => r.events));
    const y = (v) => bottom - (v / max) * (bottom - top);
    const gy = (g) => top + ((10 - g) / 20) * (bottom - top);
    const step = plotW / rows.length;
    const barW = Math.max(2, Math.min(24, step * 0.7));
    const svg = s("svg", {class: "timeline stacked", viewBox: `0 0 ${width} ${height}`, width, height,
      role: "img", "aria-label": "events per period by quad class, with the mean Goldstein score as a line"});
    for (const v of [0, Math.round(max / 2), max]) {
      svg.appendChild(s("line", {x1: left, y1: y(v), x2: width - right, y2: y(v), class: "gridline"}));
      svg.appendChild(s("text", {x: left - 4, y: y(v) + 4, class: "tick", "text-anchor": "end"}, String(v)));
    }
    for (const g of [-10, 0, 10]) {
      svg.appendChild(s("text", {x: width - right + 4, y: gy(g) + 4, class: "tick goldstein-tick"}, (g > 0 ? "+" : "") + g));
    }
    const labelEvery = Math.max(1, Math.ceil(rows.length / Math.floor(plotW / 64)));
    const line = [];
    rows.forEach((r, i) => {
      const x = left + i * step + (step - barW) / 2;
      const tip = `${r.period}: ${r.events} events — ${QUAD_CLASSES.map((q, k) => `${r[q] || 0} ${NG.QUADS[k + 1]}`)
        .join(", ")}${r.mean_goldstein !== null && r.mean_goldstein !== undefined ? `; mean Goldstein ${r.mean_goldstein}` : ""}`;
      const group = s("g", {class: "bar", "data-period": r.period, "data-events": r.events, tabindex: r.events ? 0 : null,
        role: r.events ? "button" : null}, s("title", null, tip));
      let base = 0;
      QUAD_CLASSES.forEach((q, k) => {
        const n = r[q] || 0;
        if (!n) return;
        group.appendChild(s("rect", {x, y: y(base + n), width: barW, height: y(base) - y(base + n), class: `q${k + 1}`}));
        base += n;
      });
      group.appendChild(s("rect", {x: left + i * step, y: top, width: step, height: bottom - top, class: "hit"}));
      if (r.events && options && options.onBar) {
        group.addEventListener("click", () => options.onBar(r, group));
        group.addEventListener("keydown", (e) => { if (e.key === "Enter") options.onBar(r, group); });
      }
      svg.appendChild(group);
      if (r.mean_goldstein !== null && r.mean_goldstein !== undefined && r.events) {
        line.push([left + i * step + step / 2, gy(r.mean_goldstein)]);
      }
      if (i % labelEvery === 0) {
        svg.appendChild(s("text", {x: left + i * step + step / 2, y: height - 8, class: "tick", "text-anchor": "middle"},
          r.period));
      }
    });
    svg.appendChild(s("line", {x1: left, y1: gy(0), x2: width - right, y2: gy(0), class: "goldstein-zero"}));
    if (line.length) {
      svg.appendChild(s("polyline", {class: "goldstein-line", fill: "none",
        points: line.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(" ")}));
      for (const [a, b] of line) svg.appendChild(s("circle", {cx: a, cy: b, r: 2.5, class: "goldstein-dot"}));
    }
    svg.appendChild(s("line", {x1: left, y1: bottom, x2: width - right, y2: bottom, class: "axis"}));
    const legend = h("p", {class: "legend small"}, QUAD_CLASSES.map((q, k) => h("span", {class: `key q${k + 1}`},
      NG.QUADS[k + 1])), h("span", {class: "key goldstein"}, "mean Goldstein (right axis, −10…+10)"));
    return h("div", {class: "chart-box"}, svg, legend);
  }

  return {timeline, stacked};
})();
