// Grading a quiz answer, as redspots.quiz.grade does.

import { redFlags } from "./queries.js";
import { fillIn } from "./words.js";

/** The feedback on one answer to one quiz case, as redspots.grade. */
export function gradeCase(c, caseId, condition, action) {
  const q = c.cases.find((x) => x.id === caseId);
  const ids = c.actions.map((a) => a.id);
  const word = Object.fromEntries(c.actions.map((a) => [a.id, a.label]));
  const name = Object.fromEntries(c.conditions.map((x) => [x.id, x.name]));
  const chosen = ids.indexOf(action);
  const needed = ids.indexOf(q.action);
  const mistake = chosen === needed ? "none" : chosen < needed ? "less_urgent" : "more_urgent";
  const emergency = q.action === "emergency";
  const t = c.text;
  const w = c.words;
  const warnings = redFlags(c, q.selection);
  const messages = [];
  if (emergency) messages.push(c.emergency_line);      // from Python: the call, then the safety statement
  const verdict = { none: "quiz_action_right", less_urgent: "quiz_less_urgent", more_urgent: "quiz_more_urgent" };
  messages.push(fillIn(t[verdict[mistake]], { chosen: word[action], right: word[q.action] }));
  for (const f of warnings) {                   // what the symptom filter says for the same findings
    messages.push(fillIn(t.quiz_warning, { icon: w.urgency_icon[f.urgency], urgency: w.urgency[f.urgency],
      within: w.within[f.within], title: f.title, action: f.action }));
  }
  messages.push(fillIn(condition === q.condition ? t.quiz_condition_right : t.quiz_condition_wrong,
    { chosen: name[condition], right: name[q.condition] }));
  messages.push(fillIn(t.quiz_findings, { findings: q.findings.join("; ") }));
  messages.push(q.why);
  return {
    case: caseId, correct: condition === q.condition && action === q.action,
    condition_correct: condition === q.condition, action_correct: action === q.action,
    mistake, emergency, messages, warnings: warnings.map((f) => f.id), findings: q.findings, sources: q.sources,
  };
}

