#!/usr/bin/env node
// Accessibility and self-containment check for the HTML pages `respond` writes.
//
//   node tests/a11y/check.mjs <out-dir> [--screenshot <png-path>] [--screenshot-page <file.html>]
//
// For every *.html directly in <out-dir> (sorted), in headless Chromium:
//   - the page must make no network request (anything not file:, data:, about:,
//     blob:) — such requests are aborted and reported;
//   - axe-core must find no WCAG 2.0/2.1/2.2 A or AA violation;
//   - axe-core best-practice findings are printed as warnings only;
//   - at 320 and 390 px nothing may scroll sideways (the page or a part of it),
//     and every table must still be a table in the accessibility tree.
// Then it saves full-page PNG screenshots of one page: desktop (1280x900),
// mobile (390x844, "-mobile" suffix), the narrowest reflow width (320x640,
// "-narrow" suffix) and print media ("-print" suffix); and of index.html, when
// there is one, at the same three screen widths ("-index" suffix before them).
//
// Exit status: 0 all pages clean, 1 a page failed (or the browser could not run),
// 2 usage error or no HTML files in <out-dir>.

import { readFile, readdir, stat, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import process from 'node:process';

const require = createRequire(import.meta.url);

const USAGE =
  'usage: node tests/a11y/check.mjs <out-dir> [--screenshot <png-path>] [--screenshot-page <file.html>]';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DESKTOP = { width: 1280, height: 900 };
const MOBILE = { width: 390, height: 844 };
const NARROW = { width: 320, height: 640 };
// The print screenshot uses an A4-wide viewport (210 mm at 96 dpi) so it looks
// like what a printer gets rather than a 1280 px wide screen with print CSS.
const PRINT = { width: 794, height: 1123 };
const SNIPPET_MAX = 200;
const NAV_TIMEOUT_MS = 30_000;
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'about:', 'blob:']);

function usage(msg) {
  if (msg) console.error(`check.mjs: ${msg}`);
  console.error(USAGE);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { outDir: null, screenshot: 'target/a11y/screenshot.png', screenshotPage: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v === '') usage(`${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--screenshot') opts.screenshot = value();
    else if (a.startsWith('--screenshot=')) opts.screenshot = a.slice('--screenshot='.length);
    else if (a === '--screenshot-page') opts.screenshotPage = value();
    else if (a.startsWith('--screenshot-page=')) opts.screenshotPage = a.slice('--screenshot-page='.length);
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (opts.outDir === null) opts.outDir = a;
    else usage(`unexpected argument ${a}`);
  }
  if (opts.outDir === null) usage('missing <out-dir>');
  if (!opts.screenshot) usage('--screenshot needs a value');
  return opts;
}

function oneLine(s, max = SNIPPET_MAX) {
  const flat = String(s ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function withSuffix(file, suffix) {
  const ext = path.extname(file);
  return ext ? `${file.slice(0, -ext.length)}${suffix}${ext}` : `${file}${suffix}`;
}

function printViolations(violations, indent) {
  for (const v of violations) {
    console.log(`${indent}${v.id} [${v.impact ?? 'n/a'}] ${v.help}`);
    console.log(`${indent}  ${oneLine(v.description, 400)}`);
    for (const node of v.nodes) {
      const target = node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', ');
      console.log(`${indent}  - target: ${target}`);
      console.log(`${indent}    html:   ${oneLine(node.html)}`);
      if (node.failureSummary) {
        console.log(`${indent}    why:    ${oneLine(node.failureSummary, 400)}`);
      }
    }
  }
}

async function listPages(outDir) {
  let st;
  try {
    st = await stat(outDir);
  } catch {
    usage(`${outDir}: no such directory`);
  }
  if (!st.isDirectory()) usage(`${outDir}: not a directory`);
  const entries = await readdir(outDir, { withFileTypes: true });
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.toLowerCase().endsWith('.html'))
    .map((e) => e.name)
    .sort();
}

// Opens `file` in a fresh context with request policing. Returns the page and
// the lists that the listeners fill in while it lives.
async function openPage(browser, file, viewport) {
  const context = await browser.newContext({
    viewport,
    // A page's own Content-Security-Policy must not stop axe from being injected.
    bypassCSP: true,
    serviceWorkers: 'block',
    javaScriptEnabled: true,
  });
  const fileUrl = pathToFileURL(path.resolve(file)).href;
  const log = { network: [], localLoads: [], consoleErrors: [], pageErrors: [] };
  const seen = new Set();
  const noteNetwork = (url) => {
    if (!seen.has(url)) {
      seen.add(url);
      log.network.push(url);
    }
  };
  log.noteNetwork = noteNetwork;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    let scheme;
    try {
      scheme = new URL(url).protocol;
    } catch {
      scheme = '';
    }
    if (LOCAL_SCHEMES.has(scheme)) {
      if (scheme === 'file:' && url.split('#')[0] !== fileUrl) log.localLoads.push(url);
      return route.continue();
    }
    noteNetwork(url);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(/.*/, (ws) => {
    noteNetwork(ws.url());
    return ws.close();
  });
  const page = await context.newPage();
  // Backstop: anything the router did not see (it should see everything).
  page.on('request', (req) => {
    const url = req.url();
    let scheme = '';
    try {
      scheme = new URL(url).protocol;
    } catch {}
    if (!LOCAL_SCHEMES.has(scheme)) noteNetwork(url);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => log.pageErrors.push(String(err?.message ?? err)));
  await page.goto(fileUrl, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
  return { context, page, log };
}

async function runAxe(page, axeSource, runOnly) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) {
    await page.addScriptTag({ content: axeSource });
  }
  return page.evaluate(
    async (options) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, options);
      const slim = (list) =>
        list.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          description: v.description,
          nodes: v.nodes.map((n) => ({
            target: n.target,
            html: n.html,
            failureSummary: n.failureSummary,
          })),
        }));
      return { violations: slim(r.violations), incomplete: slim(r.incomplete) };
    },
    { runOnly, resultTypes: ['violations', 'incomplete'] },
  );
}

// WCAG 1.4.10 Reflow: content must fit 320 CSS px without sideways scrolling
// (tables, maps, diagrams exempt). Reported as a warning, not a failure.
const REFLOW_WIDTH = 320;
async function reflowOverflow(page) {
  await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
  try {
    return await page.evaluate((limit) => {
      const root = document.documentElement;
      if (root.scrollWidth <= limit + 1) return null;
      const offenders = [];
      for (const el of document.body ? document.body.querySelectorAll('*') : []) {
        const right = Math.round(el.getBoundingClientRect().right + window.scrollX);
        if (right <= limit + 1) continue;
        const parent = el.parentElement;
        const parentRight = parent ? parent.getBoundingClientRect().right + window.scrollX : 0;
        // Outermost element that sticks out (its parent still fits).
        if (parent && parent !== document.body && parentRight > limit + 1) continue;
        offenders.push({ right, html: el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1) });
        if (offenders.length >= 3) break;
      }
      return { scrollWidth: root.scrollWidth, offenders };
    }, REFLOW_WIDTH);
  } finally {
    await page.setViewportSize(DESKTOP);
  }
}

// On a phone (320 and 390 px) nothing may scroll sideways, neither the page nor a
// part of it: a scroll region hides what is off to the side with no cue on a
// touch screen. And a table restyled to fit stays a table to a screen reader
// (headers and cells in the accessibility tree). Failures, not warnings.
const PHONE_WIDTHS = [320, 390];
async function phoneProblems(page) {
  const problems = [];
  try {
    for (const width of PHONE_WIDTHS) {
      await page.setViewportSize({ width, height: 640 });
      const found = await page.evaluate((limit) => {
        const out = [];
        const root = document.documentElement;
        if (root.scrollWidth > limit + 1) out.push(`the page is ${root.scrollWidth} px wide`);
        for (const el of document.body ? document.body.querySelectorAll('*') : []) {
          const overflow = getComputedStyle(el).overflowX;
          if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
            const tag = el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1);
            out.push(`${tag} scrolls sideways (${el.scrollWidth} px in ${el.clientWidth} px)`);
          }
        }
        return out;
      }, width);
      problems.push(...found.map((f) => `at ${width} px ${f}`));
      for (const table of await page.locator('table').all()) {
        const tree = await table.ariaSnapshot();
        if (!/^- table\b/.test(tree) || !/- (columnheader|rowheader)\b/.test(tree) || !/- cell\b/.test(tree)) {
          problems.push(`at ${width} px a table is not a table to a screen reader:\n${tree}`);
        }
      }
    }
  } finally {
    await page.setViewportSize(DESKTOP);
  }
  return problems;
}

async function checkPage(browser, file, display, axeSource) {
  const { context, page, log } = await openPage(browser, file, DESKTOP);
  try {
    const wcag = await runAxe(page, axeSource, { type: 'tag', values: WCAG_TAGS });
    const bp = await runAxe(page, axeSource, { type: 'tag', values: ['best-practice'] });
    const reflow = await reflowOverflow(page);
    const phone = await phoneProblems(page);
    // Make lazy images/frames load now, and note hints that open connections
    // without a request the router would see.
    const hinted = await page.evaluate(() => {
      for (const el of document.querySelectorAll('[loading="lazy"]')) el.loading = 'eager';
      return [...document.querySelectorAll('link[rel][href]')]
        .filter((l) => /\b(preconnect|dns-prefetch|prerender)\b/i.test(l.rel))
        .map((l) => l.href);
    });
    for (const url of hinted) {
      let scheme = '';
      try {
        scheme = new URL(url).protocol;
      } catch {}
      if (!LOCAL_SCHEMES.has(scheme)) log.noteNetwork(url);
    }
    // Let late requests (lazy images, timers) surface before judging the page.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});

    const nViol = wcag.violations.length;
    const nNet = log.network.length;
    const failed = nViol > 0 || nNet > 0 || phone.length > 0;
    if (!failed) {
      console.log(`ok  ${display}`);
    } else {
      const parts = [];
      parts.push(`${nViol} violation${nViol === 1 ? '' : 's'}`);
      if (nNet > 0) parts.push(`${nNet} network request${nNet === 1 ? '' : 's'}`);
      if (phone.length > 0) parts.push(`${phone.length} problem${phone.length === 1 ? '' : 's'} on a phone`);
      console.log(`FAIL ${display}: ${parts.join(', ')}`);
    }
    for (const url of log.network) {
      console.log(`    network request (page is not self-contained): ${oneLine(url)}`);
    }
    printViolations(wcag.violations, '    ');
    for (const p of phone) console.log(`    on a phone: ${p}`);
    for (const url of [...new Set(log.localLoads)]) {
      console.log(`    warning: loads a local file (page is not self-contained): ${oneLine(url)}`);
    }
    if (bp.violations.length > 0) {
      console.log(`    warning: ${bp.violations.length} best-practice finding(s) (not a failure):`);
      printViolations(bp.violations, '      ');
    }
    if (reflow) {
      console.log(
        `    warning: at ${REFLOW_WIDTH} px wide the page scrolls sideways (${reflow.scrollWidth} px);` +
          ' WCAG 1.4.10 Reflow allows that only for tables and the like. Widest parts:',
      );
      for (const o of reflow.offenders) console.log(`      - ${o.right} px: ${oneLine(o.html)}`);
    }
    const review = [...new Set(wcag.incomplete.map((v) => v.id))];
    if (review.length > 0) {
      console.log(`    note: axe could not decide (check by hand): ${review.join(', ')}`);
    }
    for (const e of log.pageErrors) console.log(`    warning: script error: ${oneLine(e)}`);
    // Blocked requests are reported above; Chromium also logs each as a console error.
    const consoleErrors = [...new Set(log.consoleErrors)].filter((e) => !/ERR_BLOCKED_BY_CLIENT/.test(e));
    for (const e of consoleErrors) console.log(`    warning: console error: ${oneLine(e)}`);
    return !failed;
  } finally {
    await context.close();
  }
}

async function screenshot(browser, file, png, viewport, media) {
  const { context, page } = await openPage(browser, file, viewport);
  try {
    if (media) await page.emulateMedia({ media });
    await page.screenshot({ path: png, fullPage: true, animations: 'disabled' });
  } finally {
    await context.close();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const pages = await listPages(opts.outDir);
  if (pages.length === 0) {
    console.error(`check.mjs: no *.html files in ${opts.outDir}`);
    process.exit(2);
  }

  let shotPage;
  if (opts.screenshotPage !== null) {
    const name = opts.screenshotPage;
    if (pages.includes(name)) shotPage = path.join(opts.outDir, name);
    else if (pages.includes(path.basename(name)) &&
             path.resolve(name) === path.resolve(opts.outDir, path.basename(name))) {
      shotPage = path.join(opts.outDir, path.basename(name));
    } else usage(`--screenshot-page ${name}: not an HTML file in ${opts.outDir}`);
  } else {
    shotPage = path.join(opts.outDir, pages.find((p) => p !== 'index.html') ?? pages[0]);
  }

  let axeSource;
  let chromium;
  try {
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    console.error(`check.mjs: Node dependencies missing (${e.message}).`);
    console.error('  run: npm ci --prefix tests/a11y --no-audit --no-fund');
    process.exit(1);
  }

  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      // launch() (unlike launchPersistentContext) starts Chromium on a fresh,
      // throw-away user-data-dir in the temp folder and deletes it on close.
      timeout: 60_000,
    });
  } catch (e) {
    console.error(`check.mjs: could not start Chromium at ${CHROMIUM}: ${oneLine(e.message, 600)}`);
    console.error('  install it with: apt-get update && apt-get install -y chromium');
    process.exit(1);
  }

  let allOk = true;
  try {
    console.log(`axe-core ${JSON.parse(await readFile(require.resolve('axe-core/package.json'), 'utf8')).version}, Chromium ${browser.version()}: checking ${pages.length} page(s) in ${opts.outDir}`);
    for (const name of pages) {
      const file = path.join(opts.outDir, name);
      try {
        if (!(await checkPage(browser, file, file, axeSource))) allOk = false;
      } catch (e) {
        allOk = false;
        console.log(`FAIL ${file}: could not be checked: ${oneLine(e.message, 600)}`);
      }
    }

    try {
      await mkdir(path.dirname(path.resolve(opts.screenshot)), { recursive: true });
      const screens = (file, base) => [
        [file, base, DESKTOP, null],
        [file, withSuffix(base, '-mobile'), MOBILE, null],
        [file, withSuffix(base, '-narrow'), NARROW, null],
      ];
      const shots = [
        ...screens(shotPage, opts.screenshot),
        [shotPage, withSuffix(opts.screenshot, '-print'), PRINT, 'print'],
      ];
      if (pages.includes('index.html')) {
        shots.push(...screens(path.join(opts.outDir, 'index.html'), withSuffix(opts.screenshot, '-index')));
      }
      for (const [file, png, viewport, media] of shots) {
        await screenshot(browser, file, png, viewport, media);
      }
      for (const file of [...new Set(shots.map((s) => s[0]))]) {
        const pngs = shots.filter((s) => s[0] === file).map((s) => s[1]);
        console.log(`screenshots of ${file}: ${pngs.join(', ')}`);
      }
    } catch (e) {
      allOk = false;
      console.log(`FAIL screenshot of ${shotPage}: ${oneLine(e.message, 600)}`);
    }
  } finally {
    await browser.close();
  }

  const failed = allOk ? 0 : 1;
  console.log(allOk ? `a11y: all ${pages.length} page(s) passed` : 'a11y: FAILED');
  process.exitCode = failed;
}

main().catch((e) => {
  console.error(`check.mjs: ${e?.stack ?? e}`);
  process.exit(1);
});
