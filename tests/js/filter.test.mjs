// The symptom filter view: what it says with nothing ticked, the warning banner and the strip, the ranking
// after ticking, the next question and its answers, and "Clear all".
import assert from "node:assert/strict";
import { test } from "node:test";
import { button, conditionName, draw, fixture, text, tick } from "./harness.mjs";

const rule = (id) => fixture.content.red_flags.rules.find((r) => r.id === id);
const NO_WARNING = "No warning for what is ticked so far. That does not mean the spots are harmless.";
const box = (el, id) => el.querySelector(`input[type=checkbox][value=${id}]`);

test("with nothing ticked: no warning, nothing ranked, no question answered, nothing to clear", () => {
  const { el } = draw("filter");
  assert.equal(text(el.querySelector(".redspots-strip")), NO_WARNING);
  assert.equal(el.querySelector(".redspots-flags"), null);
  assert.equal(text(el.querySelector(".redspots-status")), "0 findings selected. This ranks teaching examples; it is not a diagnosis.");
  assert.match(text(el.querySelector(".redspots-results-list")), /^Nothing ticked yet\. Tick what you see/);
  assert.equal(button(el, "Clear all").style.visibility, "hidden");
});

test("ticking a fever and spots that don't fade: the emergency banner first, then the ranking", () => {
  const { el, model } = draw("filter");
  tick(box(el, "fever"));
  tick(box(el, "non_blanching"));
  assert.deepEqual(model.get("value"), ["non_blanching", "fever"]);          // the findings' order
  const banner = el.querySelector(".redspots-flags");
  assert.equal(banner.getAttribute("role"), "alert");
  assert.equal(text(banner.querySelector(".redspots-flags-head")), "⚠ EMERGENCY: act on this first");
  const first = rule("non_blanching_with_fever");
  assert.equal(text(banner.querySelector("li strong")), `⚠ EMERGENCY (act now): ${first.title}`);
  assert.ok(text(banner.querySelector("li")).includes(first.action.replace(/\s+/g, " ").trim()));
  assert.equal(text(el.querySelector(".redspots-strip")), `⚠ EMERGENCY (act now): ${first.title}`);
  assert.ok(el.querySelector(".redspots-strip").classList.contains("redspots-emergency"));
  assert.equal(text(el.querySelector(".redspots-status")), "2 findings selected. This ranks teaching examples; it is not a diagnosis.");
  const ranked = [...el.querySelectorAll(".redspots-ranking ol > li")];
  assert.equal(text(ranked[0].querySelector("strong")), conditionName("meningococcal_disease"));
  assert.match(text(ranked[0]), /●●● strong match \(4 of 4 points\)/);
  assert.match(text(ranked[0]), /⚠ Can cause the warning above: act on the warning first\./);
  assert.match(text(ranked[0]), /Why: typical: /);
  assert.equal(button(el, "Clear all").style.visibility, "visible");
});

test("the suggested question: answering no remembers it, and yes ticks the next one", () => {
  const label = (id) => fixture.states.filter._content.findings.find((f) => f.id === id).label;
  const { el, model } = draw("filter", { changes: { value: ["non_blanching", "fever"] } });
  const question = () => el.querySelector(".redspots-question");
  // with a fever and spots that don't fade, whether the spots are raised splits the conditions most
  assert.ok(text(question()).startsWith(`Ask about this next: ${label("raised_bumps")}`), text(question()));
  assert.deepEqual([...question().querySelectorAll("button")].map(text), ["Yes", "No"]);
  const late = button(question(), "Yes");
  button(question(), "No").click();
  assert.deepEqual(model.get("ruled_out"), ["raised_bumps"]);
  late.click();                            // a late click on the question already answered answers nothing
  assert.deepEqual(model.get("value"), ["non_blanching", "fever"]);
  assert.deepEqual(model.get("ruled_out"), ["raised_bumps"]);
  assert.match(text(question()), new RegExp(`Answered no: ${label("raised_bumps").replace(/[()?]/g, "\\$&")}`));
  const next = text(question()).slice("Ask about this next: ".length);
  assert.ok(!next.startsWith(label("raised_bumps")), next);
  const asked = fixture.states.filter._content.findings.find((f) => next.startsWith(f.label));
  [...question().querySelectorAll("button")][0].click();
  assert.ok(model.get("value").includes(asked.id), asked.id);
});

test("Clear all unticks everything and forgets the answers", () => {
  const { el, model } = draw("filter", { changes: { value: ["fever"], ruled_out: ["non_blanching"] } });
  button(el, "Clear all").click();
  assert.deepEqual(model.get("value"), []);
  assert.deepEqual(model.get("ruled_out"), []);
  assert.equal(box(el, "fever").checked, false);
  assert.equal(text(el.querySelector(".redspots-strip")), NO_WARNING);
});

test("a condition's page opens from the ranking with its name and sections", () => {
  const { el } = draw("filter", { changes: { value: ["rough_texture"] } });
  const read = button(el, `▸ Read about ${conditionName("keratosis_pilaris")}`);
  assert.equal(read.getAttribute("aria-expanded"), "false");
  read.click();
  assert.equal(read.getAttribute("aria-expanded"), "true");
  const panel = el.querySelector(`#${read.getAttribute("aria-controls")}`);
  assert.equal(panel.hidden, false);
  assert.equal(text(panel.querySelector("h3")), conditionName("keratosis_pilaris"));
});

test("the view stops listening when it goes away", () => {
  const { model, stop } = draw("filter");
  assert.ok(model.listening() > 0);
  stop();
  assert.equal(model.listening(), 0);
});
