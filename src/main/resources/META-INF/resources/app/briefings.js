// Briefings: an owner reads this week's briefing and sets each account's status in place; an
// admin (operate privilege) also sees runs, deliveries, precision per cycle, triggers a dry run
// and previews what any owner receives.
import {api, can, currentUser} from './main.js';
import {el, clear, errorBox, spinner, formatValue, valueCell, nextId} from './ui.js';
import {simpleBars} from './chart.js';

const SKILL = 'weekly-retention-risk';
const VERDICTS = [['confirmed', 'Confirmed risk'], ['false_positive', 'False positive'], ['handled', 'Already handled']];
const STATUSES = [['open', 'Open'], ['in_progress', 'In progress'], ['done', 'Done']];
const money = v => formatValue(v, 'currency', 'number');

export async function briefingsPage(view, [id]) {
  clear(view, el('h1', {}, 'Briefings'), spinner('Loading briefings…'));
  const list = await api(`/api/v1/briefings?skill=${SKILL}`);
  const admin = can('operate');
  const me = currentUser();
  const parts = [el('h1', {}, 'Briefings')];
  const mine = me.owner_id ? list.filter(b => b.owner_id === me.owner_id) : list;
  const chosen = id ? list.find(b => String(b.id) === id) : (admin ? null : mine[0]);
  if (chosen) {
    parts.push(await briefingView(chosen));
  } else if (!admin) {
    parts.push(el('p', {class: 'card muted'}, 'No briefing for your accounts yet. Briefings are built every Monday; an administrator can run one now.'));
  }
  if (admin) parts.push(...await adminView(list));
  clear(view, parts);
}

async function briefingView(summary) {
  const [detail, feedback] = await Promise.all([api(`/api/v1/briefings/${summary.id}`),
    api(`/api/v1/feedback?skill=${SKILL}&owner=${encodeURIComponent(summary.owner_id)}`)]);
  const b = detail.content;
  const current = new Map(feedback.map(f => [f.customer_id, f]));
  const h = b.headline;
  return el('section', {class: 'card briefing', 'aria-labelledby': 'briefing-h', 'data-briefing': summary.id},
    el('h2', {id: 'briefing-h'}, `${b.owner.name || b.owner.owner_id}: week of ${b.cycle}`),
    el('p', {class: 'answer'}, `${h.flagged} account${h.flagged === 1 ? '' : 's'} flagged (${h.high} high, ${h.medium} medium), `,
      `${money(h.mrr_at_risk)} MRR at risk`, h.previous_flagged !== null ? ` (last week: ${h.previous_flagged} flagged, ${money(h.previous_mrr_at_risk)})` : '',
      h.suppressed ? `; ${h.suppressed} hidden as false positives` : '', '.'),
    b.changes.length ? [el('h3', {}, 'Since your last briefing'), el('ul', {}, b.changes.map(c => el('li', {}, c)))] : null,
    el('h3', {}, 'Flagged accounts'),
    b.accounts.length ? b.accounts.map(a => account(a, summary, current.get(a.scored.customer_id))) : el('p', {class: 'muted'}, 'No account is flagged this week.'),
    b.what_changed.length ? [el('h3', {}, 'What changed in the business'), el('ul', {}, b.what_changed.map(c => el('li', {}, c)))] : null,
    b.data_quality.length ? [el('h3', {}, 'Data quality'), el('ul', {}, b.data_quality.map(c => el('li', {}, c)))] : null);
}

function account(a, summary, fb) {
  const s = a.scored;
  const state = el('p', {class: 'feedback-state small', 'aria-live': 'polite'}, stateText(fb));
  const id = nextId('acct');
  const verdict = el('select', {id: `${id}-verdict`, name: 'verdict'}, VERDICTS.map(([v, l]) => el('option', {value: v, selected: fb && fb.verdict === v}, l)));
  const status = el('select', {id: `${id}-status`, name: 'status'}, el('option', {value: ''}, 'as the verdict implies'), STATUSES.map(([v, l]) => el('option', {value: v, selected: fb && fb.status === v}, l)));
  const due = el('input', {id: `${id}-due`, name: 'due_date', type: 'date', value: fb && fb.due_date ? fb.due_date : null});
  const note = el('input', {id: `${id}-note`, name: 'note', type: 'text', maxlength: 2000, value: fb && fb.note ? fb.note : null});
  const out = el('span', {role: 'status'});
  const form = el('form', {class: 'status-form', 'aria-label': `Status of ${s.name}`, onsubmit: async ev => {
    ev.preventDefault();
    try {
      const saved = await api('/api/v1/feedback', {method: 'POST', body: {skill: SKILL, owner_id: summary.owner_id,
        customer_id: s.customer_id, verdict: verdict.value, status: status.value || null, due_date: due.value || null,
        note: note.value.trim() || null, briefing_id: summary.id, risk_points: s.points}});
      state.textContent = stateText(saved);
      clear(out, el('span', {class: 'tag good'}, 'Saved'));
    } catch (e) {
      clear(out, errorBox(e));
    }
  }}, el('div', {class: 'row'},
    el('div', {}, el('label', {for: verdict.id, class: 'small'}, 'Verdict'), verdict),
    el('div', {}, el('label', {for: status.id, class: 'small'}, 'Follow-up'), status),
    el('div', {}, el('label', {for: due.id, class: 'small'}, 'Due date'), due),
    el('div', {class: 'grow'}, el('label', {for: note.id, class: 'small'}, 'Note'), note),
    el('div', {}, el('button', {type: 'submit', class: 'save-status'}, 'Save'))), out);
  return el('article', {class: 'account', 'data-customer': s.customer_id},
    el('h4', {style: 'margin:.2rem 0'}, `${a.rank}. `, el('a', {href: `#/accounts/${encodeURIComponent(s.customer_id)}`}, valueCell(s.name || s.customer_id)), ' ',
      el('span', {class: `tag ${s.level === 'HIGH' || s.level === 'high' ? 'bad' : 'warn'}`}, `${String(s.level).toLowerCase()} risk, ${s.points} points`),
      a.carried_over ? el('span', {class: 'tag'}, 'carried over') : null),
    el('p', {class: 'small'}, `MRR ${money(s.mrr)}`, s.driver ? ` · likely driver: ${s.driver}` : ''),
    el('ul', {class: 'small'}, s.evidence.map(e => el('li', {}, `${e.label} (+${e.points})`,
      Object.keys(e.values || {}).length ? el('span', {class: 'muted'}, ': ' + Object.entries(e.values).map(([k, v]) => `${k.split('.').pop().replace(/_/g, ' ')} ${formatValue(v)}`).join(', ')) : ''))),
    state, form);
}

function stateText(fb) {
  if (!fb) return 'No status yet.';
  const v = (VERDICTS.find(x => x[0] === fb.verdict) || [, fb.verdict])[1];
  const st = (STATUSES.find(x => x[0] === fb.status) || [, fb.status])[1];
  return `Status: ${v}, follow-up ${st.toLowerCase()}${fb.due_date ? ', due ' + fb.due_date : ''}${fb.note ? ' — ' + fb.note : ''}`;
}

async function adminView(list) {
  const precision = await api(`/api/v1/briefings/precision?skill=${SKILL}`).catch(e => e);
  const runOut = el('div', {id: 'run-result', 'aria-live': 'polite'});
  const asOf = el('input', {id: 'run-as-of', type: 'date'});
  const run = el('form', {class: 'card', 'aria-labelledby': 'run-h', onsubmit: async ev => {
    ev.preventDefault();
    const button = ev.target.querySelector('button');
    button.disabled = true;
    clear(runOut, spinner('Building every owner\'s briefing (nothing is stored or sent)…'));
    try {
      const r = await api(`/api/v1/briefings/${SKILL}/run?dry_run=true${asOf.value ? '&as_of=' + asOf.value : ''}`, {method: 'POST'});
      clear(runOut, dryRunResult(r));
    } catch (e) {
      clear(runOut, errorBox(e));
    } finally {
      button.disabled = false;
    }
  }}, el('h2', {id: 'run-h'}, 'Dry run'),
  el('p', {class: 'muted small'}, 'Builds this cycle\'s briefings and shows them; nothing is stored or sent.'),
  el('div', {class: 'row'}, el('div', {}, el('label', {for: 'run-as-of'}, 'As of (optional)'), asOf),
    el('div', {}, el('button', {type: 'submit', id: 'dry-run'}, 'Run a dry run'))), runOut);

  const precisionCard = el('section', {class: 'card', id: 'precision', 'aria-labelledby': 'precision-h'}, el('h2', {id: 'precision-h'}, 'Precision per cycle'),
    precision instanceof Error ? errorBox(precision)
      : precision.length ? [simpleBars(precision.map(p => [p.cycle, p.precision ?? 0]), 'percentage', 'Precision (confirmed / (confirmed + false positives))'),
        el('table', {}, el('thead', {}, el('tr', {}, ['Cycle', 'Confirmed', 'False positives', 'Handled', 'Precision'].map(t => el('th', {scope: 'col'}, t)))),
          el('tbody', {}, precision.map(p => el('tr', {}, el('td', {}, p.cycle), el('td', {class: 'n'}, p.confirmed),
            el('td', {class: 'n'}, p.false_positives), el('td', {class: 'n'}, p.handled),
            el('td', {class: 'n'}, p.precision === null ? '–' : formatValue(p.precision, 'percentage', 'number'))))))]
        : el('p', {class: 'muted'}, 'No verdicts yet: precision appears once owners confirm or reject flagged accounts.'));

  const runs = el('section', {class: 'card', 'aria-labelledby': 'runs-h'}, el('h2', {id: 'runs-h'}, 'Briefings and deliveries'),
    list.length ? el('div', {class: 'table-wrap'}, el('table', {id: 'runs'},
      el('thead', {}, el('tr', {}, ['Cycle', 'Owner', 'Accounts', 'MRR at risk', 'Deliveries', ''].map(t => el('th', {scope: 'col'}, t)))),
      el('tbody', {}, list.map(b => el('tr', {},
        el('td', {}, b.cycle), el('td', {}, `${b.owner_name || ''} (${b.owner_id})`), el('td', {class: 'n'}, b.accounts),
        el('td', {class: 'n'}, money(b.mrr_at_risk)),
        el('td', {}, b.deliveries.length ? b.deliveries.map(d => el('span', {class: `tag ${d.status === 'sent' ? 'good' : d.status === 'failed' ? 'bad' : 'warn'}`,
          title: d.last_error || ''}, `${d.channel}: ${d.status}${d.attempts > 1 ? ' ×' + d.attempts : ''}`)) : el('span', {class: 'muted'}, 'no channel')),
        el('td', {}, el('a', {href: `#/briefings/${b.id}`}, 'Open'), ' · ', previewLinks(`/api/v1/briefings/${b.id}/preview`))))))) 
      : el('p', {class: 'muted'}, 'No briefing has been built yet.'));
  return [run, previewBox, precisionCard, runs];
}

function dryRunResult(r) {
  return el('div', {class: 'dry-run-result'},
    el('p', {}, `Cycle ${r.cycle}: ${r.accounts_in_scope} accounts scored, ${r.flagged} flagged, ${money(r.mrr_at_risk)} MRR at risk, `,
      `${r.briefings.length} owner briefing${r.briefings.length === 1 ? '' : 's'} (${r.millis} ms).`),
    r.notes.length ? el('ul', {class: 'small muted'}, r.notes.map(n => el('li', {}, n))) : null,
    el('div', {class: 'table-wrap'}, el('table', {}, el('thead', {}, el('tr', {}, ['Owner', 'Flagged', 'Shown', 'MRR at risk', 'Preview'].map(t => el('th', {scope: 'col'}, t)))),
      el('tbody', {}, r.briefings.map(o => el('tr', {}, el('td', {}, `${o.owner_name || ''} (${o.owner_id})`), el('td', {class: 'n'}, o.flagged),
        el('td', {class: 'n'}, o.shown), el('td', {class: 'n'}, money(o.mrr_at_risk)),
        el('td', {}, previewLinks(`/api/v1/briefings/${SKILL}/preview?owner=${encodeURIComponent(o.owner_id)}&as_of=${r.cycle}`))))))));
}

// One preview panel per page: the rendered email (in a sandboxed frame: it is the owner's
// email, with working feedback links that open in a new tab), plain text or Slack message.
const previewBox = el('section', {class: 'card', id: 'preview', 'aria-live': 'polite', hidden: true});

function previewLinks(base) {
  const open = render => async () => {
    previewBox.hidden = false;
    clear(previewBox, spinner('Rendering…'));
    previewBox.scrollIntoView({block: 'nearest'});
    try {
      const r = await api(`${base}${base.includes('?') ? '&' : '?'}render=${render}`);
      clear(previewBox, el('h2', {}, `Preview for ${r.owner_id}: ${r.subject || ''}`),
        el('p', {class: 'muted small', 'data-render': render}, `${{html: 'Email (HTML)', text: 'Email (plain text)', slack: 'Slack message'}[render]}, cycle ${r.cycle}${r.dry_run ? ', dry run' : ''}.`),
        r.note ? el('p', {class: 'tag warn preview-note'}, `Note: ${r.note}.`) : null,
        render === 'html' ? el('iframe', {title: 'Rendered email', sandbox: 'allow-popups allow-popups-to-escape-sandbox',
          srcdoc: withLinksInNewTab(r.body), style: 'width:100%;height:32rem;border:1px solid #d5dbe3;background:#fff'})
          : render === 'slack' ? slackMessage(r.body)
            : el('pre', {class: 'preview-text', style: 'white-space:pre-wrap'}, r.body));
    } catch (e) {
      clear(previewBox, errorBox(e));
    }
  };
  return el('span', {class: 'preview-links'}, 'Preview: ',
    ['html', 'text', 'slack'].flatMap((k, i) => [i ? ' · ' : '', el('button', {type: 'button', class: 'link', 'data-render': k, onclick: open(k)},
      {html: 'email', text: 'text', slack: 'Slack'}[k])]));
}

// The email's links (feedback, above all) open in a new tab rather than inside the preview frame.
function withLinksInNewTab(html) {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, m => m + base) : base + html;
}

/**
 * A Slack message as Slack shows its blocks: header, sections (mrkdwn bold, italics, code, line
 * breaks), the "Give feedback" buttons as links, dividers and context; the raw blocks beside it.
 * Built from text nodes only: nothing in the message is read as HTML.
 */
function slackMessage(json) {
  let blocks;
  try {
    blocks = JSON.parse(json);
  } catch {
    return el('pre', {style: 'white-space:pre-wrap'}, json);
  }
  const text = t => (t && t.text) || '';
  const block = b => {
    switch (b.type) {
      case 'header': return el('h3', {}, text(b.text));
      case 'divider': return el('hr');
      case 'context': return el('p', {class: 'muted small'}, (b.elements || []).map(e => mrkdwn(text(e))));
      case 'section': return el('div', {class: 'slack-section'}, el('p', {}, mrkdwn(text(b.text))),
        b.accessory && b.accessory.url ? el('a', {class: 'button secondary', href: b.accessory.url, target: '_blank', rel: 'noopener'},
          text(b.accessory.text) || 'Open') : null);
      default: return null;
    }
  };
  return el('div', {},
    el('div', {class: 'slack-message', role: 'article', 'aria-label': 'Slack message'}, (Array.isArray(blocks) ? blocks : blocks.blocks || []).map(block)),
    el('details', {}, el('summary', {}, 'Slack blocks (JSON)'), el('pre', {style: 'white-space:pre-wrap'}, json)));
}

// Slack's mrkdwn, the part the templates use: *bold*, _italic_, `code`, and line breaks.
function mrkdwn(s) {
  const out = [];
  s.split('\n').forEach((line, i) => {
    if (i) out.push(el('br'));
    for (const part of line.split(/(\*[^*]+\*|_[^_]+_|`[^`]+`)/)) {
      if (!part) continue;
      if (/^\*[^*]+\*$/.test(part)) out.push(el('strong', {}, part.slice(1, -1)));
      else if (/^_[^_]+_$/.test(part)) out.push(el('em', {}, part.slice(1, -1)));
      else if (/^`[^`]+`$/.test(part)) out.push(el('code', {}, part.slice(1, -1)));
      else out.push(part);
    }
  });
  return out;
}
