// A real editor client of yaml-language-server (the server behind VS Code's YAML extension),
// over stdio, on a project `respond new` made: the record finds its schema by the first line
// `respond new` writes, through a relative path, with no network and no other setting.
//
//   node tests/schema/lsp.mjs <project>
//
// It asserts that completion on a new line offers the record's fields, that the record `new`
// wrote and the office file have no problems, and that an unknown field is marked.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const project = path.resolve(process.argv[2] ?? "");
if (!process.argv[2] || !fs.existsSync(path.join(project, "schemas/record.schema.json"))) {
  console.error("usage: node tests/schema/lsp.mjs <project> (made by respond new, with schemas/)");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const server = require.resolve("yaml-language-server/bin/yaml-language-server");

const child = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
const timer = setTimeout(() => {
  console.error("FAIL yaml-language-server did not answer within 60 s");
  child.kill();
  process.exit(1);
}, 60_000);

// --- JSON-RPC over stdio, framed by Content-Length --------------------------------------
let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
const waiting = [];
const send = (message) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
};
const request = (method, params) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    send({ id, method, params });
  });
const notify = (method, params) => send({ method, params });

// What the server asks of the client: its settings (no schema store: nothing is fetched).
const settings = {
  validate: true,
  completion: true,
  hover: true,
  schemaStore: { enable: false },
  schemas: {},
};
function answer(message) {
  if (message.method === "workspace/configuration") {
    return message.params.items.map((item) => (item.section === "yaml" ? settings : null));
  }
  return null;
}

let buffer = Buffer.alloc(0);
child.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString("utf8"));
    buffer = buffer.subarray(end + 4 + length);
    if (message.id !== undefined && message.method) {
      send({ id: message.id, result: answer(message) });
    } else if (message.id !== undefined) {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) call?.reject(new Error(JSON.stringify(message.error)));
      else call?.resolve(message.result);
    } else if (message.method === "textDocument/publishDiagnostics") {
      diagnostics.set(message.params.uri, message.params.diagnostics);
      for (const w of waiting.filter((w) => w.uri === message.params.uri)) w.resolve(message.params.diagnostics);
    }
  }
});

/** The diagnostics the server publishes for `uri` after `open` (each open is a new version). */
function diagnosticsOf(uri) {
  return new Promise((resolve) => waiting.push({ uri, resolve }));
}

let version = 0;
async function open(file, text) {
  const uri = pathToFileURL(file).href;
  const published = diagnosticsOf(uri);
  notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: ++version, text } });
  return { uri, diagnostics: await published };
}

let failures = 0;
const check = (ok, message) => {
  if (ok) console.log(`lsp: ${message}`);
  else {
    failures += 1;
    console.error(`FAIL ${message}`);
  }
};

/** The labels completion offers at the start of the last line of `text`. */
async function completion(uri, text) {
  const lines = text.split("\n");
  const result = await request("textDocument/completion", {
    textDocument: { uri },
    position: { line: lines.length - 1, character: 0 },
  });
  return (Array.isArray(result) ? result : (result?.items ?? [])).map((item) => item.label);
}

// --- the session ---------------------------------------------------------------------
const rootUri = pathToFileURL(project).href;
await request("initialize", {
  processId: process.pid,
  rootUri,
  workspaceFolders: [{ uri: rootUri, name: "project" }],
  capabilities: {
    workspace: { configuration: true },
    textDocument: {
      completion: { completionItem: { snippetSupport: true } },
      publishDiagnostics: {},
    },
  },
});
notify("initialized", {});
notify("workspace/didChangeConfiguration", { settings: { yaml: settings } });

const records = path.join(project, "data/inspections");
const made = fs.readdirSync(records).find((name) => name.endsWith(".yaml"));
const modeline = fs.readFileSync(path.join(records, made), "utf8").split("\n")[0];
check(
  modeline === "# yaml-language-server: $schema=../../schemas/record.schema.json",
  `the record respond new wrote starts with the schema line: ${modeline}`,
);

// A new record with only the schema line: completion on the empty line offers every field.
const blank = `${modeline}\n`;
const empty = await open(path.join(records, "2024-01-01-empty.yaml"), blank);
const offered = await completion(empty.uri, blank);
for (const field of ["title", "published", "type", "key_findings", "recommendations", "responses", "response_published"]) {
  check(offered.includes(field), `completion on a new line of a new record offers \`${field}\``);
}
check(!offered.includes("titel"), "completion offers only the record's fields");

// The record `new` wrote: no problem, and completion offers the fields it does not have yet.
const text = fs.readFileSync(path.join(records, made), "utf8");
const written = await open(path.join(records, made), `${text}\n`);
check(written.diagnostics.length === 0, `the record respond new wrote has no problems (${JSON.stringify(written.diagnostics.map((d) => d.message))})`);
const more = await completion(written.uri, `${text}\n`);
check(more.includes("reference") && more.includes("copies_sent"), "completion in it offers `reference` and `copies_sent`");
check(!more.includes("title"), "completion does not offer `title` again");

// An unknown field is marked, on its own line.
const typo = `${modeline}\ntitel: Race and Policing\npublished: 2023-08-25\ntype: national-thematic\nkey_findings: Found.\n`;
const wrong = await open(path.join(records, "2023-08-25-typo.yaml"), typo);
const unknown = wrong.diagnostics.filter((d) => /titel/.test(d.message) && d.range.start.line === 1);
check(unknown.length === 1, `an unknown field is marked at line 2: ${JSON.stringify(wrong.diagnostics.map((d) => [d.range.start.line + 1, d.message]))}`);
const unknownType = await open(path.join(records, "2023-08-25-type.yaml"), typo.replace("titel", "title").replace("national-thematic", "national-thematics"));
check(
  unknownType.diagnostics.some((d) => d.range.start.line === 3),
  `an unknown type is marked at line 4: ${JSON.stringify(unknownType.diagnostics.map((d) => [d.range.start.line + 1, d.message]))}`,
);

// The office file, with its own schema line.
const office = `# yaml-language-server: $schema=../schemas/office.schema.json\n${fs.readFileSync(path.join(project, "data/office.yaml"), "utf8")}\n`;
const opened = await open(path.join(project, "data/office.yaml"), office);
check(opened.diagnostics.length === 0, `the office file with its schema line has no problems (${JSON.stringify(opened.diagnostics.map((d) => d.message))})`);
const officeFields = await completion(opened.uri, office);
check(officeFields.includes("site_url"), "completion in the office file offers `site_url`");

await request("shutdown", null);
notify("exit", null);
clearTimeout(timer);
if (failures > 0) {
  console.error(`lsp: ${failures} failure(s)`);
  process.exit(1);
}
