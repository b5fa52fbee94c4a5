// SPDX-License-Identifier: GPL-3.0-or-later
// What every browser test needs: the real clinico-server on an ephemeral loopback port with
// its own data directory, Debian's Chromium with a fresh profile, a TV-side event-stream
// client, and a few helpers. Everything started here is stopped by its own handle.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const WebSocket = require('ws'); // Node 18 (Debian 12) has no WebSocket of its own

const SERVER = process.env.CLINICO_SERVER_BINARY;
const CLOCKED_SERVER = process.env.CLINICO_CLOCKED_SERVER_BINARY;
const CHROMIUM = process.env.CLINICO_CHROMIUM || '/usr/bin/chromium';
const SCREENSHOTS = process.env.CLINICO_SCREENSHOT_DIR || path.join(os.tmpdir(), 'clinico-desk-screenshots');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check, timeoutMs = 5000, what = 'condition') {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

// A valid CPF from a seed (check digits computed), like tests/support's validCpf().
function validCpf(seed) {
  const digits = String(100000000 + ((seed * 7919) % 899999999)).split('').map(Number);
  for (const len of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < len; ++i) sum += digits[i] * (len + 1 - i);
    const d = (sum * 10) % 11;
    digits.push(d === 10 ? 0 : d);
  }
  return digits.join('');
}

// A loopback port nobody holds right now, for a server whose address must be known before it
// starts (the identity provider is told Clinico's redirect URI first).
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// On PostgreSQL (CLINICO_TEST_DATABASE=postgresql: the `_pg` copies of these tests) every
// server gets a fresh database on one private cluster per test file, which
// clinico-private-postgres (tests/support) starts and stops when this process ends and its
// stdin closes.
const ON_POSTGRES = process.env.CLINICO_TEST_DATABASE === 'postgresql';
let privatePostgres = null;
let databases = 0;

function postgresDatabase() {
  if (!privatePostgres) {
    const child = spawn(process.env.CLINICO_PRIVATE_POSTGRES, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = require('node:readline').createInterface({ input: child.stdout });
    const waiting = [];
    lines.on('line', (line) => waiting.shift()(line));
    child.unref();
    child.stdin.unref();
    child.stdout.unref();
    privatePostgres = { child, ask: (name) => new Promise((resolve) => {
      waiting.push(resolve);
      child.stdout.ref(); // a reply on its way keeps this process alive
      child.stdin.write(`${name}\n`);
    }).finally(() => { if (waiting.length === 0) child.stdout.unref(); }) };
  }
  const name = `desk${process.pid}_${++databases}`;
  return privatePostgres.ask(name).then((url) => {
    if (url === 'error') throw new Error(`the private PostgreSQL could not give database ${name}`);
    return url;
  });
}

class Server {
  // A server ready to start, with its database: a data directory of its own, or on PostgreSQL
  // a database of its own.
  static async create(options = {}) {
    const server = new Server(options);
    if (ON_POSTGRES) server.database = await postgresDatabase();
    return server;
  }


  // `args`: extra flags (the [oidc] settings); `port`: a fixed port instead of any free one.
  constructor({ clockMs, args = [], port = 0 } = {}) {
    this.extraArgs = args;
    this.port = port;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinico-desk-'));
    this.dataDir = path.join(this.dir, 'data');
    fs.mkdirSync(this.dataDir);
    this.database = `sqlite:${this.dataDir}`; // Server.create() gives it its PostgreSQL database
    this.clockFile = clockMs === undefined ? null : path.join(this.dir, 'clock');
    if (this.clockFile) this.setClock(clockMs);
    this.process = null;
    this.url = '';
  }

  setClock(ms) {
    this.clockMs = ms;
    fs.writeFileSync(this.clockFile, String(ms));
  }

  advance(minutes) { this.setClock(this.clockMs + Math.round(minutes * 60000)); }

  cli(args, input) {
    const r = spawnSync(SERVER, [...args, '--data-dir', this.dataDir, '--database', this.database],
      { input: input || '', encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`clinico-server ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout.trim();
  }

  async start() {
    const portFile = path.join(this.dir, 'port');
    const args = ['--listen', '127.0.0.1', '--port', String(this.port), '--data-dir', this.dataDir,
      '--database', this.database, '--port-file', portFile, ...this.extraArgs];
    const binary = this.clockFile ? CLOCKED_SERVER : SERVER;
    if (this.clockFile) args.push('--clock-file', this.clockFile);
    const log = fs.openSync(path.join(this.dir, 'server.log'), 'a');
    this.process = spawn(binary, args, { stdio: ['ignore', log, log] });
    await waitFor(() => fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').trim(), 10000, 'server port file');
    this.url = `http://127.0.0.1:${fs.readFileSync(portFile, 'utf8').trim()}`;
  }

  log() { return fs.readFileSync(path.join(this.dir, 'server.log'), 'utf8'); }

  // Stops the server and deletes its data directory (kept with CLINICO_KEEP_TEST_DATA=1).
  async stop() {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise((r) => this.process.once('exit', r));
      this.process.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    }
    if (!process.env.CLINICO_KEEP_TEST_DATA) fs.rmSync(this.dir, { recursive: true, force: true });
    else console.log(`test data kept in ${this.dir}`);
  }

  // Plain HTTP as a device (bearer token) for the parts of the test that are not the browser.
  async api(method, route, token, body) {
    const headers = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(this.url + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null, text };
  }

  async issue(totemToken, seed, serviceId, priority = 'normal') {
    const r = await this.api('POST', '/api/v1/tickets', totemToken, {
      cpf: validCpf(seed), serviceId, priority, idempotencyKey: `desk-test-${seed}-${Date.now()}`,
    });
    if (r.status !== 201 && r.status !== 200) throw new Error(`issue failed: ${r.status} ${r.text}`);
    return r.body.ticket;
  }
}

// The demo clinic the tests use: two services, three counters, three people, a totem and a TV.
function setupClinic(server) {
  const consulta = Number(server.cli(['service', 'add', '--prefix', 'C', '--name', 'Consulta médica']));
  const exames = Number(server.cli(['service', 'add', '--prefix', 'E', '--name', 'Exames']));
  const c1 = Number(server.cli(['counter', 'add', '--name', 'Consultório 1', '--services', `${consulta}`]));
  const c2 = Number(server.cli(['counter', 'add', '--name', 'Consultório 2', '--services', `${consulta}`]));
  const coleta = Number(server.cli(['counter', 'add', '--name', 'Sala de coleta', '--services', `${exames}`]));
  const users = {
    admin: { username: 'admin', password: 'admin-senha-1', role: 'admin' },
    ana: { username: 'ana', password: 'ana-senha-123', role: 'attendant' },
    bruno: { username: 'bruno', password: 'bruno-senha-1', role: 'doctor' },
  };
  for (const u of Object.values(users))
    server.cli(['user', 'add', '--username', u.username, '--role', u.role, '--password-stdin'], `${u.password}\n`);
  const totem = server.cli(['device', 'add', '--role', 'totem', '--name', 'Totem de teste']);
  const tv = server.cli(['device', 'add', '--role', 'tv', '--name', 'TV de teste']);
  return { services: { consulta, exames }, counters: { c1, c2, coleta }, users, tokens: { totem, tv } };
}

// The clinic's identity provider (oidcprovider.mjs, npm's oidc-provider) as its own process
// on loopback, knowing Clinico at `clinicoUrl` as client `clientId` with the secret in `secretFile`.
class IdentityProvider {
  constructor(dir) {
    this.dir = dir;
    this.process = null;
    this.issuer = '';
  }

  async start({ clinicoUrl, clientId, secretFile }) {
    const issuerFile = path.join(this.dir, 'issuer');
    const log = fs.openSync(path.join(this.dir, 'provider.log'), 'a');
    this.process = spawn(process.execPath, [path.join(__dirname, 'oidcprovider.mjs'), '--issuer-file', issuerFile,
      '--client-id', clientId, '--client-secret-file', secretFile,
      '--redirect-uri', `${clinicoUrl}/oidc/callback`, '--post-logout-redirect-uri', `${clinicoUrl}/desk/`],
    { stdio: ['ignore', log, log] });
    await waitFor(() => fs.existsSync(issuerFile) && fs.readFileSync(issuerFile, 'utf8').trim(), 15000, 'the identity provider');
    this.issuer = fs.readFileSync(issuerFile, 'utf8').trim();
  }

  log() { return fs.readFileSync(path.join(this.dir, 'provider.log'), 'utf8'); }

  async stop() {
    if (!this.process || this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise((r) => this.process.once('exit', r));
    this.process.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
  }
}

// A TV as far as the event stream goes: subscribes with its device token, records every event.
class TvClient {
  constructor(url, token) {
    this.events = [];
    this.socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/events?token=${encodeURIComponent(token)}`);
    this.hello = new Promise((resolve, reject) => {
      this.socket.onerror = () => reject(new Error('TV client could not connect'));
      this.socket.onmessage = (m) => {
        const frame = JSON.parse(String(m.data));
        if (frame.type === 'hello') resolve(frame);
        if (frame.type === 'event') {
          frame.receivedAt = performance.now();
          frame.receivedAtEpoch = performance.timeOrigin + frame.receivedAt;
          this.events.push(frame);
          for (const w of this.waiters.splice(0)) w();
        }
      };
    });
    this.waiters = [];
  }

  // The first recorded event after `from` that matches.
  async next(match, from = 0, timeoutMs = 5000) {
    const find = () => this.events.slice(from).find(match);
    return waitFor(() => find(), timeoutMs, 'an event at the TV');
  }

  close() { this.socket.close(); }
}

// Debian's Chromium with a fresh profile of its own (one per person at a desk). A phone:
// `viewport` of its screen, `isMobile`, and the `locale` its Accept-Language follows.
async function openBrowser({ viewport = { width: 1366, height: 860 }, locale = 'pt-BR', isMobile = false } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'clinico-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    isMobile,
    hasTouch: isMobile,
    locale,
    timezoneId: 'America/Sao_Paulo',
    // Playwright's waitForFunction evaluates strings, which the console's CSP forbids. Off in
    // tests, which also makes the XSS test prove the escaping itself, not only the CSP.
    bypassCSP: true,
    env: { ...process.env, LANG: 'pt_BR.UTF-8', LANGUAGE: 'pt_BR:pt' }, // dates and times as in Brazil
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', `--lang=${locale}`],
  });
  const page = context.pages()[0] || await context.newPage();
  page.consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  return {
    context, page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function login(page, url, user) {
  await page.goto(`${url}/desk/`);
  await page.fill('#login-username', user.username);
  await page.fill('#login-password', user.password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#topbar:not([hidden])');
}

async function pickCounter(page, counterId) {
  await page.waitForSelector('#counter');
  await page.selectOption('#counter', String(counterId));
  await page.waitForSelector('#call-next');
}

async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.evaluate(() => document.getElementById('toast')?.classList.remove('show')); // transient
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

module.exports = { Server, IdentityProvider, freePort, TvClient, setupClinic, openBrowser, login, pickCounter, screenshot, waitFor, sleep, validCpf };
