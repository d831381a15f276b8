// Small DOM and formatting helpers shared by every page. Values are inserted as text nodes,
// never as HTML, so nothing the API returns can inject markup.

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

let uid = 0;
export const nextId = prefix => `${prefix}-${++uid}`;

export function spinner(text) {
  return el('p', {class: 'muted', role: 'status'}, el('span', {class: 'spinner', 'aria-hidden': 'true'}), text);
}

/**
 * An error as the API stated it: its message and, for a refused query, each problem with where it
 * is and what was meant instead. Never a status code alone, never a stack trace.
 */
export function errorBox(err) {
  const message = err && err.message ? err.message : String(err);
  const problems = (err && err.body && Array.isArray(err.body.errors) ? err.body.errors : []).filter(p => p && p.message);
  // One problem that only repeats the message adds nothing; otherwise each is listed with where it is and what was meant.
  const telling = problems.length > 1 || problems.some(p => p.message !== message || (p.suggestions && p.suggestions.length));
  if (!telling) return el('p', {class: 'error', role: 'alert'}, message);
  return el('div', {class: 'error', role: 'alert'}, el('p', {}, message),
    el('ul', {}, problems.map(p => el('li', {}, p.message, p.path ? el('span', {class: 'muted small'}, ` (at ${p.path})`) : null,
      p.suggestions && p.suggestions.length ? el('span', {}, ` Did you mean: ${p.suggestions.join(', ')}?`) : null))));
}

// Values PostgreSQL masked for the caller: a stable pseudonym or a redaction mark.
export const isMasked = v => typeof v === 'string' && (v.startsWith('pii_') || v === '[redacted]' || v === '[masked]');

const currency = new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD', maximumFractionDigits: 0});
const currencyCents = new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD', maximumFractionDigits: 2});
const integer = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
const number = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});
const percent = new Intl.NumberFormat('en-US', {style: 'percent', maximumFractionDigits: 1});

/** A value as the catalog's format says it reads: currency, percentage (a fraction), integer, number; dates as dates. */
export function formatValue(v, format, type, grain) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string' && grain && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    if (grain === 'month') return v.slice(0, 7);
    if (grain === 'quarter') return `${v.slice(0, 4)}-Q${Math.floor((Number(v.slice(5, 7)) - 1) / 3) + 1}`;
    if (grain === 'year') return v.slice(0, 4);
  }
  if (typeof v === 'number' || (type === 'number' && v !== '' && !isNaN(Number(v)))) {
    const n = Number(v);
    switch (format) {
      case 'currency': return Math.abs(n) < 100 && !Number.isInteger(n) ? currencyCents.format(n) : currency.format(n);
      case 'percentage': return percent.format(n);
      case 'integer': return integer.format(n);
      default: return Number.isInteger(n) ? integer.format(n) : number.format(n);
    }
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00(:00)?(\.0+)?(Z|[+-]00:?00)?$/.test(v)) return v.slice(0, 10);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return v.slice(0, 16).replace('T', ' ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The time grain a column's name ends with ("metric_time.month" -> "month"), if any. */
export const grainOf = name => GRAINS.find(g => String(name).endsWith('.' + g)) || null;

export function valueCell(v, format, type, grain) {
  const text = formatValue(v, format, type, grain);
  if (isMasked(v)) return el('span', {class: 'masked', title: 'masked for your role'}, text);
  return text;
}

/** A readable label for a member name: "invoices.revenue" -> "Revenue", "metric_time.month" -> "Month". */
export function label(name) {
  const parts = String(name).replace(/^metric_time\./, '').split('.');
  // "customers.created_date.day" reads as "Created date"; "metric_time.month" as "Month".
  const last = parts.length > 1 && GRAINS.includes(parts[parts.length - 1]) ? parts[parts.length - 2] : parts[parts.length - 1];
  const s = last.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const GRAINS = ['day', 'week', 'month', 'quarter', 'year'];
// The member the catalog binds to the customer_id role (GET /api/v1/catalog, read at sign-in): its
// values link to the profile card, whatever the catalog calls it.
let customerIdMember = null;
export function setCustomerIdMember(name) {
  customerIdMember = name || null;
}

/**
 * A sortable table of a result (columns with name/type/format, rows as arrays). Cells read as
 * the server formatted them (formatted_rows: the catalog's currency, percent, dates at their
 * grain), while sorting compares the raw values, so "$9,500" sorts below "$12,000". Header
 * buttons sort; aria-sort tells screen readers the order. Customer ids link to the profile card.
 */
export function resultTable(columns, rows, caption, formatted) {
  let sortCol = -1, asc = true;
  const tbody = el('tbody');
  const headers = columns.map((c, i) => {
    // The arrow shows the order to sighted readers; screen readers hear it from aria-sort instead.
    const th = el('th', {scope: 'col', class: c.type === 'number' ? 'n' : ''},
      el('button', {type: 'button', onclick: () => sortBy(i), title: c.name}, label(c.name), el('span', {class: 'sort-mark', 'aria-hidden': 'true'})));
    return th;
  });
  const shown = (i, j) => {
    const v = rows[i][j];
    const f = formatted && formatted[i] ? formatted[i][j] : undefined;
    if (f === undefined || f === null || v === null || v === undefined) return valueCell(v, columns[j].format, columns[j].type, grainOf(columns[j].name));
    return isMasked(v) ? el('span', {class: 'masked', title: 'masked for your role'}, f) : f;
  };
  function render() {
    const order = rows.map((r, i) => i);
    if (sortCol >= 0) {
      order.sort((a, b) => compare(rows[a][sortCol], rows[b][sortCol]) * (asc ? 1 : -1));
    }
    clear(tbody, order.map(i => el('tr', {}, rows[i].map((v, j) => {
      const c = columns[j];
      const content = customerIdMember && c.name === customerIdMember && v && !isMasked(v)
        ? el('a', {href: `#/accounts/${encodeURIComponent(v)}`}, String(v)) : shown(i, j);
      return el('td', {class: c.type === 'number' ? 'n' : '', 'data-value': v === null || v === undefined || typeof v === 'object' ? null : String(v)}, content);
    }))));
    headers.forEach((th, i) => {
      th.setAttribute('aria-sort', i === sortCol ? (asc ? 'ascending' : 'descending') : 'none');
      th.querySelector('.sort-mark').textContent = i === sortCol ? (asc ? ' ▲' : ' ▼') : '';
    });
  }
  function sortBy(i) {
    if (sortCol === i) asc = !asc; else { sortCol = i; asc = columns[i].type !== 'number'; }
    render();
  }
  render();
  return el('div', {class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption || 'Result table'},
    el('table', {}, caption ? el('caption', {class: 'sr-only'}, caption) : null, el('thead', {}, el('tr', {}, headers)), tbody));
}

const NUMERIC = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Exact decimals may arrive as strings; they still sort by value, not by their first digit.
  if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(a) - Number(b);
  return String(a).localeCompare(String(b), undefined, {numeric: true});
}

/** Downloads rows as a CSV file (RFC 4180 quoting), with member names as the header. */
export function downloadCsv(filename, columns, rows) {
  const cell = v => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const text = [columns.map(c => cell(c.name)).join(','), ...rows.map(r => r.map(cell).join(','))].join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([text], {type: 'text/csv'}));
  const a = el('a', {href: url, download: filename});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A small key/value list; masked values are marked. */
export function keyValues(map, formats = {}) {
  return el('dl', {class: 'kv'}, Object.entries(map || {}).flatMap(([k, v]) =>
    [el('dt', {}, label(k)), el('dd', {}, valueCell(v, formats[k], typeof v === 'number' ? 'number' : undefined))]));
}
