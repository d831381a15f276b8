// Catalog: search and browse the metrics and dimensions the caller may query, read a member's
// definition, and try a metric by a chosen dimension.
import {api} from './main.js';
import {el, clear, errorBox, spinner, resultTable, nextId} from './ui.js';
import {chooseChart, renderChart} from './chart.js';

let cache = null;
window.addEventListener('clarion:signout', () => { cache = null; });

async function load() {
  if (!cache) {
    const [catalog, skills] = await Promise.all([api('/api/v1/catalog'), api('/api/v1/skills').catch(() => [])]);
    cache = {catalog, skills};
  }
  return cache;
}

export async function catalogPage(view, [selected]) {
  view.append(el('h1', {}, 'Catalog'), spinner('Loading the catalog…'));
  const {catalog, skills} = await load();
  const search = el('input', {id: 'catalog-search', type: 'search', placeholder: 'name, synonym or description'});
  const kind = el('select', {id: 'catalog-kind'}, ['all', 'metric', 'measure', 'dimension', 'segment'].map(k => el('option', {value: k}, k)));
  const list = el('ul', {class: 'member-list', 'aria-label': 'Members'});
  const detail = el('div', {id: 'member-detail'});
  const count = el('p', {class: 'muted small', role: 'status'});
  function filter() {
    const q = search.value.trim().toLowerCase();
    const members = catalog.members.filter(m => (kind.value === 'all' || m.kind === kind.value)
      && (!q || [m.name, m.description, ...(m.synonyms || [])].join(' ').toLowerCase().includes(q)));
    count.textContent = `${members.length} of ${catalog.members.length} members`;
    clear(list, members.slice(0, 300).map(m => el('li', {},
      el('a', {href: `#/catalog/${encodeURIComponent(m.name)}`}, m.name), ' ',
      el('span', {class: 'tag'}, m.kind), m.certified ? el('span', {class: 'tag good'}, 'certified') : null,
      el('span', {class: 'muted small'}, ' ', (m.description || '').slice(0, 110)))));
  }
  search.addEventListener('input', filter);
  kind.addEventListener('change', filter);
  clear(view, el('h1', {}, 'Catalog'),
    el('p', {class: 'muted'}, `The metrics, measures, dimensions and segments you may query. Reference date ${catalog.reference_date}.`),
    detail,
    el('div', {class: 'card'}, el('div', {class: 'row'},
      el('div', {class: 'grow'}, el('label', {for: 'catalog-search'}, 'Search'), search),
      el('div', {}, el('label', {for: 'catalog-kind'}, 'Kind'), kind)), count, list));
  filter();
  if (selected) {
    const m = catalog.members.find(x => x.name === selected);
    clear(detail, m ? memberCard(m, catalog, skills) : errorBox(`No member "${selected}" in the catalog you may query.`));
  }
}

function memberCard(m, catalog, skills) {
  const cube = catalog.cubes.find(c => c.name === (m.cube || m.name.split('.')[0]));
  const usedBy = skills.filter(s => JSON.stringify(s).includes(`"${m.name}"`) || JSON.stringify(s).includes(`${m.name}`)).map(s => s.name);
  const facts = {
    Kind: `${m.kind} (${m.type})`,
    Certified: m.certified ? 'yes' : 'no',
    Owner: m.owner || '–',
    Format: m.format || '–',
    Synonyms: (m.synonyms || []).join(', ') || '–',
    Grains: (m.grains || []).join(', ') || '–',
    'Table behind it': cube ? `${cube.name}${cube.description ? ' — ' + cube.description : ''}` : '–',
    'Joins': cube && cube.joins.length ? cube.joins.join(', ') : '–',
    'Used by skills': usedBy.join(', ') || '–',
    'Filter operators': (m.operators || []).join(', ') || 'none',
  };
  if (m.formula) facts.Formula = m.formula;
  return el('section', {class: 'card', 'aria-labelledby': 'member-h'},
    el('h2', {id: 'member-h'}, m.name, ' ', m.pii ? el('span', {class: 'tag warn'}, 'personal data') : null),
    el('p', {}, m.description || ''),
    el('dl', {class: 'kv'}, Object.entries(facts).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    m.kind === 'metric' || m.kind === 'measure' ? tryIt(m, catalog) : null);
}

function tryIt(m, catalog) {
  const dims = catalog.members.filter(x => x.kind === 'dimension' && x.type !== 'time' && !x.pii);
  const id = nextId('try-dim');
  const select = el('select', {id}, el('option', {value: ''}, '(no breakdown)'),
    el('option', {value: 'metric_time.month'}, 'month (last 12 months)'),
    dims.map(d => el('option', {value: d.name}, d.name)));
  const out = el('div', {'aria-live': 'polite'});
  return el('form', {class: 'try-it', onsubmit: async ev => {
    ev.preventDefault();
    const query = {metrics: [m.name]};
    if (select.value) query.dimensions = [select.value];
    if (select.value === 'metric_time.month') query.filters = [{dimension: 'metric_time', operator: 'in_date_range', value: 'last 12 months'}];
    else if (select.value) query.limit = 50;
    clear(out, spinner('Running…'));
    try {
      const r = await api('/api/v1/query', {method: 'POST', body: query});
      clear(out, renderChart(chooseChart(r.columns, r.rows), r.columns, r.rows, r.formatted_rows), resultTable(r.columns, r.rows, m.name, r.formatted_rows));
    } catch (e) {
      clear(out, errorBox(e));
    }
  }}, el('h3', {}, 'Try it'), el('div', {class: 'row'}, el('div', {}, el('label', {for: id}, 'By'), select),
    el('div', {}, el('button', {type: 'submit'}, 'Run'))), out);
}
