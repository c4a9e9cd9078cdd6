// The condition reader: choose a condition and read its page.

import { conditionPage } from "../reading.js";
import { fill, guide, h, view } from "../dom.js";
import { pageView } from "../page.js";

export function conditionReader(model, el) {
  const r = model.get("_content");
  const select = h("select", { class: "redspots-select" }, h("option", { value: "" }, "Choose a condition…"),
    r.conditions.map((x) => h("option", { value: x.id }, x.name)));
  select.addEventListener("change", () => {
    model.set("value", select.value || null);
    model.save_changes();
  });
  const shown = h("div", { class: "redspots-reading" });
  fill(el, h("label", { class: "redspots-field" }, "Condition ", select), shown);

  function show() {
    const id = model.get("value");
    const known = Boolean(id) && Object.hasOwn(r.pages, id);
    select.value = known ? id : "";
    fill(shown, known ? pageView(r, conditionPage(r, id)) : guide(r.text.reader_prompt));
  }

  return view(model, ["value"], show);
}
