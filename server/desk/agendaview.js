// SPDX-License-Identifier: GPL-3.0-or-later
// The day's appointments (docs/agendamentos.md): who has arrived, who is late, who did not
// come. A doctor sees their own; admins also import the schedule from a CSV file, checked
// line by line before anything is saved.
'use strict';

const APPOINTMENT_STATE_LABEL = {
  scheduled: 'Agendada', late: 'Atrasada', waiting: 'Aguardando', in_service: 'Em atendimento',
  done: 'Atendida', no_show: 'Não compareceu', cancelled: 'Cancelada',
};

// The CSV's columns (header names without accents, any case) and the API's fields.
const CSV_COLUMNS = {
  id: 'id', cpf: 'patientCpf', inicio: 'start', duracao: 'minutesDuration', servico: 'serviceType',
  profissional: 'practitioner', nome_profissional: 'practitionerName', situacao: 'status',
};
// The server names the API's fields; the person fixing the file knows the CSV's columns.
function inCsvTerms(message) {
  return Object.entries(CSV_COLUMNS).reduce((m, [column, field]) => m.replace(`Campo '${field}'`, `Coluna ${column}`), message);
}
const CSV_STATUS = { agendada: 'booked', booked: 'booked', cancelada: 'cancelled', cancelled: 'cancelled' };

function clockTime(ms) {
  return new Date(ms).toLocaleTimeString('pt-BR', { hour: '2-digit', minute: '2-digit', timeZone: 'America/Sao_Paulo' });
}

// One CSV line into cells: ';' or ',' (whichever the header uses), "quoted; cells" allowed.
function csvCells(line, separator) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; ++i) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') { cell += '"'; ++i; }
    else if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) { cells.push(cell.trim()); cell = ''; }
    else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

// The file as the API's appointments, or the reason it cannot be read at all.
function appointmentsFromCsv(text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) return { error: 'O arquivo não tem linhas de agendamento.' };
  const separator = lines[0].includes(';') ? ';' : ',';
  const header = csvCells(lines[0], separator).map((name) =>
    name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, '_'));
  const missing = Object.keys(CSV_COLUMNS).filter((name) => !header.includes(name));
  if (missing.length) return { error: `Faltam colunas no cabeçalho: ${missing.join(', ')}.` };
  const appointments = lines.slice(1).map((line) => {
    const cells = csvCells(line, separator);
    const item = { resourceType: 'Appointment' };
    header.forEach((name, i) => {
      const field = CSV_COLUMNS[name];
      if (!field) return;
      const value = cells[i] === undefined ? '' : cells[i];
      if (field === 'minutesDuration') item[field] = /^\d+$/.test(value) ? Number(value) : value;
      else if (field === 'status') item[field] = CSV_STATUS[value.toLowerCase()] || value;
      else item[field] = value;
    });
    return item;
  });
  return { appointments };
}

class AgendaView {
  // The import card is kept across the refreshes every live event brings, so a checked file
  // waiting to be imported is not thrown away by a ticket issued meanwhile.
  constructor(root) { this.root = root; this.timer = 0; this.pending = null; this.csvCard = null; }

  scheduleRefresh() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.show().catch(() => {}), 300);
  }

  async show() {
    const day = await api.get('/api/v1/appointments');
    const mine = app.session.user.role === 'doctor';
    const isAdmin = app.session.user.role === 'admin';
    const count = (state) => day.appointments.filter((a) => a.state === state).length;
    const stat = (id, label, value) => h('div', { class: 'stat', id },
      h('div', { class: 'stat-value' }, String(value)), h('div', { class: 'stat-label' }, label));
    replace(this.root,
      h('div', { class: 'toolbar' },
        h('h1', {}, mine ? 'Minhas consultas de hoje' : 'Agenda do dia'),
        h('span', { class: 'report-date' },
          new Date(`${day.day}T12:00:00`).toLocaleDateString('pt-BR', { weekday: 'long', day: 'numeric', month: 'long' }))),
      h('div', { class: 'stats' },
        stat('agenda-booked', 'agendadas', day.appointments.filter((a) => a.state !== 'cancelled').length),
        stat('agenda-arrived', 'chegaram', day.appointments.filter((a) => a.arrivedAtMs !== null).length),
        stat('agenda-waiting', 'aguardando', count('waiting')),
        stat('agenda-late', 'atrasadas', count('late')),
        stat('agenda-noshow', 'não compareceram', count('no_show'))),
      h('section', { class: 'card' }, this.table(day.appointments, !mine),
        h('p', { class: 'muted' },
          `O totem aceita a chegada de ${day.checkInEarlyMinutes} minutos antes até ${day.checkInLateMinutes} minutos depois do horário; depois disso a consulta conta como falta.`)),
      isAdmin ? (this.csvCard ||= this.importCard()) : null);
  }

  hide() {
    clearTimeout(this.timer);
    this.pending = null;
    this.csvCard = null;
  }

  table(appointments, showPractitioner) {
    if (!appointments.length) return h('p', { class: 'empty-state', id: 'agenda-empty' }, 'Nenhuma consulta agendada para hoje.');
    return h('table', { class: 'list', id: 'agenda' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Horário'),
        showPractitioner ? h('th', { scope: 'col' }, 'Profissional') : null,
        h('th', { scope: 'col' }, 'Serviço'),
        h('th', { scope: 'col' }, 'Situação'),
        h('th', { scope: 'col' }, 'Chegou às'),
        h('th', { scope: 'col' }, 'Senha'),
        h('th', { scope: 'col' }, 'Código na agenda'))),
      h('tbody', {}, appointments.map((a) => h('tr', { class: `appointment ${a.state}`, dataset: { state: a.state } },
        h('td', { class: 'code-cell' }, clockTime(a.startMs)),
        showPractitioner ? h('td', {}, a.practitionerName) : null,
        h('td', {}, a.serviceName),
        h('td', {}, h('span', { class: `appointment-state ${a.state}` }, APPOINTMENT_STATE_LABEL[a.state] || a.state)),
        h('td', { class: 'num' }, a.arrivedAtMs === null ? '—' : clockTime(a.arrivedAtMs)),
        h('td', { class: 'code-cell' }, a.ticketCode || '—'),
        h('td', { class: 'muted' }, a.externalId)))));
  }

  // Upload, check (the server's dry run names every wrong line), then import all or nothing.
  importCard() {
    const preview = h('div', { id: 'csv-preview', 'aria-live': 'polite' });
    const importButton = h('button', { type: 'button', class: 'primary', id: 'csv-import', disabled: true,
      onclick: () => this.importPending(importButton) }, 'Importar');
    const input = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv', onchange: () => this.check(input, preview, importButton) });
    return h('section', { class: 'card', id: 'csv-card' },
      h('h2', {}, 'Importar agenda (CSV)'),
      h('p', { class: 'muted' }, 'Colunas: id; cpf; inicio (2026-12-07 10:30); duracao (minutos); servico (prefixo); profissional (login); nome_profissional; situacao (agendada ou cancelada). Uma consulta que já existe (mesmo id) é atualizada.'),
      h('label', {}, 'Arquivo ', input),
      preview,
      h('div', { class: 'actions' }, importButton));
  }

  async check(input, preview, importButton) {
    this.pending = null;
    importButton.disabled = true;
    const file = input.files[0];
    if (!file) return replace(preview);
    const parsed = appointmentsFromCsv(await file.text());
    if (parsed.error) return replace(preview, h('p', { class: 'error', id: 'csv-error' }, parsed.error));
    let result;
    try {
      result = await api.post('/api/v1/appointments', { appointments: parsed.appointments, dryRun: true });
    } catch (e) {
      return replace(preview, h('p', { class: 'error', id: 'csv-error' }, e.message));
    }
    if (result.problems.length) {
      return replace(preview,
        h('p', { class: 'error', id: 'csv-error' },
          `${result.problems.length} linha(s) com erro: corrija o arquivo e envie de novo. Nada foi importado.`),
        h('table', { class: 'list', id: 'csv-problems' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Linha'), h('th', { scope: 'col' }, 'Problema'))),
          h('tbody', {}, result.problems.map((p) => h('tr', {},
            h('td', { class: 'num' }, String(p.index + 2)), h('td', {}, inCsvTerms(p.message)))))));
    }
    this.pending = parsed.appointments;
    importButton.textContent = `Importar ${result.valid} agendamento(s)`;
    importButton.disabled = false;
    replace(preview, h('p', { class: 'ok-text', id: 'csv-ok' }, `${result.valid} agendamento(s) conferido(s), sem erros.`));
  }

  async importPending(button) {
    if (!this.pending) return;
    button.disabled = true;
    try {
      const r = await api.post('/api/v1/appointments', { appointments: this.pending });
      this.pending = null;
      this.csvCard = null; // a fresh card for the next file
      toast(`Agenda importada: ${r.created} nova(s), ${r.updated} atualizada(s).`);
      await this.show();
    } catch (e) {
      button.disabled = false;
      toast(e.message, 'error');
    }
  }
}
