// The redspots explorers: the symptom filter, the comparison, the treatment stepper, the body map, the quiz and
// the condition reader (whose pages the symptom filter and the comparison also open, with "Read about" buttons).
//
// anywidget's contract: a default export with `render`. JupyterLab loads it through anywidget, an exported page
// through redspots.export's small runtime, so a page with no kernel and no network responds exactly as the
// notebook does. Python sends the content, the words and the weights in the widget state (`_content`); only the
// rules of redspots.query live here twice (queries.js, quiz.js, reading.js), and tests/test_parity.py runs them
// against the Python ones. Each view is a module of views/; redspots.static_bundle joins every module into the
// one module text anywidget needs, so nothing is built by hand.

import { bodyMap } from "./views/bodymap.js";
import { comparison } from "./views/compare.js";
import { symptomFilter } from "./views/filter.js";
import { quiz } from "./views/quiz.js";
import { conditionReader } from "./views/reader.js";
import { stepper } from "./views/stepper.js";

// the queries, for code that imports this file itself (Node, the tests); the joined module keeps only `render`
export { compareRows, fired, level, match, nextQuestion, redFlags } from "./queries.js";
export { gradeCase } from "./quiz.js";
export { conditionPage } from "./reading.js";

const VIEWS = { filter: symptomFilter, compare: comparison, stepper, bodymap: bodyMap, quiz, reader: conditionReader };
const CLASSES = { filter: "redspots-symptom-filter", compare: "redspots-comparison", stepper: "redspots-stepper",
  bodymap: "redspots-body-map", quiz: "redspots-quiz", reader: "redspots-condition-reader" };

function render({ model, el }) {
  const kind = model.get("_view");
  el.classList.add("redspots-explorer", CLASSES[kind]);
  // JupyterLab ignores its notebook shortcuts (r, m, d d, arrows...) for keys pressed in here
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  return VIEWS[kind](model, el);
}

export default { render };
