// API: run a metric query by hand (sent with the signed-in token), and the way to the API's own
// description and Swagger UI.
import {api} from './main.js';
import {el, clear, errorBox, spinner, resultTable} from './ui.js';

const EXAMPLE = `{"metrics": ["customers.new_customer_count", "invoices.revenue", "monthly_churn_rate"],
 "dimensions": ["customers.segment"],
 "filters": [{"dimension": "metric_time", "operator": "in_date_range", "value": "last month"}]}`;

export async function apiPage(view) {
  const text = el('textarea', {id: 'metric-query', rows: 8, spellcheck: 'false', style: 'width:100%;font-family:ui-monospace,monospace'}, EXAMPLE);
  const out = el('div', {'aria-live': 'polite'});
  async function call(path, show) {
    let body;
    try {
      body = JSON.parse(text.value);
    } catch (e) {
      clear(out, errorBox('The metric query is not valid JSON: ' + e.message));
      return;
    }
    clear(out, spinner('Running…'));
    try {
      show(await api(path, {method: 'POST', body}));
    } catch (e) {
      clear(out, errorBox(e), e.body ? el('details', {}, el('summary', {}, `The API's answer (${e.status})`), el('pre', {}, JSON.stringify(e.body, null, 2))) : null);
    }
  }
  clear(view, el('h1', {}, 'API'),
    el('p', {}, 'Everything this app shows comes from the REST API under ', el('code', {}, '/api/v1'), ', called with your token. ',
      'Its description is at ', el('a', {href: '/q/openapi'}, '/q/openapi'), '; ', el('a', {href: '/q/swagger-ui', target: '_blank', rel: 'noopener'}, 'Swagger UI'),
      ' lets you try each call: choose "Authorize" and paste your token.'),
    el('form', {class: 'card', onsubmit: ev => ev.preventDefault()},
      el('label', {for: 'metric-query'}, 'Metric query (JSON)'), text,
      el('p', {}, el('button', {type: 'button', id: 'run-query', onclick: () => call('/api/v1/query', r => clear(out,
        el('p', {class: 'muted small'}, `${r.row_count} rows in ${r.duration_ms} ms${r.truncated ? ' (truncated)' : ''}`),
        resultTable(r.columns, r.rows, 'Query result', r.formatted_rows)))}, 'Run'), ' ',
      el('button', {type: 'button', class: 'secondary', id: 'explain-query', onclick: () => call('/api/v1/query/explain', r => clear(out,
        el('pre', {class: 'sql'}, `${r.sql}\n-- binds: ${JSON.stringify(r.binds)}`)))}, 'Show SQL'))), out);
}
