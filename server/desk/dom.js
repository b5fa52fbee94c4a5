// SPDX-License-Identifier: GPL-3.0-or-later
// Building the page without ever parsing data as HTML: every string becomes a text node.
'use strict';

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  appendChildren(el, children);
  return el;
}

function appendChildren(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Re-renders `el`. The focus stays where it was (on the new element with the same id), so a
// keyboard user is not thrown back to the top of the page by every live update.
function replace(el, ...children) {
  const focused = el.contains(document.activeElement) ? document.activeElement.id : '';
  el.replaceChildren();
  appendChildren(el, children);
  if (focused) {
    const again = document.getElementById(focused);
    if (again && el.contains(again)) again.focus({ preventScroll: true });
  }
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(key, String(value));
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const PRIORITY_LABEL = { priority80: '80+', priority: 'Preferencial', normal: 'Normal' };
const STATUS_LABEL = {
  waiting: 'Aguardando', called: 'Chamada', in_service: 'Em atendimento', done: 'Finalizada',
  no_show: 'Não compareceu', cancelled: 'Cancelada', expired: 'Expirada',
};
const ROLE_LABEL = { attendant: 'Atendente', doctor: 'Médico(a)', admin: 'Administrador(a)' };
const DEVICE_ROLE_LABEL = { totem: 'Totem', tv: 'TV', desk: 'Mesa', admin: 'Administração' };

function priorityBadge(priority) {
  return h('span', { class: `badge ${priority}` }, PRIORITY_LABEL[priority] || priority);
}

// The server's clock minus this computer's, from the event stream's hello: a desk PC with a
// wrong clock still shows how long people have really waited.
let serverClockOffsetMs = 0;
function setServerTime(serverNowMs) { serverClockOffsetMs = serverNowMs - Date.now(); }

function minutesSince(ms) {
  return Math.max(0, Math.floor((Date.now() + serverClockOffsetMs - ms) / 60000));
}

function formatMinutes(ms) {
  if (ms === null || ms === undefined) return '—';
  return `${(ms / 60000).toLocaleString('pt-BR', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} min`;
}

function formatDateTime(ms) {
  if (!ms) return 'nunca';
  return new Date(ms).toLocaleString('pt-BR', { dateStyle: 'short', timeStyle: 'medium' });
}

let toastTimer = 0;
function toast(message, kind) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = `toast show ${kind || ''}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.className = 'toast'; }, kind === 'error' ? 6000 : 3000);
}

// A modal form; resolves with the form's values, or null when cancelled.
function askDialog(title, fields, submitLabel) {
  const dialog = document.getElementById('dialog');
  return new Promise((resolve) => {
    const form = h('form', { method: 'dialog', class: 'dialog-form' },
      h('h2', {}, title),
      fields,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'ghost', value: 'cancel', onclick: () => dialog.close('cancel') }, 'Cancelar'),
        h('button', { type: 'submit', class: 'primary', value: 'ok' }, submitLabel || 'Confirmar')));
    replace(dialog, form);
    dialog.onclose = () => {
      if (dialog.returnValue !== 'ok') return resolve(null);
      resolve(Object.fromEntries(new FormData(form).entries()));
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!form.reportValidity()) return;
      dialog.close('ok');
    });
    dialog.returnValue = '';
    dialog.showModal();
    const first = form.querySelector('input, select, textarea');
    if (first) first.focus();
  });
}
