// The comparison: two to five conditions side by side, feature by feature.

import { compareRows } from "../queries.js";
import { fill, guide, h, sources, uid, view } from "../dom.js";
import { readAbout } from "../page.js";

export function comparison(model, el) {
  const c = model.get("_content");
  const max = c.max_compared;
  const toggles = new Map();
  const hint = h("p", { class: "redspots-hint", id: `rs-compare-hint-${uid()}` });
  const chooser = h("div", { class: "redspots-chooser", role: "group", "aria-label": `Conditions to compare (2 to ${max})` },
    h("span", { class: "redspots-chooser-label" }, `Conditions (choose 2 to ${max}):`),
    c.conditions.map((cond) => {
      const toggle = h("button", { type: "button", class: "redspots-toggle", "aria-pressed": "false",
        "aria-describedby": hint.id, title: `Compare ${cond.name}` });
      toggles.set(cond.id, toggle);
      toggle.addEventListener("click", () => {
        if (toggle.getAttribute("aria-disabled") === "true") return;
        const value = model.get("value") || [];
        model.set("value", value.includes(cond.id) ? value.filter((x) => x !== cond.id) : [...value, cond.id]);
        model.save_changes();
      });
      return toggle;
    }));
  const only = h("input", { type: "checkbox" });
  const onlyWhy = h("span", { class: "redspots-why" });
  only.addEventListener("change", () => {
    model.set("distinguishing_only", only.checked);
    model.save_changes();
  });
  const message = h("div", { class: "redspots-message" });
  const table = h("div", { class: "redspots-table-area" });
  const reading = h("div", { class: "redspots-reading" });   // the pages opened from the column headers
  const refs = h("div");
  const read = { opened: new Set(), uid: uid() };
  fill(el, chooser, hint,
    h("label", { class: "redspots-only", title: "Hide the features that are the same for every chosen condition" },
      only, " Show only the rows that tell them apart", onlyWhy),
    message, table, reading, refs);

  function show() {
    const value = model.get("value") || [];
    const full = value.length >= max;
    for (const cond of c.conditions) {
      const toggle = toggles.get(cond.id);
      const on = value.includes(cond.id);
      toggle.setAttribute("aria-pressed", String(on));
      toggle.textContent = `${on ? "✓ " : ""}${cond.name}`;
      toggle.setAttribute("aria-disabled", String(full && !on));
    }
    hint.textContent = full ? `You are comparing ${max}, the most at once: untick one to choose another.`
      : `Chosen: ${value.length}. Press a button to add or remove a condition.`;
    only.checked = !!model.get("distinguishing_only");
    only.disabled = value.length < 2;                   // nothing to hide until two are side by side
    onlyWhy.textContent = value.length < 2 ? " (choose two conditions first)" : "";
    if (value.length < 2) {
      const chosen = value.length ? ` (${c.conditions.find((x) => x.id === value[0]).name} is chosen.)` : "";
      fill(message, guide(`Choose at least two conditions with the buttons above to see them side by side.${chosen}`));
      fill(table);
      fill(reading);
      fill(refs);
      return;
    }
    const rows = compareRows(c, value, only.checked);
    const names = value.map((id) => c.conditions.find((x) => x.id === id).name);
    for (const id of read.opened) if (!value.includes(id)) read.opened.delete(id);
    const pages = value.map((id) => readAbout(c.reader, id, read.opened, read.uid));
    fill(message, rows.length ? h("small", {}, `Showing ${only.checked ? "only the rows that differ" : "every feature; ≠ marks a difference"}.`)
      : guide("These conditions do not differ in any listed feature."));
    const body = [];
    let section = null;
    for (const row of rows) {
      if (row.section !== section) {
        section = row.section;
        body.push(h("tr", {}, h("th", { colspan: value.length + 1, scope: "colgroup", class: "redspots-section" },
          c.sections[section] || section)));
      }
      const differs = new Set(row.values).size > 1;
      body.push(h("tr", { class: differs ? "redspots-differs" : null },
        h("th", { scope: "row" }, differs ? h("span", { title: "differs" }, "≠ ") : null, row.feature),
        row.values.map((v) => h("td", {}, v))));
    }
    fill(table, rows.length ? h("div", { class: "redspots-scroll" }, h("table", { class: "redspots-compare" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Feature"),
        names.map((n, k) => h("th", { scope: "col", "aria-label": n }, n, h("br"), pages[k][0])))),
      h("tbody", {}, body))) : null);
    fill(reading, rows.length ? pages.map(([, panel]) => panel) : null);
    fill(refs, sources([...new Map(value.flatMap((id) => c.refs[id]).map((r) => [r.url + r.title, r])).values()]));
  }

  return view(model, ["value", "distinguishing_only"], show);
}

