// The body map view: the prompt before a condition is chosen, the picture, and the darker-skin note, which
// follows the chosen condition and goes when none is chosen.
import assert from "node:assert/strict";
import { test } from "node:test";
import { choose, conditionName, draw, fixture, text, tick } from "./harness.mjs";

const darker = (id) => fixture.content.conditions[id].darker_skin.text.replace(/\s+/g, " ").trim();

test("with no condition chosen it asks for one, on the chosen skin tone, with no note", () => {
  const { el } = draw("bodymap");
  assert.equal(text(el.querySelector(".redspots-figure")), "Choose a condition to see where it usually appears, shown on light skin.");
  assert.equal(text(el.querySelector(".redspots-note")), "");
  tick(el.querySelector("input[type=radio][value=dark]"));
  assert.equal(text(el.querySelector(".redspots-figure")), "Choose a condition to see where it usually appears, shown on dark skin.");
});

test("the darker-skin note changes with the condition and clears when none is chosen", () => {
  const { el, model } = draw("bodymap");
  const select = el.querySelector("select");
  choose(select, "petechiae");
  assert.equal(model.get("value"), "petechiae");
  assert.equal(text(el.querySelector(".redspots-note")), `On darker skin: ${darker("petechiae")}`);
  const img = el.querySelector(".redspots-figure img");
  assert.ok(img.getAttribute("src").startsWith("data:image/svg+xml"));
  assert.ok(img.getAttribute("alt").length > 0);
  choose(select, "keratosis_pilaris");
  assert.equal(text(el.querySelector(".redspots-note")), `On darker skin: ${darker("keratosis_pilaris")}`);
  assert.notEqual(darker("keratosis_pilaris"), darker("petechiae"));
  choose(select, "");
  assert.equal(model.get("value"), null);
  assert.equal(text(el.querySelector(".redspots-note")), "");
  assert.equal(el.querySelector(".redspots-figure img"), null);
});

test("another skin tone draws another picture of the same condition", () => {
  const { el, model } = draw("bodymap", { changes: { value: "petechiae" } });
  assert.equal(el.querySelector("select").value, "petechiae");
  assert.equal(text(el.querySelector("select option:checked")), conditionName("petechiae"));
  const light = el.querySelector(".redspots-figure img").getAttribute("src");
  tick(el.querySelector("input[type=radio][value=dark]"));
  assert.equal(model.get("skin"), "dark");
  assert.notEqual(el.querySelector(".redspots-figure img").getAttribute("src"), light);
  assert.equal(el.querySelector("input[type=radio][value=dark]").checked, true);
  assert.equal(el.querySelector("input[type=radio][value=light]").checked, false);
});
