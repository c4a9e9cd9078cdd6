// Runs every view test (tests/js/*.test.mjs) in this one process, so the DOM is loaded once:
//   node --test-reporter=spec tests/js/views.mjs     (tests/test_views.py sets its environment)
import { readdirSync } from "node:fs";

for (const name of readdirSync(new URL(".", import.meta.url)).filter((n) => n.endsWith(".test.mjs")).sort()) {
  await import(`./${name}`);
}
