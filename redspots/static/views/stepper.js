// The treatment stepper: a condition's treatment, one step at a time.

import { chosen, conditionSelect, fill, guide, h, sources, view } from "../dom.js";

export function stepper(model, el) {
  const c = model.get("_content");
  const select = conditionSelect(c, (id) => {
    model.set("value", id);
    model.set("step", 1);
    model.save_changes();
  });
  const where = h("p", { class: "redspots-where", "aria-live": "polite" });
  const previous = h("button", { type: "button", class: "redspots-button" }, "← Previous step");
  const next = h("button", { type: "button", class: "redspots-button" }, "Next step →");
  const steps = h("div", { class: "redspots-steps" });
  const refs = h("div");
  const move = (delta) => {
    const id = chosen(c, c.plans, model);
    if (!id) return;                                     // nothing chosen yet: the counter says so
    const plan = c.plans[id];
    const step = model.get("step") + delta;
    if (step < 1 || step > plan.steps.length) return;   // aria-disabled: the button keeps its focus
    model.set("step", step);
    model.save_changes();
  };
  previous.addEventListener("click", () => move(-1));
  next.addEventListener("click", () => move(+1));
  fill(el, h("label", { class: "redspots-field" }, "Condition ", select),
    h("div", { class: "redspots-nav" }, previous, next, where), steps, refs);

  function show() {
    const id = chosen(c, c.plans, model);
    select.value = id || "";
    if (!id) {
      where.textContent = c.text.stepper_no_steps;
      for (const button of [previous, next]) {
        button.setAttribute("aria-disabled", "true");
        button.title = "Choose a condition first";
      }
      fill(steps, guide(c.text.stepper_prompt));
      fill(refs);
      return;
    }
    const plan = c.plans[id];
    const total = plan.steps.length;
    const step = Math.min(Math.max(model.get("step"), 1), total);
    select.value = id;
    // the reason a button does nothing is next to it: the first or the last step
    where.textContent = `Step ${step} of ${total}${step === total ? " (the last)" : step === 1 ? " (the first)" : ""}`;
    previous.setAttribute("aria-disabled", String(step <= 1));
    previous.title = step <= 1 ? "This is the first step" : "Show the step before";
    next.setAttribute("aria-disabled", String(step >= total));
    next.title = step >= total ? "This is the last step" : "Show the next step";
    // every step is drawn, the others hidden, so a printed page shows them all
    fill(steps, plan.steps.map((s, k) => h("div", { class: `redspots-step${k + 1 === step ? " redspots-current" : ""}`,
      role: "group", "aria-label": `Step ${k + 1} of ${total}` },
      h("div", { class: "redspots-step-where" }, `${plan.name}: `, h("strong", {}, `step ${k + 1} of ${total}`)),
      h("h4", {}, s.name),
      h("dl", {}, s.rows.map(([key, value]) => [h("dt", {}, key), h("dd", {}, value)])))));
    fill(refs, sources(plan.refs));
  }

  return view(model, ["value", "step"], show);
}
