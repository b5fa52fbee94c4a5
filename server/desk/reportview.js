// SPDX-License-Identifier: GPL-3.0-or-later
// The day report: figures per stage (service) and priority class, the whole visit per class,
// patients who waited past their class's limit, a chart, CSV export.
'use strict';

const CLASS_LABEL = { priority80: '80 anos ou mais', priority: 'Preferencial', normal: 'Normal' };

class ReportView {
  constructor(root) { this.root = root; this.day = ''; }

  // Another day, in Brazilian order whatever the browser's language (an <input type=date>
  // shows 11/24/2026 on an English system): dd/mm/aaaa, and a day back or forward.
  dayPicker(day) {
    const go = (iso) => { this.day = iso; this.show().catch((err) => toast(err.message, 'error')); };
    const shift = (days) => {
      const d = new Date(`${day}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      go(d.toISOString().slice(0, 10));
    };
    const [y, m, d] = day.split('-');
    return h('form', { class: 'day-picker', id: 'report-day-form', onsubmit: (e) => {
      e.preventDefault();
      const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(e.target.elements.day.value.trim());
      if (!match) { toast('Digite a data como dd/mm/aaaa.', 'error'); return; }
      go(`${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`);
    } },
    h('button', { type: 'button', class: 'ghost', id: 'report-prev', onclick: () => shift(-1) }, '◀ Dia anterior'),
    h('label', { class: 'counter-picker' }, 'Dia', h('input', {
      name: 'day', id: 'report-day', value: `${d}/${m}/${y}`, inputmode: 'numeric', placeholder: 'dd/mm/aaaa',
      pattern: '\\d{1,2}/\\d{1,2}/\\d{4}', size: 10, 'aria-describedby': 'report-day-hint',
    })),
    h('span', { class: 'visually-hidden', id: 'report-day-hint' }, 'Formato dd/mm/aaaa; Enter mostra o dia.'),
    h('button', { type: 'submit', class: 'ghost' }, 'Mostrar'),
    h('button', { type: 'button', class: 'ghost', id: 'report-next', onclick: () => shift(1) }, 'Dia seguinte ▶'));
  }

  async show() {
    const report = await api.get(`/api/v1/reports/day${this.day ? `?day=${encodeURIComponent(this.day)}` : ''}`);
    this.day = report.day;
    const t = report.total;
    const stat = (id, label, value, hint) => h('div', { class: 'stat', id }, h('div', { class: 'stat-value' }, value),
      h('div', { class: 'stat-label' }, label), hint ? h('div', { class: 'stat-hint' }, hint) : null);
    replace(this.root,
      h('div', { class: 'toolbar' },
        h('h1', {}, 'Relatório do dia'),
        h('span', { class: 'report-date', id: 'report-date' },
          new Date(`${report.day}T12:00:00`).toLocaleDateString('pt-BR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })),
        this.dayPicker(report.day),
        h('a', { class: 'button ghost', id: 'report-csv', href: `/api/v1/reports/day?day=${encodeURIComponent(report.day)}&format=csv`,
          download: `clinico-${report.day}.csv` }, 'Exportar CSV')),
      h('div', { class: 'stats' },
        stat('stat-issued', 'senhas emitidas', String(t.issued)),
        stat('stat-served', 'atendidas', String(t.served)),
        stat('stat-noshows', 'não compareceram', String(t.noShows)),
        stat('stat-wait', 'espera média', formatMinutes(t.waitAvgMs), `mediana ${formatMinutes(t.waitMedianMs)} · 90% até ${formatMinutes(t.waitP90Ms)}`),
        stat('stat-service', 'atendimento médio', formatMinutes(t.serviceAvgMs)),
        stat('stat-appointments', 'consultas agendadas', String(report.appointments.booked),
          `${report.appointments.arrived} chegaram (${report.appointments.onTime} no horário, `
          + `${report.appointments.late} atrasadas) · ${report.appointments.cancelled} canceladas`),
        stat('stat-appointment-noshows', 'faltas em consultas', String(report.appointments.noShows)),
        stat('stat-visit', 'visita média', formatMinutes(t.visitAvgMs), 'da chegada ao fim da última etapa'),
        stat('stat-over-limit', 'acima do limite de espera', String(t.overLimit))),
      h('section', { class: 'card' }, h('h2', {}, 'Quanto cada grupo esperou'),
        h('p', { class: 'muted' }, 'Da chegada à primeira chamada. A barra cheia é a média; o traço marca o tempo em que 90% já tinham sido chamados.'),
        this.waitChart(report.classes)),
      h('section', { class: 'card' }, h('h2', {}, 'Por etapa e prioridade'),
        h('p', { class: 'muted' }, 'Cada etapa conta a espera desde a entrada na sua fila. Nas linhas por grupo e no total, cada senha é uma visita.'),
        this.table(report)));
  }

  waitChart(classes) {
    const rows = classes;
    const max = Math.max(1, ...rows.map((r) => Math.max(r.waitAvgMs || 0, r.waitP90Ms || 0)));
    const width = 860; const labelW = 170; const barH = 34; const gap = 18; const valueW = 290;
    const scale = (ms) => ((width - labelW - valueW) * (ms || 0)) / max;
    const height = rows.length * (barH + gap) + 10;
    const normal = rows.find((r) => r.priority === 'normal');
    return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', id: 'wait-chart',
      'aria-label': rows.map((r) => `${CLASS_LABEL[r.priority]}: média ${formatMinutes(r.waitAvgMs)}`).join('; ') },
    rows.map((r, i) => {
      const y = i * (barH + gap) + 5;
      const compare = normal && normal.waitAvgMs && r.priority !== 'normal' && r.waitAvgMs !== null
        ? ` · ${Math.round((100 * r.waitAvgMs) / normal.waitAvgMs)}% da espera normal` : '';
      return svg('g', { class: `bar ${r.priority}` },
        svg('text', { x: labelW - 10, y: y + barH / 2 + 6, 'text-anchor': 'end', class: 'chart-label' }, CLASS_LABEL[r.priority]),
        svg('rect', { x: labelW, y, width: width - labelW - valueW, height: barH, class: 'track', rx: 4 }),
        svg('rect', { x: labelW, y, width: Math.max(r.waitAvgMs ? 3 : 0, scale(r.waitAvgMs)), height: barH, class: 'fill', rx: 4 }),
        r.waitP90Ms !== null ? svg('rect', { x: labelW + scale(r.waitP90Ms) - 2, y: y - 4, width: 4, height: barH + 8, class: 'p90' }) : null,
        svg('text', { x: width - valueW + 10, y: y + barH / 2 + 6, class: 'chart-value' },
          r.waitAvgMs === null ? `sem chamadas (${r.issued})` : `${formatMinutes(r.waitAvgMs)}${compare}`));
    }));
  }

  table(report) {
    const row = (r, cls) => h('tr', { class: cls || '' },
      h('td', {}, r.serviceName || (r.priority ? 'Todos os serviços' : 'Total do dia')),
      h('td', {}, r.priority ? priorityBadge(r.priority) : 'Todas'),
      h('td', { class: 'num' }, String(r.issued)), h('td', { class: 'num' }, String(r.served)),
      h('td', { class: 'num' }, String(r.noShows)), h('td', { class: 'num' }, String(r.waitingNow)),
      h('td', { class: 'num' }, formatMinutes(r.waitAvgMs)), h('td', { class: 'num' }, formatMinutes(r.waitMedianMs)),
      h('td', { class: 'num' }, formatMinutes(r.waitP90Ms)), h('td', { class: 'num' }, formatMinutes(r.serviceAvgMs)),
      h('td', { class: 'num' }, String(r.overLimit)), h('td', { class: 'num' }, formatMinutes(r.visitAvgMs)));
    return h('table', { class: 'list report', id: 'report-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Serviço'), h('th', {}, 'Prioridade'), h('th', { class: 'num' }, 'Emitidas'),
        h('th', { class: 'num' }, 'Atendidas'), h('th', { class: 'num' }, 'Não comp.'), h('th', { class: 'num' }, 'Aguardando'),
        h('th', { class: 'num' }, 'Espera média'), h('th', { class: 'num' }, 'Mediana'), h('th', { class: 'num' }, '90%'),
        h('th', { class: 'num' }, 'Atendimento'), h('th', { class: 'num' }, 'Acima do limite'), h('th', { class: 'num' }, 'Visita'))),
      h('tbody', {}, report.rows.length ? report.rows.map((r) => row(r))
        : h('tr', {}, h('td', { colspan: 12, class: 'muted' }, 'Nenhuma senha neste dia.'))),
      h('tfoot', {}, report.classes.map((r) => row(r, 'subtotal')), row(report.total, 'total')));
  }
}
