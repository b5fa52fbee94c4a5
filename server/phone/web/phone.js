// SPDX-License-Identifier: GPL-3.0-or-later
// The patient's phone page: the status of one ticket (PhoneStatus in shared/protocol/messages.h),
// live over the WebSocket /t/live?token=, or every kPollMs from /t/<token>/status when the socket
// cannot stay open. The server works out everything shown; this page only presents it.
'use strict';

const kPollMs = 15000;
const kReconnectMs = [1000, 3000, 10000, 30000];

// Every text of the page, in the languages it speaks (kLanguages' order), side by side.
const kLanguages = ['pt-BR', 'en', 'es'];
const kText = {
  title: ['Senha', 'Ticket', 'Turno'],
  code: ['Sua senha', 'Your ticket', 'Su turno'],
  stage: ['Etapa atual', 'Current step', 'Etapa actual'],
  next: ['Próxima etapa', 'Next step', 'Próxima etapa'],
  waiting: ['Aguardando chamada', 'Waiting to be called', 'Esperando el llamado'],
  near: ['Sua vez está chegando', 'Your turn is coming up', 'Su turno se acerca'],
  // \u2011, \u00a0: a hyphen and a space the line does not break at ("Dirija-" / "se a:", or
  // "Dirija-se" / "a:", on a narrow phone): it breaks after the "!".
  called: ['Chamada! Dirija\u2011se\u00a0a:', 'Called! Please go\u00a0to:', '¡Llamado! Diríjase\u00a0a:'],
  in_service: ['Em atendimento', 'Being served', 'En atención'],
  done: ['Atendimento concluído', 'Visit finished', 'Atención concluida'],
  no_show: ['Não compareceu à chamada', 'Missed the call', 'No se presentó al llamado'],
  cancelled: ['Senha cancelada', 'Ticket cancelled', 'Turno cancelado'],
  expired: ['Senha expirada', 'Ticket expired', 'Turno vencido'],
  nobody: ['Ninguém à sua frente', 'Nobody ahead of you', 'Nadie delante de usted'],
  one: ['1 pessoa à sua frente', '1 person ahead of you', '1 persona delante de usted'],
  many: ['{n} pessoas à sua frente', '{n} people ahead of you', '{n} personas delante de usted'],
  wait: ['Espera estimada: {m}', 'Estimated wait: {m}', 'Espera estimada: {m}'],
  lessThanMinute: ['menos de 1 minuto', 'under 1 minute', 'menos de 1 minuto'],
  minute: ['1 minuto', '1 minute', '1 minuto'],
  minutes: ['{m} minutos', '{m} minutes', '{m} minutos'],
  nearDetail: ['Fique perto do painel de chamadas.', 'Please stay near the call screen.', 'Quédese cerca de la pantalla de llamados.'],
  notify: ['Avisar-me neste celular', 'Alert me on this phone', 'Avisarme en este celular'],
  notifyOn: ['Avisos ligados neste celular', 'Alerts on for this phone', 'Avisos activados en este celular'],
  live: ['Atualiza sozinha, ao vivo.', 'Updates by itself, live.', 'Se actualiza sola, en vivo.'],
  polling: ['Atualiza sozinha a cada 15 segundos.', 'Updates by itself every 15 seconds.', 'Se actualiza sola cada 15 segundos.'],
  offline: ['Sem conexão: tentando de novo…', 'No connection: trying again…', 'Sin conexión: intentando de nuevo…'],
  notificationTitle: ['Sua vez está chegando', 'Your turn is coming up', 'Su turno se acerca'],
  notificationBody: ['Senha {code}: fique perto do painel.', 'Ticket {code}: stay near the screen.', 'Turno {code}: quédese cerca de la pantalla.'],
  calledNotification: ['Senha {code}: dirija-se a {where}.', 'Ticket {code}: please go to {where}.', 'Turno {code}: diríjase a {where}.'],
};

const token = location.pathname.split('/')[2] || '';
const $ = (id) => document.getElementById(id);
let language = pickLanguage();
let status = null;
const alerted = new Set(); // "<stage>|near", "<stage>|called": once each, at every stage of the visit
let mode = 'offline';
let pollTimer = 0;
let attempts = 0;

function pickLanguage() {
  let chosen = null;
  try { chosen = localStorage.getItem('clinico.phone.lang'); } catch (e) { chosen = null; }
  return kLanguages.includes(chosen) ? chosen
    : kLanguages.includes(document.documentElement.lang) ? document.documentElement.lang : 'pt-BR';
}

function t(key, values = {}) {
  return (kText[key]?.[kLanguages.indexOf(language)] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
}

function minutesText(m) {
  return m < 1 ? t('lessThanMinute') : m === 1 ? t('minute') : t('minutes', { m });
}

function show(el, text) {
  el.textContent = text || '';
  el.hidden = !text;
}

function render() {
  document.documentElement.lang = language;
  for (const b of document.querySelectorAll('.languages button'))
    b.setAttribute('aria-pressed', String(b.dataset.lang === language));
  $('codeLabel').textContent = t('code');
  $('stageLabel').textContent = t('stage');
  $('live').textContent = t(mode);
  renderNotifyButton();
  if (!status)
    return;
  document.title = `${t('title')} ${status.code}`;
  $('clinic').textContent = status.clinicName;
  $('code').textContent = status.code;
  $('stage').textContent = status.stageName;
  show($('nextLabel'), status.nextStageName ? t('next') : '');
  show($('next'), status.nextStageName);
  const waiting = status.status === 'waiting';
  const called = status.status === 'called';
  document.body.classList.toggle('near', waiting && status.near);
  document.body.classList.toggle('called', called);
  if (waiting) {
    $('headline').textContent = status.near ? t('near') : t('waiting');
    const people = status.ahead === 0 ? t('nobody') : status.ahead === 1 ? t('one') : t('many', { n: status.ahead });
    $('detail').textContent = `${people}. ${t('wait', { m: minutesText(status.estimatedWaitMinutes) })}.`
      + (status.near ? ` ${t('nearDetail')}` : '');
  } else {
    $('headline').textContent = called ? t('called') : t(status.status) || status.status;
    $('detail').textContent = '';
  }
  show($('where'), called || status.status === 'in_service' ? status.counterName : '');
}

function renderNotifyButton() {
  const b = $('notify');
  if (!('Notification' in window) || Notification.permission === 'denied') {
    b.hidden = true;
    return;
  }
  b.hidden = false;
  b.textContent = Notification.permission === 'granted' ? t('notifyOn') : t('notify');
  b.disabled = Notification.permission === 'granted';
}

function beep() {
  try {
    const audio = new (window.AudioContext || window.webkitAudioContext)();
    for (const [at, freq] of [[0, 880], [0.35, 660]]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.3;
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.25);
    }
  } catch (e) { /* no sound on this phone: the vibration and the page still change */ }
}

// Once per moment of each stage: "near" when two or fewer are ahead, then "called" with where
// to go; a ticket sent on to its next stage alerts again there.
function alertIfNeeded() {
  const moment = status.status === 'called' ? 'called' : status.status === 'waiting' && status.near ? 'near' : null;
  const key = `${status.stageName}|${moment}`;
  if (!moment || alerted.has(key))
    return;
  alerted.add(key);
  const body = moment === 'called'
    ? t('calledNotification', { code: status.code, where: status.counterName })
    : t('notificationBody', { code: status.code });
  if ('Notification' in window && Notification.permission === 'granted') {
    try { new Notification(moment === 'called' ? t('called') : t('notificationTitle'), { body, tag: `clinico-${moment}` }); }
    catch (e) { /* Android Chrome only notifies from a service worker: the rest still happens */ }
  }
  if (navigator.vibrate)
    navigator.vibrate(moment === 'called' ? [400, 200, 400, 200, 400] : [300, 150, 300]);
  beep();
}

function apply(next) {
  status = next;
  render();
  alertIfNeeded();
}

async function poll() {
  clearTimeout(pollTimer);
  try {
    const r = await fetch(`/t/${encodeURIComponent(token)}/status`, { cache: 'no-store' });
    if (r.ok)
      apply(await r.json());
  } catch (e) {
    mode = 'offline';
    render();
  }
  pollTimer = setTimeout(poll, kPollMs);
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  let ws;
  try {
    ws = new WebSocket(`${scheme}://${location.host}/t/live?token=${encodeURIComponent(token)}`);
  } catch (e) {
    return fallBack();
  }
  ws.onopen = () => { attempts = 0; };
  ws.onmessage = (m) => {
    clearTimeout(pollTimer);
    mode = 'live';
    try { apply(JSON.parse(m.data)); } catch (e) { /* a frame we cannot read: the next one will do */ }
  };
  ws.onclose = (e) => {
    mode = 'polling';
    render();
    if (e.code === 4404)
      return;
    fallBack();
    setTimeout(connect, kReconnectMs[Math.min(attempts++, kReconnectMs.length - 1)]);
  };
}

function fallBack() {
  if (mode !== 'live')
    poll();
}

function start() {
  for (const b of document.querySelectorAll('.languages button')) {
    b.addEventListener('click', () => {
      language = b.dataset.lang;
      try { localStorage.setItem('clinico.phone.lang', language); } catch (e) { /* private mode */ }
      render();
    });
  }
  $('notify').addEventListener('click', async () => {
    await Notification.requestPermission();
    render();
  });
  render();
  poll();
  connect();
}

start();
