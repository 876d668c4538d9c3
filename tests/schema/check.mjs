// The schemas `respond schema` writes, in a real validator (ajv, draft 2020-12), against the
// repository's own files: every record and office file that `respond validate` accepts is
// valid against its schema, and the invalid cases a schema can express are refused, each for
// the reason expected.
//
//   node tests/schema/check.mjs <respond> <schemas-dir>
//
// The YAML is read as YAML 1.2 (the `yaml` package's core schema), as respond and editors
// read it: `2023-08-25` stays text, not a timestamp.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import Ajv2020 from "ajv/dist/2020.js";
import YAML from "yaml";

const [respond, schemas] = process.argv.slice(2);
if (!respond || !schemas) {
  console.error("usage: node tests/schema/check.mjs <respond> <schemas-dir>");
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const rel = (file) => path.relative(root, file);

// strict: an unknown keyword or a mistake in a schema is an error, not ignored.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const load = (name) => ajv.compile(JSON.parse(fs.readFileSync(path.join(schemas, name), "utf8")));
const validators = { record: load("record.schema.json"), office: load("office.schema.json") };

/** Every YAML file under `dir`. */
function yamlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") out.push(...yamlFiles(file));
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) out.push(file);
  }
  return out;
}

/** The problems `respond validate --format json` reports for the project at `dir`. */
function validate(dir, today) {
  let stdout;
  try {
    stdout = execFileSync(respond, ["validate", "--root", dir, "--format", "json", "--today", today], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (error) {
    if (error.status !== 1) throw error;
    stdout = error.stdout;
  }
  return JSON.parse(stdout);
}

/** Whether `respond validate` accepts `file` on its own: in a copy of the bundled project,
 * without its records, as the tests put a case's record there. */
function acceptedAlone(file, kind) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "respond-schema-"));
  try {
    fs.mkdirSync(path.join(dir, "data/inspections"), { recursive: true });
    const office = kind === "office" ? file : path.join(root, "data/office.yaml");
    fs.copyFileSync(office, path.join(dir, "data/office.yaml"));
    if (kind === "record") {
      // A case's `record.yaml` is named after its folder, as the tests name it.
      let id = path.basename(file).replace(/\.ya?ml$/i, "");
      if (id === "record") id = path.basename(path.dirname(file));
      fs.copyFileSync(file, path.join(dir, "data/inspections", `${id}.yaml`));
    }
    return !validate(dir, "2026-11-22").some((p) => p.severity === "error");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const kindOf = (file) => (path.basename(file) === "office.yaml" ? "office" : "record");

/** What ajv says of `file` against its schema: null when valid. */
function schemaErrors(file) {
  const text = fs.readFileSync(file, "utf8");
  const validator = validators[kindOf(file)];
  return validator(YAML.parse(text, { version: "1.2" })) ? null : validator.errors;
}

const show = (errors) =>
  errors.map((e) => `    ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`).join("\n");

let failures = 0;
const fail = (message) => {
  failures += 1;
  console.error(`FAIL ${message}`);
};

// 1. Every file respond accepts is valid against its schema: the whole projects (with the day
// each is tested on), then each file on its own.
const accepted = new Set();
for (const [project, today] of [
  ["data", "2026-12-02"],
  ["tests/testsuite/follow-up/data", "2025-01-15"],
  ["tests/testsuite/render/plain-fields/data", "2026-11-22"],
]) {
  const dir = path.join(root, project, "..");
  const wrong = new Set(validate(dir, today).filter((p) => p.severity === "error").map((p) => p.file));
  for (const file of yamlFiles(path.join(root, project))) {
    if (!wrong.has(path.relative(dir, file))) accepted.add(file);
  }
}
const candidates = [...yamlFiles(path.join(root, "data")), ...yamlFiles(path.join(root, "tests/testsuite"))];
let refusedByRespond = 0;
for (const file of candidates) {
  if (accepted.has(file)) continue;
  if (acceptedAlone(file, kindOf(file))) accepted.add(file);
  else {
    refusedByRespond += 1;
    if (process.env.SCHEMA_VERBOSE) console.log(`respond refuses ${rel(file)}`);
  }
}
let records = 0;
let offices = 0;
for (const file of [...accepted].sort()) {
  const errors = schemaErrors(file);
  if (errors) fail(`${rel(file)}: respond validate accepts it, the schema does not:\n${show(errors)}`);
  if (kindOf(file) === "office") offices += 1;
  else records += 1;
}
console.log(
  `schema: ${records} records and ${offices} office files that respond validate accepts are valid against the schemas (${refusedByRespond} files it refuses left out)`,
);

// 2. The invalid cases a schema can express are refused, for the reason expected: the keyword
// that fails, and the field it names.
const refused = [
  ["unknown-field/record.yaml", "additionalProperties", "titel", "an unknown field"],
  ["unknown-field/record.yaml", "required", "title", "a missing `title`"],
  ["unknown-field-far/record.yaml", "additionalProperties", null, "an unknown field far down"],
  ["wrong-shapes/record.yaml", "type", "/title", "a list for text"],
  ["wrong-shapes/record.yaml", "type", "/recommendations", "a mapping for a list"],
  ["unknown-type/record.yaml", "enum", "/type", "an unknown `type`"],
  ["missing-fields/record.yaml", "required", "published", "a missing field"],
  ["unknown-respondent/record.yaml", "enum", "/responses/0/by", "an unknown respondent"],
  ["progress-unknown-status/record.yaml", "enum", "/recommendations/0/progress/0/status", "an unknown status"],
  ["progress-wrong-shapes/record.yaml", "additionalProperties", "date", "`date` for `on`"],
  ["strict-booleans/record.yaml", "type", "/statutory", "`no` for `false`"],
  ["list-instead-of-mapping/record.yaml", "type", "", "a list for a record"],
  ["link-not-http/record.yaml", "pattern", "/link", "a link that is not a web address"],
  ["office-invalid/data/office.yaml", "additionalProperties", "chef_officer", "an unknown office field"],
  ["office-invalid/data/office.yaml", "type", "/local_target_days", "text for a number"],
  ["office-formats-invalid/data/office.yaml", "enum", "/formats/1", "an unknown format"],
];
for (const [name, keyword, where, what] of refused) {
  const file = path.join(root, "tests/testsuite/validate", name);
  if (acceptedAlone(file, kindOf(file))) fail(`${rel(file)}: respond validate accepts it; the case is not invalid`);
  const errors = schemaErrors(file);
  if (!errors) {
    fail(`${rel(file)}: the schema accepts ${what}`);
    continue;
  }
  const found = errors.some(
    (e) =>
      e.keyword === keyword &&
      (where === null ||
        e.instancePath === where ||
        e.params.additionalProperty === where ||
        e.params.missingProperty === where),
  );
  if (found) console.log(`schema: refuses ${what} (${rel(file)}: ${keyword} ${where ?? ""})`);
  else fail(`${rel(file)}: expected ${keyword} at ${where} (${what}); ajv said:\n${show(errors)}`);
}

if (failures > 0) {
  console.error(`schema: ${failures} failure(s)`);
  process.exit(1);
}
