// SPDX-License-Identifier: GPL-3.0-or-later
// The day report against a scripted clinic day: tickets issued, called, started, finished and
// missed through the API at set times (the server's clock is injected from a file), then the
// figures from the API, the page and the CSV are checked against the script.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Server, setupClinic, openBrowser, login, screenshot } = require('./harness');

const MIN = 60000;
// 24 Nov 2026, 08:00 in São Paulo (UTC-3).
const DAY_START = Date.UTC(2026, 10, 24, 11, 0, 0);
let server; let clinic; let browser; let desk;

async function at(minute, action) {
  server.setClock(DAY_START + minute * MIN);
  return action();
}

before(async () => {
  server = await Server.create({ clockMs: DAY_START });
  clinic = setupClinic(server);
  desk = server.cli(['device', 'add', '--role', 'desk', '--name', 'Mesa roteiro']);
  await server.start();
  browser = await openBrowser();

  const { consulta, exames } = clinic.services;
  const { c1, coleta } = clinic.counters;
  const totem = clinic.tokens.totem;
  const call = async (counter, expected) => {
    const r = await server.api('POST', `/api/v1/counters/${counter}/call-next`, desk);
    assert.equal(r.body.ticket.code, expected.code);
  };
  const act = async (ticket, what) => assert.equal((await server.api('POST', `/api/v1/tickets/${ticket.id}/${what}`, desk)).status, 200);

  const n1 = await at(0, () => server.issue(totem, 1, consulta, 'normal'));
  const e1 = await at(2, () => server.issue(totem, 2, consulta, 'priority80'));
  await at(5, () => server.issue(totem, 3, consulta, 'normal'));
  const p1 = await at(6, () => server.issue(totem, 4, consulta, 'priority'));
  const x1 = await at(10, () => server.issue(totem, 5, exames, 'normal'));
  await at(12, () => call(c1, e1)); // waited 10 min
  await at(13, () => act(e1, 'start'));
  await at(25, () => act(e1, 'finish')); // 12 min in service
  await at(26, () => call(c1, p1)); // waited 20 min
  await at(27, () => act(p1, 'recall'));
  await at(28, () => act(p1, 'no-show'));
  await at(30, () => call(c1, n1)); // waited 30 min
  await at(31, () => act(n1, 'start'));
  await at(41, () => act(n1, 'finish')); // 10 min
  await at(45, () => call(coleta, x1)); // waited 35 min
  await at(46, () => act(x1, 'start'));
  await at(50, () => act(x1, 'finish')); // 4 min
  server.setClock(DAY_START + 60 * MIN);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const ms = (minutes) => (minutes === null ? null : Math.round(minutes * MIN));
// Visits (door to the end of the last stage) only in the per-class and total rows.
const figures = (issued, served, noShows, waitingNow, waitAvg, waitMedian, waitP90, serviceAvg, visitAvg = null, visitMedian = null) => ({
  issued, served, noShows, waitingNow,
  waitAvgMs: ms(waitAvg), waitMedianMs: ms(waitMedian), waitP90Ms: ms(waitP90), serviceAvgMs: ms(serviceAvg),
  overLimit: 0, visitAvgMs: ms(visitAvg), visitMedianMs: ms(visitMedian),
});

test('the JSON report has the scripted day’s figures', async () => {
  const r = await server.api('GET', '/api/v1/reports/day', desk);
  assert.equal(r.status, 200);
  const report = r.body;
  assert.equal(report.day, '2026-11-24');
  const row = (name, priority) => {
    const found = report.rows.find((x) => x.serviceName === name && x.priority === priority);
    assert.ok(found, `row ${name}/${priority}`);
    const { serviceId, serviceName, priority: p, ...rest } = found;
    return rest;
  };
  const strip = ({ serviceId, serviceName, priority, ...rest }) => rest;
  assert.deepEqual(row('Consulta médica', 'priority80'), figures(1, 1, 0, 0, 10, 10, 10, 12));
  assert.deepEqual(row('Consulta médica', 'priority'), figures(1, 0, 1, 0, 20, 20, 20, null));
  assert.deepEqual(row('Consulta médica', 'normal'), figures(2, 1, 0, 1, 30, 30, 30, 10));
  assert.deepEqual(row('Exames', 'normal'), figures(1, 1, 0, 0, 35, 35, 35, 4));
  assert.equal(report.rows.length, 4);
  const byClass = Object.fromEntries(report.classes.map((c) => [c.priority, strip(c)]));
  // Visits: 80+ from 2 to 25; normal from 0 to 41 and from 10 to 50.
  assert.deepEqual(byClass.priority80, figures(1, 1, 0, 0, 10, 10, 10, 12, 23, 23));
  assert.deepEqual(byClass.priority, figures(1, 0, 1, 0, 20, 20, 20, null));
  assert.deepEqual(byClass.normal, figures(3, 2, 0, 1, 32.5, 32.5, 35, 7, 40.5, 40.5));
  // Waits 10, 20, 30, 35: mean 23.75, median 25, p90 (nearest rank) 35; service 12, 10, 4.
  assert.deepEqual(strip(report.total), figures(5, 3, 1, 1, 23.75, 25, 35, 26 / 3, 104 / 3, 40));
});

test('the report page shows the same figures, a chart and a CSV export', async () => {
  const { page } = browser;
  await login(page, server.url, clinic.users.admin);
  await page.goto(`${server.url}/desk/#/relatorio`);
  await page.waitForSelector('#report-table');
  // The day in Brazilian order, whatever the browser's language; a day back and forth.
  assert.equal(await page.inputValue('#report-day'), '24/11/2026');
  await page.click('#report-prev');
  await page.waitForFunction(() => document.querySelector('#report-day').value === '23/11/2026');
  assert.equal(await page.textContent('#stat-issued .stat-value'), '0');
  await page.fill('#report-day', '24/11/2026');
  await page.press('#report-day', 'Enter');
  await page.waitForFunction(() => document.querySelector('#stat-issued .stat-value')?.textContent === '5');
  assert.equal(await page.textContent('#stat-issued .stat-value'), '5');
  assert.equal(await page.textContent('#stat-served .stat-value'), '3');
  assert.equal(await page.textContent('#stat-noshows .stat-value'), '1');
  assert.equal(await page.textContent('#stat-wait .stat-value'), '23,8 min');
  assert.equal(await page.textContent('#stat-wait .stat-hint'), 'mediana 25,0 min · 90% até 35,0 min');
  assert.equal(await page.textContent('#stat-service .stat-value'), '8,7 min');
  const cells = await page.$$eval('#report-table tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.deepEqual(cells.find((c) => c[0] === 'Exames'), ['Exames', 'Normal', '1', '1', '0', '0', '35,0 min', '35,0 min', '35,0 min', '4,0 min', '0', '—']);
  assert.deepEqual(cells.find((c) => c[0] === 'Total do dia'), ['Total do dia', 'Todas', '5', '3', '1', '1', '23,8 min', '25,0 min', '35,0 min', '8,7 min', '0', '34,7 min']);
  assert.equal(await page.locator('#wait-chart .bar').count(), 3);
  assert.match(await page.getAttribute('#wait-chart', 'aria-label'), /80 anos ou mais: média 10,0 min/);
  await screenshot(page, 'report');

  const csv = await page.evaluate(async () => (await fetch(document.querySelector('#report-csv').href)).text());
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
  assert.equal(lines[0], 'dia,servico,prioridade,emitidas,atendidas,nao_compareceram,aguardando,espera_media_min,espera_mediana_min,espera_p90_min,atendimento_medio_min,acima_do_limite,visita_media_min,visita_mediana_min');
  assert.ok(lines.includes('2026-11-24,Consulta médica,priority80,1,1,0,0,10.0,10.0,10.0,12.0,0,,'));
  assert.equal(lines[lines.length - 1], '2026-11-24,todos,todas,5,3,1,1,23.8,25.0,35.0,8.7,0,34.7,40.0');
});
