// Runs a Schematron file against an XML document with node-schematron.
// Usage: node check.js RULES.sch DOCUMENT.xml
// Prints every failed assertion as a JSON line; exits 1 when one is not a warning.
const fs = require('fs');
const { Schema } = require('node-schematron');

const [rules, documentPath] = process.argv.slice(2);
const schema = Schema.fromString(fs.readFileSync(rules, 'utf8'));
const results = schema.validateString(fs.readFileSync(documentPath, 'utf8'));
let failed = 0;
for (const r of results) {
  if (r.isReport) continue;
  const flag = r.assertFlag || r.flag || '';
  console.log(JSON.stringify({ id: r.assertId, flag, message: r.message }));
  if (flag !== 'warning') failed++;
}
process.exit(failed ? 1 : 0);
