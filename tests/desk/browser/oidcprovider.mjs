// SPDX-License-Identifier: GPL-3.0-or-later
// A real OpenID Connect provider on loopback for the desk's sign-in: npm's oidc-provider (a
// certified implementation) with the clinic's staff in groups, a pt-BR login page that checks
// passwords, PKCE required and RP-initiated logout. The browser test starts it, and so does
// `scripts/run-local.sh --with-sso`; both read the people from STAFF below.
//
//   node oidcprovider.mjs --issuer-file FILE --client-id ID --client-secret-file FILE \
//        --redirect-uri URL --post-logout-redirect-uri URL [--port N]
//
// Writes its issuer URL to --issuer-file once listening; stops on SIGTERM.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import Provider from 'oidc-provider';

// The demo clinic's staff at its identity provider. `groups` is the claim Clinico maps to its
// roles (scripts/run-local.sh and the browser test map the same names).
export const GROUPS = { attendant: 'clinico-recepcao', doctor: 'clinico-medicos', admin: 'clinico-gestao' };
export const STAFF = {
  'carla.souza': { password: 'carla-sso-1', name: 'Carla Souza', groups: [GROUPS.attendant, 'todos'] },
  'dr.davi': { password: 'davi-sso-1', name: 'Dr. Davi Nunes', groups: [GROUPS.doctor] },
  'elisa.ti': { password: 'elisa-sso-1', name: 'Elisa Prado', groups: [GROUPS.admin, GROUPS.attendant] },
  'fabio.financeiro': { password: 'fabio-sso-1', name: 'Fábio Reis', groups: ['financeiro'] },
};

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:sans-serif;background:#eef1f5;margin:0}main{max-width:22em;margin:12vh auto;background:#fff;
padding:2em;border-radius:8px}label{display:block;margin:.8em 0}input{width:100%;padding:.4em}button{padding:.5em 1em}
.error{color:#a00}</style><main><h1>Provedor de identidade da clínica</h1>${body}</main></html>`;
}

function loginForm(uid, error, login = '') {
  return page('Entrar', `<form method="post" action="/interaction/${escape(uid)}/login">
<label>Usuário <input id="op-login" name="login" value="${escape(login)}" autofocus required></label>
<label>Senha <input id="op-password" name="password" type="password" required></label>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<button id="op-submit" type="submit">Entrar</button></form>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10000) break;
  }
  return new URLSearchParams(body);
}

function arg(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < args.length) return args[i + 1];
  if (fallback === undefined) throw new Error(`oidcprovider.mjs: --${name} is required`);
  return fallback;
}

export async function startProvider(options) {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(Number(options.port || 0), '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const signingKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [{
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: [options.redirectUri],
      post_logout_redirect_uris: [options.postLogoutRedirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [{ ...signingKey, kid: 'demo-rsa-1', alg: 'RS256', use: 'sig' }] },
    pkce: { methods: ['S256'], required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'], email: ['email'] },
    // The ID token carries the claims of the scopes asked for (Clinico reads groups from it).
    conformIdTokenClaims: false,
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Sair', `<p>Sair também do provedor de identidade?</p>${form}
<button id="op-logout" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Sim, sair</button>
<button type="submit" form="op.logoutForm">Não</button>`);
        },
      },
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // Clinico is the clinic's own application: no consent screen, as Entra ID's admin consent does.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    findAccount: async (ctx, id) => {
      const person = STAFF[id];
      if (!person) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, name: person.name, preferred_username: id, email: `${id}@clinica.example`, groups: person.groups }),
      };
    },
  });
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    const m = new URL(req.url, issuer).pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!m) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name !== 'login') {
        return provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
      }
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      if (req.method !== 'POST') return res.end(loginForm(m[1], ''));
      const form = await readForm(req);
      const login = form.get('login') || '';
      const person = STAFF[login];
      if (!person || person.password !== form.get('password'))
        return res.end(loginForm(m[1], 'Usuário ou senha incorretos.', login));
      return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    } catch (e) {
      res.statusCode = 400;
      res.end(page('Erro', `<p>${escape(e.message)}</p>`));
    }
  });
  return { issuer, close: () => new Promise((resolve) => server.close(resolve)) };
}

// Run as a program (not imported for STAFF and GROUPS): start and say where.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const op = await startProvider({
    port: arg(args, 'port', '0'),
    clientId: arg(args, 'client-id'),
    clientSecret: fs.readFileSync(arg(args, 'client-secret-file'), 'utf8').trim(),
    redirectUri: arg(args, 'redirect-uri'),
    postLogoutRedirectUri: arg(args, 'post-logout-redirect-uri'),
  });
  fs.writeFileSync(arg(args, 'issuer-file'), `${op.issuer}\n`);
  console.log(`OpenID provider listening at ${op.issuer}`);
  process.on('SIGTERM', () => op.close().then(() => process.exit(0)));
  process.on('SIGINT', () => op.close().then(() => process.exit(0)));
}
