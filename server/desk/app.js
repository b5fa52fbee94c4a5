// SPDX-License-Identifier: GPL-3.0-or-later
// The console's shell: session, navigation between views, the live event stream.
'use strict';

const app = {
  session: null,
  views: {},
  stream: null,

  start() {
    app.views = {
      mesa: new DeskView(document.getElementById('view-mesa')),
      agenda: new AgendaView(document.getElementById('view-agenda')),
      relatorio: new ReportView(document.getElementById('view-relatorio')),
      admin: new AdminView(document.getElementById('view-admin')),
      auditoria: new AuditView(document.getElementById('view-auditoria')),
    };
    api.onUnauthorized = () => app.loggedOut('Sua sessão terminou. Entre de novo.');
    app.stream = new EventStream((frame) => app.onFrame(frame), (live) => {
      const el = document.getElementById('live');
      el.className = live ? 'live on' : 'live off';
      el.title = live ? 'Ao vivo' : 'Reconectando…';
    });
    document.getElementById('login-form').addEventListener('submit', (e) => { e.preventDefault(); app.login(); });
    document.getElementById('logout').addEventListener('click', () => app.logout());
    document.getElementById('unit-select').addEventListener('change', (e) => app.selectUnit(Number(e.target.value)));
    window.addEventListener('hashchange', () => app.route());
    api.get('/api/v1/oidc').then((o) => app.showProvider(o), () => {});
    api.get('/api/v1/session').then((s) => app.loggedIn(s), () => app.showLogin());
  },

  // The clinic's identity provider, when the server has one: its button above the password form.
  showProvider(provider) {
    if (!provider.enabled) return;
    document.getElementById('sso-login').textContent = `Entrar com ${provider.displayName}`;
    document.getElementById('sso-login').href = provider.loginUrl;
    document.getElementById('login-intro').textContent = 'Mesa de atendimento.';
    if (provider.localLogin === 'breakglass-only')
      document.getElementById('sso-or').textContent = 'Usuário e senha: só o administrador de emergência.';
    document.getElementById('sso').hidden = false;
  },

  async login() {
    const error = document.getElementById('login-error');
    error.textContent = '';
    const username = document.getElementById('login-username').value.trim();
    const password = document.getElementById('login-password').value;
    try {
      app.loggedIn(await api.post('/api/v1/session', { username, password }));
      document.getElementById('login-password').value = '';
    } catch (e) {
      error.textContent = e.message;
    }
  },

  // A session from the clinic's provider ends there too: the server names its logout page.
  async logout() {
    let reply = null;
    try { reply = await api.del('/api/v1/session'); } catch (e) { /* the cookie is cleared either way */ }
    if (reply && reply.logoutUrl) {
      app.stream.stop();
      location.assign(reply.logoutUrl);
      return;
    }
    app.loggedOut('Você saiu.');
  },

  loggedIn(session) {
    app.session = session;
    api.csrfToken = session.csrfToken;
    const isAdmin = session.user.role === 'admin';
    document.querySelectorAll('[data-admin-only]').forEach((el) => { el.hidden = !isAdmin; });
    document.getElementById('who-name').textContent = `${session.user.displayName} · ${ROLE_LABEL[session.user.role] || session.user.role}`;
    document.getElementById('topbar').hidden = false;
    app.showClinicName();
    app.showUnitPicker();
    app.stream.start();
    if (!location.hash || location.hash === '#/login') location.hash = '#/mesa';
    else app.route();
  },

  showClinicName() {
    api.get('/api/v1/settings/display').then((s) => {
      document.getElementById('clinic-name').textContent = s.clinicName || 'Clinico';
    }, () => {});
  },

  // A network administrator (an account of no unit) picks the unit every view shows.
  isNetworkAdmin() { return !!app.session && app.session.user.role === 'admin' && !app.session.user.unitId; },

  async showUnitPicker() {
    const picker = document.getElementById('unit-picker');
    picker.hidden = !app.isNetworkAdmin();
    if (picker.hidden) return;
    try {
      const { units } = await api.get('/api/v1/units');
      replace(document.getElementById('unit-select'),
        units.map((u) => h('option', { value: u.id, selected: u.id === app.session.unitId }, u.name)));
    } catch (e) {
      toast(e.message, 'error');
    }
  },

  // Every view, and the live stream, now follow the chosen unit.
  async selectUnit(unitId) {
    try {
      app.session = await api.put('/api/v1/session/unit', { unitId });
      app.stream.stop();
      app.stream.start();
      app.showClinicName();
      app.route();
      toast(`Mostrando a unidade ${document.getElementById('unit-select').selectedOptions[0].textContent}.`);
    } catch (e) {
      toast(e.message, 'error');
    }
  },

  loggedOut(message) {
    app.session = null;
    api.csrfToken = '';
    app.stream.stop();
    app.showLogin();
    if (message) toast(message);
  },

  showLogin() {
    document.getElementById('topbar').hidden = true;
    document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== 'view-login'; });
    document.getElementById('login-username').focus();
  },

  route() {
    if (!app.session) return app.showLogin();
    let name = (location.hash.match(/^#\/(\w+)/) || [])[1] || 'mesa';
    if (!app.views[name]) name = 'mesa';
    if ((name === 'admin' || name === 'auditoria') && app.session.user.role !== 'admin') {
      toast('Somente administradores podem abrir esta seção.', 'error');
      name = 'mesa';
    }
    for (const [key, view] of Object.entries(app.views)) {
      if (key !== name && view.hide) view.hide();
    }
    document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== `view-${name}`; });
    document.querySelectorAll('.tabs a').forEach((a) => a.classList.toggle('active', a.dataset.view === name));
    app.current = name;
    app.views[name].show().catch((e) => toast(e.message, 'error'));
  },

  onFrame(frame) {
    if (frame.type === 'hello' && frame.serverTimeMs) setServerTime(frame.serverTimeMs);
    if (frame.type !== 'event' && frame.type !== 'snapshot') return;
    if (frame.type === 'event' && frame.kind === 'settings.changed' && frame.data.clinicName)
      document.getElementById('clinic-name').textContent = frame.data.clinicName;
    if (app.current === 'mesa') app.views.mesa.scheduleRefresh();
    if (app.current === 'agenda') app.views.agenda.scheduleRefresh();
  },
};

document.addEventListener('DOMContentLoaded', () => app.start());
