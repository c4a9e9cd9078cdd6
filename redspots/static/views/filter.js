// The symptom filter: tick what you see; the conditions that fit are ranked, with warnings above them and
// the next question to ask.

import { column, label, match, nextQuestion, redFlags } from "../queries.js";
import { fill, guide, h, uid, view } from "../dom.js";
import { readAbout } from "../page.js";
import { banner, stripText } from "../warnings.js";


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

export function symptomFilter(model, el) {
  const c = model.get("_content");
  const viewId = uid();                                 // ids unique to this view
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
      const box = h("input", { type: "checkbox", value: f.id, "aria-describedby": `rs-help-${viewId}-${f.id}` });
      boxes.set(f.id, box);
      return h("div", { class: "redspots-finding" },
        h("label", {}, box, " ", f.label),
        h("small", { id: `rs-help-${viewId}-${f.id}`, class: "redspots-help" }, f.help));
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
  const read = { opened: new Set(), uid: viewId };   // the pages opened from the ranking stay open as it changes
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
  return view(model, ["value", "ruled_out"], show);
}
