// SPDX-License-Identifier: GPL-3.0-or-later
// A person at a desk, in real Chromium against the real server: log in, pick the room, call
// next (and see a TV-side client receive it), recall, no-show, transfer, start, finish, call
// out of order with a reason; the view follows the server live.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Server, TvClient, setupClinic, openBrowser, login, pickCounter, screenshot, waitFor } = require('./harness');

let server; let clinic; let tv; let watch; let browser; let deskToken; let adminToken;

before(async () => {
  server = await Server.create();
  clinic = setupClinic(server);
  // Tokens the test itself uses to look at the server's state, next to what the browser shows.
  deskToken = server.cli(['device', 'add', '--role', 'desk', '--name', 'Verificação']);
  adminToken = server.cli(['device', 'add', '--role', 'admin', '--name', 'Verificação admin']);
  await server.start();
  tv = new TvClient(server.url, clinic.tokens.tv);
  await tv.hello;
  // A TV is sent call-outs only; status changes are watched on a desk's stream.
  watch = new TvClient(server.url, deskToken);
  await watch.hello;
  browser = await openBrowser();
});

after(async () => {
  if (tv) tv.close();
  if (watch) watch.close();
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('an attendant calls, recalls, marks absent, transfers, starts and finishes, and the TV hears each call', async () => {
  const { page } = browser;
  const { consulta, exames } = clinic.services;
  const normal1 = await server.issue(clinic.tokens.totem, 11, consulta, 'normal');
  const elder = await server.issue(clinic.tokens.totem, 12, consulta, 'priority80');
  const normal2 = await server.issue(clinic.tokens.totem, 13, consulta, 'normal');

  await page.goto(`${server.url}/desk/`);
  await page.waitForSelector('#login-form');
  await screenshot(page, 'login');
  await login(page, server.url, clinic.users.ana);
  await pickCounter(page, clinic.counters.c1);
  await page.waitForSelector(`#waiting-list tr[data-code="${normal2.code}"]`);
  assert.equal(await page.textContent('#waiting-count'), '3');
  // The policy's explanation of who is next is on screen: the 80+ patient, and why.
  const explained = await page.textContent('#next-explained');
  assert.match(explained, new RegExp(`Próximo: ${elder.code}`));
  assert.match(explained, /80 anos/);
  assert.equal(await page.textContent(`#waiting-list tr[data-code="${elder.code}"] .badge`), '80+');

  // Chamar próximo: the TV gets the call, the desk shows the ticket.
  let from = tv.events.length;
  await page.click('#call-next');
  const call = await tv.next((e) => e.kind === 'ticket.called', from);
  assert.equal(call.data.code, elder.code);
  assert.equal(call.data.counterName, 'Consultório 1');
  assert.equal(call.data.recall, false);
  await page.waitForFunction((code) => document.querySelector('#current-code').textContent === code, elder.code);
  await waitFor(async () => (await page.textContent('#waiting-count')) === '2', 3000, 'the waiting list to shrink');

  // Rechamar: the TV is told it is a recall.
  from = tv.events.length;
  await page.click('#recall');
  const recall = await tv.next((e) => e.kind === 'ticket.called', from);
  assert.equal(recall.data.code, elder.code);
  assert.equal(recall.data.recall, true);

  // Não compareceu (keyboard shortcut A).
  from = watch.events.length;
  await page.keyboard.press('a');
  const absent = await watch.next((e) => e.kind === 'ticket.updated', from);
  assert.equal(absent.data.code, elder.code);
  assert.equal(absent.data.status, 'no_show');
  await page.waitForSelector('.current-empty');

  // Next with the shortcut N: the oldest normal ticket.
  from = tv.events.length;
  await page.keyboard.press('n');
  const second = await tv.next((e) => e.kind === 'ticket.called', from);
  assert.equal(second.data.code, normal1.code);
  await page.waitForFunction((code) => document.querySelector('#current-code').textContent === code, normal1.code);

  // Encaminhar to Exames: waits again there, same code, arrival time kept.
  await page.click('#redirect');
  await page.waitForSelector('#redirect-service');
  await page.selectOption('#redirect-service', String(exames));
  await page.click('dialog button[type=submit]');
  await page.waitForFunction((code) => document.querySelector('#toast').textContent === `${code} encaminhada para Exames`, normal1.code);
  await waitFor(async () => {
    const t = await server.api('GET', `/api/v1/tickets/${normal1.id}`, deskToken);
    return t.body && t.body.status === 'waiting' && t.body.serviceId === exames && t.body.arrivedAtMs === normal1.arrivedAtMs;
  }, 5000, 'the transfer');

  // Iniciar then Finalizar.
  from = tv.events.length;
  await page.click('#call-next');
  const third = await tv.next((e) => e.kind === 'ticket.called', from);
  assert.equal(third.data.code, normal2.code);
  await page.waitForFunction(() => document.querySelector('#current-status')?.textContent === 'Chamada');
  await page.keyboard.press('i');
  await page.waitForFunction(() => document.querySelector('#current-status')?.textContent === 'Em atendimento');
  await screenshot(page, 'desk-in-service');
  from = watch.events.length;
  await page.click('#finish');
  const done = await watch.next((e) => e.kind === 'ticket.updated' && e.data.status === 'done', from);
  assert.equal(done.data.code, normal2.code);
  await page.waitForSelector('.current-empty');
  // Nothing but call-outs, settings and resets ever reached the TV.
  assert.deepEqual([...new Set(tv.events.map((e) => e.kind))], ['ticket.called']);
  // The one expected failure: the console asks for a session before anyone has logged in.
  assert.deepEqual(page.consoleErrors.filter((m) => !m.includes('401')), []);
});

test('a ticket called out of order asks for a reason, and the reason is in the audit log', async () => {
  const { page } = browser;
  const { consulta } = clinic.services;
  const first = await server.issue(clinic.tokens.totem, 21, consulta, 'normal');
  const later = await server.issue(clinic.tokens.totem, 22, consulta, 'normal');
  const pregnant = await server.issue(clinic.tokens.totem, 23, consulta, 'priority');
  const elder = await server.issue(clinic.tokens.totem, 24, consulta, 'priority80');
  // Tickets issued at the totem appear without reloading: the event stream updates the list,
  // in the policy's order (80+, then priority, then normal by arrival).
  await page.waitForSelector(`#waiting-list tr[data-code="${elder.code}"]`);
  const order = await page.$$eval('#waiting-list tbody tr', (rows) => rows.map((r) => r.dataset.code));
  assert.deepEqual(order, [elder.code, pregnant.code, first.code, later.code]);
  assert.match(await page.textContent('#next-explained'), new RegExp(`Próximo: ${elder.code}`));
  await screenshot(page, 'desk-waiting-list');
  // A doctor's tablet, portrait: one column, the big button first, nothing cut off.
  await page.setViewportSize({ width: 800, height: 1180 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
  await screenshot(page, 'desk-tablet');
  await page.setViewportSize({ width: 1366, height: 860 });

  const from = tv.events.length;
  await page.click(`#waiting-list tr[data-code="${later.code}"] button`);
  await page.fill('#specific-reason', 'Exame em jejum, paciente passando mal');
  await page.click('dialog button[type=submit]');
  const call = await tv.next((e) => e.kind === 'ticket.called', from);
  assert.equal(call.data.code, later.code);

  const audit = await server.api('GET', '/api/v1/audit?action=specific', adminToken);
  assert.equal(audit.status, 200);
  const entry = audit.body.entries.find((e) => e.ticketCode === later.code);
  assert.ok(entry, 'the out-of-order call is audited');
  assert.equal(entry.actor, 'user:ana');
  assert.equal(entry.detail, 'Exame em jejum, paciente passando mal');
});

// The desk that lost a patient: with a ticket in service, "Chamar próximo" used to call the next
// one and leave the first in service for ever, out of sight. The button now says what it does
// (finish, then call), the server does exactly that, and the desk never holds a ticket it
// cannot see.
test('calling the next while a patient is in service finishes that patient first, as the button says', async () => {
  const { page } = browser;
  const { consulta } = clinic.services;
  await page.setViewportSize({ width: 1366, height: 860 });
  // What the earlier tests left waiting is called and finished through the API, so the counter
  // starts with nobody waiting and nothing held.
  for (;;) {
    const r = await server.api('POST', `/api/v1/counters/${clinic.counters.c1}/call-next`, deskToken);
    assert.equal(r.status, 200);
    if (!r.body.ticket) break;
  }
  await page.waitForSelector('.current-empty');
  const first = await server.issue(clinic.tokens.totem, 31, consulta, 'normal');
  const second = await server.issue(clinic.tokens.totem, 32, consulta, 'normal');
  await page.waitForSelector(`#waiting-list tr[data-code="${second.code}"]`);
  assert.equal((await page.textContent('#call-next')).trim(), 'Chamar próximo N');

  let from = tv.events.length;
  await page.click('#call-next');
  assert.equal((await tv.next((e) => e.kind === 'ticket.called', from)).data.code, first.code);
  await page.waitForFunction(() => document.querySelector('#current-status')?.textContent === 'Chamada');
  await page.keyboard.press('i');
  await page.waitForFunction(() => document.querySelector('#current-status')?.textContent === 'Em atendimento');
  assert.equal((await page.textContent('#call-next')).trim(), `Finalizar ${first.code} e chamar próximo N`);
  await screenshot(page, 'desk-finish-and-call');

  from = tv.events.length;
  const watched = watch.events.length;
  await page.click('#call-next');
  assert.equal((await tv.next((e) => e.kind === 'ticket.called', from)).data.code, second.code);
  const finished = await watch.next((e) => e.kind === 'ticket.updated' && e.data.code === first.code, watched);
  assert.equal(finished.data.status, 'done');
  await page.waitForFunction((code) => document.querySelector('#current-code').textContent === code, second.code);
  assert.match(await page.textContent('#toast'), new RegExp(`${first.code} finalizada\\. Chamando ${second.code}`));
  const held = await server.api('GET', '/api/v1/tickets', deskToken);
  const open = held.body.tickets.filter((t) => t.counterId === clinic.counters.c1 && ['called', 'in_service'].includes(t.status));
  assert.deepEqual(open.map((t) => t.code), [second.code], 'the counter holds only the ticket on screen');

  // The API agrees with the console: a desk token calling next finishes the ticket shown.
  const byApi = await server.api('POST', `/api/v1/counters/${clinic.counters.c1}/call-next`, deskToken);
  assert.equal(byApi.status, 200);
  assert.deepEqual(byApi.body.finished.map((t) => [t.code, t.status]), [[second.code, 'done']]);
  assert.equal(byApi.body.ticket, null, 'nobody else was waiting');
  await page.waitForSelector('.current-empty');
  assert.equal((await page.textContent('#call-next')).trim(), 'Chamar próximo N');
});
