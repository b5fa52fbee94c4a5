// SPDX-License-Identifier: GPL-3.0-or-later
// Administration (services, counters and rooms, users, devices, settings) and the audit log.
'use strict';

const AUDIT_LABEL = {
  call: 'Chamou', specific: 'Chamou fora da ordem', recall: 'Rechamou', no_show: 'Não compareceu',
  start: 'Iniciou', finish: 'Finalizou', redirect: 'Encaminhou', cancel: 'Cancelou',
  login: 'Entrou', login_failed: 'Senha errada', logout: 'Saiu',
  login_sso: 'Entrou pelo provedor', login_sso_refused: 'Login pelo provedor recusado',
  'user.link': 'Conta criada pelo provedor', 'user.role_mapped': 'Papel mudou pelos grupos do provedor',
  'sso.mapping': 'Mapeamento de grupos mudou',
  'user.add': 'Criou usuário', 'user.change': 'Alterou usuário',
  'service.add': 'Criou serviço', 'service.change': 'Alterou serviço', 'wait_limits.change': 'Alterou limites de espera',
  forward: 'Finalizou e encaminhou',
  'counter.add': 'Criou local', 'counter.change': 'Alterou local',
  'device.add': 'Criou dispositivo', 'device.revoke': 'Revogou dispositivo',
  'enrolment.approve': 'Registrou aparelho por código', 'enrolment.approve_failed': 'Código de registro recusado',
  'enrolment.refuse': 'Recusou registro de aparelho', 'enrolment.collect': 'Aparelho recebeu seu token',
  'enrolment.preapprove': 'Criou código de registro', 'enrolment.redeem': 'Aparelho usou código de registro',
  'enrolment.redeem_failed': 'Código de registro inválido',
  'settings.change': 'Alterou configurações', retention: 'Retenção de dados',
  'unit.add': 'Criou unidade', 'unit.change': 'Alterou unidade',
};

const PAPER_LABEL = { ok: 'OK', low: 'No fim', empty: 'Sem papel' };

// Kiosks report every 30 s: uptime in words, free disk in GB or MB.
function formatUptime(s) {
  if (!s) return '—';
  const d = Math.floor(s / 86400), hr = Math.floor((s % 86400) / 3600), min = Math.floor((s % 3600) / 60);
  return d ? `${d} d ${hr} h` : hr ? `${hr} h ${min} min` : `${min} min`;
}
function formatBytes(b) {
  if (b === undefined || b < 0) return '—';
  return b >= 1e9 ? `${(b / 1e9).toFixed(1).replace('.', ',')} GB` : `${Math.round(b / 1e6)} MB`;
}

const PRINTER_STATE_LABEL = {
  'media-empty': 'Sem papel', 'media-jam': 'Papel enroscado', 'cover-open': 'Tampa aberta', offline: 'Desligada ou desconectada',
  'toner-empty': 'Sem tinta', error: 'Com erro',
};

function field(label, input) { return h('label', {}, label, input); }

// The audit's detail column, readable: the JSON the server records for a change becomes
// "nome: Consultório 2 · ativo: sim", and role names are in Portuguese.
const FIELD_LABEL = {
  id: 'nº', prefix: 'prefixo', name: 'nome', active: 'ativo', serviceIds: 'serviços', resetTime: 'virada do dia',
  normalEvery: 'normais a cada', showNames: 'nomes na TV', retentionDays: 'dias de retenção', clinicName: 'nome da clínica',
  notice: 'aviso', logoUrl: 'logotipo', displayName: 'nome', role: 'papel', password: 'senha',
  timeZone: 'fuso horário',
};
function auditDetail(e) {
  const roles = e.action.startsWith('device.') || e.action.startsWith('enrolment.') ? DEVICE_ROLE_LABEL : ROLE_LABEL;
  const value = (k, v) => {
    if (typeof v === 'boolean') return v ? 'sim' : 'não';
    if (k === 'role') return roles[v] || v;
    if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
    if (v === '' || v === null || v === undefined) return '—';
    return String(v);
  };
  const text = e.detail || '';
  const brace = text.indexOf('{');
  if (brace >= 0) {
    try {
      const o = JSON.parse(text.slice(brace));
      return text.slice(0, brace) + Object.entries(o).map(([k, v]) => `${FIELD_LABEL[k] || k}: ${value(k, v)}`).join(' · ');
    } catch (_) { /* not JSON: shown as it is */ }
  }
  // "ana (doctor)", "TV recepção (tv)", "Totem (totem, kiosk-entrada, 10.0.0.7)"
  return text.replace(/\(([a-z]+)([,)])/, (whole, role, after) => (roles[role] ? `(${roles[role]}${after}` : whole));
}

// "user:ana" -> "ana", "device:Totem" -> "Totem (dispositivo)", "address:10.0.0.5" -> "10.0.0.5 (IP)".
function actorLabel(actor) {
  if (actor === 'cli') return 'TI (linha de comando)';
  const [kind, ...rest] = actor.split(':');
  const name = rest.join(':');
  if (!name) return actor;
  return { user: name, device: `${name} (dispositivo)`, address: `${name} (IP)`, system: `${name} (sistema)` }[kind] || actor;
}

class AdminView {
  constructor(root) { this.root = root; }

  // While it reloads, the view says so to screen readers (aria-busy); data-renders counts the
  // reloads, so a browser test can wait for one before typing into a form it would replace.
  async show() {
    this.root.setAttribute('aria-busy', 'true');
    try {
      await this.render();
    } finally {
      this.root.removeAttribute('aria-busy');
    }
  }

  async render() {
    const [services, counters, users, devices, settings, enrolments, limits] = await Promise.all([
      api.get('/api/v1/services'), api.get('/api/v1/counters'), api.get('/api/v1/users'),
      api.get('/api/v1/devices'), api.get('/api/v1/settings/admin'), api.get('/api/v1/enrolments'),
      api.get('/api/v1/wait-limits')]);
    this.services = services.services;
    const units = app.isNetworkAdmin() ? (await api.get('/api/v1/units')).units : null;
    replace(this.root,
      h('h1', {}, 'Administração'),
      h('div', { class: 'admin-grid' },
        units ? this.unitsCard(units) : null,
        this.servicesCard(this.services),
        this.countersCard(counters.counters),
        this.waitLimitsCard(limits.limits),
        this.settingsCard(settings),
        this.signInCard(settings.signIn),
        this.usersCard(users.users),
        this.enrolmentCard(enrolments),
        this.devicesCard(devices.devices)));
    this.root.dataset.renders = String(Number(this.root.dataset.renders || 0) + 1);
  }

  // A kiosk with no token shows a code (and a QR of this page with the code in it, #/admin?enrol=...):
  // the admin types it, names the device, and the kiosk gets its token on its own.
  // In a network of several clinics, a unit's admin is not shown the requests: they may be any
  // clinic's kiosks until someone types their code (docs/protocol.md, "Enrolment").
  enrolmentCard({ enrolments: pending, listed }) {
    const fromQr = (location.hash.match(/[?&]enrol=([A-Za-z0-9-]{8,12})/) || [])[1] || '';
    const form = h('form', { class: 'inline-form', id: 'enrol-form', onsubmit: async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(new FormData(e.target).entries());
      try {
        const device = await api.post('/api/v1/enrolments/approve', v);
        if (fromQr) history.replaceState(null, '', '#/admin');
        toast(`${DEVICE_ROLE_LABEL[device.role] || device.role} “${device.name}” registrado: ele recebe o token sozinho em segundos.`);
        await this.show();
      } catch (err) {
        toast(err.message, 'error');
      }
    } },
    field('Código mostrado no aparelho', h('input', { name: 'code', required: true, maxlength: 12, placeholder: 'K7QF-9M2X', value: fromQr,
      autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', class: 'code-input' })),
    field('Nome', h('input', { name: 'name', required: true, maxlength: 80, placeholder: 'Totem da entrada' })),
    h('button', { type: 'submit', class: 'primary' }, 'Registrar'));
    const list = !listed
      ? h('p', { class: 'muted', id: 'enrol-unlisted' }, 'Os pedidos de aparelhos ainda sem unidade aparecem só para a administração da rede. Digite o código que o aparelho mostra: ele entra nesta unidade.')
      : pending.length === 0
      ? h('p', { class: 'muted' }, 'Nenhum aparelho esperando registro agora.')
      : h('table', { class: 'list', id: 'enrol-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Tipo'), h('th', {}, 'Aparelho'), h('th', {}, 'Endereço'), h('th', {}, 'Pediu às'),
          h('th', {}, 'Código vale até'), h('th', {}, ''))),
        h('tbody', {}, pending.map((p) => h('tr', {},
          h('td', {}, DEVICE_ROLE_LABEL[p.role] || p.role), h('td', {}, `${p.hostname}${p.model ? ` (${p.model})` : ''} · ${p.version}`),
          h('td', {}, p.address), h('td', {}, formatDateTime(p.createdAtMs)), h('td', {}, formatDateTime(p.expiresAtMs)),
          h('td', { class: 'row-actions' }, h('button', { type: 'button', class: 'small warn', onclick: async () => {
            if (await askDialog(`Recusar o pedido de ${p.hostname}?`, [h('p', {}, 'O aparelho mostra que foi recusado e pede um código novo.')], 'Recusar'))
              this.change(api.post(`/api/v1/enrolments/${p.id}/refuse`), 'Pedido recusado.');
          } }, 'Recusar'))))));
    // For a kiosk with nobody at its screen: a one-time code clinic IT writes into clinico-enrol.conf.
    const ahead = h('form', { class: 'inline-form', id: 'preapprove-form', onsubmit: async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(new FormData(e.target).entries());
      try {
        const made = await api.post('/api/v1/enrolments/preapproved', v);
        e.target.reset();
        await askDialog(`Código para ${made.name}`, [
          h('p', {}, `Grave este arquivo como clinico-enrol.conf na partição de boot do aparelho (ou na pasta de dados). Vale até ${formatDateTime(made.expiresAtMs)}, uma vez só.`),
          h('textarea', { class: 'token', id: 'enrol-conf', readonly: true, rows: 3, cols: 40, onfocus: (ev) => ev.target.select() },
            `[enrol]\nserver=${location.origin}\ncode=${made.code}\n`),
        ], 'Já copiei');
        await this.show();
      } catch (err) {
        toast(err.message, 'error');
      }
    } },
    field('Nome', h('input', { name: 'name', required: true, maxlength: 80, placeholder: 'TV da recepção' })),
    field('Tipo', h('select', { name: 'role' }, ['totem', 'tv'].map((k) => h('option', { value: k }, DEVICE_ROLE_LABEL[k])))),
    h('button', { type: 'submit' }, 'Criar código para clinico-enrol.conf'));
    return h('section', { class: 'card wide', id: 'admin-enrolment' }, h('h2', {}, 'Registrar aparelho por código'),
      h('p', { class: 'muted' }, 'Um totem ou TV sem token mostra um código na tela. Digite-o aqui: o tipo vem do próprio aparelho.'),
      form, list,
      h('p', { class: 'muted' }, 'Sem ninguém diante da tela? Crie um código de uso único e grave-o no aparelho em clinico-enrol.conf.'),
      ahead);
  }

  // The clinics of the network, for its administrator: each has its own services, rooms,
  // people, devices and queue, and turns its day at midnight in its own time zone.
  unitsCard(units) {
    const zoneInput = (value) => h('input', { name: 'timeZone', value, maxlength: 64, placeholder: 'America/Sao_Paulo', list: 'time-zones' });
    const zones = h('datalist', { id: 'time-zones' }, ['America/Sao_Paulo', 'America/Manaus', 'America/Cuiaba', 'America/Belem',
      'America/Fortaleza', 'America/Recife', 'America/Porto_Velho', 'America/Rio_Branco', 'America/Noronha']
      .map((z) => h('option', { value: z })));
    const form = h('form', { class: 'inline-form', id: 'unit-form', onsubmit: async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(new FormData(e.target).entries());
      await this.change(api.post('/api/v1/units', v), `Unidade ${v.name} criada.`);
      await app.showUnitPicker();
    } },
    field('Nome', h('input', { name: 'name', required: true, maxlength: 80, placeholder: 'Unidade Centro' })),
    field('Fuso horário', zoneInput('')),
    h('button', { type: 'submit', class: 'primary' }, 'Criar unidade'));
    return h('section', { class: 'card wide', id: 'admin-units' }, h('h2', {}, 'Unidades da rede'),
      h('p', { class: 'muted' }, 'Cada unidade tem seus serviços, locais, usuários, aparelhos e fila; o dia vira à meia-noite do seu fuso. Escolha no alto qual unidade administrar.'),
      h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Nome'), h('th', {}, 'Fuso horário'), h('th', {}, ''))),
        h('tbody', {}, units.map((u) => h('tr', {},
          h('td', { class: 'unit-name' }, u.name), h('td', {}, u.timeZone || 'o do servidor'),
          h('td', { class: 'row-actions' }, h('button', { type: 'button', class: 'small ghost', onclick: () => this.editUnit(u, zoneInput) }, 'Editar')))))),
      zones, form);
  }

  async editUnit(u, zoneInput) {
    const v = await askDialog(`Editar ${u.name}`, [
      field('Nome', h('input', { name: 'name', value: u.name, required: true, maxlength: 80 })),
      field('Fuso horário', zoneInput(u.timeZone)),
    ], 'Salvar');
    if (!v) return;
    await this.change(api.put(`/api/v1/units/${u.id}`, v), 'Unidade alterada.');
    await app.showUnitPicker();
  }

  // Runs an admin change, tells the person how it went, and shows the new state.
  async change(promise, message) {
    try {
      await promise;
      toast(message);
      await this.show();
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  servicesCard(services) {
    const form = h('form', { class: 'inline-form', id: 'service-form', onsubmit: (e) => {
      e.preventDefault();
      const v = Object.fromEntries(new FormData(e.target).entries());
      this.change(api.post('/api/v1/services', { prefix: v.prefix.toUpperCase(), name: v.name }), 'Serviço criado.');
    } },
    field('Prefixo', h('input', { name: 'prefix', required: true, maxlength: 3, pattern: '[A-Za-z]{1,3}', size: 4 })),
    field('Nome', h('input', { name: 'name', required: true, maxlength: 80 })),
    h('button', { type: 'submit', class: 'primary' }, 'Adicionar'));
    return h('section', { class: 'card', id: 'admin-services' }, h('h2', {}, 'Serviços'),
      h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Prefixo'), h('th', {}, 'Nome'), h('th', {}, 'Próxima etapa'), h('th', {}, 'Situação'), h('th', {}, ''))),
        h('tbody', {}, services.map((s) => h('tr', {},
          h('td', { class: 'code-cell' }, s.prefix), h('td', { class: 'service-name' }, s.name),
          h('td', {}, h('select', {
            'aria-label': `Próxima etapa depois de ${s.name}`, class: 'next-stage', dataset: { service: s.prefix },
            onchange: (e) => this.change(api.put(`/api/v1/services/${s.id}`,
              { name: s.name, active: s.active, nextServiceId: Number(e.target.value) || null }), 'Próxima etapa salva.'),
          }, h('option', { value: 0, selected: !s.nextServiceId }, 'Nenhuma (fim da visita)'),
          services.filter((o) => o.id !== s.id).map((o) => h('option', { value: o.id, selected: o.id === s.nextServiceId }, o.name)))),
          h('td', {}, s.active ? 'Ativo' : 'Inativo'),
          h('td', { class: 'row-actions' },
            h('button', { type: 'button', class: 'small ghost', onclick: () => this.renameService(s) }, 'Renomear'),
            h('button', { type: 'button', class: 'small ghost', onclick: () => this.change(
              api.put(`/api/v1/services/${s.id}`, { name: s.name, active: !s.active, nextServiceId: s.nextServiceId }), 'Serviço alterado.') },
            s.active ? 'Desativar' : 'Ativar')))))),
      form);
  }

  async renameService(s) {
    const v = await askDialog(`Renomear ${s.prefix}`, [field('Nome', h('input', { name: 'name', value: s.name, required: true, maxlength: 80 }))], 'Salvar');
    if (v) this.change(api.put(`/api/v1/services/${s.id}`, { name: v.name, active: s.active, nextServiceId: s.nextServiceId }), 'Serviço renomeado.');
  }

  // How long each priority class may wait in each service before the desks that serve it are
  // alerted; empty: no alert for that class there.
  waitLimitsCard(limits) {
    const classes = ['priority80', 'priority', 'normal'];
    const minutes = (serviceId, priority) => {
      const l = limits.find((x) => x.serviceId === serviceId && x.priority === priority);
      return l ? l.minutes : '';
    };
    const form = h('form', { id: 'wait-limits-form', onsubmit: (e) => {
      e.preventDefault();
      const list = [];
      for (const input of e.target.querySelectorAll('input[data-service]')) {
        if (input.value) list.push({ serviceId: Number(input.dataset.service), priority: input.dataset.priority, minutes: Number(input.value) });
      }
      this.change(api.put('/api/v1/wait-limits', { limits: list }), 'Limites de espera salvos.');
    } },
    h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Serviço'), classes.map((c) => h('th', { class: 'num' }, `${PRIORITY_LABEL[c]} (min)`)))),
      h('tbody', {}, this.services.map((s) => h('tr', {}, h('td', {}, s.name),
        classes.map((c) => h('td', { class: 'num' }, h('input', {
          type: 'number', min: 1, max: 600, size: 4, value: minutes(s.id, c), dataset: { service: s.id, priority: c },
          'aria-label': `Limite de espera, ${PRIORITY_LABEL[c]}, ${s.name} (minutos)`,
        }))))))),
    h('button', { type: 'submit', class: 'primary' }, 'Salvar limites'));
    return h('section', { class: 'card', id: 'admin-wait-limits' }, h('h2', {}, 'Limites de espera'),
      h('p', { class: 'muted' }, 'Quem esperar mais que o limite aparece em alerta nas mesas que atendem o serviço e conta no relatório do dia.'),
      form);
  }

  serviceChecks(selected) {
    return h('fieldset', { class: 'checks' }, h('legend', {}, 'Serviços atendidos'),
      this.services.map((s) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'serviceIds', value: s.id, checked: selected.includes(s.id) }), ` ${s.name}`)));
  }

  countersCard(counters) {
    const names = (ids) => ids.map((id) => (this.services.find((s) => s.id === id) || { name: `#${id}` }).name).join(', ');
    const form = h('form', { class: 'inline-form', id: 'counter-form', onsubmit: (e) => {
      e.preventDefault();
      const data = new FormData(e.target);
      this.change(api.post('/api/v1/counters', { name: data.get('name'), serviceIds: data.getAll('serviceIds').map(Number) }), 'Local criado.');
    } }, field('Nome', h('input', { name: 'name', required: true, maxlength: 60, placeholder: 'Consultório 7' })),
    this.serviceChecks([]), h('button', { type: 'submit', class: 'primary' }, 'Adicionar'));
    return h('section', { class: 'card', id: 'admin-counters' }, h('h2', {}, 'Guichês, consultórios e salas'),
      h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Nome'), h('th', {}, 'Serviços'), h('th', {}, 'Situação'), h('th', {}, ''))),
        h('tbody', {}, counters.map((c) => h('tr', {},
          h('td', {}, c.name), h('td', {}, names(c.serviceIds)), h('td', {}, c.active ? 'Ativo' : 'Inativo'),
          h('td', { class: 'row-actions' },
            h('button', { type: 'button', class: 'small ghost', onclick: () => this.editCounter(c) }, 'Editar')))))),
      form);
  }

  async editCounter(c) {
    const dialog = document.getElementById('dialog');
    const v = await askDialog(`Editar ${c.name}`, [
      field('Nome', h('input', { name: 'name', value: c.name, required: true, maxlength: 60 })),
      this.serviceChecks(c.serviceIds),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'active', checked: c.active }), ' Ativo'),
    ], 'Salvar');
    if (!v) return;
    const data = new FormData(dialog.querySelector('form'));
    this.change(api.put(`/api/v1/counters/${c.id}`, {
      name: v.name, serviceIds: data.getAll('serviceIds').map(Number), active: data.has('active'),
    }), 'Local alterado.');
  }

  usersCard(users) {
    const form = h('form', { class: 'inline-form', id: 'user-form', onsubmit: (e) => {
      e.preventDefault();
      const v = Object.fromEntries(new FormData(e.target).entries());
      this.change(api.post('/api/v1/users', v), 'Usuário criado.');
    } },
    field('Usuário (ou CRM)', h('input', { name: 'username', required: true, pattern: '[A-Za-z0-9._\\-]{2,40}', autocomplete: 'off' })),
    field('Nome', h('input', { name: 'displayName', required: true, maxlength: 80 })),
    field('Papel', h('select', { name: 'role' }, Object.entries(ROLE_LABEL).map(([k, label]) => h('option', { value: k }, label)))),
    field('Senha inicial', h('input', { name: 'password', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' })),
    h('button', { type: 'submit', class: 'primary' }, 'Adicionar'));
    return h('section', { class: 'card wide', id: 'admin-users' }, h('h2', {}, 'Usuários'),
      h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Usuário'), h('th', {}, 'Nome'), h('th', {}, 'Papel'), h('th', {}, 'Último acesso'), h('th', {}, 'Situação'), h('th', {}, ''))),
        h('tbody', {}, users.map((u) => h('tr', {},
          h('td', {}, u.username), h('td', {}, u.displayName), h('td', {}, ROLE_LABEL[u.role] || u.role),
          h('td', {}, formatDateTime(u.lastLoginMs)), h('td', {}, u.active ? 'Ativo' : 'Desativado'),
          h('td', { class: 'row-actions' },
            h('button', { type: 'button', class: 'small ghost', onclick: () => this.editUser(u) }, 'Editar'),
            h('button', { type: 'button', class: 'small ghost', onclick: () => this.change(
              api.put(`/api/v1/users/${u.id}`, { active: !u.active }), 'Usuário alterado.') }, u.active ? 'Desativar' : 'Ativar')))))),
      form);
  }

  async editUser(u) {
    const v = await askDialog(`Editar ${u.username}`, [
      field('Nome', h('input', { name: 'displayName', value: u.displayName, required: true, maxlength: 80 })),
      field('Papel', h('select', { name: 'role' }, Object.entries(ROLE_LABEL).map(([k, label]) => h('option', { value: k, selected: k === u.role }, label)))),
      field('Nova senha (deixe em branco para manter)', h('input', { name: 'password', type: 'password', minlength: 8, autocomplete: 'new-password' })),
    ], 'Salvar');
    if (!v) return;
    const change = { displayName: v.displayName };
    if (v.role !== u.role) change.role = v.role;
    if (v.password) change.password = v.password;
    this.change(api.put(`/api/v1/users/${u.id}`, change), 'Usuário alterado.');
  }

  devicesCard(devices) {
    const form = h('form', { class: 'inline-form', id: 'device-form', onsubmit: async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(new FormData(e.target).entries());
      try {
        const created = await api.post('/api/v1/devices', v);
        await this.show();
        await askDialog(`Token de ${created.device.name}`, [
          h('p', {}, 'Copie agora: este token não será mostrado de novo. Configure-o no dispositivo.'),
          h('input', { class: 'token', id: 'new-token', readonly: true, value: created.token, onfocus: (ev) => ev.target.select() }),
        ], 'Já copiei');
      } catch (err) {
        toast(err.message, 'error');
      }
    } },
    field('Nome', h('input', { name: 'name', required: true, maxlength: 80, placeholder: 'Totem da entrada' })),
    field('Tipo', h('select', { name: 'role' }, Object.entries(DEVICE_ROLE_LABEL).map(([k, label]) => h('option', { value: k }, label)))),
    h('button', { type: 'submit', class: 'primary' }, 'Criar token'));
    const printer = (d) => {
      if (!d.printerState) return '—';
      if (d.printerState === 'ok') return h('span', { class: 'ok-text' }, 'OK');
      const label = PRINTER_STATE_LABEL[d.printerState] || d.printerState;
      const extra = d.printerMessage && d.printerMessage !== label ? ` — ${d.printerMessage}` : '';
      return h('span', { class: 'fault' }, `${label} (${d.printerState})${extra}`);
    };
    // A TV's chime and voice: "sem áudio" with the reason it reported.
    const audio = (d) => {
      if (!d.audioState) return '—';
      if (d.audioState === 'ok') return h('span', { class: 'ok-text' }, 'OK');
      return h('span', { class: 'fault' }, d.audioMessage ? `Sem áudio — ${d.audioMessage}` : 'Sem áudio');
    };
    const kiosk = (d) => d.role === 'totem' || d.role === 'tv';
    const paper = (d) => (d.paper ? h('span', { class: d.paper === 'ok' ? 'ok-text' : 'fault' }, PAPER_LABEL[d.paper] || d.paper) : '—');
    // "Silencioso": a kiosk that sent nothing for 2 minutes is off, frozen or cut off.
    // The last problem the kiosk reported, in its own words: what the waiting room never sees.
    const situation = (d) => {
      if (d.revoked) return 'Revogado';
      const problem = d.lastError ? h('div', { class: 'muted small-text' }, d.lastError) : null;
      if (d.silent) return [h('span', { class: 'fault silent' }, 'Silencioso'), problem];
      return [d.lastError ? h('span', { class: 'fault' }, 'Com problema') : 'Ativo', problem];
    };
    // Tickets a totem printed while the server was unreachable and has not delivered yet.
    const outbox = (d) => (d.role !== 'totem' ? '—'
      : h('span', { class: d.outboxDepth > 0 ? 'fault' : '' }, String(d.outboxDepth || 0)));
    return h('section', { class: 'card wide', id: 'admin-devices' }, h('h2', {}, 'Dispositivos'),
      h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Nome'), h('th', {}, 'Tipo'), h('th', {}, 'Visto por último'), h('th', {}, 'Versão'),
          h('th', {}, 'Ligado há'), h('th', {}, 'Impressora / som'), h('th', {}, 'Papel'), h('th', {}, 'Disco livre'),
          h('th', {}, 'Reinícios (24 h)'), h('th', {}, 'Fila sem rede'), h('th', {}, 'Situação'), h('th', {}, ''))),
        h('tbody', {}, devices.map((d) => h('tr', { class: d.revoked ? 'revoked' : d.silent ? 'silent' : '' },
          h('td', {}, d.name), h('td', {}, DEVICE_ROLE_LABEL[d.role] || d.role), h('td', {}, formatDateTime(d.lastSeenMs)),
          h('td', {}, d.version || '—'), h('td', {}, kiosk(d) ? formatUptime(d.uptimeS) : '—'),
          h('td', {}, d.role === 'tv' ? audio(d) : printer(d)), h('td', {}, d.role === 'totem' ? paper(d) : '—'),
          h('td', {}, kiosk(d) ? formatBytes(d.diskFreeBytes) : '—'),
          h('td', { class: d.restarts24h >= 3 ? 'fault' : '' }, kiosk(d) ? String(d.restarts24h || 0) : '—'),
          h('td', {}, outbox(d)), h('td', {}, situation(d)),
          h('td', { class: 'row-actions' }, d.revoked ? null : h('button', { type: 'button', class: 'small warn', onclick: async () => {
            if (await askDialog(`Revogar ${d.name}?`, [h('p', {}, 'O dispositivo deixa de funcionar até receber um novo token.')], 'Revogar'))
              this.change(api.post(`/api/v1/devices/${d.id}/revoke`), 'Token revogado.');
          } }, 'Revogar')))))),
      form);
  }

  // The clinic's identity provider as server.conf sets it ([oidc]): shown, not edited here.
  signInCard(o) {
    const body = !o || !o.enabled
      ? [h('p', { class: 'muted' }, 'Nenhum provedor configurado: a equipe entra com usuário e senha. Veja docs/login-unico.md para ligar o login único (Microsoft Entra ID, Keycloak).')]
      : [h('dl', { class: 'settings-list' }, ...[
        ['Nome no botão', o.displayName], ['Emissor (issuer)', o.issuer], ['ID do cliente', o.clientId],
        ['Segredo', o.clientSecretFile ? `${o.clientSecretFile} (${o.clientSecretRead ? 'lido' : 'não lido'})` : 'nenhum (cliente público, só PKCE)'],
        ['URI de redirecionamento', o.redirectUri], ['Retorno após sair', o.postLogoutRedirectUri], ['Escopos', o.scopes],
        ['Claim dos grupos', o.roleClaim], ['Administradores', o.adminGroups.join(', ') || '—'],
        ['Médicos', o.doctorGroups.join(', ') || '—'], ['Atendentes', o.attendantGroups.join(', ') || '—'],
        ['Login com senha', o.localLogin === 'on' ? 'todos' : `só ${o.breakGlassUser} (emergência)`],
      ].flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))];
    return h('section', { class: 'card', id: 'admin-sign-in' }, h('h2', {}, 'Login único (OpenID Connect)'), ...body,
      h('p', { class: 'muted' }, 'Alterado em /etc/clinico/server.conf, seção [oidc].'));
  }

  settingsCard(s) {
    const form = h('form', { class: 'stack-form', id: 'settings-form', onsubmit: (e) => {
      e.preventDefault();
      const data = new FormData(e.target);
      this.change(api.put('/api/v1/settings/admin', {
        resetTime: data.get('resetTime'), normalEvery: Number(data.get('normalEvery')), showNames: data.has('showNames'),
        retentionDays: Number(data.get('retentionDays')), clinicName: data.get('clinicName'), notice: data.get('notice'),
        checkInEarlyMinutes: Number(data.get('checkInEarlyMinutes')), checkInLateMinutes: Number(data.get('checkInLateMinutes')),
        appointmentLeadMinutes: Number(data.get('appointmentLeadMinutes')),
      }), 'Configurações salvas.');
    } },
    field('Nome da clínica', h('input', { name: 'clinicName', value: s.clinicName, maxlength: 120 })),
    field('Aviso na TV', h('input', { name: 'notice', value: s.notice, maxlength: 300 })),
    field('Virada diária das senhas (HH:mm)', h('input', { name: 'resetTime', value: s.resetTime, required: true, pattern: '([01][0-9]|2[0-3]):[0-5][0-9]', placeholder: '00:00', inputmode: 'numeric', size: 5 })),
    field('Uma senha normal a cada N preferenciais', h('input', { name: 'normalEvery', type: 'number', min: 1, max: 10, value: s.normalEvery, required: true })),
    field('Guardar vínculo com o paciente por (dias)', h('input', { name: 'retentionDays', type: 'number', min: 1, max: 3650, value: s.retentionDays, required: true })),
    field('Consultas: o totem aceita a chegada a partir de quantos minutos antes', h('input', { name: 'checkInEarlyMinutes', type: 'number', min: 0, max: 240, value: s.checkInEarlyMinutes, required: true })),
    field('Consultas: e até quantos minutos depois do horário', h('input', { name: 'checkInLateMinutes', type: 'number', min: 0, max: 120, value: s.checkInLateMinutes, required: true })),
    field('Consultas no horário vão à frente a partir de quantos minutos antes', h('input', { name: 'appointmentLeadMinutes', type: 'number', min: 0, max: 60, value: s.appointmentLeadMinutes, required: true })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'showNames', checked: s.showNames }), ' Mostrar o primeiro nome do paciente na TV'),
    h('button', { type: 'submit', class: 'primary' }, 'Salvar configurações'));
    return h('section', { class: 'card', id: 'admin-settings' }, h('h2', {}, 'Configurações'), form);
  }
}

class AuditView {
  constructor(root) { this.root = root; }

  async show() {
    const data = await api.get('/api/v1/audit?limit=300');
    replace(this.root, h('h1', {}, 'Auditoria'),
      h('p', { class: 'muted' }, 'Quem fez o quê e quando: chamadas, ausências, encaminhamentos, acessos e alterações. Mais recentes primeiro.'),
      h('section', { class: 'card' }, h('table', { class: 'list', id: 'audit-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Quando'), h('th', {}, 'Quem'), h('th', {}, 'Ação'), h('th', {}, 'Senha'), h('th', {}, 'Detalhe'))),
        h('tbody', {}, data.entries.map((e) => h('tr', {},
          h('td', { class: 'nowrap' }, formatDateTime(e.atMs)), h('td', {}, actorLabel(e.actor)),
          h('td', {}, AUDIT_LABEL[e.action] || e.action), h('td', { class: 'code-cell' }, e.ticketCode || ''),
          h('td', { class: 'detail' }, auditDetail(e))))))));
  }
}
