// The treatment stepper view: disabled buttons and why, with nothing chosen, on the first step and on the
// last; the steps from the condition file, in order.
import assert from "node:assert/strict";
import { test } from "node:test";
import { button, choose, conditionName, draw, fixture, text } from "./harness.mjs";

const steps = (id) => [...fixture.content.conditions[id].treatment].sort((a, b) => a.step - b.step);

test("with nothing chosen both buttons are disabled and say why", () => {
  const { el, model } = draw("stepper");
  assert.equal(text(el.querySelector(".redspots-where")), "Step 1 (choose a condition first)");
  for (const label of ["← Previous step", "Next step →"]) {
    const b = button(el, label);
    assert.equal(b.getAttribute("aria-disabled"), "true");
    assert.equal(b.title, "Choose a condition first");
    b.click();
  }
  assert.equal(model.saved, 0);
  assert.equal(text(el.querySelector(".redspots-steps")),
    "Choose a condition to step through its treatment, from the first step to the last.");
});

test("a condition's steps in order, first to last, each button disabled at its end", () => {
  const id = "keratosis_pilaris";
  const expected = steps(id);
  assert.ok(expected.length >= 2);
  const { el, model } = draw("stepper");
  choose(el.querySelector("select"), id);
  assert.equal(model.get("value"), id);
  const names = [...el.querySelectorAll(".redspots-step h4")].map(text);
  assert.deepEqual(names, expected.map((s) => s.name.replace(/\s+/g, " ").trim()));
  const total = expected.length;
  const previous = button(el, "← Previous step");
  const next = button(el, "Next step →");
  assert.equal(text(el.querySelector(".redspots-where")), `Step 1 of ${total} (the first)`);
  assert.equal(previous.getAttribute("aria-disabled"), "true");
  assert.equal(previous.title, "This is the first step");
  assert.equal(next.getAttribute("aria-disabled"), "false");
  assert.match(text(el.querySelector(".redspots-current .redspots-step-where")), new RegExp(`step 1 of ${total}$`));
  assert.ok(text(el.querySelector(".redspots-current .redspots-step-where")).startsWith(conditionName(id)));
  for (let k = 2; k <= total; k++) next.click();
  assert.equal(model.get("step"), total);
  assert.equal(text(el.querySelector(".redspots-where")), `Step ${total} of ${total} (the last)`);
  assert.equal(next.getAttribute("aria-disabled"), "true");
  assert.equal(next.title, "This is the last step");
  next.click();
  assert.equal(model.get("step"), total);
  assert.equal(text(el.querySelector(".redspots-current h4")), expected.at(-1).name.replace(/\s+/g, " ").trim());
  previous.click();
  assert.equal(model.get("step"), total - 1);
});

test("choosing another condition starts again at step 1", () => {
  const { el, model } = draw("stepper", { changes: { value: "keratosis_pilaris", step: 2 } });
  assert.match(text(el.querySelector(".redspots-where")), /^Step 2 of /);
  choose(el.querySelector("select"), "petechiae");
  assert.equal(model.get("step"), 1);
  assert.equal(text(el.querySelector(".redspots-where")), `Step 1 of ${steps("petechiae").length} (the first)`);
});
