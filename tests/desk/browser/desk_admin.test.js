// SPDX-License-Identifier: GPL-3.0-or-later
// An admin runs the clinic from the console: a new person, a new device token (shown once),
// a kiosk registered by the code on its screen, a new room, the settings; each works at once
// and each is in the audit log. The device list shows each kiosk's health.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Server, setupClinic, openBrowser, login, screenshot } = require('./harness');

let server; let clinic; let browser;

before(async () => {
  server = await Server.create();
  clinic = setupClinic(server);
  await server.start();
  browser = await openBrowser();
  await login(browser.page, server.url, clinic.users.admin);
  await browser.page.goto(`${server.url}/desk/#/admin`);
  await browser.page.waitForSelector('#user-form');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('a person created in the console can log in with the role given', async () => {
  const { page } = browser;
  await page.fill('#user-form input[name=username]', 'CRM-SP-123456');
  await page.fill('#user-form input[name=displayName]', 'Dra. Beatriz Lima');
  await page.selectOption('#user-form select[name=role]', 'doctor');
  await page.fill('#user-form input[name=password]', 'senha-da-medica');
  await page.click('#user-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#admin-users').textContent.includes('Dra. Beatriz Lima'));
  const r = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'crm-sp-123456', password: 'senha-da-medica' }),
  });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).user.role, 'doctor');
});

test('a device token is shown once and works at once; revoking it stops it', async () => {
  const { page } = browser;
  await page.fill('#device-form input[name=name]', 'TV do 2º andar');
  await page.selectOption('#device-form select[name=role]', 'tv');
  await page.click('#device-form button[type=submit]');
  await page.waitForSelector('#new-token');
  const token = await page.inputValue('#new-token');
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal((await server.api('GET', '/api/v1/services', token)).status, 200);
  await page.click('dialog button[type=submit]');
  const row = page.locator('#admin-devices tr', { hasText: 'TV do 2º andar' });
  await row.locator('button', { hasText: 'Revogar' }).click();
  await page.click('dialog button[type=submit]');
  await page.waitForFunction(() => [...document.querySelectorAll('#admin-devices tr')]
    .some((tr) => tr.textContent.includes('TV do 2º andar') && tr.textContent.includes('Revogado')));
  assert.equal((await server.api('GET', '/api/v1/services', token)).status, 401);
});

test('a kiosk showing a code is registered from its QR link, and its health is listed', async () => {
  const { page } = browser;
  const asked = await server.api('POST', '/api/v1/enrolments', '', { role: 'totem', hostname: 'kiosk-entrada', model: 'NUC', version: '0.1.0' });
  assert.equal(asked.status, 201);
  const { code, handle } = asked.body;
  // The QR on the kiosk's screen opens the console with the code filled in.
  // The page is already on #/admin, so this is a same-document navigation: the old form stays
  // until the hash change renders the view again, with the code in it.
  await page.goto(`${server.url}/desk/#/admin?enrol=${code}`);
  await page.waitForFunction((c) => document.querySelector('#enrol-form input[name=code]')?.value === c
    && document.querySelector('#enrol-list')?.textContent.includes('kiosk-entrada'), code);
  await page.fill('#enrol-form input[name=name]', 'Totem da entrada');
  await page.click('#enrol-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#admin-devices').textContent.includes('Totem da entrada'));
  assert.ok(!(await page.textContent('#admin-enrolment')).includes('kiosk-entrada'));

  // The kiosk's next poll takes its token, once; the totem then reports its health.
  const polled = await server.api('GET', `/api/v1/enrolments/${handle}`, '');
  assert.equal(polled.body.state, 'approved');
  const token = polled.body.token;
  assert.equal((await server.api('GET', `/api/v1/enrolments/${handle}`, '')).status, 404);
  const reported = await server.api('POST', '/api/v1/devices/me/status', token, {
    version: '0.1.0', printerState: 'media-empty', printerMessage: 'Sem papel', uptimeS: 7500,
    diskFreeBytes: 3200000000, restarts24h: 4, outboxDepth: 3, lastError: 'servidor não respondeu em 1,5 s',
  });
  assert.equal(reported.status, 204);
  await page.reload();
  await page.waitForSelector('#admin-devices');
  const row = await page.locator('#admin-devices tr', { hasText: 'Totem da entrada' }).textContent();
  // What the waiting room never sees is here: the tickets still to deliver and the last problem.
  for (const shown of ['2 h 5 min', 'Sem papel', '3,2 GB', '4', '3', 'Com problema', 'servidor não respondeu em 1,5 s'])
    assert.ok(row.includes(shown), `${shown} in ${row}`);
  // The demo totem never reported: silent.
  const quiet = await page.locator('#admin-devices tr', { hasText: 'Totem' }).first().textContent();
  assert.ok(quiet.includes('Silencioso'), quiet);
  await screenshot(page, 'admin-devices-enrolment');

  // A wrong code is refused with a message, and audited.
  await page.fill('#enrol-form input[name=code]', '2222-2222');
  await page.fill('#enrol-form input[name=name]', 'Outro');
  await page.click('#enrol-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#toast').textContent.includes('Código não encontrado'));

  // With nobody at the screen: a code made in advance, as the file clinic IT drops on the kiosk.
  await page.fill('#preapprove-form input[name=name]', 'TV da recepção');
  await page.selectOption('#preapprove-form select[name=role]', 'tv');
  await page.click('#preapprove-form button[type=submit]');
  await page.waitForSelector('#enrol-conf');
  const conf = await page.inputValue('#enrol-conf');
  const fileCode = conf.match(/^code=(\S+)$/m)[1];
  assert.ok(conf.includes(`server=${server.url}`), conf);
  // Closing the dialog reloads the view: the next test must not type into forms it replaces.
  const renders = await page.getAttribute('#view-admin', 'data-renders');
  await page.click('dialog button[type=submit]');
  await page.waitForFunction((before) => document.querySelector('#view-admin').dataset.renders !== before, renders);
  const redeemed = await server.api('POST', '/api/v1/enrolments/redeem', '', { code: fileCode, role: 'tv', hostname: 'tv-recepcao', version: '0.1.0' });
  assert.equal(redeemed.status, 201);
  assert.equal(redeemed.body.deviceName, 'TV da recepção');
});

test('a new room and the settings take effect for everyone', async () => {
  const { page } = browser;
  await page.fill('#counter-form input[name=name]', 'Consultório 7');
  await page.check(`#counter-form input[name=serviceIds][value="${clinic.services.exames}"]`);
  await page.click('#counter-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#admin-counters').textContent.includes('Consultório 7'));
  const counters = (await server.api('GET', '/api/v1/counters', clinic.tokens.tv)).body.counters;
  assert.deepEqual(counters.find((c) => c.name === 'Consultório 7').serviceIds, [clinic.services.exames]);

  await page.fill('#settings-form input[name=normalEvery]', '3');
  await page.fill('#settings-form input[name=retentionDays]', '30');
  await page.fill('#settings-form input[name=resetTime]', '05:00');
  await page.fill('#settings-form input[name=clinicName]', 'Clínica São Lucas');
  await page.check('#settings-form input[name=showNames]');
  await page.click('#settings-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#toast').textContent === 'Configurações salvas.');
  const display = (await server.api('GET', '/api/v1/settings/display', clinic.tokens.tv)).body;
  assert.equal(display.clinicName, 'Clínica São Lucas');
  assert.equal(display.showNames, true);
  await page.waitForFunction(() => document.querySelector('#clinic-name').textContent === 'Clínica São Lucas');

  await page.goto(`${server.url}/desk/#/auditoria`);
  await page.waitForSelector('#audit-list');
  const audit = await page.textContent('#audit-list');
  for (const action of ['Criou usuário', 'Criou dispositivo', 'Revogou dispositivo', 'Registrou aparelho por código',
    'Aparelho recebeu seu token', 'Código de registro recusado', 'Criou local', 'Alterou configurações'])
    assert.ok(audit.includes(action), action);
  assert.ok(!audit.includes('senha-da-medica'));
  // Readable: no raw JSON, no English role names.
  assert.ok(!audit.includes('{"'), audit);
  for (const english of ['(doctor)', '(attendant)', '(admin)', '(tv)', '(totem)', 'true', 'false'])
    assert.ok(!audit.includes(english), `${english} in ${audit}`);
});
