// SPDX-License-Identifier: GPL-3.0-or-later
// The desk: pick a counter, call, recall, mark absent, start, finish, finish and send on to
// the next stage, transfer; the waiting list of the counter's services, live; where the
// current patient has been this visit; alerts for patients waiting past their class's limit.
'use strict';

const RANK = { priority80: 2, priority: 1, normal: 0 };
const SHORTCUTS = { n: 'call-next', r: 'recall', a: 'no-show', i: 'start', f: 'finish', p: 'forward', e: 'redirect' };

class DeskView {
  constructor(root) {
    this.root = root;
    this.counters = [];
    this.services = [];
    this.tickets = [];
    this.preview = null;
    this.alerts = [];
    this.stages = { ticketId: 0, list: [] };
    this.counterId = Number(localStorage.getItem('clinico.counter')) || 0;
    this.currentId = 0;
    this.busy = false;
    this.refreshTimer = 0;
    this.clockTimer = 0;
    document.addEventListener('keydown', (e) => this.onKey(e));
  }

  async show() {
    const [counters, services] = await Promise.all([api.get('/api/v1/counters'), api.get('/api/v1/services')]);
    this.counters = counters.counters.filter((c) => c.active);
    this.services = services.services;
    if (!this.counters.some((c) => c.id === this.counterId)) this.counterId = 0;
    await this.refresh();
    clearInterval(this.clockTimer);
    // Minutes waited keep counting, and a wait crosses its limit without any event.
    this.clockTimer = setInterval(() => this.refresh().catch(() => {}), 30000);
  }

  hide() { clearInterval(this.clockTimer); }

  counter() { return this.counters.find((c) => c.id === this.counterId) || null; }
  serviceName(id) { const s = this.services.find((x) => x.id === id); return s ? s.name : `#${id}`; }

  // Something changed on the server: fetch again, at most once per burst of events.
  scheduleRefresh() {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => { this.refreshTimer = 0; this.refresh().catch(() => {}); }, 30);
  }

  async refresh() {
    const counter = this.counter();
    const [tickets, preview, alerts] = await Promise.all([
      api.get('/api/v1/tickets'),
      counter ? api.get(`/api/v1/counters/${counter.id}/next`) : Promise.resolve(null),
      counter ? api.get(`/api/v1/alerts?counterId=${counter.id}`) : Promise.resolve({ alerts: [] }),
    ]);
    this.tickets = tickets.tickets;
    this.preview = preview;
    this.alerts = alerts.alerts;
    const current = this.current();
    this.stages = current ? { ticketId: current.id, list: (await api.get(`/api/v1/tickets/${current.id}/stages`)).stages }
      : { ticketId: 0, list: [] };
    this.render();
  }

  // The tickets this counter holds (called or in service): one at most, since calling the next
  // finishes the one before on the server; a database from before that may still hold more,
  // and the next call finishes them all, as the button says.
  held() {
    return this.tickets.filter((t) => t.counterId === this.counterId && (t.status === 'called' || t.status === 'in_service'));
  }

  current() {
    const mine = this.held();
    return mine.find((t) => t.id === this.currentId) || mine[mine.length - 1] || null;
  }

  waiting() {
    const counter = this.counter();
    if (!counter) return [];
    return this.tickets
      .filter((t) => t.status === 'waiting' && counter.serviceIds.includes(t.serviceId))
      .sort((a, b) => (RANK[b.priority] - RANK[a.priority]) || (a.arrivedAtMs - b.arrivedAtMs) || (a.id - b.id));
  }

  render() {
    const counter = this.counter();
    const picker = h('label', { class: 'counter-picker' }, 'Local de atendimento ',
      h('select', { id: 'counter', onchange: (e) => this.pickCounter(Number(e.target.value)) },
        h('option', { value: 0, selected: !counter }, 'Escolha seu guichê ou consultório…'),
        this.counters.map((c) => h('option', { value: c.id, selected: c.id === this.counterId }, c.name))));
    if (!counter) {
      replace(this.root, h('div', { class: 'toolbar' }, picker),
        h('div', { class: 'card empty-state' }, h('h2', {}, 'Onde você está atendendo?'),
          h('p', {}, 'Escolha acima o guichê, consultório ou sala. A escolha fica salva neste computador.')));
      return;
    }
    replace(this.root,
      h('div', { class: 'toolbar' }, picker,
        h('span', { class: 'muted' }, 'Serviços: ', counter.serviceIds.map((id) => this.serviceName(id)).join(', '))),
      this.renderAlerts(),
      h('div', { class: 'desk-grid' }, this.renderCurrent(), this.renderWaiting()));
  }

  renderAlerts() {
    if (!this.alerts.length) return null;
    return h('section', { class: 'card wait-alerts', id: 'wait-alerts', role: 'alert' },
      h('h2', {}, 'Espera acima do limite'),
      h('ul', {}, this.alerts.map((a) => h('li', { dataset: { code: a.code } }, priorityBadge(a.priority), ' ',
        h('strong', {}, a.code), ` aguarda em ${a.serviceName} há ${Math.floor(a.waitingMs / 60000)} min (limite ${a.limitMinutes} min)`))));
  }

  // Where the current patient has been this visit: "Recepção (Guichê 1) → Triagem".
  renderStages() {
    const list = this.stages.list;
    if (list.length < 2) return null;
    return h('p', { class: 'stages', id: 'current-stages' }, 'Etapas: ',
      list.map((g, i) => [i ? ' → ' : '', g.counterName ? `${g.serviceName} (${g.counterName})` : g.serviceName]).flat());
  }

  renderCurrent() {
    const t = this.current();
    const can = {
      'call-next': true,
      recall: t && t.status === 'called',
      'no-show': t && t.status === 'called',
      start: t && t.status === 'called',
      finish: t && (t.status === 'called' || t.status === 'in_service'),
      forward: t && (t.status === 'called' || t.status === 'in_service'),
      redirect: !!t,
    };
    const button = (id, label, key, cls) => h('button', {
      type: 'button', id, class: cls || '', disabled: !can[id] || this.busy, onclick: () => this.run(id),
      title: `Atalho: tecla ${key}`,
    }, label, ' ', h('kbd', {}, key));
    const next = this.preview;
    return h('section', { class: 'card current', 'aria-labelledby': 'current-title' },
      h('h2', { id: 'current-title' }, 'Em atendimento'),
      t ? h('div', { class: 'current-ticket' },
        h('div', { class: 'code', id: 'current-code' }, t.code),
        h('div', { class: 'current-meta' }, priorityBadge(t.priority), ' ',
          h('span', { class: `status ${t.status}`, id: 'current-status' }, STATUS_LABEL[t.status] || t.status), ' · ',
          t.serviceName, ' · chegou há ', String(minutesSince(t.arrivedAtMs)), ' min'),
        this.calledWhy && this.calledWhy.id === t.id
          ? h('p', { class: 'called-why', id: 'called-why' }, this.calledWhy.explanation) : null,
        this.renderStages())
        : h('p', { class: 'current-empty', id: 'current-code' }, 'Nenhuma senha chamada neste local.'),
      h('div', { class: 'actions main-actions' },
        button('call-next', this.held().length ? `Finalizar ${this.held().map((x) => x.code).join(', ')} e chamar próximo` : 'Chamar próximo', 'N', 'primary huge')),
      h('div', { class: 'actions ticket-actions' },
        button('recall', 'Rechamar', 'R'),
        button('no-show', 'Não compareceu', 'A', 'warn'),
        button('start', 'Iniciar', 'I'),
        button('finish', 'Finalizar', 'F', 'ok'),
        button('forward', 'Finalizar e encaminhar', 'P', 'ok'),
        button('redirect', 'Encaminhar', 'E')),
      h('div', { class: 'next-explained', id: 'next-explained' },
        h('strong', {}, next && next.ticket ? `Próximo: ${next.ticket.code}` : 'Próximo: ninguém aguardando'),
        next && next.ticket ? h('p', {}, next.explanation) : null));
  }

  renderWaiting() {
    const list = this.waiting();
    const nextId = this.preview && this.preview.ticket ? this.preview.ticket.id : 0;
    // One service at this counter: its name on every row would only repeat the toolbar.
    const showService = this.counter().serviceIds.length > 1;
    return h('section', { class: 'card waiting', 'aria-labelledby': 'waiting-title' },
      h('h2', { id: 'waiting-title' }, 'Aguardando ', h('span', { class: 'count', id: 'waiting-count' }, String(list.length))),
      list.length === 0 ? h('p', { class: 'muted' }, 'Ninguém aguardando nos serviços deste local.') :
        h('table', { class: 'list', id: 'waiting-list' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Senha'), h('th', {}, 'Prioridade'), showService ? h('th', {}, 'Serviço') : null,
            h('th', { class: 'num' }, 'Espera'), h('th', {}, ''))),
          h('tbody', {}, list.map((t) => h('tr', { class: t.id === nextId ? 'is-next' : '', dataset: { code: t.code } },
            h('td', { class: 'code-cell' }, t.code, t.id === nextId ? h('span', { class: 'next-tag' }, 'próximo') : null),
            h('td', {}, priorityBadge(t.priority)),
            showService ? h('td', { class: 'service-cell' }, t.serviceName) : null,
            h('td', { class: 'num' }, `${minutesSince(t.arrivedAtMs)} min`),
            h('td', { class: 'row-actions' }, h('button', {
              type: 'button', class: 'small ghost', disabled: this.busy, onclick: () => this.callSpecific(t),
              title: 'Chamar esta senha fora da ordem (pede o motivo)',
            }, 'Chamar fora da ordem')))))));
  }

  pickCounter(id) {
    this.counterId = id;
    this.currentId = 0;
    localStorage.setItem('clinico.counter', String(id));
    this.refresh().catch((e) => toast(e.message, 'error'));
  }

  onKey(e) {
    if (this.root.hidden || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest && e.target.closest('input, select, textarea, dialog')) return;
    const id = SHORTCUTS[e.key.toLowerCase()];
    if (!id) return;
    const button = document.getElementById(id);
    if (button && !button.disabled) {
      e.preventDefault();
      button.click();
    }
  }

  async run(action) {
    const t = this.current();
    this.busy = true;
    try {
      if (action === 'call-next') {
        const r = await api.post(`/api/v1/counters/${this.counterId}/call-next`);
        const done = r.finished.length ? `${r.finished.map((x) => x.code).join(', ')} finalizada. ` : '';
        if (r.ticket) {
          this.currentId = r.ticket.id;
          this.calledWhy = { id: r.ticket.id, explanation: r.explanation };
          toast(`${done}Chamando ${r.ticket.code}`);
        }
        else toast(`${done}Ninguém aguardando.`);
      } else if (action === 'redirect') {
        await this.redirect(t);
      } else if (action === 'forward') {
        await this.forward(t);
      } else {
        await api.post(`/api/v1/tickets/${t.id}/${action}`);
        const done = { recall: 'Rechamada', 'no-show': 'Marcada como não compareceu', start: 'Atendimento iniciado', finish: 'Finalizada' };
        toast(`${t.code}: ${done[action]}`);
      }
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      this.busy = false;
      await this.refresh().catch(() => {});
    }
  }

  async redirect(t) {
    const others = this.services.filter((s) => s.active && s.id !== t.serviceId);
    const values = await askDialog(`Encaminhar ${t.code}`, [
      h('p', { class: 'muted' }, 'A senha volta a aguardar no serviço escolhido, mantendo a hora de chegada.'),
      h('label', {}, 'Serviço', h('select', { name: 'serviceId', id: 'redirect-service', required: true },
        others.map((s) => h('option', { value: s.id }, s.name)))),
    ], 'Encaminhar');
    if (!values) return;
    const moved = await api.post(`/api/v1/tickets/${t.id}/redirect`, { serviceId: Number(values.serviceId) });
    toast(`${moved.code} encaminhada para ${moved.serviceName}`);
  }

  // This stage is over; the same ticket, same code, waits for the next one (the service's
  // configured next stage first) and the TV will call it there.
  async forward(t) {
    const from = this.services.find((s) => s.id === t.serviceId);
    const next = from && from.nextServiceId;
    const others = this.services.filter((s) => s.active && s.id !== t.serviceId)
      .sort((a, b) => (b.id === next) - (a.id === next));
    const values = await askDialog(`Finalizar ${t.code} e encaminhar`, [
      h('p', { class: 'muted' }, 'Esta etapa termina aqui. A mesma senha entra na fila da próxima etapa, pela hora de chegada à clínica, e será chamada no painel.'),
      h('label', {}, 'Próxima etapa', h('select', { name: 'serviceId', id: 'forward-service', required: true },
        others.map((s) => h('option', { value: s.id, selected: s.id === next }, s.name)))),
    ], 'Finalizar e encaminhar');
    if (!values) return;
    const moved = await api.post(`/api/v1/tickets/${t.id}/forward`, { serviceId: Number(values.serviceId) });
    toast(`${moved.code} finalizada aqui e encaminhada para ${moved.serviceName}`);
  }

  async callSpecific(t) {
    const values = await askDialog(`Chamar ${t.code} fora da ordem`, [
      h('p', { class: 'muted' }, 'O motivo fica registrado na auditoria.'),
      this.held().length ? h('p', { class: 'muted' }, `${this.held().map((x) => x.code).join(', ')} será finalizada.`) : null,
      h('label', {}, 'Motivo', h('textarea', { name: 'reason', id: 'specific-reason', required: true, maxlength: 200, rows: 3 })),
    ], 'Chamar agora');
    if (!values) return;
    this.busy = true;
    try {
      const called = await api.post(`/api/v1/tickets/${t.id}/call`, { counterId: this.counterId, reason: values.reason.trim() });
      this.currentId = called.id;
      toast(`Chamando ${called.code} (fora da ordem)`);
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      this.busy = false;
      await this.refresh().catch(() => {});
    }
  }
}
