// What the views' tests share: a DOM (jsdom), the explorers' module as shipped (the joined text, which
// tests/test_views.py writes and names in REDSPOTS_EXPLORERS), a small model like the exported pages' one
// (static/page-runtime.js), the widgets' initial states and the content files (REDSPOTS_VIEWS_FIXTURE).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><html><head><title>views</title></head><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;

/** states: each explorer's widget state as Python sends it; content: the content files, read with yaml. */
export const fixture = JSON.parse(readFileSync(process.env.REDSPOTS_VIEWS_FIXTURE, "utf8"));
const widget = (await import(pathToFileURL(process.env.REDSPOTS_EXPLORERS).href)).default;

/** The model of an exported page: get, set (an event per change), on, off, and save_changes (counted). */
export class Model {
  constructor(state) {
    this.state = { ...state };
    this.listeners = {};
    this.saved = 0;
  }

  get(key) {
    return this.state[key];
  }

  set(key, value) {
    if (JSON.stringify(this.state[key]) === JSON.stringify(value)) return;
    this.state[key] = value;
    for (const fn of [...(this.listeners[`change:${key}`] || [])]) fn();
  }

  on(event, fn) {
    (this.listeners[event] ||= []).push(fn);
  }

  off(event, fn) {
    this.listeners[event] = (this.listeners[event] || []).filter((x) => x !== fn);
  }

  save_changes() {
    this.saved += 1;
  }

  /** How many functions listen to any change (0 once the view is gone). */
  listening() {
    return Object.values(this.listeners).reduce((n, fns) => n + fns.length, 0);
  }
}

/** Draw one explorer ("filter", "compare", "stepper", "bodymap", "quiz", "reader") from its widget state,
 * with `changes` to the state (or to its content, through `content(c)`). */
export function draw(kind, { changes = {}, content = null } = {}) {
  const state = structuredClone(fixture.states[kind]);
  if (content) content(state._content);
  const model = new Model({ ...state, ...changes });
  const el = document.createElement("div");
  document.body.append(el);
  const stop = widget.render({ model, el });
  return { model, el, stop };
}

/** An element's text with its white space collapsed, as a reader sees it. */
export function text(node) {
  return node ? node.textContent.replace(/\s+/g, " ").trim() : null;
}

/** Choose an option of a <select> as a user does (the view listens to "change"). */
export function choose(select, value) {
  select.value = value;
  select.dispatchEvent(new window.Event("change", { bubbles: true }));
}

/** Tick or untick a checkbox, or pick a radio button, as a user does. */
export function tick(input, checked = true) {
  input.checked = checked;
  input.dispatchEvent(new window.Event("change", { bubbles: true }));
}

/** A button by its visible text. */
export function button(el, label) {
  const found = [...el.querySelectorAll("button")].find((b) => text(b) === label);
  if (!found) throw new Error(`no button "${label}" in: ${[...el.querySelectorAll("button")].map(text).join(" | ")}`);
  return found;
}

/** A condition's name, from its content file. */
export function conditionName(id) {
  return fixture.content.conditions[id].name;
}
