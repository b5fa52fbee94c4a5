// SPDX-License-Identifier: GPL-3.0-or-later
// The whole visit, end to end (issue 13), through the real programs: the clinic's schedule
// imported over the API; the real totem (clinico-totem-driver: TotemApp and its QML, offscreen)
// where the patient types the CPF and confirms arrival; the reception's desk in Chromium calls
// the appointment on time and sends it on with "Finalizar e encaminhar"; the doctor sees the
// agenda and calls the same code to the consulting room; the patient's phone page, in Chromium
// at 360x640, follows it all live and alerts when the turn is near. A cancelled appointment is
// not offered at the totem, and a late arrival is told what to do in plain words.
// Screenshots (CLINICO_SCREENSHOT_DIR): visit-totem-appointment, visit-totem-late,
// visit-agenda-doctor, visit-phone-waiting, visit-phone-near, visit-phone-called,
// visit-phone-next-stage, visit-phone-called-doctor: look at them.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { Server, TvClient, openBrowser, openPhone, login, pickCounter, screenshot, validCpf, waitFor } = require('./harness');

const TOTEM_DRIVER = process.env.CLINICO_TOTEM_DRIVER_BINARY;
const SCREENSHOTS = process.env.CLINICO_SCREENSHOT_DIR;

// Today in São Paulo (UTC-3), so the server's clock and the totem's own agree on the day.
const today = new Date(Date.now() - 3 * 3600000);
const at = (hour, minute) => Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), hour + 3, minute);
const isoAt = (hour, minute) => `${new Date(at(hour, minute) - 3 * 3600000).toISOString().slice(0, 16)}:00-03:00`;

const SMALL_PHONE = { width: 360, height: 640 };
const users = {
  ana: { username: 'ana', password: 'ana-senha-123', role: 'attendant' },
  lima: { username: 'dra.lima', password: 'lima-senha-123', role: 'doctor' },
};
const patient = { onTime: validCpf(101), cancelled: validCpf(102), late: validCpf(103) };
let server; let ids; let tokens; let totem; let tv;

// The real totem, one command a line on stdin, one JSON answer a line on stdout.
class Totem {
  constructor(url, token, dir) {
    this.process = spawn(TOTEM_DRIVER, ['--server', url, '--token', token, '--data-dir', dir,
      '--screenshot-dir', SCREENSHOTS, '--size', '1080x1920'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.process.stderr.on('data', (d) => { this.stderr += d; });
    this.answers = [];
    readline.createInterface({ input: this.process.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      this.answers.push(JSON.parse(line));
    });
  }

  async answer(timeoutMs = 15000) {
    return waitFor(() => this.answers.shift(), timeoutMs, `the totem's answer (stderr: ${this.stderr.slice(-2000)})`);
  }

  async send(command) {
    this.process.stdin.write(`${JSON.stringify(command)}\n`);
    return this.answer();
  }

  async stop() {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise((r) => this.process.once('exit', r));
    this.process.stdin.end();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
  }
}

async function callNextAt(counter) {
  const r = await server.api('POST', `/api/v1/counters/${counter}/call-next`, tokens.desk);
  assert.equal(r.status, 200, r.text);
  return r.body.ticket;
}

async function phoneText(page, id) { return (await page.textContent(`#${id}`)).trim(); }

// On a 360x640 phone the whole status card shows without scrolling, nothing sideways, and no
// stage name breaks over two lines.
async function assertFitsSmallPhone(page, moment) {
  const fit = await page.evaluate(() => {
    const lines = (el) => (el.hidden ? 0 : Math.round(el.getBoundingClientRect().height
      / parseFloat(getComputedStyle(el).lineHeight)));
    return {
      width: document.documentElement.scrollWidth,
      cardBottom: document.getElementById('card').getBoundingClientRect().bottom,
      stageLines: lines(document.getElementById('stage')),
      nextLines: lines(document.getElementById('next')),
    };
  });
  assert.ok(fit.width <= SMALL_PHONE.width, `${moment}: the page is ${fit.width}px wide`);
  assert.ok(fit.cardBottom <= SMALL_PHONE.height, `${moment}: the card ends at ${fit.cardBottom}px, below the fold`);
  assert.ok(fit.stageLines <= 1 && fit.nextLines <= 1, `${moment}: a stage name breaks (${JSON.stringify(fit)})`);
}

before(async () => {
  assert.ok(TOTEM_DRIVER, 'CLINICO_TOTEM_DRIVER_BINARY');
  server = await Server.create({ clockMs: at(10, 0) });
  const reception = Number(server.cli(['service', 'add', '--prefix', 'R', '--name', 'Recepção']));
  const consulta = Number(server.cli(['service', 'add', '--prefix', 'C', '--name', 'Consulta médica']));
  ids = {
    reception, consulta,
    desk1: Number(server.cli(['counter', 'add', '--name', 'Guichê 1', '--services', `${reception}`])),
    desk2: Number(server.cli(['counter', 'add', '--name', 'Guichê 2', '--services', `${reception}`])),
    room3: Number(server.cli(['counter', 'add', '--name', 'Consultório 3', '--services', `${consulta}`])),
  };
  for (const u of Object.values(users))
    server.cli(['user', 'add', '--username', u.username, '--role', u.role, '--password-stdin'], `${u.password}\n`);
  tokens = {
    scheduler: server.cli(['device', 'add', '--role', 'admin', '--name', 'Sistema de agendamento']),
    totem: server.cli(['device', 'add', '--role', 'totem', '--name', 'Totem da entrada']),
    desk: server.cli(['device', 'add', '--role', 'desk', '--name', 'Guichê 2']),
    tv: server.cli(['device', 'add', '--role', 'tv', '--name', 'TV da sala de espera']),
  };
  await server.start();
  const admin = tokens.scheduler;
  assert.equal((await server.api('PUT', `/api/v1/services/${reception}`, admin, { name: 'Recepção', nextServiceId: consulta })).status, 200);
  assert.equal((await server.api('PUT', '/api/v1/settings/display', admin,
    { clinicName: 'Clínica São Lucas', notice: '', logoUrl: '', showNames: false })).status, 200);

  // The day's schedule, as the clinic's scheduling system sends it (docs/agendamentos.md).
  const appointment = (id, cpf, hour, minute, status) => ({
    resourceType: 'Appointment', id, status, start: isoAt(hour, minute), minutesDuration: 20,
    serviceType: 'R', patientCpf: cpf, practitioner: 'dra.lima', practitionerName: 'Dra. Lima',
  });
  const imported = await server.api('POST', '/api/v1/appointments', admin, { appointments: [
    appointment('A-1', patient.onTime, 10, 30, 'booked'),
    appointment('A-2', patient.cancelled, 10, 40, 'booked'),
    appointment('A-3', patient.late, 9, 30, 'booked'),
  ] });
  assert.equal(imported.status, 200, imported.text);
  // The patient of A-2 cancels: the system sends the same appointment again, cancelled.
  const cancelled = await server.api('POST', '/api/v1/appointments', admin,
    { appointments: [appointment('A-2', patient.cancelled, 10, 40, 'cancelled')] });
  assert.deepEqual(cancelled.body, { created: 0, updated: 1 });

  tv = new TvClient(server.url, tokens.tv);
  await tv.hello;
  const totemDir = path.join(server.dir, 'totem');
  fs.mkdirSync(totemDir);
  totem = new Totem(server.url, tokens.totem, totemDir);
  assert.deepEqual(await totem.answer(), { ready: true }, totem.stderr);
});

after(async () => {
  if (totem) await totem.stop();
  if (tv) tv.close();
  if (server) await server.stop();
});

test('a cancelled appointment is not offered at the totem: the usual choice of a service', async () => {
  server.setClock(at(10, 15));
  const seen = await totem.send({ do: 'checkIn', cpf: patient.cancelled });
  assert.equal(seen.lookupAnswered, true, 'the server answered about the patient');
  assert.equal(seen.screen, 'service');
  assert.equal(seen.title, '');
  assert.equal(seen.error, '');
});

test('a late arrival is told in plain words to see the reception, and cannot confirm', async () => {
  server.setClock(at(10, 16));
  const seen = await totem.send({ do: 'checkIn', cpf: patient.late, screenshot: 'visit-totem-late' });
  assert.equal(seen.screen, 'appointment');
  assert.equal(seen.title, 'Sua consulta era às 09:30 com Dra. Lima');
  assert.equal(seen.message, 'O horário para confirmar a chegada já passou. Por favor, procure a recepção.');
  assert.equal(seen.canConfirmArrival, false);
  assert.deepEqual(seen.outside, [], 'every control inside the window, no label cut short');
  assert.equal((await totem.send({ do: 'confirmArrival' })).screen, 'appointment', 'nothing to confirm');
});

test('the whole visit: checked in at the totem, called on time, forwarded, called again, followed on the phone', async () => {
  // Four walk-ins came first.
  for (let i = 0; i < 4; ++i) {
    server.setClock(at(10, 2 + 3 * i));
    await server.issue(tokens.totem, 200 + i, ids.reception);
  }

  // 10:20 at the totem: CPF, Confirmar, Confirmar chegada.
  server.setClock(at(10, 20));
  const offered = await totem.send({ do: 'checkIn', cpf: patient.onTime, screenshot: 'visit-totem-appointment' });
  assert.equal(offered.screen, 'appointment');
  assert.equal(offered.title, 'Você tem consulta às 10:30 com Dra. Lima');
  assert.equal(offered.message, 'Toque em Confirmar chegada e aguarde a chamada pela TV.');
  assert.equal(offered.canConfirmArrival, true);
  assert.deepEqual(offered.outside, [], 'every control inside the window, no label cut short');
  const ticket = await totem.send({ do: 'confirmArrival' });
  assert.equal(ticket.screen, 'ticket');
  assert.equal(ticket.offline, false);
  assert.equal(ticket.serviceName, 'Recepção');
  assert.match(ticket.code, /^RN\d{3}$/);
  assert.equal(ticket.peopleAhead, 4);
  for (const line of ticket.printed)
    assert.ok(!/Lima|10:30|consulta/i.test(line), `nothing about the appointment on paper: ${line}`);
  const code = ticket.code;
  const statusToken = new URL(ticket.statusUrl).pathname.split('/')[2];
  assert.ok(statusToken, ticket.statusUrl);

  // The phone, on a small screen, from the QR code.
  const phone = await openPhone(server.url, statusToken, { viewport: SMALL_PHONE });
  const doctor = await openBrowser();
  const reception = await openBrowser();
  try {
    const p = phone.page;
    await p.waitForSelector('#code:not(:empty)');
    assert.equal(await phoneText(p, 'code'), code);
    assert.equal(await phoneText(p, 'clinic'), 'Clínica São Lucas');
    assert.equal(await phoneText(p, 'headline'), 'Aguardando chamada');
    assert.match(await phoneText(p, 'detail'), /^4 pessoas à sua frente\. Espera estimada: /);
    assert.equal(await phoneText(p, 'stage'), 'Recepção');
    assert.equal(await phoneText(p, 'next'), 'Consulta médica');
    await waitFor(async () => (await phoneText(p, 'live')) === 'Atualiza sozinha, ao vivo.', 5000, 'live updates');
    await assertFitsSmallPhone(p, 'waiting');
    await screenshot(p, 'visit-phone-waiting');

    // Two walk-ins are called at the other desk: two ahead, the turn is near, pushed live.
    server.setClock(at(10, 21));
    await callNextAt(ids.desk2);
    server.setClock(at(10, 23));
    await callNextAt(ids.desk2);
    await p.waitForFunction(() => document.body.classList.contains('near'), null, { timeout: 5000 });
    assert.equal(await phoneText(p, 'headline'), 'Sua vez está chegando');
    assert.match(await phoneText(p, 'detail'), /^2 pessoas à sua frente\. .*Fique perto do painel de chamadas\.$/);
    assert.deepEqual(await p.evaluate(() => window.__notifications),
      [{ title: 'Sua vez está chegando', body: `Senha ${code}: fique perto do painel.` }]);
    assert.deepEqual(await p.evaluate(() => window.__vibrations), [[300, 150, 300]]);
    assert.equal(await p.evaluate(() => getComputedStyle(document.getElementById('card')).backgroundColor), 'rgb(255, 243, 176)');
    await assertFitsSmallPhone(p, 'near');
    await screenshot(p, 'visit-phone-near');

    // 10:26, within the 5 minutes before 10:30: the reception calls the appointment before the
    // two walk-ins who came earlier, and says why.
    server.setClock(at(10, 26));
    const r = reception.page;
    await login(r, server.url, users.ana);
    await pickCounter(r, ids.desk1);
    const fromCall = tv.events.length;
    await r.click('#call-next');
    await waitFor(async () => (await r.textContent('#current-code')) === code, 5000, 'the appointment called');
    assert.match(await r.textContent('#called-why'), /consulta agendada para 10:30; chegou às 10:20, no horário/);
    const firstCall = await tv.next((e) => e.kind === 'ticket.called', fromCall);
    assert.equal(firstCall.data.code, code);
    assert.equal(firstCall.data.counterName, 'Guichê 1');
    await p.waitForFunction(() => document.body.classList.contains('called'), null, { timeout: 5000 });
    assert.equal(await phoneText(p, 'headline'), 'Chamada! Dirija\u2011se\u00a0a:');
    assert.equal(await phoneText(p, 'where'), 'Guichê 1');
    await assertFitsSmallPhone(p, 'called');
    await screenshot(p, 'visit-phone-called');

    // "Finalizar e encaminhar": the same code joins the consultation's queue.
    server.setClock(at(10, 31));
    await r.click('#forward');
    await r.waitForSelector('#forward-service');
    assert.equal(await r.$eval('#forward-service', (s) => s.selectedOptions[0].textContent), 'Consulta médica');
    await r.click('dialog button[type=submit]');
    await waitFor(async () => (await r.textContent('#current-code')) !== code, 5000, 'the reception desk to be free');
    await p.waitForFunction(() => document.getElementById('stage').textContent === 'Consulta médica', null, { timeout: 5000 });
    assert.equal(await phoneText(p, 'code'), code);
    assert.ok(!(await p.evaluate(() => document.body.classList.contains('called'))));
    assert.match(await phoneText(p, 'headline'), /^(Aguardando chamada|Sua vez está chegando)$/);
    assert.equal(await p.isVisible('#next'), false, 'the consultation is the last stage');
    await assertFitsSmallPhone(p, 'next stage');
    await screenshot(p, 'visit-phone-next-stage');

    // The doctor's agenda: the late patient's window closed without a check-in, hers waits for
    // her (arrived at 10:20), the cancelled one is marked so.
    const d = doctor.page;
    await login(d, server.url, users.lima);
    await d.goto(`${server.url}/desk/#/agenda`);
    await d.waitForSelector('#agenda tbody tr');
    assert.equal(await d.textContent('#view-agenda h1'), 'Minhas consultas de hoje');
    const rows = await d.$$eval('#agenda tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.deepEqual(rows.map((row) => [row[0], row[2], row[3], row[4]]), [
      ['09:30', 'Não compareceu', '—', '—'],
      ['10:30', 'Aguardando', '10:20', code],
      ['10:40', 'Cancelada', '—', '—'],
    ]);
    await screenshot(d, 'visit-agenda-doctor');

    // The doctor calls: the same code, now to the consulting room, on the TV and the phone.
    await d.goto(`${server.url}/desk/#/mesa`);
    await pickCounter(d, ids.room3);
    const fromSecond = tv.events.length;
    await d.click('#call-next');
    await waitFor(async () => (await d.textContent('#current-code')) === code, 5000, 'the same code at the doctor');
    await d.waitForSelector('#current-stages');
    assert.equal(await d.textContent('#current-stages'), 'Etapas: Recepção (Guichê 1) → Consulta médica (Consultório 3)');
    const secondCall = await tv.next((e) => e.kind === 'ticket.called', fromSecond);
    assert.equal(secondCall.data.code, code);
    assert.equal(secondCall.data.counterName, 'Consultório 3');
    await p.waitForFunction(() => document.getElementById('where').textContent === 'Consultório 3', null, { timeout: 5000 });
    assert.equal(await phoneText(p, 'headline'), 'Chamada! Dirija\u2011se\u00a0a:');
    const notes = await p.evaluate(() => window.__notifications);
    assert.deepEqual(notes.map((n) => n.body).filter((b) => b.includes('dirija-se')),
      [`Senha ${code}: dirija-se a Guichê 1.`, `Senha ${code}: dirija-se a Consultório 3.`],
      'each call of the visit alerts the phone');
    await assertFitsSmallPhone(p, 'called to the doctor');
    await screenshot(p, 'visit-phone-called-doctor');
    assert.deepEqual(p.consoleErrors, []);
    for (const staff of [r, d])
      assert.deepEqual(staff.consoleErrors.filter((m) => !m.includes('401')), [], 'only the sign-in page’s own 401');
  } finally {
    await phone.close();
    await doctor.close();
    await reception.close();
  }
});
