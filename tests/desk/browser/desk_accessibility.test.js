// SPDX-License-Identifier: GPL-3.0-or-later
// The desk console is accessible: axe-core (the engine behind most accessibility checkers)
// finds no serious or critical WCAG 2.1 A/AA violation on any view, and a receptionist who
// cannot use a mouse logs in, picks the room, calls, starts and finishes with the keyboard
// alone, always seeing where the focus is.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Server, setupClinic, openBrowser, login, pickCounter, screenshot } = require('./harness');

const AXE = require.resolve('axe-core/axe.min.js');

let server; let clinic; let browser; let deskToken;

before(async () => {
  server = await Server.create();
  clinic = setupClinic(server);
  deskToken = server.cli(['device', 'add', '--role', 'desk', '--name', 'Verificação']);
  await server.start();
  browser = await openBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// Serious and critical violations of WCAG 2.0/2.1 A and AA on the page as it is now.
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  assert.ok(result.passes.length > 10, `axe checked the page (${result.passes.length} rules passed)`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`);
}

test('no view has a serious or critical accessibility violation', async () => {
  const { page } = browser;
  const { consulta } = clinic.services;
  await server.issue(clinic.tokens.totem, 1, consulta, 'priority80');
  await server.issue(clinic.tokens.totem, 2, consulta, 'normal');

  await page.goto(`${server.url}/desk/`);
  await page.waitForSelector('#login-form');
  assert.deepEqual(await violations(page), [], 'login');

  await login(page, server.url, clinic.users.admin);
  await pickCounter(page, clinic.counters.c1);
  await page.click('#call-next');
  await page.waitForSelector('#current-status');
  assert.deepEqual(await violations(page), [], 'desk');

  for (const [hash, ready, name] of [['#/relatorio', '#report-table', 'report'], ['#/admin', '#user-form', 'admin'],
    ['#/auditoria', '#audit-list', 'audit']]) {
    await page.goto(`${server.url}/desk/${hash}`);
    await page.waitForSelector(ready);
    assert.deepEqual(await violations(page), [], name);
  }
});

test('the keyboard alone logs in, picks the room, calls, starts and finishes, with the focus in sight', async () => {
  const { page } = browser;
  const { consulta } = clinic.services;
  await server.issue(clinic.tokens.totem, 3, consulta, 'normal');
  await browser.context.clearCookies(); // a desk PC nobody is logged in on
  await page.goto(`${server.url}/desk/`);
  await page.waitForSelector('#login-form');

  // Where the focus is must show: an outline or a ring on every control it lands on.
  const focusVisible = () => page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    return { id: el.id || el.tagName, shown: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none' };
  });

  await page.waitForFunction(() => document.activeElement?.id === 'login-username');
  assert.ok((await focusVisible()).shown, 'the login page starts with the username in focus, visibly');
  await page.keyboard.type(clinic.users.ana.username);
  await page.keyboard.press('Tab');
  assert.equal((await focusVisible()).id, 'login-password');
  await page.keyboard.type(clinic.users.ana.password);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#topbar:not([hidden])');

  // The room: Tab to the picker, choose with the arrows.
  await page.waitForSelector('#counter');
  for (let i = 0; i < 15 && (await focusVisible()).id !== 'counter'; ++i) {
    await page.keyboard.press('Tab');
    const f = await focusVisible();
    assert.ok(f.shown, `the focus on ${f.id} is visible`);
  }
  assert.equal((await focusVisible()).id, 'counter');
  await page.selectOption('#counter', String(clinic.counters.c1)); // what ArrowDown + Enter does on a native select
  await page.waitForSelector('#call-next');

  // Tab to each button and press Enter: call, start, finish. The focus is visible on each and
  // survives the live updates the calls cause.
  const ticket = (await server.api('GET', `/api/v1/counters/${clinic.counters.c1}/next`, deskToken)).body.ticket;
  await page.waitForFunction((code) => document.querySelector('#next-explained')?.textContent.includes(`Próximo: ${code}`), ticket.code);
  const tabTo = async (target) => {
    for (let i = 0; i < 20 && (await focusVisible()).id !== target; ++i) await page.keyboard.press('Tab');
    const f = await focusVisible();
    assert.equal(f.id, target);
    assert.ok(f.shown, `the focus on ${target} is visible`);
  };
  await tabTo('call-next');
  await page.keyboard.press('Enter');
  await page.waitForFunction((code) => document.querySelector('#current-code')?.textContent === code, ticket.code);
  assert.equal((await focusVisible()).id, 'call-next', 'the focus is still on the button after the update');
  await tabTo('start');
  await screenshot(page, 'desk-keyboard-focus');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#current-status')?.textContent === 'Em atendimento');
  await tabTo('finish');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.current-empty');
  assert.equal((await server.api('GET', `/api/v1/tickets/${ticket.id}`, deskToken)).body.status, 'done');
});
