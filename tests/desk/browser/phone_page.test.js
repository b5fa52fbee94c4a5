// SPDX-License-Identifier: GPL-3.0-or-later
// The patient's phone page (/t/<token>, issue 13) live in Debian's Chromium at phone size:
// position, estimate, stage and next stage, the clinic's name; "Sua vez está chegando" when
// two or fewer are ahead (notification, vibration, visual change), then where to go when
// called; pt-BR / en / es. The Notification permission is granted and the calls recorded here,
// in the test, never in the page. Screenshots at 360x740 go to CLINICO_SCREENSHOT_DIR
// (phone-waiting, phone-near, phone-called, phone-es): look at them.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Server, openBrowser, screenshot, validCpf, waitFor } = require('./harness');

const DAY_START = Date.UTC(2026, 10, 24, 11, 0, 0); // 24 Nov 2026, 08:00 in São Paulo
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true };
let server; let tokens; let services; let desk1;

// What the phone did that a person would notice, recorded by the test around the real APIs.
function recordAlerts() {
  window.__notifications = [];
  window.__vibrations = [];
  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notifications.push({ title, body: options && options.body });
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  Recorded.requestPermission = Real.requestPermission.bind(Real);
  window.Notification = Recorded;
  navigator.vibrate = (pattern) => { window.__vibrations.push(pattern); return true; };
}

async function issue(seed, serviceId) {
  const r = await server.api('POST', '/api/v1/tickets', tokens.totem, {
    cpf: validCpf(seed), serviceId, priority: 'normal', idempotencyKey: `phone-test-${seed}`,
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function callNext(counter) {
  const r = await server.api('POST', `/api/v1/counters/${counter}/call-next`, tokens.desk);
  assert.equal(r.status, 200, r.text);
  return r.body.ticket;
}

async function openPhone(statusToken, options = {}) {
  const browser = await openBrowser({ ...PHONE, ...options });
  await browser.context.grantPermissions(['notifications'], { origin: server.url });
  await browser.context.addInitScript(recordAlerts);
  await browser.page.goto(`${server.url}/t/${statusToken}`);
  return browser;
}

before(async () => {
  server = await Server.create({ clockMs: DAY_START });
  const reception = Number(server.cli(['service', 'add', '--prefix', 'R', '--name', 'Recepção']));
  const triage = Number(server.cli(['service', 'add', '--prefix', 'T', '--name', 'Triagem']));
  services = { reception, triage };
  desk1 = Number(server.cli(['counter', 'add', '--name', 'Guichê 1', '--services', `${reception}`]));
  tokens = {
    admin: server.cli(['device', 'add', '--role', 'admin', '--name', 'TI']),
    totem: server.cli(['device', 'add', '--role', 'totem', '--name', 'Totem']),
    desk: server.cli(['device', 'add', '--role', 'desk', '--name', 'Mesa']),
  };
  await server.start();
  const next = await server.api('PUT', `/api/v1/services/${reception}`, tokens.admin, { name: 'Recepção', nextServiceId: triage });
  assert.equal(next.status, 200, next.text);
  const display = await server.api('PUT', '/api/v1/settings/display', tokens.admin, { clinicName: 'Clínica São Lucas', notice: '', logoUrl: '', showNames: false });
  assert.equal(display.status, 200, display.text);
});

after(async () => {
  await server.stop();
});

test('the phone follows its ticket live, alerts when near and says where to go', async () => {
  const issued = [];
  for (let i = 1; i <= 5; ++i) issued.push(await issue(i, services.reception));
  const mine = issued[4];
  const phone = await openPhone(mine.statusToken);
  const { page } = phone;
  try {
    await page.waitForSelector('#code:not(:empty)');
    assert.equal(await page.textContent('#code'), mine.ticket.code);
    assert.equal(await page.textContent('#clinic'), 'Clínica São Lucas');
    assert.equal(await page.textContent('#headline'), 'Aguardando chamada');
    assert.match(await page.textContent('#detail'), /^4 pessoas à sua frente\. Espera estimada: 20 minutos\.$/);
    assert.equal(await page.textContent('#stage'), 'Recepção');
    assert.equal(await page.textContent('#next'), 'Triagem');
    await waitFor(async () => (await page.textContent('#live')) === 'Atualiza sozinha, ao vivo.', 5000, 'live updates');
    // Nothing of the other tickets on the page.
    const text = await page.textContent('body');
    for (const other of issued.slice(0, 4)) assert.ok(!text.includes(other.ticket.code), other.ticket.code);
    // Large text and a screen that does not scroll sideways.
    const sizes = await page.evaluate(() => ({
      detail: parseFloat(getComputedStyle(document.getElementById('detail')).fontSize),
      code: parseFloat(getComputedStyle(document.getElementById('code')).fontSize),
      width: document.documentElement.scrollWidth,
    }));
    assert.ok(sizes.detail >= 22, `detail text ${sizes.detail}px`);
    assert.ok(sizes.code >= 60, `code ${sizes.code}px`);
    assert.ok(sizes.width <= 360, `page is ${sizes.width}px wide`);
    assert.deepEqual(await page.evaluate(() => window.__notifications), []);
    await screenshot(page, 'phone-waiting');

    // Two are called: two ahead now, the turn is near. No reload: the server pushes it.
    server.advance(4);
    await callNext(desk1);
    server.advance(4);
    await callNext(desk1);
    await page.waitForFunction(() => document.body.classList.contains('near'), null, { timeout: 5000 });
    assert.equal(await page.textContent('#headline'), 'Sua vez está chegando');
    assert.match(await page.textContent('#detail'), /^2 pessoas à sua frente\. .*Fique perto do painel de chamadas\.$/);
    assert.deepEqual(await page.evaluate(() => window.__notifications),
      [{ title: 'Sua vez está chegando', body: `Senha ${mine.ticket.code}: fique perto do painel.` }]);
    assert.equal((await page.evaluate(() => window.__vibrations)).length, 1);
    const background = await page.evaluate(() => getComputedStyle(document.getElementById('card')).backgroundColor);
    assert.equal(background, 'rgb(255, 243, 176)');
    await screenshot(page, 'phone-near');

    await callNext(desk1);
    await callNext(desk1);
    const called = await callNext(desk1);
    assert.equal(called.code, mine.ticket.code);
    await page.waitForFunction(() => document.body.classList.contains('called'), null, { timeout: 5000 });
    assert.equal(await page.textContent('#headline'), 'Chamada! Dirija\u2011se a:');
    assert.equal(await page.textContent('#where'), 'Guichê 1');
    const notes = await page.evaluate(() => window.__notifications);
    assert.equal(notes.length, 2);
    assert.equal(notes[1].body, `Senha ${mine.ticket.code}: dirija-se a Guichê 1.`);
    assert.deepEqual(page.consoleErrors, []);
    await screenshot(page, 'phone-called');
  } finally {
    await phone.close();
  }
});

test('the page speaks the phone\'s language and can be switched', async () => {
  const t = await issue(50, services.reception);
  const phone = await openPhone(t.statusToken, { locale: 'es-AR' });
  const { page } = phone;
  try {
    await page.waitForSelector('#code:not(:empty)');
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.equal(await page.textContent('#stageLabel'), 'Etapa actual');
    assert.match(await page.textContent('#headline'), /^(Esperando el llamado|Su turno se acerca)$/);
    await screenshot(page, 'phone-es');
    await page.click('button[data-lang="en"]');
    assert.equal(await page.textContent('#stageLabel'), 'Current step');
    await page.reload();
    await page.waitForSelector('#code:not(:empty)');
    assert.equal(await page.textContent('#stageLabel'), 'Current step', 'the choice is remembered');
  } finally {
    await phone.close();
  }
});

test('an unknown token shows a plain page and opens no stream', async () => {
  const r = await fetch(`${server.url}/t/AAAAAAAAAAAAAAAAAAAAAA`);
  assert.equal(r.status, 404);
  assert.match(await r.text(), /Senha não encontrada/);
});
