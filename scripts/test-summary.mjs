// Adds up Vitest's and Playwright's JSON reports into the one closing line CI reads.
import { existsSync, readFileSync } from "node:fs";

//   node scripts/test-summary.mjs <playwright.json> <playwright exit status> <vitest.json>…
const [playwrightFile, playwrightStatus, ...vitestFiles] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

for (const vitestFile of vitestFiles) {
  if (!existsSync(vitestFile)) {
    failed += 1;
    console.log(`[test] Vitest wrote no report (${vitestFile})`);
    continue;
  }
  const report = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += report.numPassedTests;
  // A file that failed as a whole (an import error, a failing hook) has no failed test of its own: count it once.
  const brokenFiles = (report.testResults ?? []).filter((file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"));
  failed += report.numFailedTests + brokenFiles.length;
  skipped += report.numPendingTests + report.numTodoTests;
}

if (playwrightFile && existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, "utf8"));
  passed += stats.expected;
  failed += stats.unexpected + stats.flaky;
  skipped += stats.skipped;
  // Playwright failed without a failing test (the app under test did not start): that is a failure too.
  if (playwrightStatus && playwrightStatus !== "0" && stats.unexpected + stats.flaky === 0) {
    failed += 1;
    console.log("[test] Playwright exited with an error before or outside the tests (see above)");
  }
} else {
  failed += 1;
  console.log("[test] Playwright wrote no report");
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
