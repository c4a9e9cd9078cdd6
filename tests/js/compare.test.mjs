// The comparison view: what it says with none, one and two conditions chosen, the most at once, and names
// shown as text, never as markup.
import assert from "node:assert/strict";
import { test } from "node:test";
import { button, conditionName, draw, text, tick } from "./harness.mjs";

const PROMPT = "Choose at least two conditions with the buttons above to see them side by side.";

test("with nothing chosen it asks for two, and there is nothing to hide yet", () => {
  const { el } = draw("compare");
  assert.equal(text(el.querySelector(".redspots-message")), PROMPT);
  assert.equal(text(el.querySelector(".redspots-hint")), "Chosen: 0. Press a button to add or remove a condition.");
  const only = el.querySelector(".redspots-only input");
  assert.equal(only.disabled, true);
  assert.equal(text(el.querySelector(".redspots-only .redspots-why")), "(choose two conditions first)");
  assert.equal(el.querySelector("table"), null);
});

test("with one condition chosen it names it and still asks for a second", () => {
  const { el, model } = draw("compare");
  button(el, conditionName("petechiae")).click();
  assert.deepEqual(model.get("value"), ["petechiae"]);
  assert.equal(text(el.querySelector(".redspots-message")), `${PROMPT} (${conditionName("petechiae")} is chosen.)`);
  assert.equal(button(el, `✓ ${conditionName("petechiae")}`).getAttribute("aria-pressed"), "true");
  assert.equal(text(el.querySelector(".redspots-hint")), "Chosen: 1. Press a button to add or remove a condition.");
});

test("a condition name with HTML in it is shown as text, not markup", () => {
  const name = "<img src=x onerror=alert(1)> Petechiae <b>bold</b>";
  const { el, model } = draw("compare", {
    content: (c) => {
      c.conditions.find((x) => x.id === "petechiae").name = name;
    },
  });
  model.set("value", ["petechiae"]);
  assert.equal(text(el.querySelector(".redspots-message")), `${PROMPT} (${name} is chosen.)`);
  assert.equal(el.querySelector("img"), null);
  assert.equal(el.querySelector("b"), null);
});

test("two conditions are side by side, and the rows can be cut to those that differ", () => {
  const { el, model } = draw("compare");
  button(el, conditionName("petechiae")).click();
  button(el, conditionName("cherry_angioma")).click();
  const heads = [...el.querySelectorAll("thead th")].map((th) => th.getAttribute("aria-label") || text(th));
  assert.deepEqual(heads, ["Feature", conditionName("petechiae"), conditionName("cherry_angioma")]);
  assert.equal(text(el.querySelector(".redspots-message")), "Showing every feature; ≠ marks a difference.");
  const all = el.querySelectorAll("tbody tr:not(:has(.redspots-section))").length;
  tick(el.querySelector(".redspots-only input"));
  assert.equal(model.get("distinguishing_only"), true);
  assert.equal(text(el.querySelector(".redspots-message")), "Showing only the rows that differ.");
  const rows = [...el.querySelectorAll("tbody tr:not(:has(.redspots-section))")];
  assert.ok(rows.length > 0 && rows.length < all, `${rows.length} of ${all}`);
  assert.ok(rows.every((tr) => tr.classList.contains("redspots-differs")));
  assert.ok(el.querySelectorAll(".redspots-refs li").length > 0);
});

test("five is the most at once: the others are disabled and the hint says why", () => {
  const ids = ["petechiae", "cherry_angioma", "keratosis_pilaris", "scarlet_fever", "senile_purpura"];
  const { el, model } = draw("compare", { changes: { value: ids } });
  assert.equal(text(el.querySelector(".redspots-hint")), "You are comparing 5, the most at once: untick one to choose another.");
  const other = button(el, conditionName("iga_vasculitis"));
  assert.equal(other.getAttribute("aria-disabled"), "true");
  other.click();
  assert.deepEqual(model.get("value"), ids);
  button(el, `✓ ${conditionName("senile_purpura")}`).click();
  assert.deepEqual(model.get("value"), ids.slice(0, 4));
  assert.equal(other.getAttribute("aria-disabled"), "false");
});
