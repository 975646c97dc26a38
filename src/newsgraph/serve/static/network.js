/* The network page: actors as nodes, (source, target) pairs as edges, laid out by a small
 * force simulation from fixed start positions, so the same data always gives the same picture. */
"use strict";

const Network = (() => {
  const {h, s} = NG;
  const W = 960;
  const H = 640;
  const LABEL_FONT = 11;  // px in the drawing
  // Edges by quad class of most of their events: cooperation green, conflict red (the timeline's colours).
  const COOP = "#2e7d32";
  const CONFLICT = "#c62828";

  /** Cooperation share 1 -> green, 0 -> red, a mix in between (grey-ish when balanced). */
  function edgeColour(p) {
    const total = p.cooperation + p.conflict;
    if (!total) return "#9e9e9e";
    return NG.mix ? NG.mix(CONFLICT, COOP, p.cooperation / total) : (p.cooperation >= p.conflict ? COOP : CONFLICT);
  }

  /** Fruchterman–Reingold with a deterministic start (a golden-angle spiral, busiest node in the middle). */
  function layout(nodes, edges, iterations) {
    const n = nodes.length;
    const area = W * H;
    const k = Math.sqrt(area / Math.max(1, n)) * 0.75;
    nodes.forEach((node, i) => {
      const r = 18 * Math.sqrt(i);
      const a = i * 2.399963;  // golden angle: evenly spread, no random numbers
      node.x = W / 2 + r * Math.cos(a);
      node.y = H / 2 + r * Math.sin(a);
    });
    const index = new Map(nodes.map((node, i) => [node.key, i]));
    const links = edges.filter((e) => e.source !== e.target)
      .map((e) => [index.get(e.source), index.get(e.target), 1 + Math.log(e.events)]);
    const radius = 0.42 * H;
    const gravity = (k * k * n) / (radius * radius);
    let temperature = W / 8;
    for (let it = 0; it < iterations; it++) {
      const dx = new Float64Array(n);
      const dy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let x = nodes[i].x - nodes[j].x;
          let y = nodes[i].y - nodes[j].y;
          let d2 = x * x + y * y;
          if (d2 < 0.01) { x = 0.1 * (i - j); y = 0.1; d2 = x * x + y * y; }
          const f = (k * k) / d2;
          dx[i] += x * f; dy[i] += y * f;
          dx[j] -= x * f; dy[j] -= y * f;
        }
      }
      for (const [a, b, w] of links) {
        const x = nodes[a].x - nodes[b].x;
        const y = nodes[a].y - nodes[b].y;
        const d = Math.sqrt(x * x + y * y) || 0.01;
        const f = (d * w) / k;
        dx[a] -= x * f; dy[a] -= y * f;
        dx[b] += x * f; dy[b] += y * f;
      }
      for (let i = 0; i < n; i++) {
        // Gravity linear in the distance from the centre balances the summed repulsion
        // (about k²·n/R) at radius R0, so small unconnected pairs stay in a disc with the rest.
        dx[i] += (W / 2 - nodes[i].x) * gravity;
        dy[i] += (H / 2 - nodes[i].y) * gravity;
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        const step = Math.min(d, temperature);
        nodes[i].x += (dx[i] / d) * step;
        nodes[i].y += (dy[i] / d) * step;
      }
      temperature = Math.max(1, temperature * 0.97);
    }
    // fit into the drawing with a margin for labels
    const xs = nodes.map((p) => p.x);
    const ys = nodes.map((p) => p.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const scale = Math.min((W - 120) / Math.max(1, maxX - minX), (H - 80) / Math.max(1, maxY - minY), 3);
    for (const p of nodes) {
      p.x = 60 + (p.x - minX) * scale + ((W - 120) - (maxX - minX) * scale) / 2;
      p.y = 40 + (p.y - minY) * scale + ((H - 80) - (maxY - minY) * scale) / 2;
    }
  }

  function draw(pairs, onEdge, onNode) {
    const weight = new Map();
    const names = new Map();
    for (const p of pairs) {
      weight.set(p.source, (weight.get(p.source) || 0) + p.events);
      weight.set(p.target, (weight.get(p.target) || 0) + p.events);
      names.set(p.source, p.source_name || p.source);
      names.set(p.target, p.target_name || p.target);
    }
    // nodes sized by their events (area proportional), named by the canonical name, the code on hover
    const nodes = [...weight].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([key, events]) => ({key, events, name: names.get(key), r: 4 + Math.sqrt(events) * 2.2}));
    layout(nodes, pairs, 300);
    const at = new Map(nodes.map((node) => [node.key, node]));
    const pairKeys = new Set(pairs.map((p) => `${p.source}\u0000${p.target}`));
    const maxEvents = Math.max(1, ...pairs.map((p) => p.events));

    const svg = s("svg", {class: "network", viewBox: `0 0 ${W} ${H}`, role: "img",
      "aria-label": "network of actors; edges coloured by cooperation (green) and conflict (red)"});
    const edgeLayer = s("g", {class: "edges"});
    const nodeLayer = s("g", {class: "nodes"});
    const labelLayer = s("g", {class: "labels"});  // above every node, so no label hides behind one
    svg.append(edgeLayer, nodeLayer, labelLayer);

    for (const p of pairs) {
      const a = at.get(p.source);
      const b = at.get(p.target);
      const colour = edgeColour(p);
      const width = 1 + 5 * Math.sqrt(p.events / maxEvents);
      let d;
      let arrow = null;
      if (a === b) {
        // a self-loop: actors coded alike (USAGOV → USAGOV) act on each other
        const r = a.r;
        d = `M ${a.x - r * 0.5} ${a.y - r * 0.8} C ${a.x - r * 2.5} ${a.y - r * 4}, ${a.x + r * 2.5} ${a.y - r * 4}, ` +
          `${a.x + r * 0.5} ${a.y - r * 0.8}`;
      } else {
        const [x, y] = [b.x - a.x, b.y - a.y];
        const len = Math.sqrt(x * x + y * y) || 1;
        // bend every edge to its right, so A→B and B→A stay apart
        const bend = pairKeys.has(`${p.target}\u0000${p.source}`) ? 0.18 : 0.08;
        const cx = (a.x + b.x) / 2 - (y / len) * len * bend;
        const cy = (a.y + b.y) / 2 + (x / len) * len * bend;
        const [ux, uy] = [b.x - cx, b.y - cy];
        const ul = Math.sqrt(ux * ux + uy * uy) || 1;
        const ex = b.x - (ux / ul) * (b.r + 2);
        const ey = b.y - (uy / ul) * (b.r + 2);
        d = `M ${a.x} ${a.y} Q ${cx} ${cy} ${ex} ${ey}`;
        const size = 4 + width;
        const [px, py] = [-uy / ul, ux / ul];
        const bx = ex - (ux / ul) * size;
        const by = ey - (uy / ul) * size;
        arrow = s("polygon", {class: "arrowhead", fill: colour, points:
          `${ex},${ey} ${bx + px * size * 0.5},${by + py * size * 0.5} ${bx - px * size * 0.5},${by - py * size * 0.5}`});
      }
      const edge = s("g", {class: `edge ${p.cooperation >= p.conflict ? "coop-edge" : "conflict-edge"}`, tabindex: 0,
        "data-source": p.source, "data-target": p.target, "data-events": p.events},
        s("title", null, `${p.source} → ${p.target}: ${p.events} events, mean Goldstein ${p.mean_goldstein} ` +
          `(${p.cooperation} cooperation, ${p.conflict} conflict)`),
        s("path", {d, class: "edge-line", stroke: colour, "stroke-width": width.toFixed(2), fill: "none"}),
        arrow,
        s("path", {d, class: "edge-hit", "stroke-width": Math.max(10, width + 6), fill: "none"}));
      edge.addEventListener("click", () => onEdge(p, edge));
      edge.addEventListener("keydown", (e) => { if (e.key === "Enter") onEdge(p, edge); });
      edgeLayer.appendChild(edge);
    }
    // Every node gets a label candidate, largest first; placeLabels keeps those that overlap nothing kept.
    nodes.forEach((node) => {
      const g = s("g", {class: "node", tabindex: 0, "data-key": node.key},
        s("title", null, `${node.name}${node.name !== node.key ? ` (${node.key})` : ""}: ${node.events} events`),
        s("circle", {cx: node.x, cy: node.y, r: node.r, fill: NG.hashColour(node.key)}));
      const label = node.name.length > 28 ? `${node.name.slice(0, 27)}…` : node.name;
      labelLayer.appendChild(s("text", {x: node.x, y: node.y + node.r + LABEL_FONT, "text-anchor": "middle",
        class: "node-label", "data-key": node.key}, label));
      g.addEventListener("click", () => onNode(node));
      nodeLayer.appendChild(g);
    });
    NG.zoomable(svg, W, H, {skip: "g.edge, g.node"});
    return svg;
  }

  /** Once the drawing is in the page (text can be measured only there): drop every label that would overlap
   * a label of a bigger node, so the hub's label is never covered and none is drawn over another. */
  function placeLabels(svg) {
    const kept = [];
    for (const label of [...svg.querySelectorAll("text.node-label")]) {
      const b = label.getBBox();
      const box = [b.x - 2, b.y - 1, b.x + b.width + 2, b.y + b.height + 1];
      if (kept.some((o) => box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3])) label.remove();
      else kept.push(box);
    }
  }

  return {draw, layout, edgeColour, placeLabels};
})();

document.addEventListener("DOMContentLoaded", async () => {
  const {h} = NG;
  const params = NG.params();
  const graph = document.getElementById("graph");
  const details = document.getElementById("details");
  const pairList = document.getElementById("pair-list");
  const slider = document.getElementById("min-weight");
  const filters = NG.filters();
  const bar = NG.filterBar({keep: ["min_events"]});
  const codes = await NG.cameo();

  let selected = null;
  async function showEdge(pair, element) {
    if (selected) selected.classList.remove("selected");
    selected = element;
    if (element) element.classList.add("selected");
    NG.clear(details).appendChild(h("h2", null,
      h("a", {href: NG.actorUrl(pair.source), title: pair.source}, pair.source_name || pair.source), " → ",
      h("a", {href: NG.actorUrl(pair.target), title: pair.target}, pair.target_name || pair.target),
      h("span", {class: "count"}, String(pair.events))));
    details.appendChild(h("p", {class: "small"}, NG.goldsteinBar(pair.mean_goldstein),
      ` ${pair.cooperation} cooperation, ${pair.conflict} conflict · `,
      h("a", {href: `/timeline${NG.qs(Object.assign({}, filters, {actor: pair.source, partner: pair.target}))}`},
        "timeline")));
    try {
      const events = await NG.api("/api/events", Object.assign({}, filters,
        {actor: null, source: pair.source, target: pair.target, limit: 100}));
      details.appendChild(h("ul", {class: "event-rows edge-events"}, events.items.map((ev) => NG.eventItem(ev, codes))));
    } catch (err) {
      details.appendChild(h("p", {class: "message error"}, `Could not load the events: ${err.message}`));
    }
    details.setAttribute("data-loaded", `${pair.source}>${pair.target}`);
  }

  function showNode(node) {
    NG.clear(details).append(h("h2", null, node.name, h("span", {class: "code"}, ` ${node.key}`),
      h("span", {class: "count"}, String(node.events))),
      h("p", null, h("a", {href: NG.actorUrl(node.key)}, "Actor page"), " · ",
        h("a", {href: `/timeline${NG.qs(Object.assign({}, filters, {actor: node.key}))}`}, "Timeline"), " · ",
        h("a", {href: `/network${NG.qs(Object.assign({}, filters, {actor: node.key}))}`}, "Only this actor's edges")));
  }

  try {
    const pairs = await NG.api("/api/pairs", Object.assign({}, filters, {limit: 150}));
    const all = pairs.items;
    const most = Math.max(1, ...all.map((p) => p.events));
    slider.max = String(most);
    slider.value = String(Math.min(most, Math.max(1, parseInt(params.min_events || "1", 10) || 1)));
    const render = () => {
      const least = parseInt(slider.value, 10) || 1;
      document.getElementById("min-weight-value").textContent = String(least);
      const shown = all.filter((p) => p.events >= least);
      NG.clear(graph);
      NG.clear(pairList);
      if (!shown.length) {
        NG.message(graph, "No events match these filters.", "muted");
        return;
      }
      const drawing = Network.draw(shown, showEdge, showNode);
      graph.appendChild(drawing);
      Network.placeLabels(drawing);
      graph.appendChild(h("p", {class: "muted small", id: "pair-count"}, `${shown.length} pairs with at least ` +
        `${least} event${least > 1 ? "s" : ""}` + (pairs.next_offset !== null ? " (of the 150 busiest)" : "")));
      // the same pairs ranked, for narrow screens (and anyone who prefers a list)
      pairList.append(...shown.map((p, i) => h("li", {"data-source": p.source, "data-target": p.target},
        h("span", {class: "rank"}, `${i + 1}.`),
        h("button", {type: "button", class: "linklike", title: `${p.source} → ${p.target}`,
          style: {borderLeftColor: Network.edgeColour(p)}, on: {click: () => showEdge(p, null)}},
          `${p.source_name || p.source} → ${p.target_name || p.target}`),
        h("span", {class: "muted small"}, ` ${p.events} events · ${p.cooperation} coop. · ${p.conflict} conflict`))));
    };
    slider.addEventListener("input", () => {
      render();
      const next = Object.assign(NG.params(), {min_events: slider.value === "1" ? "" : slider.value});
      history.replaceState(null, "", location.pathname + NG.qs(next));
    });
    render();
  } catch (err) {
    NG.message(graph, `Could not load the network: ${err.message}`, "error");
  }
  await bar;
  document.body.setAttribute("data-ready", "1");
});
