// The quiz: a short story, the most likely condition and what to do now, checked and scored.

import { redFlags } from "../queries.js";
import { gradeCase } from "../quiz.js";
import { fill, h, sources, uid, view } from "../dom.js";
import { banner } from "../warnings.js";
import { fillIn } from "../words.js";

/** Before the answer: the warnings that ask for the glass test, as the symptom filter shows them, or null. */
function glassFirst(c, q) {
  const asking = redFlags(c, q.selection).filter((f) => c.rules.find((r) => r.id === f.id).unanswered.length);
  return asking.length ? banner(c, asking) : null;
}

export function quiz(model, el) {
  const c = model.get("_content");
  const viewId = uid();
  const total = c.cases.length;
  const pending = new Map();            // choices made but not checked yet, per case (not widget state)
  const score = h("p", { class: "redspots-score", role: "status", "aria-live": "polite" });
  const where = h("span", { class: "redspots-where" });
  const previous = h("button", { type: "button", class: "redspots-button" }, "← Previous case");
  const next = h("button", { type: "button", class: "redspots-button" }, "Next case →");
  const again = h("button", { type: "button", class: "redspots-button" }, "Start again");
  const againWhy = h("span", { class: "redspots-why" });
  const mine = h("p", { class: "redspots-mine" });
  const card = h("div", { role: "region", class: "redspots-case", "aria-labelledby": `rs-case-${viewId}` });
  const select = h("select", { class: "redspots-select", id: `rs-quiz-condition-${viewId}` },
    h("option", { value: "" }, "Choose a condition…"), c.conditions.map((x) => h("option", { value: x.id }, x.name)));
  const radios = c.actions.map((a) => {
    const radio = h("input", { type: "radio", name: `rs-quiz-action-${viewId}`, value: a.id });
    return [a.id, radio, h("label", { class: "redspots-radio" }, radio, ` ${a.label}`)];
  });
  const check = h("button", { type: "button", class: "redspots-button redspots-check" }, "Check answer");
  const checkWhy = h("span", { class: "redspots-why", id: `rs-quiz-why-${viewId}` });
  check.setAttribute("aria-describedby", checkWhy.id);
  const feedback = h("div", { class: "redspots-feedback", tabindex: "-1", "aria-live": "polite" });
  fill(el,
    h("div", { class: "redspots-nav" }, previous, next, where, again, againWhy), score,
    h("p", { class: "redspots-note" }, c.text.quiz_not_a_diagnosis),
    card,
    h("div", { class: "redspots-answer" },
      h("label", { class: "redspots-field", for: select.id }, "Most likely condition "), select,
      h("fieldset", { class: "redspots-actions" }, h("legend", {}, "What to do now"), radios.map((r) => r[2])),
      mine, h("div", { class: "redspots-nav" }, check, checkWhy)),
    feedback);

  const current = () => {
    const id = model.get("case");
    return c.cases.some((x) => x.id === id) ? id : c.cases[0].id;
  };
  const choice = () => pending.get(current()) || (model.get("value") || {})[current()] || {};

  function setCase(delta) {
    const k = c.cases.findIndex((x) => x.id === current()) + delta;
    if (k < 0 || k >= total) return;                     // aria-disabled: the button keeps its focus
    model.set("case", c.cases[k].id);
    model.save_changes();
  }

  function choose(part, id) {
    pending.set(current(), { ...choice(), [part]: id });
    show();
  }

  function show() {
    const id = current();
    const k = c.cases.findIndex((x) => x.id === id);
    const q = c.cases[k];
    const answers = model.get("value") || {};
    const answered = Object.keys(answers).filter((x) => c.cases.some((y) => y.id === x));
    const right = answered.filter((x) => gradeCase(c, x, answers[x].condition, answers[x].action).correct).length;
    score.textContent = fillIn(c.text.quiz_score, { right, checked: answered.length, total });
    // the reason a button does nothing is next to it: the first or the last case, nothing answered yet
    where.textContent = `Case ${k + 1} of ${total}${k === total - 1 ? " (the last)" : k === 0 ? " (the first)" : ""}`;
    previous.setAttribute("aria-disabled", String(k === 0));
    previous.title = k === 0 ? "This is the first case" : "Show the case before";
    next.setAttribute("aria-disabled", String(k === total - 1));
    next.title = k === total - 1 ? "This is the last case" : "Show the next case";
    again.setAttribute("aria-disabled", String(!answered.length && !pending.size));
    again.title = answered.length || pending.size ? "Forget every answer and go back to the first case"
      : "Nothing to start again: no answer yet";
    againWhy.textContent = answered.length || pending.size ? "" : " (no answer yet)";
    fill(card, h("h4", { id: `rs-case-${viewId}` }, `Case ${k + 1}: ${q.title}`),
      h("p", {}, h("strong", {}, "Age: "), q.age),
      h("p", {}, q.story),
      h("p", {}, h("strong", {}, `${c.glass_test[q.glass_test]}.`)),
      glassFirst(c, q));
    const picked = choice();
    select.value = picked.condition || "";
    for (const [a, radio] of radios) radio.checked = a === picked.action;
    const ready = Boolean(picked.condition && picked.action);
    const conditionName = (c.conditions.find((x) => x.id === picked.condition) || {}).name;
    const actionLabel = (c.actions.find((a) => a.id === picked.action) || {}).label;
    mine.textContent = `Your answer: ${conditionName || "no condition chosen yet"}; ${actionLabel || "what to do not chosen yet"}.`;
    check.setAttribute("aria-disabled", String(!ready));
    checkWhy.textContent = ready ? "" : ` (choose ${picked.condition ? "" : "a condition"}${!picked.condition && !picked.action ? " and " : ""}${picked.action ? "" : "what to do now"} first)`;
    const answer = answers[id];
    if (!answer) {
      fill(feedback);
      return;
    }
    const g = gradeCase(c, id, answer.condition, answer.action);
    // an emergency says so before anything else, even before the verdict
    const first = g.emergency ? h("p", { class: "redspots-flags redspots-emergency", role: "alert" }, g.messages[0]) : null;
    fill(feedback, h("div", { class: `redspots-result redspots-${g.emergency ? "emergency" : g.correct ? "right" : "wrong"}` },
      first,
      h("h4", {}, g.correct ? "✔ Right on both counts" : g.mistake === "less_urgent" ? "⚠ Not right: too little, too late"
        : "✘ Not quite"),
      g.messages.slice(g.emergency ? 1 : 0).map((m) => h("p", {}, m)),
      sources(g.sources)));
  }

  select.addEventListener("change", () => choose("condition", select.value || undefined));
  for (const [a, radio] of radios) radio.addEventListener("change", () => radio.checked && choose("action", a));
  check.addEventListener("click", () => {
    const picked = choice();
    if (!(picked.condition && picked.action)) return;
    pending.delete(current());
    model.set("value", { ...(model.get("value") || {}), [current()]: { condition: picked.condition, action: picked.action } });
    model.save_changes();
    show();
    feedback.focus();
  });
  previous.addEventListener("click", () => setCase(-1));
  next.addEventListener("click", () => setCase(+1));
  again.addEventListener("click", () => {
    if (again.getAttribute("aria-disabled") === "true") return;
    pending.clear();
    model.set("value", {});
    model.set("case", c.cases[0].id);
    model.save_changes();
    show();
    select.focus();
  });
  // an answer set from Python replaces a choice made here and not checked yet, for that case
  let seen = model.get("value") || {};
  const onValue = () => {
    const now = model.get("value") || {};
    for (const id of new Set([...Object.keys(seen), ...Object.keys(now)])) {
      if (JSON.stringify(seen[id]) !== JSON.stringify(now[id])) pending.delete(id);
    }
    seen = now;
    show();
  };
  return view(model, ["value", "case"], show, { value: onValue });
}
