#!/usr/bin/env node
// `respond serve` in a real browser (headless Chromium through playwright-core, from
// tests/a11y's Node dependencies):
//
//   node tests/serve/live.mjs <preview-url> <record.yaml> [<screenshot.png>]
//
// Opens the drafts' index of the preview, then, each without reloading the page by hand:
//   1. changes the record's title on disk: the new title is shown within 2 s;
//   2. breaks the record (a month 13): the page shows the problem with the record's file and
//      line within 2 s, and axe-core finds no WCAG 2.2 A or AA violation on that page (a
//      screenshot of it is saved, if asked);
//   3. fixes it again: the page shows the record within 2 s.
// Every request the browser makes must be to the preview's own address.
//
// Exit status: 0 all held, 1 one failed.

import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../a11y/package.json'));
const { chromium } = require('playwright-core');
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const [url, record, shot] = process.argv.slice(2);
if (!url || !record) {
  console.error('usage: node tests/serve/live.mjs <preview-url> <record.yaml>');
  process.exit(2);
}
const WITHIN_MS = 2000;
const origin = new URL(url).origin;
const shown = path.relative(path.resolve(path.dirname(record), '../..'), record);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  timeout: 60_000,
});
let failed = false;
const fail = (what) => {
  console.log(`serve: FAILED: ${what}`);
  failed = true;
};

try {
  const page = await browser.newPage();
  page.on('request', (request) => {
    const address = new URL(request.url());
    if (address.origin !== origin) fail(`a request left the preview: ${request.url()}`);
  });
  let loads = 0;
  page.on('load', () => {
    loads += 1;
  });
  // The page's script must be listening before a file changes.
  const listening = page.waitForRequest((r) => r.url().includes('/_respond/events'), { timeout: 5000 });
  await page.goto(`${url}drafts/`);
  await listening;
  const original = await readFile(record, 'utf8');
  const title = /^title: "(.*)"$/m.exec(original)?.[1];
  if (!title) throw new Error(`${record} has no quoted title`);
  if (!(await page.textContent('body')).includes(title)) fail(`the drafts' index lacks "${title}"`);
  const step = async (what, contents, expected) => {
    const before = loads;
    const started = Date.now();
    await writeFile(record, contents);
    try {
      await page.waitForFunction(
        (text) => document.body && document.body.innerText.includes(text),
        expected,
        { timeout: WITHIN_MS, polling: 50 },
      );
      const took = Date.now() - started;
      if (loads === before) fail(`${what}: the page changed without reloading`);
      else console.log(`serve: ${what}: shown after ${took} ms, by ${loads - before} reload(s)`);
    } catch {
      fail(`${what}: "${expected}" not shown within ${WITHIN_MS} ms; the page shows:\n` +
        (await page.textContent('body').catch(() => '(nothing)')));
    }
  };

  const retitled = 'PEEL 2025–27: Cumbria Constabulary, as revised';
  await step('a new title', original.replace(title, retitled), retitled);

  const broken = original.replace(title, retitled).replace(/^published: (\d{4})-\d\d-/m, 'published: $1-13-');
  await step('a broken record', broken, `--> ${shown}:`);
  const problem = (await page.innerText('pre')).split('\n').find((l) => l.includes(`--> ${shown}:`));
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  console.log(`serve: the page names the problem's place: ${problem}`);
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
  }));
  for (const v of axe.violations) fail(`the problems page: axe ${v.id}: ${v.help}`);
  if (axe.violations.length === 0) console.log('serve: the problems page: no WCAG 2.2 A or AA violation');

  await step('the record fixed', original, title);
} catch (e) {
  fail(e.message);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
