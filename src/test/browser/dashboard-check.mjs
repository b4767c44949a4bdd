// Drives Debian's Chromium through the bridge's dashboard page, for DashboardBrowserTest.
// It navigates, clicks and records: per step the visible text (<OUT_DIR>/<step>.txt), a screenshot (<step>.png), and
// the figures the Java test asserts on in <OUT_DIR>/results.json (rows shown against the API's answers, chart points,
// conditional-request counts, the first full render time, downloads). It asserts nothing itself but fails on a page
// error or a Content-Security-Policy violation.
// Env: BASE_URL (http://127.0.0.1:<port>), API_KEY, OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// SIM_ROOT_URL and SIM_ADMIN_TOKEN (the simulator's /__sim admin endpoint: fault injection; unset = no fault step),
// MODE ("full", default; "simulated": sign in, record the banner, measure the first render, stop; "nodata": sign in
// while the bridge has no data, record the no-data state, clear the simulator's faults, wait for the data).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const env = (k, d) => { const v = process.env[k] ?? d; if (v === undefined) throw new Error(`missing env ${k}`); return v; };
const base = env('BASE_URL');
const out = env('OUT_DIR');
const mode = env('MODE', 'full');
fs.mkdirSync(out, { recursive: true });
const userDataDir = fs.mkdtempSync(path.join(out, 'chromium-profile-'));
const results = { steps: [] };
const problems = [];

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: env('CHROMIUM', '/usr/bin/chromium'),
  headless: true,
  viewport: { width: 1440, height: 900 },
  acceptDownloads: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
context.setDefaultTimeout(20000);
const page = context.pages()[0] ?? await context.newPage();
page.on('pageerror', e => problems.push(`pageerror: ${e.message}`));
page.on('console', m => {
  if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
});
const requests = [];
page.on('request', r => requests.push(r.url()));

async function record(step, fullPage = true) {
  await page.screenshot({ path: path.join(out, `${step}.png`), fullPage });
  fs.writeFileSync(path.join(out, `${step}.txt`), await page.locator('body').innerText());
  results.steps.push(step);
  console.log(`step=${step}`);
}

const stats = () => page.evaluate(() => ({ ...window.dashboardStats }));
const attr = (sel, name) => page.locator(sel).getAttribute(name);

/** The API's answer for a path, fetched by the page itself (its session cookie; same moment as the DOM is read). */
const api = p => page.evaluate(async u => {
  const r = await fetch(u, { cache: 'no-store' });
  return { status: r.status, body: r.status === 200 ? await r.json() : null };
}, p);

/** Rows and chart points each panel shows, next to the row count of the same request made now. */
async function compareWithApi() {
  const panels = {
    daily: '/api/stock-timeline?days=14', top: '/api/top-products?sort=cantidad&limit=10&tipo=salida',
    trends: '/api/trends?months=6', byProvider: '/api/stock-by-provider?limit=10', weekly: '/api/weekly-sales?weeks=8',
    critical: '/api/critical-stock?limit=1000', providers: '/api/providers?sort=valor_stock&order=desc',
  };
  const seen = {};
  for (const [id, p] of Object.entries(panels)) {
    // a snapshot may land between the DOM read and the API call: take the first pair that agrees, at most 3 tries
    for (let i = 0; i < 3; i++) {
      const rows = Number(await attr(`#panel-${id}`, 'data-rows'));
      const tableRows = await page.locator(`#${id}-table tbody tr`).count();
      const points = await page.locator(`#${id}-chart`).count() ? Number(await attr(`#${id}-chart`, 'data-points')) : null;
      const answer = await api(p);
      const apiRows = id === 'trends' ? answer.body.valor_mensual.length : answer.body.length;
      seen[id] = { rows, tableRows, points, apiRows, status: answer.status };
      if (rows === apiRows) break;
      await page.click('#refresh');
      await page.waitForTimeout(500);
    }
  }
  const summary = (await api('/api/summary')).body;
  seen.kpis = {
    valor: await page.locator('#kpi-valor dd').innerText(),
    critico: await page.locator('#kpi-critico dd').innerText(),
    api: { valor_inventario: summary.valor_inventario, productos_stock_critico: summary.productos_stock_critico },
  };
  return seen;
}

async function waitForCycle(after) {
  await page.waitForFunction(n => Number(document.body.dataset.cycles || 0) > n, after, { timeout: 20000 });
}

try {
  // 1. The sign-in form; a wrong key shows an error and no session.
  await page.goto(`${base}/`);
  await page.locator('#signin-form').waitFor();
  await page.fill('#apikey', 'not-the-key');
  await page.press('#apikey', 'Enter');
  await page.locator('#signin-error').filter({ hasText: /\S/ }).waitFor();
  results.wrongKeyError = await page.locator('#signin-error').innerText();
  results.keyFieldEmptyAfterSubmit = (await page.inputValue('#apikey')) === '';
  await record('01-wrong-key', false);

  // 2. Sign in with the key (keyboard only), wait for the first full render.
  await page.fill('#apikey', env('API_KEY'));
  await page.press('#apikey', 'Enter');
  if (mode === 'nodata') {
    // the bridge has no complete sync yet: the page says so, then shows the data once the deposito answers
    await page.locator('#nodata').waitFor({ state: 'visible' });
    results.noData = await page.locator('#nodata').innerText();
    await record('02-no-data', false);
    const cleared = await fetch(`${env('SIM_ROOT_URL')}/__sim/faults`, { method: 'DELETE',
      headers: { 'X-Sim-Admin-Token': env('SIM_ADMIN_TOKEN') } });
    results.faultsCleared = cleared.status;
    await page.waitForSelector('body[data-ready="true"]', { timeout: 90000 });
    results.recovered = { nodataHidden: await page.locator('#nodata').isHidden(),
      kpis: await page.locator('#kpi-list .kpi').count() };
    await record('03-recovered', false);
    throw new Error('__done__');
  }
  await page.waitForSelector('body[data-ready="true"]');
  results.bannerAfterSignIn = { text: await page.locator('#banner').innerText(), stale: await attr('#banner', 'data-stale'),
    source: await attr('#banner', 'data-source'), hidden: await page.locator('#banner').isHidden() };
  await record('02-signed-in-1440');
  results.storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })
    + document.cookie + location.href + document.documentElement.outerHTML);

  // 3. First full render time of a signed-in visit (the session cookie is there; a fresh page load).
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  results.firstRenderMs = (await stats()).firstRenderMs;
  results.navigation = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').filter(r => r.name.includes('/assets/'));
    const api = performance.getEntriesByType('resource')
      .map(r => `${r.name.replace(location.origin, '')} start=${Math.round(r.startTime)} ms=${Math.round(r.duration)}`);
    const nav = `request=${Math.round(n.requestStart)} response=${Math.round(n.responseEnd)} domInteractive=${Math.round(n.domInteractive)}`;
    return { api, nav, domContentLoaded: Math.round(n.domContentLoadedEventEnd), transfer: n.transferSize + res.reduce((s, r) => s + r.transferSize, 0),
      encoded: n.encodedBodySize + res.reduce((s, r) => s + r.encodedBodySize, 0) };
  });

  if (mode === 'simulated') {
    await record('03-default-data-1440');
    // what a person sees first, at both widths (docs/images)
    await page.screenshot({ path: path.join(out, 'view-1440.png') });
    await page.setViewportSize({ width: 360, height: 780 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, 'view-360.png') });
    throw new Error('__done__');
  }

  // 4. Every chart and table against the API.
  results.panels = await compareWithApi();

  // 5. Conditional requests: an immediate second refresh downloads nothing that did not change.
  results.etag = [];
  for (let i = 0; i < 6; i++) {
    const cycles = Number(await attr('body', 'data-cycles'));
    await page.click('#refresh');
    await waitForCycle(cycles);
    const before = await stats();
    await page.click('#refresh');
    await waitForCycle(cycles + 1);
    const after = await stats();
    const round = { requests: after.requests - before.requests, notModified: after.notModified - before.notModified,
      downloaded: after.downloaded - before.downloaded };
    results.etag.push(round);
    if (round.downloaded === 0) break;
  }

  // 6. A filter changes a chart: top products 10 -> 5, then by value.
  results.filter = { pointsBefore: Number(await attr('#top-chart', 'data-points')) };
  await page.selectOption('#top-limit', '5');
  await page.waitForFunction(() => document.querySelector('#top-chart').dataset.points === '5');
  await page.selectOption('#top-sort', 'valor');
  await page.waitForFunction(() => /Valor/.test(document.querySelector('#top-chart .u-legend').innerText));
  results.filter.pointsAfter = Number(await attr('#top-chart', 'data-points'));
  results.filter.legend = await page.locator('#top-chart .u-legend').innerText();
  results.filter.axis = await page.locator('#top-chart').getAttribute('data-points');
  results.filter.csvHref = await attr('#top-csv', 'href');
  const topApi = (await api('/api/top-products?sort=valor&limit=5&tipo=salida')).body;
  results.filter.apiCodes = topApi.map(r => r.codigo);
  await page.click('#top-toggle');
  results.filter.tableCodes = await page.locator('#top-table tbody tr td:first-child').allInnerTexts();
  await record('03-filtered-top-products');

  // 7. Search in the critical-stock list narrows the rows.
  const firstName = await page.locator('#critical-table tbody tr td:nth-child(2)').first().innerText();
  await page.fill('#critical-search', firstName);
  await page.waitForFunction(n => Number(document.querySelector('#panel-critical').dataset.rows) >= 1
    && document.querySelector('#critical-table caption').innerText.includes(' de '), firstName);
  results.search = { term: firstName, rows: Number(await attr('#panel-critical', 'data-rows')) };
  await page.fill('#critical-search', '');

  // 8. CSV downloads: the bridge's export (providers) and one made on the page (weekly sales).
  for (const id of ['providers', 'weekly']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}-csv`)]);
    const file = path.join(out, `${id}.csv`);
    await download.saveAs(file);
    results[`${id}Csv`] = { file, suggested: download.suggestedFilename() };
  }

  // 9. English, then the table view, at 360 px wide.
  await page.selectOption('#lang', 'en');
  results.english = await page.locator('h1').innerText();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(300);
  results.overflow360 = await page.evaluate(() => document.documentElement.scrollWidth);
  await record('04-english-360');
  await page.selectOption('#lang', 'es');
  await page.setViewportSize({ width: 360, height: 800 });
  await record('05-spanish-360');
  await page.setViewportSize({ width: 1440, height: 900 });

  // 10. Keyboard: tabbing from the top reaches the controls and the first panel's toggle.
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const focused = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    focused.push(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName));
  }
  results.tabOrder = focused;

  // 11. A deposito fault: every call fails, the next cycles fail, the banner says stale.
  if (process.env.SIM_ROOT_URL) {
    const inject = await fetch(`${env('SIM_ROOT_URL')}/__sim/faults`, { method: 'POST',
      headers: { 'X-Sim-Admin-Token': env('SIM_ADMIN_TOKEN'), 'Content-Type': 'text/plain' }, body: 'status:500@all' });
    results.faultInjected = inject.status;
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline && (await attr('#banner', 'data-stale')) !== 'true') {
      await page.click('#refresh');
      await page.waitForTimeout(1000);
    }
    results.staleBanner = { stale: await attr('#banner', 'data-stale'), text: await page.locator('#banner').innerText(),
      hidden: await page.locator('#banner').isHidden() };
    await record('06-stale-banner', false);
    await fetch(`${env('SIM_ROOT_URL')}/__sim/faults`, { method: 'DELETE', headers: { 'X-Sim-Admin-Token': env('SIM_ADMIN_TOKEN') } });
  }

  // 12. Sign out: back to the form; the API refuses the old session.
  await page.click('#signout');
  await page.locator('#signin-form').waitFor();
  results.afterSignOut = (await api('/api/summary')).status;
  await record('07-signed-out', false);
} catch (e) {
  if (e.message !== '__done__') {
    problems.push(`failed: ${e.stack || e}`);
    try { await record('99-failure'); } catch (ignored) { /* the failure is what matters */ }
  }
} finally {
  results.problems = problems;
  results.otherOrigins = requests.filter(u => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:'));
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2));
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  console.log(`problems=${problems.length}`);
  for (const p of problems) console.log(p);
  process.exit(problems.length ? 1 : 0);
}
