// Measures how fast a loclint HTML report becomes interactive in headless Chromium, and checks
// that filtering by a locale and searching update the findings.
//
//   cargo build --release
//   target/release/loclint check /path/to/docs --format html --output /tmp/report.html
//   npm install --prefix /tmp/loclint-pw playwright-core
//   PLAYWRIGHT_CORE=/tmp/loclint-pw/node_modules/playwright-core \
//     node scripts/html-interactive.mjs /tmp/report.html [locale] [runs]
//
// CHROMIUM overrides the browser (default /usr/bin/chromium). Exits 1 when a check fails or the
// median time to interactive reaches 3 s.

import { createRequire } from "node:module";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
function loadPlaywright() {
  const where = process.env.PLAYWRIGHT_CORE;
  try {
    return where ? require(resolve(where)) : require("playwright-core");
  } catch {
    console.error("playwright-core not found: npm install --prefix /tmp/loclint-pw playwright-core,");
    console.error("then set PLAYWRIGHT_CORE=/tmp/loclint-pw/node_modules/playwright-core");
    process.exit(2);
  }
}

const [reportArg, localeArg, runsArg] = process.argv.slice(2);
if (!reportArg || !existsSync(reportArg)) {
  console.error("usage: node scripts/html-interactive.mjs REPORT.html [locale] [runs]");
  process.exit(2);
}
const url = pathToFileURL(resolve(reportArg)).href;
const runs = Number(runsArg || 5);
const budgetMs = 3000;
const { chromium } = loadPlaywright();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};

const timings = [];
let filterResult = null;
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  const started = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector("html[data-ready]", { timeout: 30000 });
  const wall = Date.now() - started;
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const ready = performance.getEntriesByName("loclint-ready")[0];
    return {
      // Interactive: the page's handlers are attached and the document is parsed.
      ready: ready ? Math.max(ready.startTime, nav.domContentLoadedEventEnd) : NaN,
      script: ready ? ready.startTime : NaN,
      domInteractive: nav.domInteractive,
      load: nav.loadEventEnd,
      findings: JSON.parse(document.getElementById("loclint-data").textContent).findings.length,
    };
  });
  timings.push({ wall, ...t });
  check(errors.length === 0, `run ${run + 1}: page errors: ${errors.join("; ")}`);
  check(
    requests.every((u) => u === url || u.startsWith(url + "#")),
    `run ${run + 1}: network requests: ${requests.filter((u) => u !== url).join(", ")}`,
  );

  if (run === 0) {
    // Filter by a locale through the real control, then time a search keystroke-to-view.
    const options = await page.$$eval("#f-locale option", (os) => os.map((o) => o.textContent));
    const label = localeArg
      ? options.find((o) => o.startsWith(localeArg + " "))
      : options.filter((o) => /\(\d/.test(o)).slice(-1)[0];
    check(Boolean(label), `locale ${localeArg} is not in the locale filter`);
    const locale = label.split(" ")[0];
    const expected = Number(label.match(/\(([\d,]+)\)/)[1].replace(/,/g, ""));
    const before = await page.textContent("#count");
    const t0 = Date.now();
    await page.selectOption("#f-locale", { label });
    await page.waitForFunction((c) => document.getElementById("count").textContent !== c, before);
    const filterMs = Date.now() - t0;
    const shown = await page.$$eval(".finding .f-locale", (es) => es.map((e) => e.textContent));
    const count = await page.textContent("#count");
    const hash = await page.evaluate(() => location.hash);
    check(shown.length === Math.min(50, expected), `expected ${Math.min(50, expected)} cards, saw ${shown.length}`);
    check(shown.every((l) => l === locale), `a card of another locale is shown: ${[...new Set(shown)]}`);
    check(count.startsWith(expected.toLocaleString("en-US") + " of "), `count reads "${count}"`);
    const inPage = await page.evaluate(() => {
      const q = document.getElementById("q");
      const t = performance.now();
      q.value = "aka.ms";
      q.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
      return { ms: performance.now() - t, count: document.getElementById("count").textContent };
    });
    filterResult = { locale, expected, filterMs, count, hash, search: inPage };
  }
  await context.close();
}
await browser.close();

const bytes = statSync(reportArg).size;
const ready = timings.map((t) => t.ready);
console.log(`report: ${reportArg} (${(bytes / 1e6).toFixed(1)} MB, ${timings[0].findings} findings)`);
timings.forEach((t, i) =>
  console.log(
    `run ${i + 1}: interactive ${t.ready.toFixed(0)} ms after navigation (script done ${t.script.toFixed(0)} ms, load ${t.load.toFixed(0)} ms, wall ${t.wall} ms)`,
  ),
);
console.log(`time to interactive: median ${median(ready).toFixed(0)} ms, max ${Math.max(...ready).toFixed(0)} ms (budget ${budgetMs} ms)`);
if (filterResult) {
  console.log(
    `filter locale=${filterResult.locale}: view updated in ${filterResult.filterMs} ms (incl. automation): "${filterResult.count}", address ${filterResult.hash}`,
  );
  console.log(`search "aka.ms" within ${filterResult.locale}: ${filterResult.search.ms.toFixed(1)} ms in page: "${filterResult.search.count}"`);
}
check(median(ready) < budgetMs, `median time to interactive ${median(ready).toFixed(0)} ms >= ${budgetMs} ms`);
if (failures.length) {
  console.log("FAILED:\n  " + failures.join("\n  "));
  process.exit(1);
}
console.log("ok");
