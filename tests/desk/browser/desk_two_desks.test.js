// SPDX-License-Identifier: GPL-3.0-or-later
// Two rooms that serve the same queue press "Chamar próximo" at the same moment, in two
// browsers: they never get the same ticket, and nobody is skipped.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Server, TvClient, setupClinic, openBrowser, login, pickCounter, waitFor } = require('./harness');

let server; let clinic; let tv; let desks = [];

before(async () => {
  server = await Server.create();
  clinic = setupClinic(server);
  await server.start();
  tv = new TvClient(server.url, clinic.tokens.tv);
  await tv.hello;
  desks = [await openBrowser(), await openBrowser()];
  await login(desks[0].page, server.url, clinic.users.ana);
  await pickCounter(desks[0].page, clinic.counters.c1);
  await login(desks[1].page, server.url, clinic.users.bruno);
  await pickCounter(desks[1].page, clinic.counters.c2);
});

after(async () => {
  if (tv) tv.close();
  for (const d of desks) await d.close();
  if (server) await server.stop();
});

test('two desks pressing Chamar próximo at once get different tickets', async () => {
  const { consulta } = clinic.services;
  const issued = [];
  for (let round = 0; round < 5; ++round) {
    const pair = [await server.issue(clinic.tokens.totem, 100 + 2 * round, consulta),
      await server.issue(clinic.tokens.totem, 101 + 2 * round, consulta)];
    issued.push(...pair);
    for (const d of desks) await d.page.waitForSelector(`#waiting-list tr[data-code="${pair[1].code}"]`);
    const from = tv.events.length;
    await Promise.all(desks.map((d) => d.page.click('#call-next')));
    const calls = await waitFor(() => {
      const c = tv.events.slice(from).filter((e) => e.kind === 'ticket.called');
      return c.length >= 2 ? c : null;
    }, 5000, 'both calls at the TV');
    assert.equal(calls.length, 2);
    assert.notEqual(calls[0].data.code, calls[1].data.code, `round ${round}: both desks got ${calls[0].data.code}`);
    assert.deepEqual(calls.map((c) => c.data.code).sort(), pair.map((t) => t.code).sort());
    assert.deepEqual(calls.map((c) => c.data.counterName).sort(), ['Consultório 1', 'Consultório 2']);
    // Each desk shows the ticket the server gave it.
    for (const d of desks) {
      const shown = await waitFor(async () => {
        const code = await d.page.textContent('#current-code');
        return pair.some((t) => t.code === code) ? code : null;
      }, 3000, 'the desk to show its ticket');
      assert.ok(shown);
    }
    for (const d of desks) await d.page.click('#finish');
  }
  assert.equal(issued.length, 10);
});
