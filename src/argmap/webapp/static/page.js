// Page-wide behaviour the map needs around it (a Streamlit v2 component with
// no visible output): a new page starts at the top, and in the Walkthrough
// the Left/Right arrow keys press Previous/Next.

function scrollTop() {
  window.scrollTo(0, 0);
  document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], section.main')
    .forEach((el) => el.scrollTo(0, 0));
}

function typing(target) {
  if (!target || !target.closest) return true;
  if (target.isContentEditable) return true;
  if (target.closest("input, textarea, select, [role=combobox], [role=slider], [role=listbox], [role=radiogroup], [role=tablist]")) return true;
  // Inside the map the arrows move between nodes.
  return !!target.closest(".argmap-stage");
}

function stepKeys(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const which = { ArrowLeft: "walk-prev", ArrowRight: "walk-next" }[event.key];
  if (!which) return;
  const path = event.composedPath ? event.composedPath() : [event.target];
  if (path.some((el) => el instanceof Element && typing(el))) return;
  const button = document.querySelector(`.st-key-${which} button`);
  if (button && !button.disabled) {
    event.preventDefault();
    button.click();
  }
}

// The claim panel's scrolling boxes (st.container with a height) can be read by
// keyboard: a scrollable region with nothing focusable inside cannot be scrolled
// without a mouse (WCAG 2.1.1; axe "scrollable-region-focusable"). Boxes are made
// as the page renders, so new ones are caught as they appear.
const BOXES = ".st-key-map-panel-box, .st-key-walk-panel-box";

function focusableBoxes() {
  document.querySelectorAll(BOXES).forEach((box) => {
    if (box.hasAttribute("tabindex")) return;
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Selected claim");
  });
}

if (!window.__argmapBoxes) {
  window.__argmapBoxes = new MutationObserver(focusableBoxes);
  window.__argmapBoxes.observe(document.body, { childList: true, subtree: true });
}

export default function (component) {
  const { data } = component;
  if (!data) return undefined;
  const page = data.page || "";
  if (window.__argmapPage !== undefined && window.__argmapPage !== page) {
    requestAnimationFrame(scrollTop);
  }
  window.__argmapPage = page;
  focusableBoxes();
  if (window.__argmapStepKeys) {
    document.removeEventListener("keydown", window.__argmapStepKeys);
    window.__argmapStepKeys = null;
  }
  if (data.walk) {
    window.__argmapStepKeys = stepKeys;
    document.addEventListener("keydown", stepKeys);
  }
  return undefined;
}
