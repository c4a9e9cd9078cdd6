// The warnings as the symptom filter and the quiz show them.

import { h } from "./dom.js";

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

/** The strip's one line about the most urgent warning: "⚠ EMERGENCY (act now): <title>". */
export function stripText(w, warning) {
  return `${w.urgency_icon[warning.urgency]} ${w.urgency[warning.urgency]} (${w.within[warning.within]}): ${warning.title}`;
}
