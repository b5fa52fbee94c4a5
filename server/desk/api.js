// SPDX-License-Identifier: GPL-3.0-or-later
// The server's API as docs/protocol.md describes it. The session is an HttpOnly cookie the
// page cannot read; state-changing requests carry the session's CSRF token in a header.
'use strict';

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const api = {
  csrfToken: '',
  onUnauthorized: () => {},

  async request(method, path, body) {
    const headers = {};
    if (method !== 'GET') headers['X-CSRF-Token'] = api.csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, {
        method, headers, credentials: 'same-origin', cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 'network', 'Sem conexão com o servidor. Verifique a rede e tente de novo.');
    }
    if (response.status === 204) return null;
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) {
      const error = new ApiError(response.status, data && data.code, (data && data.message) || `Erro ${response.status}`);
      if (response.status === 401 && path !== '/api/v1/session') api.onUnauthorized(error);
      throw error;
    }
    return data;
  },
  get(path) { return api.request('GET', path); },
  post(path, body) { return api.request('POST', path, body); },
  put(path, body) { return api.request('PUT', path, body); },
  del(path) { return api.request('DELETE', path); },
};

// The server's event stream, reconnecting with a growing pause. The browser sends the
// session cookie with the handshake. `onChange` fires for every frame that changes state.
class EventStream {
  constructor(onFrame, onState) {
    this.onFrame = onFrame;
    this.onState = onState;
    this.socket = null;
    this.retryMs = 500;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    if (this.socket) this.socket.close();
    this.socket = null;
  }

  connect() {
    if (this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/events`);
    this.socket = socket;
    socket.onopen = () => { this.retryMs = 500; this.onState(true); };
    socket.onmessage = (message) => {
      let frame;
      try { frame = JSON.parse(message.data); } catch (e) { return; }
      this.onFrame(frame);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.onState(false);
      if (event.code === 4401) { api.onUnauthorized(); return; }
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10000);
    };
  }
}
