// SPDX-License-Identifier: GPL-3.0-or-later
// Logging in and what a session may do: wrong password, a locked account, an attendant kept
// out of administration, cross-site requests refused, and a hostile service name that stays text.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Server, setupClinic, openBrowser, login, pickCounter, screenshot, waitFor } = require('./harness');

const XSS = '<img src=x onerror=alert(1)>';
let server; let clinic; let browser; let adminToken;

before(async () => {
  server = await Server.create();
  clinic = setupClinic(server);
  adminToken = server.cli(['device', 'add', '--role', 'admin', '--name', 'Verificação']);
  await server.start();
  browser = await openBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function fresh() {
  await browser.context.clearCookies();
  await browser.page.goto(`${server.url}/desk/`);
  await browser.page.waitForSelector('#login-form');
}

test('a wrong password is refused with a message and no session', async () => {
  const { page } = browser;
  await fresh();
  await page.fill('#login-username', 'ana');
  await page.fill('#login-password', 'senha-errada');
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#login-error').textContent !== '');
  assert.equal(await page.textContent('#login-error'), 'Usuário ou senha incorretos.');
  assert.equal(await page.isHidden('#topbar'), true);
  assert.deepEqual(await browser.context.cookies(), []);
});

test('after five wrong passwords the account is locked, even for the right one', async () => {
  const { page } = browser;
  await fresh();
  for (let i = 0; i < 5; ++i) {
    const r = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'bruno', password: `chute-${i}` }),
    });
    assert.equal(r.status, 401);
  }
  await page.fill('#login-username', 'bruno');
  await page.fill('#login-password', clinic.users.bruno.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#login-error').textContent !== '');
  assert.match(await page.textContent('#login-error'), /Muitas tentativas erradas\. Conta bloqueada por 15 min/);
  assert.equal(await page.isHidden('#topbar'), true);
  // Another account from the same address is not locked out by it.
  await login(page, server.url, clinic.users.ana);
  const audit = await server.api('GET', '/api/v1/audit?action=login_failed', adminToken);
  assert.ok(audit.body.entries.filter((e) => e.detail === 'bruno').length >= 5);
});

test('an attendant cannot reach administration, in the page or in the API', async () => {
  const { page } = browser;
  await fresh();
  await login(page, server.url, clinic.users.ana);
  assert.equal(await page.isHidden('.tabs a[data-view=admin]'), true);
  assert.equal(await page.isHidden('.tabs a[data-view=auditoria]'), true);
  await page.goto(`${server.url}/desk/#/admin`);
  await page.waitForSelector('#view-mesa:not([hidden])');
  assert.equal(await page.isHidden('#view-admin'), true);
  assert.match(await page.textContent('#toast'), /Somente administradores/);
  const statuses = await page.evaluate(async () => {
    const csrf = (await (await fetch('/api/v1/session')).json()).csrfToken;
    const send = (method, path, body) => fetch(path, {
      method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: body && JSON.stringify(body),
    }).then((r) => r.status);
    return {
      users: await send('GET', '/api/v1/users'),
      devices: await send('GET', '/api/v1/devices'),
      audit: await send('GET', '/api/v1/audit'),
      addService: await send('POST', '/api/v1/services', { prefix: 'Z', name: 'Invasão' }),
      addUser: await send('POST', '/api/v1/users', { username: 'eu', role: 'admin', password: '12345678' }),
      settings: await send('PUT', '/api/v1/settings/admin', { resetTime: '00:00', normalEvery: 2, retentionDays: 1 }),
      tickets: await send('GET', '/api/v1/tickets'),
    };
  });
  assert.deepEqual(statuses, { users: 403, devices: 403, audit: 403, addService: 403, addUser: 403, settings: 403, tickets: 200 });
});

test('state-changing requests need the CSRF token and this origin', async () => {
  const { page } = browser;
  await fresh();
  await login(page, server.url, clinic.users.ana);
  const noToken = await page.evaluate(async (counter) =>
    (await fetch(`/api/v1/counters/${counter}/call-next`, { method: 'POST' })).status, clinic.counters.c1);
  assert.equal(noToken, 403);
  const cookie = (await browser.context.cookies()).find((c) => c.name === 'clinico_session');
  assert.ok(cookie && cookie.httpOnly && cookie.sameSite === 'Strict');
  const csrf = await page.evaluate(async () => (await (await fetch('/api/v1/session')).json()).csrfToken);
  const forged = await fetch(`${server.url}/api/v1/counters/${clinic.counters.c1}/call-next`, {
    method: 'POST', headers: { Cookie: `clinico_session=${cookie.value}`, 'X-CSRF-Token': csrf, Origin: 'http://evil.example' },
  });
  assert.equal(forged.status, 403);
  assert.equal((await forged.json()).code, 'csrf');
  const ok = await fetch(`${server.url}/api/v1/counters/${clinic.counters.c1}/call-next`, {
    method: 'POST', headers: { Cookie: `clinico_session=${cookie.value}`, 'X-CSRF-Token': csrf },
  });
  assert.equal(ok.status, 200);
  // Logging out ends the session on the server, not only in the browser.
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  const after = await fetch(`${server.url}/api/v1/tickets`, { headers: { Cookie: `clinico_session=${cookie.value}` } });
  assert.equal(after.status, 401);
});

test('a service named like HTML is shown as text everywhere', async () => {
  const { page } = browser;
  let alerts = 0;
  page.on('dialog', (d) => { alerts += 1; d.dismiss(); });
  await page.evaluate(() => { window.__injected = 0; });
  // A totem reports a printer out of paper: the admin sees it in the device list.
  assert.equal((await server.api('POST', '/api/v1/devices/me/status', clinic.tokens.totem,
    { version: '0.1.0', printerState: 'media-empty', printerMessage: 'Sem papel' })).status, 204);
  await fresh();
  await login(page, server.url, clinic.users.admin);
  await page.goto(`${server.url}/desk/#/admin`);
  await page.waitForSelector('#admin-devices .fault');
  assert.equal(await page.textContent('#admin-devices .fault'), 'Sem papel (media-empty)');
  await page.waitForSelector('#service-form');
  await page.fill('#service-form input[name=prefix]', 'X');
  await page.fill('#service-form input[name=name]', XSS);
  await page.click('#service-form button[type=submit]');
  await page.waitForFunction((name) => [...document.querySelectorAll('#admin-services .service-name')].some((td) => td.textContent === name), XSS);
  await screenshot(page, 'admin');
  const serviceId = (await server.api('GET', '/api/v1/services', clinic.tokens.tv)).body.services.find((s) => s.name === XSS).id;
  const counterId = Number(server.cli(['counter', 'add', '--name', 'Guichê X', '--services', `${serviceId},${clinic.services.consulta}`]));
  const ticket = await server.issue(clinic.tokens.totem, 300, serviceId, 'priority');

  await page.goto(`${server.url}/desk/#/mesa`);
  await pickCounter(page, counterId);
  await page.waitForSelector(`#waiting-list tr[data-code="${ticket.code}"]`);
  assert.equal(await page.textContent(`#waiting-list tr[data-code="${ticket.code}"] .service-cell`), XSS);
  assert.match(await page.textContent('.toolbar'), /Serviços: Consulta médica, <img src=x onerror=alert\(1\)>|Serviços: <img src=x onerror=alert\(1\)>, Consulta médica/);
  await page.click('#call-next');
  await waitFor(async () => (await page.textContent('#current-code')) === ticket.code, 3000, 'the call');
  assert.match(await page.textContent('.current-meta'), /<img src=x onerror=alert\(1\)>/);

  await page.goto(`${server.url}/desk/#/relatorio`);
  await page.waitForSelector('#report-table');
  assert.ok((await page.textContent('#report-table')).includes(XSS));
  await page.goto(`${server.url}/desk/#/auditoria`);
  await page.waitForSelector('#audit-list');
  assert.ok((await page.textContent('#audit-list')).includes(XSS));

  assert.equal(await page.locator('img').count(), 0, 'no <img> element was created from the name');
  assert.equal(alerts, 0, 'no script ran');
  await screenshot(page, 'audit-log');
});
