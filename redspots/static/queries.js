// The queries of redspots.query, in its order: the id helpers, `fired`, `level`, `match` (with `strength` and
// `why`), `redFlags`, `nextQuestion` and `compareRows`. Whole numbers only, so both sides round and tie alike;
// tests/test_parity.py runs them under Node against the Python ones.

const COLUMNS = new WeakMap();       // kept beside the content, never in it (the content is widget state)

export function column(c) {
  if (!COLUMNS.has(c)) COLUMNS.set(c, new Map(c.findings.map((f, i) => [f.id, i])));
  return COLUMNS.get(c);
}

/** Ids in the order given, each once (as redspots.query does). */
export function once(ids) {
  return [...new Set(ids)];
}

export function label(c, id) {
  return c.findings[column(c).get(id)].label;
}

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
