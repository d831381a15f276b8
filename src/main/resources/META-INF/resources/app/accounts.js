// Accounts: the customers the caller may see (an owner sees their own only, as the API decides),
// and the customer profile card with its trend charts.
import {api} from './main.js';
import {el, clear, errorBox, spinner, resultTable, keyValues, valueCell} from './ui.js';
import {simpleLine} from './chart.js';

// Every customer the caller may see (churned ones too), then current MRR where there is one:
// a metric in the first query would drop customers without MRR.
const LIST = {
  dimensions: ['customers.customer_id', 'customers.customer_name', 'customers.segment', 'customers.plan', 'customers.region', 'customers.status'],
  order_by: [{field: 'customers.customer_name', direction: 'asc'}],
  limit: 5000,
};
const MRR = {metrics: ['current_mrr'], dimensions: ['customers.customer_id'], limit: 5000};

export async function accountsPage(view, [customerId]) {
  if (customerId) return profile(view, customerId);
  const search = el('input', {id: 'account-search', type: 'search', placeholder: 'name or id'});
  const out = el('div', {}, spinner('Loading accounts…'));
  clear(view, el('h1', {}, 'Accounts'),
    el('p', {class: 'muted'}, 'Customers you may see. Sort by any column; open one for its profile card.'),
    el('div', {class: 'card'}, el('div', {class: 'row'}, el('div', {class: 'grow'}, el('label', {for: 'account-search'}, 'Find a customer'), search)),
      el('p', {id: 'account-count', class: 'muted small', role: 'status'}), out));
  const [list, mrr] = await Promise.all([api('/api/v1/query', {method: 'POST', body: LIST}), api('/api/v1/query', {method: 'POST', body: MRR})]);
  const byId = new Map(mrr.rows.map(row => [row[0], row[1]]));
  const mrrShown = new Map(mrr.rows.map((row, i) => [row[0], (mrr.formatted_rows || [])[i]?.[1] ?? null]));
  const r = {columns: [...list.columns, mrr.columns[1]], rows: list.rows.map(row => [...row, byId.get(row[0]) ?? null]), truncated: list.truncated};
  // The list and MRR come from two queries: their formatted cells are joined the same way as the values.
  const shown = list.rows.map((row, i) => [...((list.formatted_rows || [])[i] || row.map(() => null)), mrrShown.get(row[0]) ?? null]);
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
  const filter = [{dimension: 'customers.customer_id', operator: 'equals', value: id}];
  const trend = (metric, title) => api('/api/v1/query', {method: 'POST', body: {metrics: [metric], dimensions: ['metric_time.month'],
    filters: [...filter, {dimension: 'metric_time', operator: 'in_date_range', value: 'last 12 months'}]}})
    .then(r => ({title, r}), e => ({title, error: e}));
  const [card, ...trends] = await Promise.all([api(`/api/v1/customers/${encodeURIComponent(id)}/profile`),
    trend('mrr', 'MRR by month'), trend('product_events.logins', 'Logins by month')]);
  const f = card.formats || {};
  const section = (title, map) => el('section', {class: 'card'}, el('h2', {}, title), keyValues(map, f));
  clear(view, el('p', {}, el('a', {href: '#/accounts'}, '← All accounts')),
    el('h1', {}, card.name ? valueCell(card.name) : id, el('span', {class: 'muted small'}, ` ${card.customer_id}`)),
    el('div', {class: 'grid profile-card'}, section('Overview', card.overview), section('Financial', card.financial),
      section('Engagement', card.engagement), section('Owner', card.owner)),
    el('div', {class: 'grid'}, trends.map(t => el('section', {class: 'card'}, el('h2', {}, t.title),
      t.error ? el('p', {class: 'muted'}, t.error.message)
        : t.r.rows.length ? simpleLine(t.r.rows.map(row => [row[0], Number(row[1])]), t.r.columns[1].format, t.title, 'month')
          : el('p', {class: 'muted'}, 'No data in the last 12 months.')))),
    el('section', {class: 'card'}, el('h2', {}, 'Recent events'), card.recent_events.length
      ? resultTable(Object.keys(card.recent_events[0]).map(k => ({name: k, type: typeof card.recent_events[0][k] === 'number' ? 'number' : 'string'})),
        card.recent_events.map(e => Object.values(e)), 'Recent events')
      : el('p', {class: 'muted'}, 'No recent events.')));
}

