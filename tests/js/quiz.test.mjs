// The quiz view: the verdict for a right, a less urgent and a more urgent answer, the emergency line first,
// the score, and the check button's reason while the answer is incomplete.
import assert from "node:assert/strict";
import { test } from "node:test";
import { button, choose, conditionName, draw, fixture, text, tick } from "./harness.mjs";

const ACTIONS = ["self_care", "pharmacist", "gp", "same_day", "emergency"];   // least urgent first
const cases = fixture.content.quiz;

function answer(el, condition, action) {
  choose(el.querySelector("select"), condition);
  tick(el.querySelector(`input[type=radio][value=${action}]`));
  button(el, "Check answer").click();
  return el.querySelector(".redspots-feedback");
}

function show(model, id) {
  model.set("case", id);
}

test("a right answer is right on both counts, and the score counts it", () => {
  const { el, model } = draw("quiz");
  const q = cases[0];
  show(model, q.id);
  const feedback = answer(el, q.answer.condition, q.answer.action);
  assert.equal(text(feedback.querySelector("h4")), "✔ Right on both counts");
  assert.match(text(feedback), new RegExp(`the most likely condition is ${conditionName(q.answer.condition).replace(/[()]/g, "\\$&")}`));
  assert.deepEqual(model.get("value"), { [q.id]: { condition: q.answer.condition, action: q.answer.action } });
  assert.equal(text(el.querySelector(".redspots-score")), `Score: 1 of 1 right (1 of ${cases.length} cases checked)`);
});

test("a less urgent answer is the dangerous mistake", () => {
  const q = cases.find((x) => ["gp", "same_day", "emergency"].includes(x.answer.action));
  const { el, model } = draw("quiz");
  show(model, q.id);
  const feedback = answer(el, q.answer.condition, "self_care");
  assert.equal(text(feedback.querySelector("h4")), "⚠ Not right: too little, too late");
  assert.match(text(feedback), /⚠ Dangerous mistake: you chose “Self-care at home”, which is less urgent than this case needs/);
  assert.match(text(feedback), /Waiting too long is the dangerous kind of mistake\./);
  assert.equal(text(el.querySelector(".redspots-score")), `Score: 0 of 1 right (1 of ${cases.length} cases checked)`);
});

test("a more urgent answer is not quite right, and the safer way to be wrong", () => {
  const q = cases.find((x) => x.answer.action === "self_care");
  const { el, model } = draw("quiz");
  show(model, q.id);
  const feedback = answer(el, q.answer.condition, "emergency");
  assert.equal(text(feedback.querySelector("h4")), "✘ Not quite");
  assert.match(text(feedback), /More urgent than needed: you chose “Emergency: call 999 \/ 112 \/ 911 now”; this case needs “Self-care at home”\./);
  assert.match(text(feedback), /That is the safer way to be wrong/);
});

test("an emergency case says to call for help before the verdict", () => {
  const q = cases.find((x) => x.answer.action === "emergency");
  const { el, model } = draw("quiz");
  show(model, q.id);
  const feedback = answer(el, q.answer.condition, "gp");
  const first = feedback.querySelector(".redspots-result").firstElementChild;
  assert.equal(first.getAttribute("role"), "alert");
  assert.match(text(first), /999, 112 or 911/);
  assert.equal(text(feedback.querySelector("h4")), "⚠ Not right: too little, too late");
});

test("the check button says what is missing, and checks nothing until both are chosen", () => {
  const { el, model } = draw("quiz");
  const check = button(el, "Check answer");
  const why = el.querySelector(`#${check.getAttribute("aria-describedby")}`);
  assert.equal(check.getAttribute("aria-disabled"), "true");
  assert.equal(text(why), "(choose a condition and what to do now first)");
  choose(el.querySelector("select"), cases[0].answer.condition);
  assert.equal(text(why), "(choose what to do now first)");
  check.click();
  assert.deepEqual(model.get("value"), {});
  assert.equal(text(el.querySelector(".redspots-feedback")), "");
  tick(el.querySelector(`input[type=radio][value=${ACTIONS[0]}]`));
  assert.equal(check.getAttribute("aria-disabled"), "false");
  assert.equal(text(why), "");
  assert.equal(text(el.querySelector(".redspots-mine")),
    `Your answer: ${conditionName(cases[0].answer.condition)}; Self-care at home.`);
});

test("the first case and the last case say why a button does nothing; start again forgets the answers", () => {
  const { el, model } = draw("quiz");
  assert.equal(text(el.querySelector(".redspots-where")), `Case 1 of ${cases.length} (the first)`);
  assert.equal(button(el, "← Previous case").getAttribute("aria-disabled"), "true");
  assert.equal(button(el, "Start again").getAttribute("aria-disabled"), "true");
  assert.equal(text(el.querySelector(".redspots-why")), "(no answer yet)");
  button(el, "Next case →").click();
  assert.equal(model.get("case"), cases[1].id);
  assert.match(text(el.querySelector(".redspots-case h4")), new RegExp(`^Case 2: ${cases[1].title}`));
  model.set("case", cases.at(-1).id);
  assert.equal(text(el.querySelector(".redspots-where")), `Case ${cases.length} of ${cases.length} (the last)`);
  assert.equal(button(el, "Next case →").getAttribute("aria-disabled"), "true");
  answer(el, cases.at(-1).answer.condition, cases.at(-1).answer.action);
  button(el, "Start again").click();
  assert.deepEqual(model.get("value"), {});
  assert.equal(model.get("case"), cases[0].id);
});

test("the view stops listening when it goes away", () => {
  const { model, stop } = draw("quiz");
  assert.ok(model.listening() > 0);
  stop();
  assert.equal(model.listening(), 0);
});
