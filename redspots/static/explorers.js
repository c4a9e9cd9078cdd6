// The redspots explorers: the symptom filter, the comparison, the treatment stepper, the body map, the quiz and
// the condition reader (whose pages the symptom filter and the comparison also open, with "Read about" buttons).
//
// One self-contained ES module with anywidget's contract (a default export with `render`): JupyterLab
// loads it through anywidget, an exported page through redspots.export's small runtime, so a page with
// no kernel and no network responds exactly as the notebook does. Python sends the content, the words
// and the weights in the widget state (`_content`); only the rules of redspots.query live here twice,
// and tests/test_parity.py runs these functions against the Python ones. Text always goes in through
// text nodes (never innerHTML), so content can never become markup.

// ---------------------------------------------------------------------------------------------------
// The queries (mirrors of redspots.query; whole numbers only, so both sides round and tie alike)

/** The rules a selection sets off, most urgent first (the rules arrive sorted). */
export function fired(c, selected) {
  return c.rules.filter((r) => r.clauses.every((clause) => clause.some((f) => selected.has(f)))
    && !r.unanswered.some((f) => selected.has(f)));
}

/** The urgency of a selection as a number: -1 for no warning, then see_doctor < urgent < emergency. */
export function level(c, selected) {
  const rules = fired(c, selected);
  return rules.length ? rules[0].level : -1;
}

const COLUMNS = new WeakMap();       // kept beside the content, never in it (the content is widget state)

function column(c) {
  if (!COLUMNS.has(c)) COLUMNS.set(c, new Map(c.findings.map((f, i) => [f.id, i])));
  return COLUMNS.get(c);
}

/** Ids in the order given, each once (as redspots.query does). */
function once(ids) {
  return [...new Set(ids)];
}

function label(c, id) {
  return c.findings[column(c).get(id)].label;
}

function strength(points, chosen) {
  if (!chosen || points <= 0) return chosen ? "does not fit" : "weak";
  const best = 2 * chosen;
  return 10 * points >= 6 * best ? "strong" : 10 * points >= 3 * best ? "partial" : "weak";
}

function why(c, byLevel) {
  const parts = [];
  for (const [lv, words] of [["typical", "typical"], ["possible", "possible"], ["atypical", "against"]]) {
    if (byLevel[lv].length) parts.push(`${words}: ` + byLevel[lv].map((f) => label(c, f)).join(", "));
  }
  return parts.length ? parts.join("; ") : "no findings selected";
}

function compareKeys(a, b) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/** Conditions ranked by how well they fit `chosen` (an array of finding ids), as redspots.match. */
export function match(c, chosen) {
  chosen = once(chosen);
  const cols = chosen.map((f) => column(c).get(f));
  const rules = fired(c, new Set(chosen));
  const alarm = rules.length > 0 && rules[0].level >= c.urgent;
  const rows = c.conditions.map((cond) => {
    const byLevel = { typical: [], possible: [], atypical: [] };
    let points = 0;
    cols.forEach((j, k) => {
      byLevel[cond.levels[j]].push(chosen[k]);
      points += c.points[cond.levels[j]];
    });
    const fits = points > 0 && byLevel.atypical.length === 0;
    const explains = fits ? rules.filter((r) => r.level >= c.urgent && r.explains.includes(cond.id)).map((r) => r.id) : [];
    const warning = Math.max(-1, ...rules.filter((r) => explains.includes(r.id)).map((r) => r.level));
    let s = strength(points, chosen.length);
    if (alarm && cond.harmless && s === "strong") s = "partial";
    return {
      id: cond.id, name: cond.name, points, best: 2 * chosen.length, strength: s, typical: byLevel.typical,
      possible: byLevel.possible, conflicting: byLevel.atypical, why: why(c, byLevel), seriousness: cond.seriousness,
      fits, explains, key: [-warning, -points, byLevel.atypical.length, -cond.severity, cond.name],
    };
  });
  rows.sort((a, b) => compareKeys(a.key, b.key));
  return rows;
}

/** The warnings `chosen` triggers, most urgent first, as redspots.red_flags. */
export function redFlags(c, chosen) {
  chosen = once(chosen);
  return fired(c, new Set(chosen)).map((r) => ({
    id: r.id, urgency: r.urgency, within: r.within, title: r.title, action: r.action,
    triggered_by: chosen.filter((f) => r.clauses.some((clause) => clause.includes(f))), explains: r.explains,
  }));
}

/** The finding to ask about next, or null, as redspots.next_question. */
export function nextQuestion(c, chosen, ruledOut = []) {
  chosen = once(chosen);
  const selected = new Set(chosen);
  const closed = new Set([...chosen, ...ruledOut]);
  for (const group of c.one_answer) {
    if (group.some((f) => selected.has(f))) group.forEach((f) => closed.add(f));
  }
  const plus = (f) => new Set([...selected, f]);
  const now = level(c, selected);
  const seen = new Set();
  for (const r of c.rules) {                              // the glass test first, in rule order
    const key = r.unanswered.join(" ");
    if (!r.unanswered.length || seen.has(key)) continue;
    seen.add(key);
    const group = r.unanswered;
    if (group.some((f) => selected.has(f))) continue;
    const outcomes = new Set(group.map((f) => level(c, plus(f))));
    const ask = [...c.ask_first, ...[...group].sort()].filter((f) => group.includes(f) && !closed.has(f));
    if (outcomes.size > 1 && ask.length) return ask[0];
  }
  for (const f of c.ask_first) {
    const raised = level(c, plus(f));
    if (!closed.has(f) && raised > now && (raised > level(c, new Set([f])) || now >= c.urgent)) return f;
  }
  const cols = chosen.map((f) => column(c).get(f));
  const fits = c.conditions.map((cond) => cols.reduce((sum, j) => sum + c.points[cond.levels[j]], 0) > 0
    && cols.every((j) => cond.levels[j] !== "atypical"));
  const running = fits.filter(Boolean).length >= 2 ? c.conditions.filter((_, i) => fits[i]) : c.conditions;
  const m = running.length;
  let best = -1;
  let bestSpread = -Infinity;
  c.findings.forEach((f, j) => {
    let spread = -1;
    if (!closed.has(f.id)) {
      let sum = 0;
      let squares = 0;
      for (const cond of running) {
        const x = c.points[cond.levels[j]];
        sum += x;
        squares += x * x;
      }
      spread = m * squares - sum * sum;                 // m^2 times the variance, a whole number
    }
    if (spread > bestSpread) {
      bestSpread = spread;
      best = j;
    }
  });
  return best < 0 || bestSpread <= 0 ? null : c.findings[best].id;
}

/** The rows of redspots.compare for `chosen` (condition ids, in order): [{section, feature, values}]. */
export function compareRows(c, chosen, distinguishingOnly = false) {
  const rows = c.rows.map((row) => ({ section: row.section, feature: row.feature,
    values: chosen.map((id) => row.values[id]) }));
  return distinguishingOnly ? rows.filter((row) => new Set(row.values).size > 1) : rows;
}

/** A sentence of the words with {name} filled in once (as Python's str.format does for these templates). */
function fillIn(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
}

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

/** A condition's page as plain data, as redspots.condition_page builds it from the same content: the facts
 * in reading order, each with the numbers of its sources (numbered as the page first cites them, then the
 * condition's other main sources), the warnings grouped most urgent first, the treatment steps in order. */
export function conditionPage(r, id) {
  const p = r.pages[id];
  const w = r.words;
  const numbers = new Map();
  const cite = (refs) => {
    const out = new Set();
    for (const ref of refs) {
      if (!Object.hasOwn(r.references, ref)) continue;
      if (!numbers.has(ref)) numbers.set(ref, numbers.size + 1);
      out.add(numbers.get(ref));
    }
    return [...out].sort((a, b) => a - b);
  };
  const facts = (items) => items.map((x) => ({ text: x.text, sources: cite(x.refs) }));
  const page = { id, name: p.name, also_known_as: p.also_known_as, seriousness: w.seriousness[p.seriousness] };
  page.what_it_is = [{ text: p.summary.text, sources: cite(p.summary.refs) }];
  page.causes = facts(p.causes);
  page.symptoms = facts(p.symptoms);
  page.diagnosis = facts(p.diagnosis);
  page.see_a_doctor = [];
  for (const urgency of [...r.urgencies].reverse()) {          // most urgent first, the content's order within
    const chosen = p.see_a_doctor.filter((x) => x.urgency === urgency);
    if (chosen.length) {
      page.see_a_doctor.push({ urgency: w.urgency[urgency], icon: w.urgency_icon[urgency],
        items: chosen.map((x) => ({ when: x.when, action: x.action, sources: cite(x.refs) })) });
    }
  }
  page.treatment = [...p.treatment].sort((a, b) => a.step - b.step).map((s) => ({
    step: s.step, name: s.name,
    rows: Object.entries(w.step_rows).map(([key, label]) => [label, key === "who" ? w.who[s.who] : s[key]]),
    sources: cite(s.refs) }));
  page.outlook = [{ text: p.outlook.text, sources: cite(p.outlook.refs) }];
  cite(p.refs);                                               // the condition's main sources close the list
  page.sources = [...numbers].map(([ref, number]) => ({ number, publisher: r.references[ref].publisher,
    title: r.references[ref].title, url: r.references[ref].url }));
  return page;
}

// ---------------------------------------------------------------------------------------------------
// Drawing

const FOCUSABLE = new Set(["input", "button", "select", "a", "textarea"]);

/** An element with attributes (class, aria-*, data-*, ...) and children (strings become text nodes). */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  // JupyterLab skips its notebook shortcuts (r, m, d d, arrows...) for a key pressed in an element with
  // this attribute or inside one: Lumino stops looking at it, but tests the focused element itself first.
  if (FOCUSABLE.has(tag)) node.setAttribute("data-lm-suppress-shortcuts", "true");
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((x) => x !== null && x !== undefined && x !== false));
}

/** A link to a source; anything but an https address is shown as text, never linked. */
function source(ref) {
  const text = `${ref.publisher}: ${ref.title}`;
  if (!String(ref.url).startsWith("https://")) return h("li", {}, text);
  return h("li", {}, h("a", { href: ref.url, target: "_blank", rel: "noopener noreferrer" }, text));
}

function sources(refs) {
  if (!refs.length) return null;
  return h("div", { class: "redspots-refs" }, h("strong", {}, "Sources"), h("ol", {}, refs.map(source)));
}

function guide(...children) {
  return h("div", { class: "redspots-guide" }, ...children);
}

/** The numbers of a fact's sources, after it: " [1, 3]" (as redspots.render draws them). */
function cited(r, numbers) {
  if (!numbers.length) return null;
  const listed = numbers.join(", ");
  return [" ", h("small", { class: "redspots-cite", title: `${r.text.reader_cited} ${listed}` }, `[${listed}]`)];
}

/** A condition's page (conditionPage) drawn: text only, links only to https addresses. */
function pageView(r, page) {
  const t = r.text;
  const urgencyId = Object.fromEntries(Object.entries(r.words.urgency).map(([k, v]) => [v, k]));
  const facts = (items) => h("ul", {}, items.map((i) => h("li", {}, i.text, cited(r, i.sources))));
  // a div, not a <section>: reveal.js would take a <section> in a slide for a slide of its own
  const section = (key, ...body) => h("div", { class: `redspots-page-${key}` }, h("h4", {}, r.words.sections[key]), body);
  const numbered = page.sources.map((ref) => {
    const item = source(ref);
    item.value = ref.number;
    return item;
  });
  return h("article", { class: "redspots-page", "aria-label": page.name },
    h("h3", {}, page.name),
    page.also_known_as ? h("p", {}, h("strong", {}, `${t.reader_also}:`), ` ${page.also_known_as}`) : null,
    h("p", {}, h("strong", {}, `${t.reader_serious}:`), ` ${page.seriousness}`),
    h("p", { class: "redspots-page-note" }, t.reader_note),
    section("what_it_is", facts(page.what_it_is)),
    section("causes", facts(page.causes)),
    section("symptoms", facts(page.symptoms)),
    section("diagnosis", facts(page.diagnosis)),
    section("see_a_doctor", page.see_a_doctor.map((g) => h("div", { class: `redspots-page-urgency redspots-${urgencyId[g.urgency]}` },
      h("strong", {}, `${g.icon} ${g.urgency}`),
      h("ul", {}, g.items.map((i) => h("li", {}, h("strong", {}, i.when), h("br"), i.action, cited(r, i.sources))))))),
    section("treatment", h("ol", {}, page.treatment.map((s) => h("li", {}, h("strong", {}, s.name), cited(r, s.sources),
      h("dl", {}, s.rows.map(([key, value]) => [h("dt", {}, key), h("dd", {}, value)])))))),
    section("outlook", facts(page.outlook)),
    h("div", { class: "redspots-refs" }, h("strong", {}, t.reader_sources), h("ol", {}, numbered)));
}

/** A "Read about <name>" button and the panel it opens: the condition's page, drawn when first opened.
 * `opened` (a Set of condition ids) remembers what is open while the view redraws. */
function readAbout(r, id, opened, uid) {
  const name = r.pages[id].name;
  const panel = h("div", { class: "redspots-read-panel", id: `rs-read-${uid}-${id}` });
  const mark = h("span", { "aria-hidden": "true" });        // seen, not read out: aria-expanded says it
  const button = h("button", { type: "button", class: "redspots-button redspots-read", "aria-controls": panel.id },
    mark, fillIn(r.text.reader_open, { name }));
  const set = (open) => {
    button.setAttribute("aria-expanded", String(open));
    mark.textContent = open ? "▾ " : "▸ ";
    panel.hidden = !open;
    if (open && !panel.firstChild) fill(panel, pageView(r, conditionPage(r, id)));
  };
  button.addEventListener("click", () => {
    if (opened.has(id)) opened.delete(id);
    else opened.add(id);
    set(opened.has(id));
  });
  set(opened.has(id));
  return [button, panel];
}

/** The warnings as a banner, most urgent first (the same words as redspots.render.red_flag_banner). */
export function banner(c, flags) {
  if (!flags.length) return null;
  const w = c.words;
  const top = flags[0].urgency;
  return h("div", { class: `redspots-flags redspots-${top}`, role: "alert" },
    h("div", { class: "redspots-flags-head" }, `${w.urgency_icon[top]} ${w.urgency[top]}: ${c.text.banner_head}`),
    h("ul", {}, flags.map((f) => h("li", {},
      h("strong", {}, `${w.urgency_icon[f.urgency]} ${w.urgency[f.urgency]} (${w.within[f.within]}): ${f.title}`),
      h("br"), f.action, more(c, f.id)))));
}

/** The safety statements a rule names (safety.yaml, by id in red_flags.yaml), as Python sends them. */
function more(c, ruleId) {
  const texts = (c.rules.find((r) => r.id === ruleId) || {}).more || [];
  return texts.length ? [h("br"), h("span", { class: "redspots-more" }, `${c.text.banner_more} ${texts.join(" ")}`)] : null;
}

function rankItem(c, row, read) {
  const w = c.words;
  const [button, panel] = readAbout(c.reader, row.id, read.opened, read.uid);
  const n = row.best / 2;
  const filled = row.best ? Math.max(0, Math.floor((10 * row.points + n) / (2 * n))) : 0;
  return h("li", { class: "redspots-rank" },
    h("strong", {}, row.name), " ",
    h("span", { class: "redspots-bar", "aria-hidden": "true" }, "█".repeat(filled) + "░".repeat(10 - filled)), " ",
    h("span", {}, `${w.strength_icon[row.strength]} ${w.strength[row.strength]} (${row.points} of ${row.best} points)`),
    row.explains.length ? [h("br"), h("strong", { class: "redspots-explains" }, c.text.explains)] : null,
    h("br"), h("small", {}, `Why: ${row.why}`),
    h("div", { class: "redspots-read-about" }, button), panel);
}

function ranking(c, ranked, read) {
  const fits = ranked.filter((r) => r.fits);
  const apart = ranked.filter((r) => !r.fits);
  return h("div", { class: "redspots-ranking" },
    h("h4", {}, "Fit what you picked, best first"),
    fits.length ? h("ol", {}, fits.map((r) => rankItem(c, r, read))) : h("p", {}, c.text.none_fit),
    apart.length ? [h("h4", {}, "Set apart: something you picked does not fit these"),
      h("ul", { class: "redspots-apart" }, apart.map((r) => rankItem(c, r, read)))] : null);
}

// ---------------------------------------------------------------------------------------------------
// The views. Each keeps its controls in place and redraws only what they show.

/** The strip's one line about the most urgent warning: "⚠ EMERGENCY (act now): <title>". */
function stripText(w, warning) {
  return `${w.urgency_icon[warning.urgency]} ${w.urgency[warning.urgency]} (${w.within[warning.within]}): ${warning.title}`;
}

function symptomFilter(model, el) {
  const c = model.get("_content");
  const uid = Math.random().toString(36).slice(2);      // ids unique to this view
  const boxes = new Map();
  const strip = h("div", { class: "redspots-strip", role: "status" });
  // Every text the strip can show, laid out unseen in the strip's grid cell: the strip is as tall as the
  // longest of them at the width it has, so a warning wraps whole (never cut) and the list below never moves.
  const stripTexts = new Set([c.text.no_warning, ...c.rules.map((r) => stripText(c.words, r))]);
  const stripBox = h("div", { class: "redspots-strip-box" }, strip,
    [...stripTexts].map((t) => h("div", { class: "redspots-strip-sizer", "aria-hidden": "true" }, t)));
  const clear = h("button", { type: "button", class: "redspots-button", title: "Untick every finding and forget the answers" },
    "Clear all");
  const groups = c.groups.map((g) => h("fieldset", { class: "redspots-group" }, h("legend", {}, g.label),
    c.findings.filter((f) => f.group === g.id).map((f) => {
      const box = h("input", { type: "checkbox", value: f.id, "aria-describedby": `rs-help-${uid}-${f.id}` });
      boxes.set(f.id, box);
      return h("div", { class: "redspots-finding" },
        h("label", {}, box, " ", f.label),
        h("small", { id: `rs-help-${uid}-${f.id}`, class: "redspots-help" }, f.help));
    })));
  const picker = h("div", { class: "redspots-picker", role: "region", "aria-label": "What do you see?" },
    h("div", { class: "redspots-picker-head" }, h("strong", {}, "What do you see?"), " Tick everything that applies. ", clear),
    stripBox, h("div", { class: "redspots-list" }, groups));
  const flags = h("div", { class: "redspots-flag-area" });
  const status = h("p", { class: "redspots-status", "aria-live": "polite" });
  const question = h("div", { class: "redspots-question", tabindex: "-1" });
  const results = h("div", { class: "redspots-results-list" });
  fill(el, h("div", { class: "redspots-columns" }, picker,
    h("div", { class: "redspots-results", role: "region", "aria-label": "What fits, and what to do" },
      flags, status, question, results)));
  const read = { opened: new Set(), uid };   // the pages opened from the ranking stay open as it changes
  let asked;
  let answering = false;                 // an answer was just given: the next question takes the focus

  function save(value, ruledOut) {
    const chosen = new Set(value);
    model.set("value", c.findings.map((f) => f.id).filter((f) => chosen.has(f)));
    model.set("ruled_out", ruledOut.filter((f) => !chosen.has(f)));
    model.save_changes();
  }

  function show() {
    const value = model.get("value") || [];
    const ruledOut = (model.get("ruled_out") || []).filter((f) => !value.includes(f));
    for (const [id, box] of boxes) box.checked = value.includes(id);
    const warnings = redFlags(c, value);
    fill(flags, banner(c, warnings));
    const w = c.words;
    strip.className = `redspots-strip redspots-${warnings.length ? warnings[0].urgency : "none"}`;
    strip.textContent = warnings.length ? stripText(w, warnings[0]) : c.text.no_warning;
    const n = value.length;
    if (!n) read.opened.clear();         // a fresh start opens no page left over from before
    fill(status, h("strong", {}, `${n} finding${n === 1 ? "" : "s"} selected.`), " ", c.text.not_a_diagnosis);
    fill(results, n ? ranking(c, match(c, value), read) : guide(c.text.nothing_ticked));
    asked = nextQuestion(c, value, ruledOut);
    const saidNo = ruledOut.length ? h("small", { class: "redspots-said-no" },
      `Answered no: ${ruledOut.map((f) => label(c, f)).join("; ")}`) : null;
    if (asked === null) {
      fill(question, ruledOut.length ? guide(h("strong", {}, "Nothing more to ask."), ` ${c.text.nothing_more}`, h("br"), saidNo) : null);
    } else {
      const f = c.findings[column(c).get(asked)];
      const group = c.groups.find((g) => g.id === f.group);
      const choices = group.one_answer
        ? c.findings.filter((x) => x.group === f.group).map((x) => [x.label, `Tick: ${x.label}`, x.id])
        : [["Yes", `Yes: tick ${f.label}`, asked], ["No", "No: not present, and not asked again", null]];
      const thisQuestion = asked;
      const buttons = choices.map(([text, title, tick]) => {
        const button = h("button", { type: "button", class: "redspots-button", title }, text);
        button.addEventListener("click", (event) => {
          if (asked !== thisQuestion) return;            // a late click on a question already answered
          // the second click of a double-click lands on the next question's button: it answers nothing
          if (event.detail > 1) return;
          answering = true;
          const now = model.get("value") || [];
          if (tick) save([...now, tick], ruledOut);
          else save(now, [...ruledOut, thisQuestion]);
        });
        return button;
      });
      fill(question, guide(h("strong", {}, "Ask about this next:"), ` ${f.label}`, h("br"), h("small", {}, f.help),
        saidNo ? [h("br"), saidNo] : null, h("div", { class: "redspots-answers", role: "group", "aria-label": "Answer" }, buttons)));
    }
    if (answering) {                     // keyboard users keep their place: on the next question
      answering = false;
      (question.querySelector("button") || question).focus();
    }
    // nothing to clear: the button is not shown (its place is kept, so nothing moves)
    clear.style.visibility = !n && !ruledOut.length ? "hidden" : "visible";
  }

  for (const [id, box] of boxes) {
    box.addEventListener("change", () => {
      const value = model.get("value") || [];
      save(box.checked ? [...value, id] : value.filter((f) => f !== id), model.get("ruled_out") || []);
    });
  }
  clear.addEventListener("click", () => save([], []));
  model.on("change:value", show);
  model.on("change:ruled_out", show);
  show();
  return () => {
    model.off("change:value", show);
    model.off("change:ruled_out", show);
  };
}

function comparison(model, el) {
  const c = model.get("_content");
  const max = c.max_compared;
  const toggles = new Map();
  const hint = h("p", { class: "redspots-hint", id: `rs-compare-hint-${Math.random().toString(36).slice(2)}` });
  const chooser = h("div", { class: "redspots-chooser", role: "group", "aria-label": `Conditions to compare (2 to ${max})` },
    h("span", { class: "redspots-chooser-label" }, `Conditions (choose 2 to ${max}):`),
    c.conditions.map((cond) => {
      const toggle = h("button", { type: "button", class: "redspots-toggle", "aria-pressed": "false",
        "aria-describedby": hint.id, title: `Compare ${cond.name}` });
      toggles.set(cond.id, toggle);
      toggle.addEventListener("click", () => {
        if (toggle.getAttribute("aria-disabled") === "true") return;
        const value = model.get("value") || [];
        model.set("value", value.includes(cond.id) ? value.filter((x) => x !== cond.id) : [...value, cond.id]);
        model.save_changes();
      });
      return toggle;
    }));
  const only = h("input", { type: "checkbox" });
  const onlyWhy = h("span", { class: "redspots-why" });
  only.addEventListener("change", () => {
    model.set("distinguishing_only", only.checked);
    model.save_changes();
  });
  const message = h("div", { class: "redspots-message" });
  const table = h("div", { class: "redspots-table-area" });
  const reading = h("div", { class: "redspots-reading" });   // the pages opened from the column headers
  const refs = h("div");
  const read = { opened: new Set(), uid: Math.random().toString(36).slice(2) };
  fill(el, chooser, hint,
    h("label", { class: "redspots-only", title: "Hide the features that are the same for every chosen condition" },
      only, " Show only the rows that tell them apart", onlyWhy),
    message, table, reading, refs);

  function show() {
    const value = model.get("value") || [];
    const full = value.length >= max;
    for (const cond of c.conditions) {
      const toggle = toggles.get(cond.id);
      const on = value.includes(cond.id);
      toggle.setAttribute("aria-pressed", String(on));
      toggle.textContent = `${on ? "✓ " : ""}${cond.name}`;
      toggle.setAttribute("aria-disabled", String(full && !on));
    }
    hint.textContent = full ? `You are comparing ${max}, the most at once: untick one to choose another.`
      : `Chosen: ${value.length}. Press a button to add or remove a condition.`;
    only.checked = !!model.get("distinguishing_only");
    only.disabled = value.length < 2;                   // nothing to hide until two are side by side
    onlyWhy.textContent = value.length < 2 ? " (choose two conditions first)" : "";
    if (value.length < 2) {
      const chosen = value.length ? ` (${c.conditions.find((x) => x.id === value[0]).name} is chosen.)` : "";
      fill(message, guide(`Choose at least two conditions with the buttons above to see them side by side.${chosen}`));
      fill(table);
      fill(reading);
      fill(refs);
      return;
    }
    const rows = compareRows(c, value, only.checked);
    const names = value.map((id) => c.conditions.find((x) => x.id === id).name);
    for (const id of read.opened) if (!value.includes(id)) read.opened.delete(id);
    const pages = value.map((id) => readAbout(c.reader, id, read.opened, read.uid));
    fill(message, rows.length ? h("small", {}, `Showing ${only.checked ? "only the rows that differ" : "every feature; ≠ marks a difference"}.`)
      : guide("These conditions do not differ in any listed feature."));
    const body = [];
    let section = null;
    for (const row of rows) {
      if (row.section !== section) {
        section = row.section;
        body.push(h("tr", {}, h("th", { colspan: value.length + 1, scope: "colgroup", class: "redspots-section" },
          c.sections[section] || section)));
      }
      const differs = new Set(row.values).size > 1;
      body.push(h("tr", { class: differs ? "redspots-differs" : null },
        h("th", { scope: "row" }, differs ? h("span", { title: "differs" }, "≠ ") : null, row.feature),
        row.values.map((v) => h("td", {}, v))));
    }
    fill(table, rows.length ? h("div", { class: "redspots-scroll" }, h("table", { class: "redspots-compare" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Feature"),
        names.map((n, k) => h("th", { scope: "col", "aria-label": n }, n, h("br"), pages[k][0])))),
      h("tbody", {}, body))) : null);
    fill(reading, rows.length ? pages.map(([, panel]) => panel) : null);
    fill(refs, sources([...new Map(value.flatMap((id) => c.refs[id]).map((r) => [r.url + r.title, r])).values()]));
  }

  model.on("change:value", show);
  model.on("change:distinguishing_only", show);
  show();
  return () => {
    model.off("change:value", show);
    model.off("change:distinguishing_only", show);
  };
}

/** A list of the conditions that starts on "Choose a condition…" (the explorer opens with none chosen). */
function conditionSelect(c, onChange) {
  const select = h("select", { class: "redspots-select" }, h("option", { value: "" }, "Choose a condition…"),
    c.conditions.map((cond) => h("option", { value: cond.id }, cond.name)));
  select.addEventListener("change", () => onChange(select.value || null));
  return select;
}

/** The chosen condition id, or null while none (or one this content does not know) is chosen. */
function chosen(c, table, model) {
  const id = model.get("value");
  return id && Object.hasOwn(table, id) ? id : null;
}

function stepper(model, el) {
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

  model.on("change:value", show);
  model.on("change:step", show);
  show();
  return () => {
    model.off("change:value", show);
    model.off("change:step", show);
  };
}

function bodyMap(model, el) {
  const c = model.get("_content");
  const select = conditionSelect(c, (id) => {
    model.set("value", id);
    model.save_changes();
  });
  const name = `rs-skin-${Math.random().toString(36).slice(2)}`;
  const radios = c.tones.map((tone) => {
    const radio = h("input", { type: "radio", name, value: tone.id });
    radio.addEventListener("change", () => {
      if (radio.checked) {
        model.set("skin", tone.id);
        model.save_changes();
      }
    });
    return [tone.id, radio, h("label", { class: "redspots-radio" }, radio, ` ${tone.label}`)];
  });
  const picture = h("figure", { class: "redspots-figure" });
  const note = h("p", { class: "redspots-note" });
  fill(el, h("div", { class: "redspots-controls" }, h("label", { class: "redspots-field" }, "Condition ", select),
    h("fieldset", { class: "redspots-tones" }, h("legend", {}, "Skin tone"), radios.map((r) => r[2]))),
  picture, note);

  function show() {
    const id = chosen(c, c.pictures, model);
    const skin = model.get("skin");
    select.value = id || "";
    for (const [tone, radio] of radios) radio.checked = tone === skin;
    if (!id) {
      const label = (c.tones.find((t) => t.id === skin) || { label: skin }).label.toLowerCase();
      fill(picture, guide(fillIn(c.text.bodymap_prompt, { skin: label })));
      fill(note);
      return;
    }
    const figure = c.pictures[id][skin];
    // an SVG shown as an image never runs anything, whatever its text says
    fill(picture, h("img", { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(figure.svg)}`, alt: figure.alt }),
      h("figcaption", {}, figure.caption));
    fill(note, h("strong", {}, "On darker skin:"), ` ${c.darker_skin[id]}`);
  }

  model.on("change:value", show);
  model.on("change:skin", show);
  show();
  return () => {
    model.off("change:value", show);
    model.off("change:skin", show);
  };
}

/** Before the answer: the warnings that ask for the glass test, as the symptom filter shows them, or null. */
function glassFirst(c, q) {
  const asking = redFlags(c, q.selection).filter((f) => c.rules.find((r) => r.id === f.id).unanswered.length);
  return asking.length ? banner(c, asking) : null;
}

function quiz(model, el) {
  const c = model.get("_content");
  const uid = Math.random().toString(36).slice(2);
  const total = c.cases.length;
  const pending = new Map();            // choices made but not checked yet, per case (not widget state)
  const score = h("p", { class: "redspots-score", role: "status", "aria-live": "polite" });
  const where = h("span", { class: "redspots-where" });
  const previous = h("button", { type: "button", class: "redspots-button" }, "← Previous case");
  const next = h("button", { type: "button", class: "redspots-button" }, "Next case →");
  const again = h("button", { type: "button", class: "redspots-button" }, "Start again");
  const againWhy = h("span", { class: "redspots-why" });
  const mine = h("p", { class: "redspots-mine" });
  const card = h("div", { role: "region", class: "redspots-case", "aria-labelledby": `rs-case-${uid}` });
  const select = h("select", { class: "redspots-select", id: `rs-quiz-condition-${uid}` },
    h("option", { value: "" }, "Choose a condition…"), c.conditions.map((x) => h("option", { value: x.id }, x.name)));
  const radios = c.actions.map((a) => {
    const radio = h("input", { type: "radio", name: `rs-quiz-action-${uid}`, value: a.id });
    return [a.id, radio, h("label", { class: "redspots-radio" }, radio, ` ${a.label}`)];
  });
  const check = h("button", { type: "button", class: "redspots-button redspots-check" }, "Check answer");
  const checkWhy = h("span", { class: "redspots-why", id: `rs-quiz-why-${uid}` });
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
    fill(card, h("h4", { id: `rs-case-${uid}` }, `Case ${k + 1}: ${q.title}`),
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
  model.on("change:value", onValue);
  model.on("change:case", show);
  show();
  return () => {
    model.off("change:value", onValue);
    model.off("change:case", show);
  };
}

function conditionReader(model, el) {
  const r = model.get("_content");
  const select = h("select", { class: "redspots-select" }, h("option", { value: "" }, "Choose a condition…"),
    r.conditions.map((x) => h("option", { value: x.id }, x.name)));
  select.addEventListener("change", () => {
    model.set("value", select.value || null);
    model.save_changes();
  });
  const shown = h("div", { class: "redspots-reading" });
  fill(el, h("label", { class: "redspots-field" }, "Condition ", select), shown);

  function show() {
    const id = model.get("value");
    const known = Boolean(id) && Object.hasOwn(r.pages, id);
    select.value = known ? id : "";
    fill(shown, known ? pageView(r, conditionPage(r, id)) : guide(r.text.reader_prompt));
  }

  model.on("change:value", show);
  show();
  return () => model.off("change:value", show);
}

const VIEWS = { filter: symptomFilter, compare: comparison, stepper, bodymap: bodyMap, quiz, reader: conditionReader };
const CLASSES = { filter: "redspots-symptom-filter", compare: "redspots-comparison", stepper: "redspots-stepper",
  bodymap: "redspots-body-map", quiz: "redspots-quiz", reader: "redspots-condition-reader" };

function render({ model, el }) {
  const view = model.get("_view");
  el.classList.add("redspots-explorer", CLASSES[view]);
  // JupyterLab ignores its notebook shortcuts (r, m, d d, arrows...) for keys pressed in here
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  return VIEWS[view](model, el);
}

export default { render };
