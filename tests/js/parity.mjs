// Answers many questions with the explorers' queries, for tests/test_parity.py to compare with Python.
//
//   node tests/js/parity.mjs QUESTIONS.json ANSWERS.json
//
// QUESTIONS.json holds the content payloads (filter, comparison, quiz, reader) and the questions: selections
// ([chosen, ruledOut]), comparisons ([chosen, distinguishingOnly]), quiz answers ([case, condition, action])
// and condition ids. ANSWERS.json gets one answer per question, in the same order.
import { readFileSync, writeFileSync } from "node:fs";
import { compareRows, match, nextQuestion, redFlags } from "../../redspots/static/queries.js";
import { gradeCase } from "../../redspots/static/quiz.js";
import { conditionPage } from "../../redspots/static/reading.js";

const [questionsPath, answersPath] = process.argv.slice(2);
const q = JSON.parse(readFileSync(questionsPath, "utf8"));

const answers = {
  selections: q.selections.map(([chosen, no]) => ({
    match: match(q.filter, chosen).map((r) => [r.id, r.points, r.best, r.strength, r.fits, r.explains,
      r.typical, r.possible, r.conflicting, r.why]),
    flags: redFlags(q.filter, chosen).map((f) => [f.id, f.urgency, f.within, f.triggered_by]),
    next: nextQuestion(q.filter, chosen, no),
  })),
  comparisons: q.comparisons.map(([chosen, only]) =>
    compareRows(q.comparison, chosen, only).map((r) => [r.section, r.feature, ...r.values])),
  grades: q.grades.map(([caseId, condition, action]) => gradeCase(q.quiz, caseId, condition, action)),
  pages: q.pages.map((id) => conditionPage(q.reader, id)),
};
writeFileSync(answersPath, JSON.stringify(answers));
