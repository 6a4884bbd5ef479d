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

export default function (component) {
  const { data } = component;
  if (!data) return undefined;
  const page = data.page || "";
  if (window.__argmapPage !== undefined && window.__argmapPage !== page) {
    requestAnimationFrame(scrollTop);
  }
  window.__argmapPage = page;
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
