// SPDX-License-Identifier: GPL-3.0-or-later
// The day's appointments in the console (docs/agendamentos.md): an admin imports the schedule
// from a CSV (every wrong line named before anything is saved), a doctor sees their own
// appointments with who arrived, who is late and who did not come, and the desk says why an
// appointment was called. The server's clock is a file the test moves.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Server, setupClinic, openBrowser, login, pickCounter, screenshot, validCpf } = require('./harness');

// 7 Dec 2026, in São Paulo (UTC-3).
const at = (hour, minute) => Date.UTC(2026, 11, 7, hour + 3, minute, 0);
let server; let clinic; let browser;

const header = 'id;cpf;inicio;duracao;servico;profissional;nome_profissional;situacao';
const line = (id, seed, time, who, name, status = 'agendada') =>
  `${id};${validCpf(seed)};2026-12-07 ${time};20;C;${who};${name};${status}`;
const schedule = [header,
  line('A-1', 1, '09:00', 'bruno', 'Dr. Bruno'),
  line('A-2', 2, '10:30', 'bruno', 'Dr. Bruno'),
  line('A-3', 3, '10:20', 'bruno', 'Dr. Bruno'),
  line('A-4', 4, '11:30', 'bruno', 'Dr. Bruno'),
  line('C-1', 6, '11:00', 'bruno', 'Dr. Bruno', 'cancelada'),
  line('D-1', 5, '10:00', 'dra.lima', 'Dra. Lima')].join('\n');

const upload = (page, text) => page.setInputFiles('#csv-file',
  { name: 'agenda.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

before(async () => {
  server = await Server.create({ clockMs: at(8, 0) });
  clinic = setupClinic(server);
  await server.start();
  browser = await openBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('an admin imports the schedule from a CSV, checked line by line first', async () => {
  const { page } = browser;
  await login(page, server.url, clinic.users.admin);
  await page.goto(`${server.url}/desk/#/agenda`);
  await page.waitForSelector('#agenda-empty');

  // Line 3 has a wrong CPF, line 4 a service the clinic does not have: nothing is imported.
  await upload(page, [header, line('A-1', 1, '09:00', 'bruno', 'Dr. Bruno'),
    'A-2;123.456.789-00;2026-12-07 10:30;20;C;bruno;Dr. Bruno;agendada',
    'A-3;' + validCpf(3) + ';2026-12-07 10:20;20;X;bruno;Dr. Bruno;agendada'].join('\n'));
  await page.waitForSelector('#csv-problems');
  const problems = await page.$$eval('#csv-problems tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.deepEqual(problems.map((p) => p[0]), ['3', '4']);
  assert.equal(problems[0][1], 'Coluna cpf: CPF inválido.');
  assert.equal(problems[1][1], "Coluna servico: serviço 'X' não existe nesta clínica.");
  assert.ok(!problems.join(' ').includes('123.456.789-00'), 'the CPF is not echoed back');
  assert.ok(await page.isDisabled('#csv-import'));
  await screenshot(page, 'agenda-import-errors');

  await upload(page, schedule);
  await page.waitForSelector('#csv-ok');
  // A ticket issued meanwhile refreshes the agenda (every live event does): the checked file
  // must still be there, ready to import.
  await page.$eval('#agenda-empty', (el) => { el.dataset.beforeRefresh = 'yes'; });
  await server.issue(clinic.tokens.totem, 9101, clinic.services.exames);
  await page.waitForFunction(() => document.querySelector('#agenda-empty')?.dataset.beforeRefresh === undefined);
  assert.ok(await page.isVisible('#csv-ok'));
  assert.equal(await page.textContent('#csv-import'), 'Importar 6 agendamento(s)');
  await page.click('#csv-import');
  await page.waitForSelector('#agenda tbody tr');
  assert.equal(await page.locator('#agenda tbody tr').count(), 6);
  assert.deepEqual(page.consoleErrors.filter((e) => !e.includes('401')), [], 'only the sign-in page’s own 401');
});

test('a doctor sees their own appointments: arrived, late, no-show, scheduled, cancelled', async () => {
  const totem = clinic.tokens.totem;
  server.setClock(at(10, 5));
  await server.issue(totem, 99, clinic.services.consulta); // a walk-in, earlier than the patient
  server.setClock(at(10, 12));
  await server.issue(totem, 2, clinic.services.consulta); // A-2 checks in
  server.setClock(at(10, 30));

  const doctor = await openBrowser();
  try {
    const { page } = doctor;
    await login(page, server.url, clinic.users.bruno);
    await page.goto(`${server.url}/desk/#/agenda`);
    await page.waitForSelector('#agenda tbody tr');
    assert.equal(await page.textContent('#view-agenda h1'), 'Minhas consultas de hoje');
    const rows = await page.$$eval('#agenda tbody tr', (trs) => trs.map((r) => [...r.children].map((c) => c.textContent)));
    assert.deepEqual(rows.map((r) => [r[0], r[2], r[3], r[4]]), [
      ['09:00', 'Não compareceu', '—', '—'],
      ['10:20', 'Atrasada', '—', '—'],
      ['10:30', 'Aguardando', '10:12', 'CN002'],
      ['11:00', 'Cancelada', '—', '—'],
      ['11:30', 'Agendada', '—', '—'],
    ], 'Dra. Lima’s appointment is not in Dr. Bruno’s list');
    assert.equal(await page.textContent('#agenda-noshow .stat-value'), '1');
    assert.equal(await page.textContent('#agenda-late .stat-value'), '1');
    await screenshot(page, 'agenda-doctor');
    assert.deepEqual(page.consoleErrors.filter((e) => !e.includes('401')), []);
  } finally {
    await doctor.close();
  }

  const { page } = browser;
  await page.goto(`${server.url}/desk/#/agenda`);
  await page.waitForFunction(() => document.querySelectorAll('#agenda tbody tr').length === 6
    && document.querySelector('#agenda-waiting .stat-value').textContent === '1');
  await screenshot(page, 'agenda-admin');
});

test('the desk says why the appointment went before an older walk-in, and the report counts no-shows', async () => {
  const { page } = browser;
  await page.goto(`${server.url}/desk/#/mesa`);
  await pickCounter(page, clinic.counters.c1);
  await page.click('#call-next');
  await page.waitForSelector('#called-why');
  assert.equal(await page.textContent('#current-code'), 'CN002');
  assert.match(await page.textContent('#called-why'), /consulta agendada para 10:30; chegou às 10:12, no horário/);
  await screenshot(page, 'desk-called-appointment');

  await page.goto(`${server.url}/desk/#/relatorio`);
  await page.waitForSelector('#stat-appointment-noshows');
  // A-1 (09:00) and Dra. Lima's D-1 (10:00): their windows closed with nobody at the totem.
  assert.equal(await page.textContent('#stat-appointment-noshows .stat-value'), '2');
  assert.equal(await page.textContent('#stat-appointments .stat-value'), '5');
  assert.equal(await page.textContent('#stat-appointments .stat-hint'), '1 chegaram (1 no horário, 0 atrasadas) · 1 canceladas');
});
