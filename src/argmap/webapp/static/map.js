// argmap clickable map: a server-rendered Graphviz SVG with selectable nodes,
// pan (drag), zoom (wheel, +/- buttons, keys) via the SVG viewBox.
// Streamlit components v2: the default export is called on every render with
// {data, parentElement, setTriggerValue}; the DOM is kept between calls when
// the SVG has not changed, so zoom and pan survive a selection.

const NODE_PREFIX = "n-";

function parseViewBox(svg) {
  const vb = svg.viewBox.baseVal;
  return { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
}

function setViewBox(svg, box) {
  svg.setAttribute("viewBox", `${box.x} ${box.y} ${box.w} ${box.h}`);
}

// What a node shows: its text lines joined. The accessible name starts with it,
// so speech input ("click <what you see>") and screen readers agree (WCAG 2.5.3).
function nodeVisibleText(g) {
  return Array.from(g.querySelectorAll("text"), (t) => t.textContent.trim()).filter(Boolean).join(" ");
}

function nodeName(g) {
  const shown = nodeVisibleText(g);
  const full = nodeTitle(g);
  return shown && !full.includes(shown) ? `${shown}: ${full}` : full;
}

// The map's own title (Graphviz puts the graph label in the first anchor's tooltip).
function mapName(svg) {
  const a = svg.querySelector("g.graph > g > a");
  const t = a && (a.getAttribute("xlink:title") || a.getAttribute("title"));
  return t ? `Argument map: ${t}` : "Argument map";
}

function nodeTitle(g) {
  const a = g.querySelector("a");
  const t = a && (a.getAttribute("xlink:title") || a.getAttribute("title"));
  return t || g.id.slice(NODE_PREFIX.length);
}

// Screen pixels per SVG unit below which the whole map is unreadable; the
// first view then zooms to a readable scale around the focus instead.
const MIN_READABLE_SCALE = 0.45;
const READABLE_SCALE = 1.0;

function toSvgPoint(svg, clientX, clientY) {
  const r = svg.getBoundingClientRect();
  const box = parseViewBox(svg);
  const s = Math.min(r.width / box.w, r.height / box.h);
  const ox = (r.width - box.w * s) / 2;
  const oy = (r.height - box.h * s) / 2;
  return { x: box.x + (clientX - r.left - ox) / s, y: box.y + (clientY - r.top - oy) / s, s };
}

function nodeCentre(svg, el) {
  const n = el.getBoundingClientRect();
  return toSvgPoint(svg, n.left + n.width / 2, n.top + n.height / 2);
}

function nodeElement(root, id) {
  if (!id) return null;
  return root.querySelector(`g.node[id="${CSS.escape(NODE_PREFIX + id)}"]`);
}

function centreOn(svg, el, scale) {
  const r = svg.getBoundingClientRect();
  if (!r.width || !r.height) return;
  const c = nodeCentre(svg, el);
  const box = parseViewBox(svg);
  const w = scale ? r.width / scale : box.w;
  const h = scale ? r.height / scale : box.h;
  setViewBox(svg, { x: c.x - w / 2, y: c.y - h / 2, w, h });
}

function isVisible(svg, el) {
  const r = svg.getBoundingClientRect();
  const n = el.getBoundingClientRect();
  return n.left >= r.left && n.right <= r.right && n.top >= r.top && n.bottom <= r.bottom;
}

function fitNodes(svg, els) {
  const rects = els.map((el) => el.getBoundingClientRect());
  const a = toSvgPoint(svg, Math.min(...rects.map((q) => q.left)), Math.min(...rects.map((q) => q.top)));
  const b = toSvgPoint(svg, Math.max(...rects.map((q) => q.right)), Math.max(...rects.map((q) => q.bottom)));
  const r = svg.getBoundingClientRect();
  const pad = 40;
  let w = b.x - a.x + 2 * pad;
  let h = b.y - a.y + 2 * pad;
  // Never zoom in past the readable scale: a single node should not fill the stage.
  w = Math.max(w, r.width / (READABLE_SCALE * 1.2));
  h = Math.max(h, r.height / (READABLE_SCALE * 1.2));
  const cx = (a.x + b.x) / 2;
  const cy = (a.y + b.y) / 2;
  setViewBox(svg, { x: cx - w / 2, y: cy - h / 2, w, h });
}

function initialView(root, svg, focus, group) {
  const r = svg.getBoundingClientRect();
  const fit = root.__argmapFit;
  if (!r.width || !r.height) return;
  const members = (group || []).map((id) => nodeElement(root, id)).filter(Boolean);
  if (members.length > 0) {
    fitNodes(svg, members);
    return;
  }
  const fitScale = Math.min(r.width / fit.w, r.height / fit.h);
  if (root.__argmapZoom === "fit" || fitScale >= MIN_READABLE_SCALE) return;
  const el = nodeElement(root, focus) || svg.querySelector("g.node[data-node-id]");
  if (el) centreOn(svg, el, READABLE_SCALE * (root.classList.contains("argmap-projector") ? 1.3 : 1));
}

function highlight(root, selected) {
  root.querySelectorAll(".argmap-selected").forEach((el) => {
    el.classList.remove("argmap-selected");
    el.setAttribute("aria-pressed", "false");
  });
  if (!selected) return;
  const el = nodeElement(root, selected);
  if (el) {
    el.classList.add("argmap-selected");
    el.setAttribute("aria-pressed", "true");
  }
}

function build(root, data) {
  root.innerHTML = "";
  const toolbar = document.createElement("div");
  toolbar.className = "argmap-toolbar";
  toolbar.innerHTML =
    '<button type="button" data-act="in" title="Zoom in (+)" aria-label="Zoom in">+</button>' +
    '<button type="button" data-act="out" title="Zoom out (-)" aria-label="Zoom out">&minus;</button>' +
    '<button type="button" data-act="fit" title="Fit the whole map (0)" aria-label="Fit map">Fit</button>' +
    '<span class="argmap-hint">drag to pan · wheel to zoom · click or Enter on a node to select</span>';
  const stage = document.createElement("div");
  stage.className = "argmap-stage";
  stage.tabIndex = 0;
  stage.setAttribute("aria-label", "Argument map; Tab moves between nodes");
  stage.innerHTML = data.svg;
  root.appendChild(toolbar);
  root.appendChild(stage);
  const svg = stage.querySelector("svg");
  if (!svg) return;
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  // A group, not an image: an img's children are presentational, which would hide
  // the focusable node buttons inside it (axe nested-interactive, svg-img-alt).
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", mapName(svg));
  stage.style.height = `${data.height || 640}px`;
  root.__argmapFit = parseViewBox(svg);
  root.__argmapZoom = data.zoom || "readable";
  svg.querySelectorAll("g.node").forEach((g) => {
    if (!g.id || !g.id.startsWith(NODE_PREFIX)) return;
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", nodeName(g));
    g.dataset.nodeId = g.id.slice(NODE_PREFIX.length);
    // Tooltip anchors without href would swallow focus styling; keep them inert.
    g.querySelectorAll("a").forEach((a) => a.setAttribute("tabindex", "-1"));
  });
  root.dataset.hash = data.hash;
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

  root.querySelector(".argmap-toolbar").addEventListener("click", (e) => {
    const act = e.target.closest("button") && e.target.closest("button").dataset.act;
    if (act === "in") zoom(0.8);
    else if (act === "out") zoom(1.25);
    else if (act === "fit") setViewBox(svg, fit);
  }, { signal });

  stage.addEventListener("wheel", (e) => {
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
    setTriggerValue("clicked", g.dataset.nodeId);
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
    const keys = { "+": () => zoom(0.8), "=": () => zoom(0.8), "-": () => zoom(1.25),
      "0": () => setViewBox(svg, fit), ArrowLeft: () => pan(-0.1, 0), ArrowRight: () => pan(0.1, 0),
      ArrowUp: () => pan(0, -0.1), ArrowDown: () => pan(0, 0.1) };
    if (keys[e.key] && !(g && e.key.startsWith("Arrow"))) {
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
  if (fresh) build(root, data);
  root.classList.toggle("argmap-projector", !!data.projector);
  const changed = fresh || root.__argmapSelected !== data.selected;
  root.__argmapSelected = data.selected;
  highlight(root, data.selected);
  const svg = root.querySelector(".argmap-stage svg");
  if (svg && changed) {
    requestAnimationFrame(() => {
      if (fresh) initialView(root, svg, data.selected || data.focus, data.group);
      const el = nodeElement(root, data.selected);
      if (!fresh && el && !isVisible(svg, el)) centreOn(svg, el, null);
    });
  }
  const controller = new AbortController();
  wire(root, setTriggerValue, controller.signal);
  return () => controller.abort();
}
