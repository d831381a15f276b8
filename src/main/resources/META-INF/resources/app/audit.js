// Audit (admins): the audit log, newest first, with the API's filters. Whether the caller may read
// it is the API's decision; a refusal shows the API's message.
import {api} from './main.js';
import {el, clear, errorBox, spinner, resultTable} from './ui.js';

const KINDS = ['', 'query', 'chat_question', 'tool_call', 'briefing_run', 'delivery', 'feedback', 'access'];
const FIELDS = ['id', 'at', 'principal', 'roles', 'kind', 'source', 'subject', 'outcome', 'row_count', 'duration_ms', 'message'];

export async function auditPage(view) {
  const field = (id, text, input) => el('div', {}, el('label', {for: id}, text), input);
  const principal = el('input', {id: 'audit-principal', type: 'text', size: 14});
  const kind = el('select', {id: 'audit-kind'}, KINDS.map(k => el('option', {value: k}, k || 'any')));
  const outcome = el('input', {id: 'audit-outcome', type: 'text', size: 10, placeholder: 'ok, denied…'});
  const since = el('input', {id: 'audit-since', type: 'date'});
  const until = el('input', {id: 'audit-until', type: 'date'});
  const out = el('div', {'aria-live': 'polite'});
  let beforeId = null;
  async function load(more) {
    const p = new URLSearchParams({limit: '100'});
    if (principal.value.trim()) p.set('principal', principal.value.trim());
    if (kind.value) p.set('kind', kind.value);
    if (outcome.value.trim()) p.set('outcome', outcome.value.trim());
    if (since.value) p.set('since', since.value);
    if (until.value) p.set('until', until.value);
    if (more && beforeId) p.set('before_id', beforeId);
    clear(out, spinner('Reading the audit log…'));
    try {
      const entries = await api(`/api/v1/audit?${p}`);
      beforeId = entries.length ? entries[entries.length - 1].id : null;
      const columns = FIELDS.map(f => ({name: f, type: f === 'id' || f === 'row_count' || f === 'duration_ms' ? 'number' : 'string'}));
      clear(out, el('p', {class: 'muted small'}, `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, newest first.`),
        resultTable(columns, entries.map(e => FIELDS.map(f => e[f])), 'Audit log'),
        entries.length === 100 ? el('p', {}, el('button', {type: 'button', class: 'secondary', onclick: () => load(true)}, 'Older entries')) : null);
    } catch (e) {
      clear(out, errorBox(e));
    }
  }
  clear(view, el('h1', {}, 'Audit log'),
    el('p', {class: 'muted'}, 'Every query, chat question, tool call, briefing run, delivery, feedback change and refused request.'),
    el('form', {class: 'card', 'aria-label': 'Filters', onsubmit: ev => { ev.preventDefault(); load(false); }},
      el('div', {class: 'row'}, field('audit-principal', 'Principal', principal), field('audit-kind', 'Kind', kind),
        field('audit-outcome', 'Outcome', outcome), field('audit-since', 'Since', since), field('audit-until', 'Until', until),
        el('div', {}, el('button', {type: 'submit'}, 'Filter')))), out);
  await load(false);
}
