// Drawing: elements from text (never innerHTML, so content can never become markup), the lists of sources,
// and what every view shares: the condition list, the chosen condition, and `view`, which draws a view and
// redraws it when the traits it shows change.

const FOCUSABLE = new Set(["input", "button", "select", "a", "textarea"]);

/** An element with attributes (class, aria-*, data-*, ...) and children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  // JupyterLab skips its notebook shortcuts (r, m, d d, arrows...) for a key pressed in an element with
  // this attribute or inside one: Lumino stops looking at it, but tests the focused element itself first.
  if (FOCUSABLE.has(tag)) node.setAttribute("data-lm-suppress-shortcuts", "true");
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

export function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((x) => x !== null && x !== undefined && x !== false));
}

/** A link to a source; anything but an https address is shown as text, never linked. */
export function source(ref) {
  const text = `${ref.publisher}: ${ref.title}`;
  if (!String(ref.url).startsWith("https://")) return h("li", {}, text);
  return h("li", {}, h("a", { href: ref.url, target: "_blank", rel: "noopener noreferrer" }, text));
}

export function sources(refs) {
  if (!refs.length) return null;
  return h("div", { class: "redspots-refs" }, h("strong", {}, "Sources"), h("ol", {}, refs.map(source)));
}

export function guide(...children) {
  return h("div", { class: "redspots-guide" }, ...children);
}


/** A short random id, so the ids of two views on one page never clash. */
export function uid() {
  return Math.random().toString(36).slice(2);
}

/** A list of the conditions that starts on "Choose a condition…" (the explorer opens with none chosen). */
export function conditionSelect(c, onChange) {
  const select = h("select", { class: "redspots-select" }, h("option", { value: "" }, "Choose a condition…"),
    c.conditions.map((cond) => h("option", { value: cond.id }, cond.name)));
  select.addEventListener("change", () => onChange(select.value || null));
  return select;
}

/** The chosen condition id, or null while none (or one this content does not know) is chosen. */
export function chosen(c, table, model) {
  const id = model.get("value");
  return id && Object.hasOwn(table, id) ? id : null;
}

/** Draw with `show` now and again whenever one of `keys` (widget traits) changes, or call `handlers[key]`
 * instead for a key that has one; returns what anywidget calls when the view goes away. */
export function view(model, keys, show, handlers = {}) {
  const listeners = keys.map((key) => [`change:${key}`, handlers[key] || show]);
  for (const [event, fn] of listeners) model.on(event, fn);
  show();
  return () => {
    for (const [event, fn] of listeners) model.off(event, fn);
  };
}
