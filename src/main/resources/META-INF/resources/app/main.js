// The app shell: sign-in, the API client, and the page router. The app holds no privilege of
// its own: every call goes to /api/v1 with the token the person pasted (kept for this tab only).
import {el, clear, errorBox, spinner, setCustomerIdMember} from './ui.js';
import {askPage} from './ask.js';
import {catalogPage} from './catalog.js';
import {accountsPage} from './accounts.js';
import {briefingsPage} from './briefings.js';
import {auditPage} from './audit.js';
import {apiPage} from './apipage.js';

const TOKEN_KEY = 'clarion.token';
const main = document.getElementById('main');
let me = null;

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `the server answered ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Calls the API as the signed-in person; errors carry the API's own message. */
export async function api(path, {method = 'GET', body} = {}) {
  const headers = {'Authorization': `Bearer ${sessionStorage.getItem(TOKEN_KEY) || ''}`};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    throw new Error('Clarion could not be reached: ' + e.message);
  }
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = {message: text.slice(0, 300)}; }
  if (r.status === 401 && me) {
    signOut('Your session is no longer valid: ' + (json && json.message ? json.message : 'sign in again.'));
  }
  if (!r.ok) throw new ApiError(r.status, json);
  return json;
}

export function currentUser() {
  return me;
}

export const can = privilege => !!me && me.privileges.includes(privilege);

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  me = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  // Pages keep per-person state (the conversation, the catalog the caller may see): drop it.
  window.dispatchEvent(new Event('clarion:signout'));
  history.replaceState(null, '', '#/');
  showSignIn(message);
}

async function signIn(token) {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
  try {
    me = await api('/api/v1/me');
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY);
    me = null;
    throw e;
  }
  // Which member is the customer's id on this catalog (its role), so customer ids link to their profile card.
  api('/api/v1/catalog').then(c => setCustomerIdMember(c.roles && c.roles.customer_id), () => setCustomerIdMember(null));
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = `${me.name} (${me.roles.join(', ')})`;
  for (const a of document.querySelectorAll('#nav [data-needs]')) a.hidden = !can(a.dataset.needs);
}

async function showSignIn(message) {
  const tokenInput = el('input', {id: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'token-help'});
  const out = el('div', {'aria-live': 'polite'});
  const form = el('form', {class: 'card', onsubmit: async ev => {
    ev.preventDefault();
    clear(out, spinner('Signing in…'));
    try {
      await signIn(tokenInput.value);
      if (location.hash === '#/ask') route(); else location.hash = '#/ask';
    } catch (e) {
      clear(out, errorBox(e));
    }
  }},
  el('div', {class: 'row'},
    el('div', {class: 'grow'}, el('label', {for: 'token'}, 'Access token'), tokenInput,
      el('span', {id: 'token-help', class: 'muted small'}, 'Your Clarion API token. It is kept in this browser tab only.')),
    el('div', {}, el('button', {type: 'submit', id: 'sign-in'}, 'Sign in'))), out);
  const demo = el('div');
  const provider = el('div');
  clear(main, el('section', {class: 'signin'}, el('h1', {}, 'Sign in to Clarion'),
    el('p', {class: 'muted'}, 'One governed answer about customers: ask a question, see the chart and the definitions, review your briefing.'),
    message ? el('p', {class: 'error', role: 'alert'}, message) : null, provider, form, demo));
  tokenInput.focus();
  try {
    const cfg = await (await fetch('/app/config')).json();
    if (cfg.oidc) {
      clear(provider, el('section', {class: 'card', 'aria-labelledby': 'oidc-h'}, el('h2', {id: 'oidc-h'}, 'Company sign-in'),
        el('p', {class: 'muted small'}, 'Sign in with your company account; you come back here signed in.'),
        el('button', {type: 'button', id: 'oidc-sign-in', onclick: () => startProviderSignIn(cfg.oidc)}, 'Sign in with your company account')));
    }
    if (cfg.demo_users && cfg.demo_users.length) {
      clear(demo, el('section', {class: 'card', 'aria-labelledby': 'demo-h'}, el('h2', {id: 'demo-h'}, 'Demo users'),
        el('p', {class: 'muted small'}, 'Demo users are on for this server. Each button signs in with that user\'s token.'),
        el('ul', {class: 'demo-users'}, cfg.demo_users.map(u => el('li', {},
          el('button', {type: 'button', class: 'secondary', 'data-token': u.token, onclick: () => { tokenInput.value = u.token; form.requestSubmit(); }},
            `${u.name}`), ' ', el('span', {class: 'muted small'}, `${u.role}${u.owner_id ? ', ' + u.owner_id : ''} — token `),
          el('code', {}, u.token))))));
    }
  } catch {
    // No demo list: the token field is all a person needs.
  }
}

const PAGES = {ask: askPage, catalog: catalogPage, accounts: accountsPage, briefings: briefingsPage, audit: auditPage, api: apiPage};

async function route() {
  if (!me) return showSignIn();
  const [, page = 'ask', ...rest] = location.hash.replace(/^#/, '').split('/');
  const render = PAGES[page] || askPage;
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.page === (PAGES[page] ? page : 'ask')) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  document.getElementById('status').replaceChildren();
  const view = el('div', {'data-page': PAGES[page] ? page : 'ask'});
  clear(main, view);
  try {
    await render(view, rest.map(decodeURIComponent));
  } catch (e) {
    view.append(errorBox(e));
  }
  document.title = `Clarion – ${(view.querySelector('h1') || {}).textContent || 'Ask'}`;
}

window.addEventListener('hashchange', () => {
  route();
  main.focus({preventScroll: true});
});
document.getElementById('sign-out').addEventListener('click', () => signOut());

// Sign-in through the OpenID Connect provider: the authorization code flow with PKCE, as a public
// client. The verifier and state live in this tab only; the provider's access token is then used
// exactly like a pasted token.
const OIDC_KEY = 'clarion.oidc';

const b64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = () => b64url(crypto.getRandomValues(new Uint8Array(32)));

async function startProviderSignIn(oidc) {
  const verifier = randomText();
  const state = randomText();
  const redirect = location.origin + location.pathname;
  // S256 needs a secure context (https, or localhost); the plain method is what remains elsewhere.
  const s256 = !!(crypto.subtle && window.isSecureContext);
  const challenge = s256 ? b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))) : verifier;
  sessionStorage.setItem(OIDC_KEY, JSON.stringify({verifier, state, redirect, token_endpoint: oidc.token_endpoint, client_id: oidc.client_id}));
  const p = new URLSearchParams({response_type: 'code', client_id: oidc.client_id, redirect_uri: redirect, scope: oidc.scope,
    state, code_challenge: challenge, code_challenge_method: s256 ? 'S256' : 'plain'});
  location.assign(`${oidc.authorization_endpoint}${oidc.authorization_endpoint.includes('?') ? '&' : '?'}${p}`);
}

/** Back from the provider (?code=…&state=… or ?error=…): the token for the code, or why not. */
async function finishProviderSignIn() {
  const q = new URLSearchParams(location.search);
  if (!q.has('code') && !q.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(OIDC_KEY) || 'null');
  sessionStorage.removeItem(OIDC_KEY);
  history.replaceState(null, '', location.pathname + '#/ask');
  if (q.has('error')) throw new Error(`The identity provider did not sign you in: ${q.get('error_description') || q.get('error')}`);
  if (!pending || pending.state !== q.get('state')) throw new Error('That sign-in answer was not for this tab (its state does not match); sign in again.');
  let r;
  try {
    r = await fetch(pending.token_endpoint, {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({grant_type: 'authorization_code', code: q.get('code'), redirect_uri: pending.redirect,
        client_id: pending.client_id, code_verifier: pending.verifier})});
  } catch (e) {
    throw new Error('The identity provider could not be reached: ' + e.message);
  }
  const body = await r.json().catch(() => ({}));
  if (!r.ok || !body.access_token) {
    throw new Error(`The identity provider gave no token: ${body.error_description || body.error || 'it answered ' + r.status}`);
  }
  return body.access_token;
}

(async () => {
  try {
    const fromProvider = await finishProviderSignIn();
    if (fromProvider) await signIn(fromProvider);
  } catch (e) {
    return showSignIn(e.message);
  }
  const token = me ? null : sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    try {
      await signIn(token);
    } catch (e) {
      return showSignIn(e.message);
    }
  }
  route();
})();
