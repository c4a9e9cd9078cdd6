// The condition reader view: the prompt, then a condition's page from its content file, in reading order,
// with its sources numbered; content is text, never markup.
import assert from "node:assert/strict";
import { test } from "node:test";
import { choose, draw, fixture, text } from "./harness.mjs";

const SECTIONS = ["What it is", "Causes", "Symptoms", "How it is diagnosed", "When to see a doctor",
  "Treatment, step by step", "Outlook"];
const flat = (s) => String(s).replace(/\s+/g, " ").trim();

test("with nothing chosen it asks for a condition", () => {
  const { el } = draw("reader");
  assert.equal(text(el.querySelector(".redspots-reading")), "Choose a condition to read about it.");
  assert.equal(el.querySelector("article"), null);
});

test("a condition's page: its name, other names, sections in order and every cause from its file", () => {
  const id = "petechiae";
  const doc = fixture.content.conditions[id];
  const { el, model } = draw("reader");
  choose(el.querySelector("select"), id);
  assert.equal(model.get("value"), id);
  const page = el.querySelector("article.redspots-page");
  assert.equal(text(page.querySelector("h3")), doc.name);
  assert.equal(page.getAttribute("aria-label"), doc.name);
  assert.ok(text(page).includes(`Also known as: ${doc.also_known_as.join("; ")}`));
  assert.deepEqual([...page.querySelectorAll("h4")].map(text), SECTIONS);
  const causes = [...page.querySelectorAll(".redspots-page-causes li")].map((li) => text(li).replace(/ \[[\d, ]+\]$/, ""));
  assert.deepEqual(causes, doc.causes.map((c) => flat(c.cause)));
  const summary = text(page.querySelector(".redspots-page-what_it_is li"));
  assert.ok(summary.startsWith(flat(doc.summary.text)), summary);
  const numbers = [...page.querySelectorAll(".redspots-refs > ol > li")].map((li) => li.value);
  assert.deepEqual(numbers, numbers.map((_, k) => k + 1));
  assert.ok([...page.querySelectorAll(".redspots-refs a")].every((a) => a.href.startsWith("https://")));
  choose(el.querySelector("select"), "");
  assert.equal(text(el.querySelector(".redspots-reading")), "Choose a condition to read about it.");
});

test("a fact with HTML in it is shown as text, not markup", () => {
  const hostile = "<img src=x onerror=alert(1)> caught <b>early</b>";
  const { el } = draw("reader", {
    changes: { value: "petechiae" },
    content: (r) => {
      r.pages.petechiae.causes[0].text = hostile;
    },
  });
  assert.ok(text(el.querySelector(".redspots-page-causes li")).startsWith(hostile));
  assert.equal(el.querySelector("article img"), null);
  assert.equal(el.querySelector("article b"), null);
});
