// SPDX-License-Identifier: GPL-3.0-or-later
// The patient's phone page: the status of one ticket (PhoneStatus in shared/protocol/messages.h),
// live over the WebSocket /t/live?token=, or every kPollMs from /t/<token>/status when the socket
// cannot stay open. The server works out everything shown; this page only presents it.
'use strict';

const kPollMs = 15000;
const kReconnectMs = [1000, 3000, 10000, 30000];

const kText = {
  'pt-BR': {
    title: 'Senha', code: 'Sua senha', stage: 'Etapa atual', next: 'Próxima etapa',
    waiting: 'Aguardando chamada', near: 'Sua vez está chegando',
    // \u2011: a hyphen the line does not break at ("Dirija-" / "se a:" on a narrow phone).
    called: 'Chamada! Dirija\u2011se a:', in_service: 'Em atendimento', done: 'Atendimento concluído',
    no_show: 'Não compareceu à chamada', cancelled: 'Senha cancelada', expired: 'Senha expirada',
    nobody: 'Ninguém à sua frente', one: '1 pessoa à sua frente', many: '{n} pessoas à sua frente',
    wait: 'Espera estimada: {m}', lessThanMinute: 'menos de 1 minuto', minute: '1 minuto', minutes: '{m} minutos',
    nearDetail: 'Fique perto do painel de chamadas.',
    notify: 'Avisar-me neste celular', notifyOn: 'Avisos ligados neste celular',
    live: 'Atualiza sozinha, ao vivo.', polling: 'Atualiza sozinha a cada 15 segundos.',
    offline: 'Sem conexão: tentando de novo…',
    notificationTitle: 'Sua vez está chegando', notificationBody: 'Senha {code}: fique perto do painel.',
    calledNotification: 'Senha {code}: dirija-se a {where}.',
  },
  en: {
    title: 'Ticket', code: 'Your ticket', stage: 'Current step', next: 'Next step',
    waiting: 'Waiting to be called', near: 'Your turn is coming up',
    called: 'Called! Please go to:', in_service: 'Being served', done: 'Visit finished',
    no_show: 'Missed the call', cancelled: 'Ticket cancelled', expired: 'Ticket expired',
    nobody: 'Nobody ahead of you', one: '1 person ahead of you', many: '{n} people ahead of you',
    wait: 'Estimated wait: {m}', lessThanMinute: 'under 1 minute', minute: '1 minute', minutes: '{m} minutes',
    nearDetail: 'Please stay near the call screen.',
    notify: 'Alert me on this phone', notifyOn: 'Alerts on for this phone',
    live: 'Updates by itself, live.', polling: 'Updates by itself every 15 seconds.',
    offline: 'No connection: trying again…',
    notificationTitle: 'Your turn is coming up', notificationBody: 'Ticket {code}: stay near the screen.',
    calledNotification: 'Ticket {code}: please go to {where}.',
  },
  es: {
    title: 'Turno', code: 'Su turno', stage: 'Etapa actual', next: 'Próxima etapa',
    waiting: 'Esperando el llamado', near: 'Su turno se acerca',
    called: '¡Llamado! Diríjase a:', in_service: 'En atención', done: 'Atención concluida',
    no_show: 'No se presentó al llamado', cancelled: 'Turno cancelado', expired: 'Turno vencido',
    nobody: 'Nadie delante de usted', one: '1 persona delante de usted', many: '{n} personas delante de usted',
    wait: 'Espera estimada: {m}', lessThanMinute: 'menos de 1 minuto', minute: '1 minuto', minutes: '{m} minutos',
    nearDetail: 'Quédese cerca de la pantalla de llamados.',
    notify: 'Avisarme en este celular', notifyOn: 'Avisos activados en este celular',
    live: 'Se actualiza sola, en vivo.', polling: 'Se actualiza sola cada 15 segundos.',
    offline: 'Sin conexión: intentando de nuevo…',
    notificationTitle: 'Su turno se acerca', notificationBody: 'Turno {code}: quédese cerca de la pantalla.',
    calledNotification: 'Turno {code}: diríjase a {where}.',
  },
};

const token = location.pathname.split('/')[2] || '';
const $ = (id) => document.getElementById(id);
let language = pickLanguage();
let status = null;
let alerted = { near: false, called: false };
let mode = 'offline';
let pollTimer = 0;
let attempts = 0;

function pickLanguage() {
  let chosen = null;
  try { chosen = localStorage.getItem('clinico.phone.lang'); } catch (e) { chosen = null; }
  return kText[chosen] ? chosen : (kText[document.documentElement.lang] ? document.documentElement.lang : 'pt-BR');
}

function t(key, values = {}) {
  return (kText[language][key] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
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

// Once per moment: "near" when two or fewer are ahead, then "called" with where to go.
function alertIfNeeded() {
  const moment = status.status === 'called' ? 'called' : status.status === 'waiting' && status.near ? 'near' : null;
  if (!moment || alerted[moment])
    return;
  alerted[moment] = true;
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
