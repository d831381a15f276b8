// Accounts: the customers the caller may see (an owner sees their own only, as the API decides),
// and the customer profile card with its trend charts. No member is named here: the catalog's roles
// (GET /api/v1/catalog) say which members are the customer's id and name, which the catalog marks
// for the card's overview, and which are revenue and usage, so the page works on any catalog.
import {api} from './main.js';
import {el, clear, errorBox, spinner, resultTable, keyValues, valueCell, label, setCustomerIdMember} from './ui.js';
import {simpleLine} from './chart.js';

/** What the page reads, from the catalog's roles and profile marks as the caller may see them. */
async function bindings() {
  const c = await api('/api/v1/catalog');
  const roles = c.roles || {};
  setCustomerIdMember(roles.customer_id);
  const byName = new Map(c.members.map(m => [m.name, m]));
  const id = roles.customer_id;
  const cube = id && byName.get(id) ? byName.get(id).cube : null;
  // A few overview columns of the customer's own cube, as the catalog marks them for the profile card.
  const overview = c.members.filter(m => m.kind === 'dimension' && m.cube === cube && m.profile === 'overview'
    && m.type === 'string' && m.name !== id && m.name !== roles.customer_name).slice(0, 4).map(m => m.name);
  return {id, name: roles.customer_name, overview, value: roles.revenue, revenue: roles.revenue, usage: roles.usage};
}

export async function accountsPage(view, [customerId]) {
  if (customerId) return profile(view, customerId);
  const search = el('input', {id: 'account-search', type: 'search', placeholder: 'name or id'});
  const out = el('div', {}, spinner('Loading accounts…'));
  clear(view, el('h1', {}, 'Accounts'),
    el('p', {class: 'muted'}, 'Customers you may see. Sort by any column; open one for its profile card.'),
    el('div', {class: 'card'}, el('div', {class: 'row'}, el('div', {class: 'grow'}, el('label', {for: 'account-search'}, 'Find a customer'), search)),
      el('p', {id: 'account-count', class: 'muted small', role: 'status'}), out));
  const b = await bindings();
  if (!b.id) {
    clear(out, el('p', {class: 'muted'}, 'This catalog does not say which member is the customer\'s id: mark it with '
      + 'meta: {role: customer_id} in the catalog (see the skills README), and the accounts and their profile cards appear here.'));
    return;
  }
  // Every customer the caller may see (churned ones too), then the value column where there is one:
  // a metric in the first query would drop customers without it.
  const list = {dimensions: [b.id, ...(b.name ? [b.name] : []), ...b.overview], order_by: [{field: b.name || b.id, direction: 'asc'}], limit: 5000};
  const valued = b.value ? api('/api/v1/query', {method: 'POST', body: {metrics: [b.value], dimensions: [b.id], limit: 5000}}).catch(() => null)
    : Promise.resolve(null);
  const [rows, value] = await Promise.all([api('/api/v1/query', {method: 'POST', body: list}), valued]);
  const byId = new Map(value ? value.rows.map(row => [row[0], row[1]]) : []);
  const valueShown = new Map(value ? value.rows.map((row, i) => [row[0], (value.formatted_rows || [])[i]?.[1] ?? null]) : []);
  const r = value ? {columns: [...rows.columns, value.columns[1]], rows: rows.rows.map(row => [...row, byId.get(row[0]) ?? null]), truncated: rows.truncated}
    : rows;
  // The list and the value come from two queries: their formatted cells are joined the same way as the values.
  const shown = rows.rows.map((row, i) => [...((rows.formatted_rows || [])[i] || row.map(() => null)), ...(value ? [valueShown.get(row[0]) ?? null] : [])]);
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const keep = r.rows.map((row, i) => i).filter(i => !q || r.rows[i].some(v => String(v ?? '').toLowerCase().includes(q)));
    document.getElementById('account-count').textContent = `${keep.length} customer${keep.length === 1 ? '' : 's'}${r.truncated ? ' (first 5,000)' : ''}`;
    clear(out, resultTable(r.columns, keep.map(i => r.rows[i]), 'Accounts', keep.map(i => shown[i])));
  };
  search.addEventListener('input', draw);
  draw();
}

async function profile(view, id) {
  clear(view, el('p', {}, el('a', {href: '#/accounts'}, '← All accounts')), el('h1', {}, `Customer ${id}`), spinner('Loading the profile card…'));
  const b = await bindings();
  const filter = [{dimension: b.id, operator: 'equals', value: id}];
  const trend = (metric, title) => api('/api/v1/query', {method: 'POST', body: {metrics: [metric], dimensions: ['metric_time.month'],
    filters: [...filter, {dimension: 'metric_time', operator: 'in_date_range', value: 'last 12 months'}]}})
    .then(r => ({title, r}), e => ({title, error: e}));
  const trends = [b.revenue, b.usage].filter(Boolean).map(m => trend(m, `${label(m)} by month`));
  const [card, ...shown] = await Promise.all([api(`/api/v1/customers/${encodeURIComponent(id)}/profile`), ...trends]);
  const f = card.formats || {};
  const section = (title, map) => el('section', {class: 'card'}, el('h2', {}, title), keyValues(map, f));
  clear(view, el('p', {}, el('a', {href: '#/accounts'}, '← All accounts')),
    el('h1', {}, card.name ? valueCell(card.name) : id, el('span', {class: 'muted small'}, ` ${card.customer_id}`)),
    el('div', {class: 'grid profile-card'}, section('Overview', card.overview), section('Financial', card.financial),
      section('Engagement', card.engagement), section('Owner', card.owner)),
    el('div', {class: 'grid'}, shown.map(t => el('section', {class: 'card'}, el('h2', {}, t.title),
      t.error ? el('p', {class: 'muted'}, t.error.message)
        : t.r.rows.length ? simpleLine(t.r.rows.map(row => [row[0], Number(row[1])]), t.r.columns[1].format, t.title, 'month')
          : el('p', {class: 'muted'}, 'No data in the last 12 months.')))),
    el('section', {class: 'card'}, el('h2', {}, 'Recent events'), card.recent_events.length
      ? resultTable(Object.keys(card.recent_events[0]).map(k => ({name: k, type: typeof card.recent_events[0][k] === 'number' ? 'number' : 'string'})),
        card.recent_events.map(e => Object.values(e)), 'Recent events')
      : el('p', {class: 'muted'}, 'No recent events.')));
}
