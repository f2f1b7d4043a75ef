// Takes the README's screenshots of a loclint HTML report: the locale × rule matrix and one
// finding (by default a Hebrew line beside its Arabic reference).
//
//   (cd /path/to/corpus/.. && loclint check alchemy-insights --format html --output /tmp/report.html)
//   npm install --prefix /tmp/loclint-pw playwright-core
//   PLAYWRIGHT_CORE=/tmp/loclint-pw/node_modules/playwright-core \
//     node scripts/html-screenshots.mjs /tmp/report.html docs/images ['?locale=he-IL&q=…']
//
// CHROMIUM overrides the browser (default /usr/bin/chromium).

import { createRequire } from "node:module";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const where = process.env.PLAYWRIGHT_CORE;
let playwright;
try {
  playwright = where ? require(resolve(where)) : require("playwright-core");
} catch {
  console.error("playwright-core not found: npm install --prefix /tmp/loclint-pw playwright-core,");
  console.error("then set PLAYWRIGHT_CORE=/tmp/loclint-pw/node_modules/playwright-core");
  process.exit(2);
}

const [report, outDir, findingQuery] = process.argv.slice(2);
if (!report || !outDir || !existsSync(report)) {
  console.error("usage: node scripts/html-screenshots.mjs REPORT.html OUT_DIR [?filters]");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const url = pathToFileURL(resolve(report)).href;
const query = findingQuery || "?locale=he-IL&rule=link-text-literal-altered&q=ssprsetup";

const browser = await playwright.chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });

// The masthead and the matrix panel.
await page.goto(url);
await page.waitForSelector("html[data-ready]");
const panel = await page.locator("section.panel").first().boundingBox();
const matrixPng = join(outDir, "report-matrix.png");
await page.screenshot({
  path: matrixPng,
  fullPage: true,
  clip: { x: 0, y: 0, width: 1280, height: Math.ceil(panel.y + panel.height + 24) },
});

// One finding, filtered through the address.
await page.goto(url + "#" + query);
await page.reload(); // a fragment-only change does not reload the page
await page.waitForSelector("html[data-ready]");
// Only the card: hide the count line and the pager that would show at the clip's edges.
await page.addStyleTag({ content: "#count, .pager, .active { visibility: hidden; }" });
const card = page.locator(".finding").first();
await card.scrollIntoViewIfNeeded();
const box = await card.boundingBox();
const scrollY = await page.evaluate(() => window.scrollY);
const pad = 16;
const findingPng = join(outDir, "report-finding-rtl.png");
await page.screenshot({
  path: findingPng,
  fullPage: true,
  clip: { x: box.x - pad, y: box.y + scrollY - pad, width: box.width + 2 * pad, height: box.height + 2 * pad },
});
console.log(`wrote ${matrixPng} and ${findingPng} (finding: ${await card.locator(".f-path").textContent()})`);
await browser.close();
