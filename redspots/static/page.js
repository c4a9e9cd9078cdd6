// A condition's page drawn, and the "Read about" buttons of the symptom filter and the comparison.

import { conditionPage } from "./reading.js";
import { fill, h, source } from "./dom.js";
import { fillIn } from "./words.js";

/** The numbers of a fact's sources, after it: " [1, 3]" (as redspots.render draws them). */
function cited(r, numbers) {
  if (!numbers.length) return null;
  const listed = numbers.join(", ");
  return [" ", h("small", { class: "redspots-cite", title: `${r.text.reader_cited} ${listed}` }, `[${listed}]`)];
}

/** A condition's page (conditionPage) drawn: text only, links only to https addresses. */
export function pageView(r, page) {
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
export function readAbout(r, id, opened, uid) {
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

