// SPDX-License-Identifier: GPL-3.0-or-later
// One ticket for the whole visit at the desk (issue 13): a patient waiting past the 80+ limit
// shows as an alert on the desk that serves the queue until called; "Finalizar e encaminhar"
// sends the same code on to the service's next stage, and the next room sees where the patient
// has been. The server's clock is set by the test.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Server, openBrowser, login, pickCounter, screenshot, waitFor, validCpf } = require('./harness');

const DAY_START = Date.UTC(2026, 10, 24, 11, 0, 0); // 24 Nov 2026, 08:00 in São Paulo
let server; let browser; let ids; let tokens;
const ana = { username: 'ana', password: 'ana-senha-123', role: 'attendant' };

before(async () => {
  server = await Server.create({ clockMs: DAY_START });
  const reception = Number(server.cli(['service', 'add', '--prefix', 'R', '--name', 'Recepção']));
  const triage = Number(server.cli(['service', 'add', '--prefix', 'T', '--name', 'Triagem']));
  ids = {
    reception, triage,
    desk1: Number(server.cli(['counter', 'add', '--name', 'Guichê 1', '--services', `${reception}`])),
    triageRoom: Number(server.cli(['counter', 'add', '--name', 'Sala de triagem', '--services', `${triage}`])),
  };
  server.cli(['user', 'add', '--username', ana.username, '--role', ana.role, '--password-stdin'], `${ana.password}\n`);
  tokens = {
    admin: server.cli(['device', 'add', '--role', 'admin', '--name', 'TI']),
    totem: server.cli(['device', 'add', '--role', 'totem', '--name', 'Totem']),
  };
  await server.start();
  assert.equal((await server.api('PUT', `/api/v1/services/${reception}`, tokens.admin, { name: 'Recepção', nextServiceId: triage })).status, 200);
  assert.equal((await server.api('PUT', '/api/v1/wait-limits', tokens.admin,
    { limits: [{ serviceId: reception, priority: 'priority80', minutes: 15 }] })).status, 200);
  browser = await openBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('an 80+ patient past the limit is an alert until called, then goes on to triage with the same code', async () => {
  const r = await server.api('POST', '/api/v1/tickets', tokens.totem,
    { cpf: validCpf(1), serviceId: ids.reception, priority: 'priority80', idempotencyKey: 'visit-desk-1' });
  assert.equal(r.status, 201, r.text);
  const code = r.body.ticket.code;
  server.advance(16);
  const { page } = browser;
  await login(page, server.url, ana);
  await pickCounter(page, ids.desk1);
  await page.waitForSelector('#wait-alerts');
  assert.match(await page.textContent('#wait-alerts'), new RegExp(`${code} aguarda em Recepção há 16 min \\(limite 15 min\\)`));
  await screenshot(page, 'desk-wait-alert');

  await page.click('#call-next');
  await page.waitForSelector('#wait-alerts', { state: 'detached' });
  await waitFor(async () => (await page.textContent('#current-code')) === code, 5000, 'the called ticket');

  server.advance(4);
  await page.click('#forward');
  await page.waitForSelector('#forward-service');
  assert.equal(await page.$eval('#forward-service', (s) => s.selectedOptions[0].textContent), 'Triagem', 'the next stage comes first');
  await page.click('dialog button[type=submit]');
  await waitFor(async () => (await page.textContent('#current-code')) !== code, 5000, 'the desk to be free');
  const waiting = await server.api('GET', `/api/v1/tickets/${r.body.ticket.id}`, tokens.admin);
  assert.equal(waiting.body.code, code);
  assert.equal(waiting.body.serviceName, 'Triagem');
  assert.equal(waiting.body.status, 'waiting');

  await pickCounter(page, ids.triageRoom);
  await page.click('#call-next');
  await waitFor(async () => (await page.textContent('#current-code')) === code, 5000, 'the same code called to triage');
  await page.waitForSelector('#current-stages');
  assert.equal(await page.textContent('#current-stages'), 'Etapas: Recepção (Guichê 1) → Triagem (Sala de triagem)');
  // The one 401 is the session check before signing in.
  assert.deepEqual(page.consoleErrors.filter((m) => !m.includes('401')), []);
  await screenshot(page, 'desk-visit-stages');
});
