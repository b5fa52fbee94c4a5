// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: from the click on "Chamar próximo" in the desk console (real Chromium) to the
// ticket.called event at a subscribed TV-side client, p50/p99. Both clocks are this machine's
// wall clock: the click is stamped in the page (a capturing listener), the event on arrival.
//
//   cmake --build build --target bench_desk
// or
//   (cd tests/desk && npm ci)   # once
//   CLINICO_SERVER_BINARY=build/server/clinico-server node bench/desk/click_to_event.js [calls]
'use strict';

const { Server, TvClient, setupClinic, openBrowser, login, pickCounter, waitFor, sleep } = require('../../tests/desk/browser/harness');

const CALLS = Number(process.argv[2] || 200);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

async function main() {
  const server = new Server();
  const clinic = setupClinic(server);
  await server.start();
  const tv = new TvClient(server.url, clinic.tokens.tv);
  await tv.hello;
  const browser = await openBrowser();
  try {
    for (let i = 0; i < CALLS; ++i) await server.issue(clinic.tokens.totem, 1000 + i, clinic.services.consulta);
    const { page } = browser;
    await login(page, server.url, clinic.users.ana);
    await pickCounter(page, clinic.counters.c1);
    await page.evaluate(() => {
      window.__clicks = [];
      document.addEventListener('click', (e) => {
        if (e.target.closest('#call-next')) window.__clicks.push(performance.timeOrigin + performance.now());
      }, true);
    });
    const latencies = [];
    for (let i = 0; i < CALLS; ++i) {
      await page.waitForSelector('#call-next:not([disabled])');
      const from = tv.events.length;
      await page.click('#call-next');
      const event = await tv.next((e) => e.kind === 'ticket.called', from);
      const clicks = await page.evaluate(() => window.__clicks);
      latencies.push(event.receivedAtEpoch - clicks[clicks.length - 1]);
      await sleep(20); // a person does not click twice within 20 ms
    }
    latencies.sort((a, b) => a - b);
    const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
    console.log(`desk click -> ticket.called at a subscribed client, ${latencies.length} calls`);
    console.log(`  p50 ${percentile(latencies, 0.5).toFixed(1)} ms  p90 ${percentile(latencies, 0.9).toFixed(1)} ms  p99 ${percentile(latencies, 0.99).toFixed(1)} ms  max ${latencies[latencies.length - 1].toFixed(1)} ms  mean ${mean.toFixed(1)} ms`);
  } finally {
    tv.close();
    await browser.close();
    await server.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
