// Drives Debian's Chromium through the Hawtio console of a running bridge, for ConsoleBrowserTest.
// It only navigates, clicks and records: each view's visible text goes to <OUT_DIR>/<step>.txt and a screenshot to
// <OUT_DIR>/<step>.png; the Java test makes the assertions on those files.
// Env: CONSOLE_URL (http://127.0.0.1:<port>/hawtio), CONSOLE_USER, CONSOLE_PASSWORD, TRAFFIC_URL (a bridge URL
// that runs ROUTE), ROUTE (route id whose diagram and trace are opened), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// STEPS ("all", default, or "views": stop after the diagram, for the read-only policy where tracing is refused),
// HOLD_SECONDS (bench/console-startup.sh: keep the console open on the routes view that long, printing step=holding),
// TRAFFIC_HEADERS (JSON object of headers sent with the traffic, e.g. an X-API-Key the trace must show masked),
// LABEL_ROUTE (a second route whose diagram node labels and attributes are recorded after step 3).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const env = (k, d) => { const v = process.env[k] ?? d; if (v === undefined) throw new Error(`missing env ${k}`); return v; };
const base = env('CONSOLE_URL');
const route = env('ROUTE');
const out = env('OUT_DIR');
const userDataDir = fs.mkdtempSync(path.join(out, 'chromium-profile-'));
fs.mkdirSync(out, { recursive: true });

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: env('CHROMIUM', '/usr/bin/chromium'),
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
context.setDefaultTimeout(30000);
const page = context.pages()[0] ?? await context.newPage();
const problems = [];
page.on('pageerror', e => problems.push(`pageerror: ${e.message}`));

async function record(step) {
  await page.screenshot({ path: path.join(out, `${step}.png`) });
  fs.writeFileSync(path.join(out, `${step}.txt`), await page.locator('body').innerText());
  console.log(`step=${step} url=${page.url()}`);
}

async function traffic(times) {
  for (let i = 0; i < times; i++) {
    const r = await fetch(env('TRAFFIC_URL'), { headers: JSON.parse(env('TRAFFIC_HEADERS', '{}')) });
    await r.text();
    if (!r.ok) throw new Error(`traffic ${env('TRAFFIC_URL')} answered ${r.status}`);
  }
}

try {
  // 1. Log in through the form.
  await page.goto(`${base}/login`);
  await page.fill('#pf-login-username-id', env('CONSOLE_USER'));
  await page.fill('#pf-login-password-id', env('CONSOLE_PASSWORD'));
  await page.click('button[type=submit]');
  await page.waitForURL(u => !u.pathname.endsWith('/login'));
  await page.locator('text=Camel').first().waitFor();
  // Hawtio 4.2 may land on the Connect page or on the Camel contexts table; record the contexts table loaded.
  await page.goto(`${base}/camel/contexts`);
  await page.locator('main table').getByText('Started').first().waitFor();
  await record('01-logged-in');

  // 2. The Camel plugin's routes view: every route of the context with its counters.
  const tree = page.locator('.pf-v5-c-tree-view');
  await tree.getByText('routes', { exact: true }).first().click();
  await page.locator('main table').getByText(route, { exact: true }).first().waitFor();
  await record('02-routes');

  // 3. The route's diagram, with its live per-step counts.
  await page.getByText('Expand all').click();
  await tree.getByText(route, { exact: true }).first().click();
  await page.locator(`a.pf-v5-c-nav__link[href$="/camel/routeDiagram"]`).click();
  await page.locator('.react-flow__node').first().waitFor();
  // the per-step counts arrive with the next statistics poll, after the nodes are drawn
  await page.waitForFunction(() => /\d+\s+From /.test(document.body.innerText), null, { timeout: 20000 }).catch(() => {});
  await record('03-route-diagram');

  // 3b. With LABEL_ROUTE: that route's diagram too, its node labels one per line (<step>-nodes.txt), and its
  //     attributes (the route's description as Hawtio shows it).
  const labelRoute = process.env.LABEL_ROUTE;
  if (labelRoute) {
    await tree.getByText(labelRoute, { exact: true }).first().click();
    await page.locator(`a.pf-v5-c-nav__link[href$="/camel/routeDiagram"]`).click();
    await page.locator('.react-flow__node').first().waitFor();
    await page.waitForFunction(r => document.body.innerText.includes(r), labelRoute);
    await page.waitForFunction(() => /\d+\s+From /.test(document.body.innerText), null, { timeout: 20000 }).catch(() => {});
    // each node's label as drawn (counts first), one per line
    const labels = await page.locator('.react-flow__node').allInnerTexts();
    const lines = labels.map(l => l.replace(/\s+/g, ' ').trim());
    fs.writeFileSync(path.join(out, '03b-label-route-nodes.txt'), lines.join('\n'));
    await record('03b-label-route-diagram');
    await page.locator(`a.pf-v5-c-nav__link[href$="/camel/attributes"]`).click();
    await page.locator('main table').getByText('Description', { exact: true }).first().waitFor();
    await record('03c-label-route-attributes');
    // back to the traced route for the steps below
    await tree.getByText(route, { exact: true }).first().click();
  }

  // 4. Trace: start tracing, send traffic through the route, see the traced messages, stop tracing.
  if (env('STEPS', 'all') !== 'views') {
    await page.locator(`a.pf-v5-c-nav__link[href$="/camel/trace"]`).click();
    await page.getByRole('button', { name: /start tracing/i }).click();
    await page.getByRole('button', { name: /stop tracing/i }).waitFor();
    await traffic(3);
    await page.locator('main table tbody tr').first().waitFor();
    await record('04-trace');
    // 5. With TRAFFIC_HEADERS: the oldest traced message (the first exchange entering the route, with the request's
    //    headers) opened, as an operator reads its headers (credentials must show masked).
    if (env('TRAFFIC_HEADERS', '{}') !== '{}') {
      await page.locator('main table tbody tr').last().locator('a, button').first().click();
      await page.getByText(/uid:/i).first().waitFor();
      await page.locator('table').filter({ hasText: 'Key' }).last().locator('tbody tr').first().waitFor();
      await record('05-trace-message');
    }
    await page.getByRole('button', { name: /stop tracing/i }).click();
  }

  const hold = Number(env('HOLD_SECONDS', '0'));
  if (hold > 0) {
    await page.locator(`a.pf-v5-c-nav__link[href$="/camel/routeDiagram"]`).click();
    console.log('step=holding');
    await page.waitForTimeout(hold * 1000);
  }
} catch (e) {
  problems.push(`failed: ${e.message.split('\n')[0]}`);
  await record('99-failure').catch(() => {});
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
