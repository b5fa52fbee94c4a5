// SPDX-License-Identifier: GPL-3.0-or-later
// Staff signing in with the clinic's identity provider, in real Chromium against the real
// server and a real OpenID Connect provider (npm's oidc-provider) on loopback: an attendant
// signs in and calls a patient, cannot reach administration, and logging out ends both
// sessions; a person in no mapped group is refused; an admin sees the provider's settings.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Server, IdentityProvider, freePort, TvClient, setupClinic, openBrowser, pickCounter, screenshot, waitFor } = require('./harness');

const SECRET = 'segredo-de-teste-9f3b2c7d1e';
let server; let clinic; let provider; let browser; let tv; let adminToken; let staff; let providerDir;

before(async () => {
  const { STAFF, GROUPS } = await import('./oidcprovider.mjs');
  staff = STAFF;
  providerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinico-sso-'));
  const secretFile = path.join(providerDir, 'client-secret');
  fs.writeFileSync(secretFile, `${SECRET}\n`, { mode: 0o600 });
  const port = await freePort();
  const clinicoUrl = `http://127.0.0.1:${port}`;
  provider = new IdentityProvider(providerDir);
  await provider.start({ clinicoUrl, clientId: 'clinico-desk', secretFile });
  server = await Server.create({
    port,
    args: ['--public-url', clinicoUrl, '--oidc-issuer', provider.issuer, '--oidc-client-id', 'clinico-desk',
      '--oidc-client-secret-file', secretFile, '--oidc-display-name', 'Conta da Clínica',
      '--oidc-attendant-groups', GROUPS.attendant, '--oidc-doctor-groups', GROUPS.doctor,
      '--oidc-admin-groups', GROUPS.admin],
  });
  clinic = setupClinic(server);
  adminToken = server.cli(['device', 'add', '--role', 'admin', '--name', 'Verificação admin']);
  await server.start();
  tv = new TvClient(server.url, clinic.tokens.tv);
  await tv.hello;
  browser = await openBrowser();
});

after(async () => {
  if (tv) tv.close();
  if (browser) await browser.close();
  if (server) await server.stop();
  if (provider) await provider.stop();
  if (providerDir) fs.rmSync(providerDir, { recursive: true, force: true });
});

// From the desk's login page through the provider's own login page and back.
async function signIn(page, login) {
  await page.goto(`${server.url}/desk/`);
  await page.waitForSelector('#sso-login:visible');
  await page.click('#sso-login');
  await page.waitForSelector('#op-login');
  assert.ok(page.url().startsWith(provider.issuer), `the provider's login page, not ${page.url()}`);
  await page.fill('#op-login', login);
  await page.fill('#op-password', staff[login].password);
  await page.click('#op-submit');
}

async function audit(action) {
  const r = await server.api('GET', `/api/v1/audit?action=${action}`, adminToken);
  assert.equal(r.status, 200, r.text);
  return r.body.entries;
}

test('an attendant signs in with the provider, lands in the desk with her name and calls a patient', async () => {
  const { page } = browser;
  const ticket = await server.issue(clinic.tokens.totem, 41, clinic.services.consulta, 'normal');
  await page.goto(`${server.url}/desk/`);
  await page.waitForSelector('#sso-login:visible');
  assert.equal(await page.textContent('#sso-login'), 'Entrar com Conta da Clínica');
  await screenshot(page, 'sso-login');

  const started = performance.now();
  await signIn(page, 'carla.souza');
  await page.waitForSelector('#topbar:not([hidden])');
  // From the button to the desk: the provider's page, its login, the code exchange and the desk.
  console.log(`sign-in through the provider: ${Math.round(performance.now() - started)} ms`);
  assert.equal(new URL(page.url()).pathname, '/desk/');
  assert.match(await page.textContent('#who-name'), /^Carla Souza · Atendente$/);
  // The same cookie session as a password login: HttpOnly, SameSite=Strict.
  const session = (await browser.context.cookies()).find((c) => c.name === 'clinico_session');
  assert.ok(session, 'a clinico_session cookie');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');

  await pickCounter(page, clinic.counters.c1);
  const from = tv.events.length;
  await page.click('#call-next');
  const call = await tv.next((e) => e.kind === 'ticket.called', from);
  assert.equal(call.data.code, ticket.code);
  await page.waitForFunction((code) => document.querySelector('#current-code').textContent === code, ticket.code);
  await screenshot(page, 'sso-desk');

  // Just in time: the account exists now, linked to the provider, with the provider's name.
  const users = await server.api('GET', '/api/v1/users', adminToken);
  const carla = users.body.users.find((u) => u.displayName === 'Carla Souza');
  assert.ok(carla, JSON.stringify(users.body));
  assert.equal(carla.role, 'attendant');
  assert.equal(carla.username, 'carla.souza');
  assert.ok((await audit('user.link')).some((e) => e.actor === 'user:carla.souza'));
  assert.ok((await audit('login_sso')).some((e) => e.actor === 'user:carla.souza'));
  // The call is hers in the audit trail, as with a password login.
  assert.ok((await audit('call')).some((e) => e.actor === 'user:carla.souza' && e.ticketCode === ticket.code));
});

test('the attendant cannot reach administration', async () => {
  const { page } = browser;
  assert.equal(await page.isHidden('a[data-view=admin]'), true);
  const status = await page.evaluate(async () => (await fetch('/api/v1/users')).status);
  assert.equal(status, 403);
  await page.evaluate(() => { location.hash = '#/admin'; });
  await page.waitForFunction(() => document.querySelector('#toast').textContent.includes('Somente administradores'));
  assert.equal(await page.isHidden('#view-admin'), true);
});

test('logging out ends the Clinico session and the provider\'s', async () => {
  const { page } = browser;
  await page.click('#logout');
  // RP-initiated logout: the provider asks, then sends the browser back to the desk.
  await page.waitForSelector('#op-logout');
  assert.ok(page.url().startsWith(`${provider.issuer}/`), page.url());
  await page.click('#op-logout');
  await page.waitForURL(`${server.url}/desk/`);
  await page.waitForSelector('#login-form:visible');
  assert.equal(await page.evaluate(async () => (await fetch('/api/v1/session')).status), 401);
  assert.equal((await browser.context.cookies()).some((c) => c.name === 'clinico_session'), false);
  // The provider forgot her too: signing in again asks for the password.
  await page.click('#sso-login');
  await page.waitForSelector('#op-login');
  assert.ok((await audit('logout')).some((e) => e.actor === 'user:carla.souza'));
});

test('a person in no mapped group is refused with a clear message and gets no session', async () => {
  const { page } = browser;
  await browser.context.clearCookies();
  await signIn(page, 'fabio.financeiro');
  await page.waitForSelector('#message');
  assert.match(await page.textContent('#message'),
    /Sua conta \(Conta da Clínica\) não está em nenhum grupo com acesso ao Clinico \(atendente, médico ou administrador\)\. Peça acesso à TI da clínica\./);
  assert.equal((await browser.context.cookies()).some((c) => c.name === 'clinico_session'), false);
  await screenshot(page, 'sso-refused');
  const refused = await audit('login_sso_refused');
  assert.ok(refused.some((e) => e.actor === 'sso:fabio.financeiro' && e.detail.includes('financeiro')), JSON.stringify(refused));
  const users = await server.api('GET', '/api/v1/users', adminToken);
  assert.equal(users.body.users.some((u) => u.displayName === 'Fábio Reis'), false);
  // The way back leads to the login page.
  await page.click('#back');
  await page.waitForSelector('#sso-login:visible');
});

test('an admin from the provider sees administration and the provider settings, never the secret', async () => {
  const { page } = browser;
  await browser.context.clearCookies();
  await signIn(page, 'elisa.ti');
  await page.waitForSelector('#topbar:not([hidden])');
  assert.match(await page.textContent('#who-name'), /^Elisa Prado · Administra/);
  await page.click('a[data-view=admin]');
  await page.waitForSelector('#admin-sign-in');
  const card = await page.textContent('#admin-sign-in');
  assert.ok(card.includes(provider.issuer), card);
  assert.ok(card.includes('clinico-recepcao'), card);
  assert.ok(card.includes('(lido)'), card);
  assert.ok(!(await page.content()).includes(SECRET), 'the client secret is never sent to the browser');
  await screenshot(page, 'sso-admin');
});
