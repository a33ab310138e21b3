// Child process of test/crash.test.ts: publishes the given agencies' reports for a year, over and over,
// through the real use case (dist/app/publish-report.js), printing each committed publication, until killed.
import { publishReport } from "../../dist/app/publish-report.js";
import { openDatabase } from "../../dist/store/db.js";

const [year, ...agencies] = process.argv.slice(2);
const db = await openDatabase();
for (let round = 0; ; round++) {
  for (const agency of agencies) {
    const p = await publishReport(db, { agency, year: Number(year), actor: `crash:${round}` });
    process.stdout.write(`published ${p.id}\n`);
  }
}
