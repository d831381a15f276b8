// Ask: a conversation with the chat API. Each answer shows the sentence, a chart chosen from the
// result's shape, the sortable table, definitions, assumptions and the query with its SQL.
import {api, currentUser} from './main.js';
import {el, clear, errorBox, resultTable, downloadCsv, label, nextId} from './ui.js';
import {chooseChart, chartKinds, renderChart} from './chart.js';

// The conversation outlives page switches within the tab, as a chat window would.
const state = {sessionId: null, turns: [], busy: false};
let log = null, form = null, input = null;
let referenceDate = null; // "today" for relative dates, from the catalog the caller reads
window.addEventListener('clarion:signout', () => {
  state.sessionId = null;
  state.turns = [];
  referenceDate = null;
});

export async function askPage(view) {
  input = el('textarea', {id: 'question', rows: 2, required: true, placeholder: 'e.g. revenue by segment last quarter'});
  const submit = el('button', {type: 'submit', id: 'ask-button'}, 'Ask');
  form = el('form', {class: 'card', 'aria-labelledby': 'ask-h', onsubmit: ev => { ev.preventDefault(); ask(input.value); }},
    el('div', {class: 'row'},
      el('div', {class: 'grow'}, el('label', {for: 'question'}, state.sessionId ? 'Follow-up question' : 'Your question'), input),
      el('div', {}, submit, ' ', el('button', {type: 'button', class: 'secondary', id: 'new-conversation', onclick: reset}, 'New conversation'))));
  input.addEventListener('keydown', ev => {
    if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
  });
  log = el('div', {id: 'conversation', 'aria-live': 'polite'});
  const me = currentUser();
  clear(view, el('h1', {id: 'ask-h'}, 'Ask'),
    el('p', {class: 'muted'}, 'Ask about customers, revenue, churn, usage or support in plain language. Every number comes from a certified metric.',
      me && me.owner_id ? ` Figures cover your accounts only (owner ${me.owner_id}).` : ''),
    log, form);
  for (const t of state.turns) log.append(t.node);
  input.focus();
  if (!referenceDate) api('/api/v1/catalog').then(c => { referenceDate = c.reference_date; }, () => {});
}

/**
 * What the answer took for granted, stated next to it: the time range of each query, the
 * reference date relative dates count from, and whose accounts the figures cover.
 */
function assumptionsOf(r) {
  const lines = [...(r.assumptions || [])];
  const ranges = new Set();
  for (const res of r.results) {
    for (const f of (res.query && res.query.filters) || []) {
      if (f.dimension === 'metric_time' || /\.(created|churned|issued|event)/.test(f.dimension || '')) {
        if (f.operator === 'in_date_range') ranges.add(Array.isArray(f.value) ? f.value.join(' to ') : String(f.value ?? (f.values || []).join(' to ')));
        else if (f.operator === 'before' || f.operator === 'after') ranges.add(`${f.operator} ${f.value}`);
      }
    }
  }
  if (r.results.length) lines.push(ranges.size ? `Time range: ${[...ranges].join('; ')}.` : 'Time range: none given, so all time (or as of today for current values).');
  if (referenceDate && r.results.length) lines.push(`Reference date ("today"): ${referenceDate}.`);
  const me = currentUser();
  if (me && me.owner_id && r.results.length) lines.push(`Scope: your accounts only (owner ${me.owner_id}).`);
  if (me && me.pii_masked && r.results.length) lines.push('Personal data is masked for your role.');
  return lines;
}

function reset() {
  state.sessionId = null;
  state.turns = [];
  if (log) log.replaceChildren();
  if (input) { input.value = ''; input.focus(); }
  document.querySelector('label[for="question"]').textContent = 'Your question';
}

async function ask(question) {
  question = question.trim();
  if (!question || state.busy) return;
  state.busy = true;
  const button = document.getElementById('ask-button');
  if (button) button.disabled = true;
  const progress = waiting();
  const node = el('article', {class: 'card turn', 'data-turn': state.turns.length + 1, 'aria-busy': 'true'},
    el('p', {class: 'question'}, question), progress.node);
  const turn = {node, number: state.turns.length + 1};
  state.turns.push(turn);
  log.append(node);
  node.scrollIntoView({block: 'nearest'});
  input.value = '';
  try {
    const body = {message: question};
    if (state.sessionId) body.session_id = state.sessionId;
    const r = await api('/api/v1/chat', {method: 'POST', body});
    state.sessionId = r.session_id;
    renderAnswer(node, question, r, turn.number);
  } catch (e) {
    clear(node, el('p', {class: 'question'}, question), errorBox(e));
  } finally {
    progress.stop();
    node.removeAttribute('aria-busy');
    state.busy = false;
    const b = document.getElementById('ask-button');
    if (b) b.disabled = false;
    const l = document.querySelector('label[for="question"]');
    if (l && state.sessionId) l.textContent = 'Follow-up question';
    if (input) input.focus();
  }
}

/**
 * The progress shown while an answer is on its way. A slow query counts the seconds, so a long
 * wait reads as work going on rather than a stalled page; the count is hidden from screen
 * readers, which hear "Working on it" once instead of a number every second.
 */
function waiting() {
  const started = Date.now();
  const seconds = el('span', {class: 'elapsed', 'aria-hidden': 'true'});
  const node = el('p', {class: 'muted progress', role: 'status'}, el('span', {class: 'spinner', 'aria-hidden': 'true'}),
    'Working on it… ', seconds);
  const timer = setInterval(() => {
    const s = Math.round((Date.now() - started) / 1000);
    if (s >= 3) seconds.textContent = `${s} s`;
  }, 1000);
  return {node, stop: () => clearInterval(timer)};
}

function renderAnswer(node, question, r, number) {
  const parts = [el('p', {class: 'question'}, question), el('p', {class: 'answer'}, r.answer)];
  if (r.clarification) {
    // Each option is a button that asks it as the next turn; the chosen one stays marked.
    const options = r.clarification.options.map(o => el('button', {type: 'button', class: 'secondary option', 'aria-pressed': 'false',
      onclick: ev => {
        if (state.busy) return;
        for (const b of options) b.setAttribute('aria-pressed', String(b === ev.currentTarget));
        ask(o);
      }}, o));
    parts.push(el('div', {class: 'options', role: 'group', 'aria-label': r.clarification.question}, options));
  }
  r.results.forEach((res, i) => parts.push(result(res, i, number)));
  const assumptions = assumptionsOf(r);
  if (assumptions.length) {
    parts.push(el('h3', {}, 'Assumptions'), el('ul', {class: 'assumptions'}, assumptions.map(a => el('li', {}, a))));
  }
  if (r.definitions && r.definitions.length) {
    parts.push(el('details', {class: 'definitions', open: true}, el('summary', {}, 'Definitions used'),
      el('dl', {class: 'kv'}, r.definitions.flatMap(d => [
        el('dt', {}, el('a', {href: `#/catalog/${encodeURIComponent(d.member)}`}, d.member)),
        el('dd', {}, d.description || '', ' ', d.certified ? el('span', {class: 'tag good'}, 'certified') : el('span', {class: 'tag warn'}, 'not certified'),
          d.owner ? el('span', {class: 'muted small'}, ` owner: ${d.owner}`) : '')]))));
  }
  parts.push(el('p', {class: 'muted small'}, `Answered by the ${r.planner || 'offline'} planner.`));
  if (r.session_id && !r.refused) parts.push(feedback(r.session_id, number));
  clear(node, parts);
}

function result(res, index, turn) {
  let kind = chooseChart(res.columns, res.rows);
  const chartBox = el('div');
  const draw = () => clear(chartBox, renderChart(kind, res.columns, res.rows, res.formatted_rows));
  const kinds = chartKinds(res.columns, res.rows);
  const pickId = nextId('chart-kind');
  const picker = kinds.length > 1 ? el('span', {}, el('label', {for: pickId, class: 'small'}, 'Show as '),
    el('select', {id: pickId, class: 'chart-kind', onchange: ev => { kind = ev.target.value; draw(); }},
      kinds.map(k => el('option', {value: k, selected: k === kind}, {number: 'single number', line: 'line chart', bar: 'bar chart', table: 'table only'}[k])))) : null;
  draw();
  const metrics = res.columns.filter(c => c.type === 'number').map(c => label(c.name)).join(', ');
  return el('section', {class: 'result', 'aria-label': `Result ${index + 1}`},
    chartBox,
    el('div', {class: 'row small', style: 'justify-content: space-between; margin-bottom: .4rem'},
      el('span', {class: 'muted'}, `${res.row_count} row${res.row_count === 1 ? '' : 's'}${res.truncated ? ' (truncated)' : ''}`),
      el('span', {}, picker, ' ', el('button', {type: 'button', class: 'secondary csv', onclick: () =>
        downloadCsv(`clarion-answer-${turn}-${index + 1}.csv`, res.columns, res.rows)}, 'Download CSV'))),
    resultTable(res.columns, res.rows, metrics || 'Result', res.formatted_rows),
    el('details', {class: 'disclosure'}, el('summary', {}, 'Metric query and SQL'),
      el('h3', {}, 'Metric query'), el('pre', {class: 'query'}, JSON.stringify(res.query, null, 2)),
      el('h3', {}, 'SQL'), el('pre', {class: 'sql'}, res.sql)));
}

function feedback(sessionId, turn) {
  const out = el('span', {role: 'status'});
  const commentId = nextId('comment');
  const comment = el('input', {id: commentId, type: 'text', class: 'comment', maxlength: 1000});
  let helpful = null;
  const up = el('button', {type: 'button', class: 'secondary thumb-up', 'aria-pressed': 'false', onclick: () => choose(true)}, '✓ Helpful');
  const down = el('button', {type: 'button', class: 'secondary thumb-down', 'aria-pressed': 'false', onclick: () => choose(false)}, '✗ Not helpful');
  function choose(v) {
    helpful = v;
    up.setAttribute('aria-pressed', String(v));
    down.setAttribute('aria-pressed', String(!v));
  }
  const f = el('form', {class: 'feedback', 'aria-label': 'Feedback on this answer', onsubmit: async ev => {
    ev.preventDefault();
    if (helpful === null) { clear(out, el('span', {class: 'error'}, 'Choose helpful or not helpful first.')); return; }
    try {
      await api(`/api/v1/chat/${encodeURIComponent(sessionId)}/feedback`, {method: 'POST',
        body: {helpful, turn, comment: comment.value.trim() || null}});
      clear(out, el('span', {class: 'tag good'}, 'Thank you: feedback recorded'));
    } catch (e) {
      clear(out, errorBox(e));
    }
  }}, el('div', {class: 'row'}, el('div', {role: 'group', 'aria-labelledby': `${commentId}-q`},
      el('span', {id: `${commentId}-q`, class: 'small muted'}, 'Was this answer right?'), el('span', {}, up, ' ', down)),
    el('div', {class: 'grow'}, el('label', {for: commentId, class: 'small'}, 'Comment (optional)'), comment),
    el('div', {}, el('button', {type: 'submit', class: 'send-feedback'}, 'Send feedback'))), out);
  return f;
}
