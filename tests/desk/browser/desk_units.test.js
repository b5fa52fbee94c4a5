// SPDX-License-Identifier: GPL-3.0-or-later
// Several clinics on one server (issue 10 §3): the network's administrator creates a unit in
// the console, picks it, gives it a service, a room and a person; that person, signed in at
// the new unit, sees its queue and nothing of the first unit's. A kiosk waiting for enrolment,
// which may stand in any clinic, is listed to the network's administrator only.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Server, setupClinic, openBrowser, login, pickCounter } = require('./harness');

let server; let clinic; let admin; let desk; let unitAdmin;
const network = { username: 'rede', password: 'rede-senha-123' };
const carla = { username: 'carla', password: 'carla-senha-1' };

before(async () => {
  server = new Server();
  clinic = setupClinic(server);
  server.cli(['user', 'add', '--username', network.username, '--network-admin', '--password-stdin'], `${network.password}\n`);
  await server.start();
  admin = await openBrowser();
  desk = await openBrowser();
  unitAdmin = await openBrowser();
});

after(async () => {
  if (admin) await admin.close();
  if (desk) await desk.close();
  if (unitAdmin) await unitAdmin.close();
  if (server) await server.stop();
});

// The admin view re-rendered since `before` (data-renders counts them): the form is the new one.
async function rerendered(page, before) {
  await page.waitForFunction((n) => Number(document.querySelector('#view-admin').dataset.renders || 0) > n
    && !document.querySelector('#view-admin').hasAttribute('aria-busy'), before);
}
const renders = (page) => page.evaluate(() => Number(document.querySelector('#view-admin').dataset.renders || 0));

test('the network admin creates a unit and a person of it sees only its queue', async () => {
  const { page } = admin;
  await login(page, server.url, network);
  await page.goto(`${server.url}/desk/#/admin`);
  await page.waitForSelector('#unit-form');
  assert.equal(await page.isVisible('#unit-picker'), true, 'the unit picker is for the network admin');
  assert.deepEqual(await page.$$eval('#unit-select option', (o) => o.map((x) => x.textContent)), ['Clínica']);

  let n = await renders(page);
  await page.fill('#unit-form input[name=name]', 'Unidade Norte');
  await page.fill('#unit-form input[name=timeZone]', 'America/Manaus');
  await page.click('#unit-form button[type=submit]');
  await rerendered(page, n);
  await page.waitForFunction(() => document.querySelector('#admin-units').textContent.includes('America/Manaus'));
  await page.waitForFunction(() => [...document.querySelectorAll('#unit-select option')].some((o) => o.textContent === 'Unidade Norte'));

  // Picking the unit: every card is the new unit's, empty to start with.
  n = await renders(page);
  const norte = await page.$eval('#unit-select', (s) => [...s.options].find((o) => o.textContent === 'Unidade Norte').value);
  await page.selectOption('#unit-select', norte);
  await rerendered(page, n);
  assert.equal((await page.textContent('#admin-services')).includes('Consulta médica'), false, 'the first unit\'s service');

  n = await renders(page);
  await page.fill('#service-form input[name=prefix]', 'N');
  await page.fill('#service-form input[name=name]', 'Consulta Norte');
  await page.click('#service-form button[type=submit]');
  await rerendered(page, n);
  n = await renders(page);
  await page.fill('#counter-form input[name=name]', 'Consultório Norte');
  await page.check('#counter-form input[name=serviceIds]');
  await page.click('#counter-form button[type=submit]');
  await rerendered(page, n);
  n = await renders(page);
  await page.fill('#user-form input[name=username]', carla.username);
  await page.fill('#user-form input[name=displayName]', 'Carla Souza');
  await page.selectOption('#user-form select[name=role]', 'attendant');
  await page.fill('#user-form input[name=password]', carla.password);
  await page.click('#user-form button[type=submit]');
  await rerendered(page, n);
  assert.equal((await page.textContent('#admin-users')).includes('Carla Souza'), true);
  assert.equal((await page.textContent('#admin-users')).includes('bruno'), false, 'the first unit\'s people');

  // A ticket in each unit: the first through its totem, the new one through a totem of its own.
  const first = await server.issue(clinic.tokens.totem, 1, clinic.services.consulta);
  const norteTotem = server.cli(['device', 'add', '--unit', norte, '--role', 'totem', '--name', 'Totem Norte']);
  const services = await server.api('GET', '/api/v1/services', norteTotem);
  assert.deepEqual(services.body.services.map((s) => s.name), ['Consulta Norte']);
  const norteTicket = await server.issue(norteTotem, 2, services.body.services[0].id);
  assert.equal(norteTicket.code, 'NN001');

  const counters = await server.api('GET', '/api/v1/counters', server.cli(['device', 'add', '--unit', norte, '--role', 'desk', '--name', 'Mesa Norte']));
  await login(desk.page, server.url, carla);
  await pickCounter(desk.page, counters.body.counters[0].id);
  await desk.page.waitForSelector(`#waiting-list tr[data-code="${norteTicket.code}"]`);
  assert.equal(await desk.page.$(`#waiting-list tr[data-code="${first.code}"]`), null, 'the first unit\'s ticket in the new unit\'s queue');
  const foreign = await desk.page.evaluate(async (id) => (await fetch(`/api/v1/tickets/${id}`)).status, first.id);
  assert.equal(foreign, 404);
  // A ticket issued in the first unit now does not reach this desk's live queue either.
  const later = await server.issue(clinic.tokens.totem, 3, clinic.services.consulta);
  const norteLater = await server.issue(norteTotem, 4, services.body.services[0].id);
  await desk.page.waitForSelector(`#waiting-list tr[data-code="${norteLater.code}"]`);
  assert.equal(await desk.page.$(`#waiting-list tr[data-code="${later.code}"]`), null);
});

test('a kiosk waiting for enrolment is listed to the network admin, not to a unit\'s admin', async () => {
  const asked = await server.api('POST', '/api/v1/enrolments', '', { role: 'tv', hostname: 'tv-parede', model: '', version: '0.1.0' });
  assert.equal(asked.status, 201, asked.text);

  // The first unit's admin, now that there are two units: told why, and how to claim it.
  await login(unitAdmin.page, server.url, clinic.users.admin);
  await unitAdmin.page.goto(`${server.url}/desk/#/admin`);
  await unitAdmin.page.waitForSelector('#enrol-form');
  assert.equal(await unitAdmin.page.$('#enrol-list'), null, 'another clinic\'s kiosk may be listed');
  assert.equal(await unitAdmin.page.textContent('#enrol-unlisted'),
    'Os pedidos de aparelhos ainda sem unidade aparecem só para a administração da rede. Digite o código que o aparelho mostra: ele entra nesta unidade.');

  const { page } = admin;
  const n = await renders(page);
  await page.goto(`${server.url}/desk/#/auditoria`);
  await page.goto(`${server.url}/desk/#/admin`);
  await rerendered(page, n);
  await page.waitForSelector('#enrol-list');
  assert.equal((await page.textContent('#enrol-list')).includes('tv-parede'), true);
});
