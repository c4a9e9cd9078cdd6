// A condition's page as plain data, as redspots.reading.condition_page builds it.

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
