// argmap clickable map: a server-rendered Graphviz SVG with selectable nodes,
// pan (drag), zoom (ctrl/focused wheel, +/- buttons, keys) via the SVG viewBox.
// Streamlit components v2: the default export is called on every render with
// {data, parentElement, setTriggerValue}; the DOM is kept between calls when
// the SVG has not changed, so zoom and pan survive a selection.
//
// Readable first: the first view is never "the whole map shrunk to the box".
// Its scale is computed from the SVG's own node font size so node text renders
// at TEXT_PX (PROJECTOR_PX with projector mode), centred on the view's focus;
// a seminar zooms out to see more, never in to read.

const NODE_PREFIX = "n-";
const TEXT_PX = 13;
const PROJECTOR_PX = 19;
// A small map may be shown a little larger than the target, never more.
const MAX_OVERSCALE = 1.4;

// Dicts and lists come as JSON text (see component.py: Streamlit scans every dict it
// is given for dataframes); anything else, or text that is not JSON, is `fallback`.
function parsed(value, fallback) {
  if (typeof value !== "string") return value ?? fallback;
  try {
    return JSON.parse(value);
  } catch {
    return fallback;
  }
}

function parseViewBox(svg) {
  const vb = svg.viewBox.baseVal;
  return { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
}

function setViewBox(svg, box) {
  svg.setAttribute("viewBox", `${box.x} ${box.y} ${box.w} ${box.h}`);
}

function nodeElement(root, id) {
  if (!id) return null;
  return root.querySelector(`g.node[id="${CSS.escape(NODE_PREFIX + id)}"]`);
}

function nodes(root) {
  return [...root.querySelectorAll(".argmap-stage g.node[data-node-id]")];
}

// The smallest node font size in SVG units (Graphviz writes font-size="11.00"),
// so every line in a node, score labels included, reaches the target size.
function nodeFontSize(svg) {
  const sizes = [...svg.querySelectorAll("g.node text")]
    .filter((t) => !t.closest(".argmap-legend"))
    .map((t) => parseFloat(t.getAttribute("font-size"))).filter((v) => v > 0);
  return sizes.length ? Math.min(...sizes) : 11;
}

// Screen pixels per SVG unit for the current viewBox (preserveAspectRatio meet).
function currentScale(svg) {
  const r = svg.getBoundingClientRect();
  const box = parseViewBox(svg);
  return Math.min(r.width / box.w, r.height / box.h);
}

function toSvgPoint(svg, clientX, clientY) {
  const r = svg.getBoundingClientRect();
  const box = parseViewBox(svg);
  const s = Math.min(r.width / box.w, r.height / box.h);
  const ox = (r.width - box.w * s) / 2;
  const oy = (r.height - box.h * s) / 2;
  return { x: box.x + (clientX - r.left - ox) / s, y: box.y + (clientY - r.top - oy) / s };
}

// The bounding box, in SVG units, of some elements.
function svgBounds(svg, els) {
  const rects = els.map((el) => el.getBoundingClientRect()).filter((q) => q.width || q.height);
  if (!rects.length) return null;
  const a = toSvgPoint(svg, Math.min(...rects.map((q) => q.left)), Math.min(...rects.map((q) => q.top)));
  const b = toSvgPoint(svg, Math.max(...rects.map((q) => q.right)), Math.max(...rects.map((q) => q.bottom)));
  return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
}

// Show the SVG point (cx, cy) in the middle of the stage at `scale` px per unit.
// Where the content is larger than the stage, the view is kept inside it, so
// a focus near an edge does not leave half the stage empty.
function showAt(svg, cx, cy, scale, content) {
  const r = svg.getBoundingClientRect();
  if (!r.width || !r.height) return;
  const w = r.width / scale;
  const h = r.height / scale;
  let x = cx - w / 2;
  let y = cy - h / 2;
  if (content) {
    x = content.w > w ? Math.min(Math.max(x, content.x), content.x + content.w - w)
      : content.x + content.w / 2 - w / 2;
    y = content.h > h ? Math.min(Math.max(y, content.y), content.y + content.h - h)
      : content.y + content.h / 2 - h / 2;
  }
  setViewBox(svg, { x, y, w, h });
}

function centreOn(svg, el, scale, content) {
  const b = svgBounds(svg, [el]);
  if (b) showAt(svg, b.x + b.w / 2, b.y + b.h / 2, scale || currentScale(svg), content);
}

function isVisible(svg, el) {
  const r = svg.getBoundingClientRect();
  const n = el.getBoundingClientRect();
  return n.left >= r.left && n.right <= r.right && n.top >= r.top && n.bottom <= r.bottom;
}

function targetScale(root) {
  const px = root.classList.contains("argmap-projector") ? PROJECTOR_PX : TEXT_PX;
  return px / root.__argmapFont;
}

// The first view: the region of interest (the group, else the whole content)
// when it fits at a readable scale; otherwise the readable scale centred on
// the focus (the selected node, the view's focus or thesis, the group).
function initialView(root, svg, focus, group, exact) {
  const r = svg.getBoundingClientRect();
  if (!r.width || !r.height) return;
  const target = targetScale(root);
  const members = (group || []).map((id) => nodeElement(root, id)).filter(Boolean);
  const content = root.__argmapContent;
  const region = (members.length && svgBounds(svg, members)) || content;
  const pad = 24 / target;
  const fitScale = Math.min(r.width / (region.w + 2 * pad), r.height / (region.h + 2 * pad));
  const scale = Math.min(Math.max(fitScale, target), target * MAX_OVERSCALE);
  const el = nodeElement(root, focus);
  if (fitScale >= target && !(exact && el)) {
    showAt(svg, region.x + region.w / 2, region.y + region.h / 2, scale);
    if (!el || isVisible(svg, el)) return;
  }
  const anchor = el || members[0] || svg.querySelector("g.node[data-node-id]");
  // A selected node is centred exactly; a view's own focus (its thesis) may sit
  // off-centre so the stage is not half empty beyond the map's edge.
  if (anchor) centreOn(svg, anchor, scale, exact ? null : content);
}

function highlight(root, selected) {
  root.querySelectorAll(".argmap-selected").forEach((el) => {
    el.classList.remove("argmap-selected");
    el.setAttribute("aria-current", "false");
  });
  if (!selected) return;
  const el = nodeElement(root, selected);
  if (el) {
    el.classList.add("argmap-selected");
    el.setAttribute("aria-current", "true");
  }
}

// A compact key beside the map in place of Graphviz's legend cluster, which in
// a fitted view took as much room as the map.
const KEY_HTML =
  '<span class="argmap-key-item"><i class="k-claim"></i>claim</span>' +
  '<span class="argmap-key-item"><i class="k-thesis"></i>thesis</span>' +
  '<span class="argmap-key-item"><i class="k-view"></i>reported view</span>' +
  '<span class="argmap-key-item"><i class="k-evidence"></i>evidence</span>' +
  '<span class="argmap-key-item"><i class="k-note"></i>footnote</span>' +
  '<span class="argmap-key-item"><i class="k-source"></i>source</span>' +
  '<span class="argmap-key-item"><b class="r-supports"></b>supports</span>' +
  '<span class="argmap-key-item"><b class="r-attacks"></b>attacks</span>' +
  '<span class="argmap-key-item"><b class="r-undercuts"></b>undercuts</span>' +
  '<span class="argmap-key-item"><b class="r-qualifies"></b>qualifies</span>' +
  '<span class="argmap-key-item"><b class="r-contradicts"></b>contradicts</span>' +
  '<span class="argmap-key-item"><b class="r-cites"></b>cites</span>';

function buildKey(svg) {
  const key = document.createElement("div");
  key.className = "argmap-key";
  key.setAttribute("aria-label", "Key");
  key.innerHTML = KEY_HTML;
  svg.querySelectorAll("g.argmap-legend-verdict").forEach((g) => {
    const shape = g.querySelector("path, polygon");
    const text = g.querySelector("text");
    if (!shape || !text) return;
    const item = document.createElement("span");
    item.className = "argmap-key-item";
    const swatch = document.createElement("i");
    swatch.className = "k-verdict";
    swatch.style.background = shape.getAttribute("fill") || "#fff";
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(text.textContent));
    key.appendChild(item);
  });
  return key;
}

// Edges between map nodes, read from Graphviz's <title>n-a->n-b</title>.
function adjacency(svg) {
  const adj = new Map();
  svg.querySelectorAll("g.edge").forEach((g) => {
    const t = g.querySelector("title");
    if (!t) return;
    const [a, b] = t.textContent.split("->");
    if (!a || !b || !a.startsWith(NODE_PREFIX) || !b.startsWith(NODE_PREFIX)) return;
    const s = a.slice(NODE_PREFIX.length);
    const d = b.slice(NODE_PREFIX.length);
    if (!adj.has(s)) adj.set(s, []);
    if (!adj.has(d)) adj.set(d, []);
    if (!adj.get(s).includes(d)) adj.get(s).push(d);
    if (!adj.get(d).includes(s)) adj.get(d).push(s);
  });
  return adj;
}

// The map's own title (Graphviz puts the graph label in the first anchor's tooltip),
// read before the title elements are removed below.
function mapName(svg) {
  const a = svg.querySelector("g.graph > g > a");
  const t = a && (a.getAttribute("xlink:title") || a.getAttribute("title"));
  return t ? `Argument map: ${t}` : "Argument map";
}

function build(root, data) {
  root.innerHTML = "";
  const toolbar = document.createElement("div");
  toolbar.className = "argmap-toolbar";
  toolbar.innerHTML =
    '<button type="button" data-act="in" title="Zoom in (+)" aria-label="Zoom in">+</button>' +
    '<button type="button" data-act="out" title="Zoom out (-)" aria-label="Zoom out">&minus;</button>' +
    '<button type="button" data-act="fit" title="See the whole map (0)">Whole map</button>' +
    '<button type="button" data-act="reset" title="Back to readable size around the selection (1)">Readable size</button>';
  const stage = document.createElement("div");
  stage.className = "argmap-stage";
  stage.tabIndex = 0;
  stage.setAttribute("role", "group");
  stage.setAttribute("aria-label",
    "Argument map. Tab or arrow keys move between nodes, [ and ] follow relations, Enter opens a node.");
  stage.innerHTML = data.svg;
  stage.title = "Drag to pan · Ctrl+wheel or +/− to zoom · arrows move between nodes · Enter opens";
  root.appendChild(toolbar);
  const svg = stage.querySelector("svg");
  if (svg) toolbar.appendChild(buildKey(svg));
  root.appendChild(stage);
  if (!svg) return;
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", mapName(svg));
  root.__argmapAdj = adjacency(svg);
  // Graphviz's <title>s hold internal names (n-some-id); the names a screen
  // reader needs are set below.
  svg.querySelectorAll("title").forEach((t) => t.remove());
  // As tall as asked, but never taller than the window leaves room for, so the
  // map and the panel beside it fit on a 900 px laptop screen together.
  const above = data.projector ? 360 : 250;
  stage.style.height = `clamp(360px, calc(100vh - ${above}px), ${data.height || 640}px)`;
  root.__argmapFit = parseViewBox(svg);
  root.__argmapFont = nodeFontSize(svg);
  const labels = parsed(data.labels, {});
  // A seminar contribution (id contrib-N, not a corpus node) opens the claim it speaks to.
  const targets = parsed(data.targets, {});
  svg.querySelectorAll("g.node").forEach((g) => {
    if (!g.id) return;
    const target = Object.hasOwn(targets, g.id) ? String(targets[g.id]) : "";
    if (!target && !g.id.startsWith(NODE_PREFIX)) return;
    const id = target || g.id.slice(NODE_PREFIX.length);
    g.dataset.nodeId = id;
    g.setAttribute("tabindex", "-1");
    g.setAttribute("role", "button");
    // The accessible name starts with what the node shows (WCAG 2.5.3: speech
    // input says what it sees), then adds what the app knows (supports, attacks).
    const text = [...g.querySelectorAll("text")].map((t) => t.textContent.trim())
      .filter(Boolean).join(" ");
    const extra = target ? "Seminar contribution; opens the claim it is on" : labels[id];
    g.setAttribute("aria-label", [text || id, extra].filter(Boolean).join(". "));
    // Graphviz tooltip anchors would take focus and announce the full text twice.
    g.querySelectorAll("a").forEach((a) => {
      a.setAttribute("tabindex", "-1");
      a.setAttribute("aria-hidden", "true");
    });
  });
  // One tab stop for the whole map (roving tabindex): Tab enters on the
  // selection or the first node; arrows and [ ] move within.
  const first = svg.querySelector("g.node[data-node-id]");
  if (first) first.setAttribute("tabindex", "0");
  root.dataset.hash = data.hash;
}

// Measured once the stage has its size: the bounds of the map's content
// without the hidden legend (the "Whole map" view).
function measureContent(root, svg) {
  const parts = [...svg.querySelectorAll("g.node[data-node-id], g.edge, g.cluster")]
    .filter((g) => !g.classList.contains("argmap-legend"));
  const b = svgBounds(svg, parts) || root.__argmapFit;
  const pad = 12;
  root.__argmapContent = { x: b.x - pad, y: b.y - pad, w: b.w + 2 * pad, h: b.h + 2 * pad };
}

function rove(root, el) {
  root.querySelectorAll('.argmap-stage g.node[tabindex="0"]').forEach((g) => g.setAttribute("tabindex", "-1"));
  el.setAttribute("tabindex", "0");
}

// The nearest node in an arrow's direction (screen geometry: BT layout puts
// what a claim rests on below it, what it supports above it).
function nearest(root, from, key) {
  const a = from.getBoundingClientRect();
  const ax = a.left + a.width / 2;
  const ay = a.top + a.height / 2;
  let best = null;
  let bestScore = Infinity;
  nodes(root).forEach((g) => {
    if (g === from) return;
    const b = g.getBoundingClientRect();
    const dx = b.left + b.width / 2 - ax;
    const dy = b.top + b.height / 2 - ay;
    const along = { ArrowRight: dx, ArrowLeft: -dx, ArrowDown: dy, ArrowUp: -dy }[key];
    const across = key === "ArrowRight" || key === "ArrowLeft" ? Math.abs(dy) : Math.abs(dx);
    if (along <= 1) return;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = g;
    }
  });
  return best;
}

function wire(root, setTriggerValue, signal) {
  const stage = root.querySelector(".argmap-stage");
  const svg = stage && stage.querySelector("svg");
  if (!svg) return;
  const fit = root.__argmapFit;

  const zoom = (factor, cx, cy) => {
    const box = parseViewBox(svg);
    const w = Math.min(Math.max(box.w * factor, fit.w / 40), fit.w * 4);
    const h = (w / box.w) * box.h;
    const px = cx === undefined ? 0.5 : cx;
    const py = cy === undefined ? 0.5 : cy;
    setViewBox(svg, { x: box.x + (box.w - w) * px, y: box.y + (box.h - h) * py, w, h });
  };
  const pan = (dxFrac, dyFrac) => {
    const box = parseViewBox(svg);
    setViewBox(svg, { ...box, x: box.x + box.w * dxFrac, y: box.y + box.h * dyFrac });
  };
  const whole = () => {
    const c = root.__argmapContent || fit;
    const r = svg.getBoundingClientRect();
    showAt(svg, c.x + c.w / 2, c.y + c.h / 2, Math.min(r.width / c.w, r.height / c.h));
  };
  const reset = () => {
    const el = nodeElement(root, root.__argmapSelected) || nodeElement(root, root.__argmapFocus);
    if (el) centreOn(svg, el, targetScale(root));
    else initialView(root, svg, "", []);
  };

  root.querySelector(".argmap-toolbar").addEventListener("click", (e) => {
    const act = e.target.closest("button") && e.target.closest("button").dataset.act;
    if (act === "in") zoom(0.8);
    else if (act === "out") zoom(1.25);
    else if (act === "fit") whole();
    else if (act === "reset") reset();
  }, { signal });

  // The wheel scrolls the page, as everywhere else; it zooms the map only with
  // Ctrl (or a pinch, which browsers report as Ctrl+wheel) or while the map has
  // keyboard focus (:focus-visible; a mouse click on a node does not count, so
  // clicking a node and then scrolling on reads the panel as expected).
  stage.addEventListener("wheel", (e) => {
    const keyboard = stage.matches(":focus-visible") || !!stage.querySelector(":focus-visible");
    if (!e.ctrlKey && !keyboard) return;
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
  }, { signal, passive: false });

  let drag = null;
  let moved = false;
  stage.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, box: parseViewBox(svg) };
    moved = false;
  }, { signal });
  stage.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    if (!moved) {
      moved = true;
      stage.setPointerCapture(e.pointerId);
      stage.classList.add("argmap-dragging");
    }
    const r = svg.getBoundingClientRect();
    const scale = Math.max(drag.box.w / r.width, drag.box.h / r.height);
    setViewBox(svg, { ...drag.box, x: drag.box.x - dx * scale, y: drag.box.y - dy * scale });
  }, { signal });
  const endDrag = () => {
    drag = null;
    stage.classList.remove("argmap-dragging");
  };
  stage.addEventListener("pointerup", endDrag, { signal });
  stage.addEventListener("pointercancel", endDrag, { signal });

  const choose = (g) => {
    highlight(root, g.dataset.nodeId);
    rove(root, g);
    setTriggerValue("clicked", g.dataset.nodeId);
  };
  const moveTo = (g) => {
    if (!g) return;
    rove(root, g);
    g.focus({ preventScroll: true });
    if (!isVisible(svg, g)) centreOn(svg, g, null);
  };
  stage.addEventListener("click", (e) => {
    if (moved) { moved = false; return; }
    const g = e.target.closest("g.node[data-node-id]");
    if (g) choose(g);
  }, { signal });
  stage.addEventListener("keydown", (e) => {
    const g = e.target.closest && e.target.closest("g.node[data-node-id]");
    if (g && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      choose(g);
      return;
    }
    if (g && e.key.startsWith("Arrow") && !e.shiftKey) {
      e.preventDefault();
      moveTo(nearest(root, g, e.key));
      return;
    }
    if (g && (e.key === "[" || e.key === "]")) {
      // Along the relations: ] and [ visit the node's neighbours on the map in
      // turn; pressed again on the neighbour reached, they go on to the next
      // neighbour of the same node, so a claim's supports and attacks can be
      // read one by one. Arrow keys then leave for the neighbour's own region.
      e.preventDefault();
      const walk = root.__argmapWalk;
      const onWalk = walk && walk.at === g.dataset.nodeId;
      const origin = onWalk ? walk.origin : g.dataset.nodeId;
      const around = root.__argmapAdj.get(origin) || [];
      if (!around.length) return;
      const last = onWalk ? walk.i : -1;
      const i = (last + (e.key === "]" ? 1 : around.length - 1 + (onWalk ? 0 : 1))) % around.length;
      root.__argmapWalk = { origin, i, at: around[i] };
      moveTo(nodeElement(root, around[i]));
      return;
    }
    if (!g && e.target === stage && e.key.startsWith("Arrow") && !e.shiftKey) {
      e.preventDefault();
      moveTo(nodeElement(root, root.__argmapSelected) || nodeElement(root, root.__argmapFocus)
        || svg.querySelector("g.node[data-node-id]"));
      return;
    }
    const keys = { "+": () => zoom(0.8), "=": () => zoom(0.8), "-": () => zoom(1.25),
      "0": whole, "1": reset, ArrowLeft: () => pan(-0.1, 0), ArrowRight: () => pan(0.1, 0),
      ArrowUp: () => pan(0, -0.1), ArrowDown: () => pan(0, 0.1) };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
    }
  }, { signal });
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!data) return undefined;
  let root = parentElement.querySelector(".argmap-root");
  if (!root) {
    root = document.createElement("div");
    root.className = "argmap-root";
    parentElement.appendChild(root);
  }
  // The server sends the SVG only when it changed; if we do not hold the one it
  // names (e.g. after a remount), ask for it once.
  if (!data.svg && root.dataset.hash !== data.hash) {
    if (root.__argmapAsked !== data.hash) {
      root.__argmapAsked = data.hash;
      setTriggerValue("missing", data.hash);
    }
    return undefined;
  }
  const fresh = !!data.svg && root.dataset.hash !== data.hash;
  root.classList.toggle("argmap-projector", !!data.projector);
  if (fresh) build(root, data);
  const changed = fresh || root.__argmapSelected !== data.selected;
  root.__argmapSelected = data.selected;
  root.__argmapFocus = data.focus;
  highlight(root, data.selected);
  const svg = root.querySelector(".argmap-stage svg");
  const chosen = nodeElement(root, data.selected);
  if (chosen) rove(root, chosen);
  if (svg && changed) {
    requestAnimationFrame(() => {
      if (fresh) {
        measureContent(root, svg);
        initialView(root, svg, data.selected || data.focus, parsed(data.group, []),
          !!nodeElement(root, data.selected) || !!data.exact);
        root.dataset.ready = "1";
      }
      const el = nodeElement(root, data.selected);
      if (!fresh && el && !isVisible(svg, el)) centreOn(svg, el, null);
    });
  }
  const controller = new AbortController();
  wire(root, setTriggerValue, controller.signal);
  return () => controller.abort();
}
