// Hand-written SVG charts: a single number with its change, bars for a breakdown, a line for a
// time series. No chart library: nothing to fetch, nothing to vendor.
import {el, formatValue, label, grainOf} from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
  for (const c of children.flat()) if (c) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

const isTime = c => c.type === 'time' || c.type === 'date' || /^metric_time(\.|$)/.test(c.name) || /_(date|day|week|month|quarter|year)$/.test(c.name) || /\.(day|week|month|quarter|year)$/.test(c.name);
const isNumber = c => c.type === 'number';
const isChange = c => /_(previous|change|change_pct)$/.test(c.name);

/** Which chart a result's shape calls for: number, line, bar, or table (none). */
export function chooseChart(columns, rows) {
  const measures = columns.filter(c => isNumber(c) && !isChange(c));
  const dims = columns.filter(c => !isNumber(c));
  if (!measures.length || !rows.length) return 'table';
  if (rows.length === 1 && dims.length === 0) return 'number';
  if (dims.length === 1 && isTime(dims[0]) && rows.length > 1) return 'line';
  if (dims.length === 1 && rows.length <= 40) return 'bar';
  if (dims.length === 2 && dims.some(isTime) && rows.length > 1) return 'line';
  return 'table';
}

export function chartKinds(columns, rows) {
  const kinds = ['table'];
  if (columns.some(c => isNumber(c) && !isChange(c)) && rows.length) {
    if (rows.length === 1) kinds.unshift('number');
    if (rows.length > 1 && columns.some(c => !isNumber(c))) kinds.unshift('line', 'bar');
  }
  return kinds;
}

/** The chart of a result, or null for "table". data-chart names the kind for tests and styles. */
export function renderChart(kind, columns, rows, formatted) {
  const mi = columns.findIndex(c => isNumber(c) && !isChange(c));
  if (kind === 'table' || mi < 0) return null;
  if (kind === 'number') return bigNumber(columns, rows[0], mi, formatted && formatted[0]);
  const di = columns.findIndex(c => !isNumber(c));
  const timeIdx = columns.findIndex(c => !isNumber(c) && isTime(c));
  const xi = kind === 'line' && timeIdx >= 0 ? timeIdx : di;
  const m = columns[mi];
  // A second dimension next to time becomes one line per value; bars sum it away.
  const series = kind === 'line' ? seriesOf(columns, rows, xi, mi) : [{name: m.name, points: rows.map(r => [r[xi], Number(r[mi])])}];
  const title = `${label(m.name)} by ${label(columns[xi].name)}`;
  grain = grainOf(columns[xi].name);
  const figure = el('figure', {class: 'chart', 'data-chart': kind},
    kind === 'line' ? lineChart(series, m, title) : barChart(series[0].points, m, title),
    el('figcaption', {class: 'muted small'}, title));
  return figure;
}

function seriesOf(columns, rows, xi, mi) {
  const other = columns.findIndex((c, i) => i !== xi && !isNumber(c));
  const sorted = [...rows].sort((a, b) => String(a[xi]).localeCompare(String(b[xi])));
  if (other < 0) return [{name: columns[mi].name, points: sorted.map(r => [r[xi], Number(r[mi])])}];
  const groups = new Map();
  for (const r of sorted) {
    const k = String(r[other]);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push([r[xi], Number(r[mi])]);
  }
  return [...groups].slice(0, 6).map(([name, points]) => ({name, points}));
}

/** One value with its change; the value reads as the server formatted it when it did. */
function bigNumber(columns, row, mi, shown) {
  const m = columns[mi];
  const pct = columns.findIndex(c => c.name === `${m.name}_change_pct`);
  const prev = columns.findIndex(c => c.name === `${m.name}_previous`);
  let change = null;
  if (pct >= 0 && row[pct] !== null) {
    const p = Number(row[pct]);
    change = el('p', {class: `change ${p >= 0 ? 'up' : 'down'}`},
      `${p >= 0 ? '▲' : '▼'} ${formatValue(Math.abs(p), 'percentage')} vs previous period`,
      prev >= 0 ? ` (${shown && shown[prev] != null ? shown[prev] : formatValue(row[prev], m.format, 'number')})` : '');
  }
  return el('figure', {class: 'chart', 'data-chart': 'number'},
    el('div', {class: 'bignum'}, shown && shown[mi] != null ? shown[mi] : formatValue(row[mi], m.format, 'number')),
    change, el('figcaption', {class: 'muted small'}, label(m.name)));
}

const W = 720, H = 300, L = 70, R = 16, T = 14, B = 58;
const COLOURS = ['#1f5fa8', '#d9822b', '#2e9e6a', '#8e44ad', '#c0392b', '#5d6d7e'];

function scale(values) {
  let max = Math.max(0, ...values), min = Math.min(0, ...values);
  if (max === min) max = min + 1;
  return {min, max, y: v => T + (H - T - B) * (1 - (v - min) / (max - min))};
}

function yAxis(s, m) {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => s.min + (s.max - s.min) * f);
  return ticks.map(t => svg('g', {},
    svg('line', {x1: L, x2: W - R, y1: s.y(t), y2: s.y(t), stroke: '#eef1f5'}),
    svg('text', {x: L - 6, y: s.y(t) + 4, 'text-anchor': 'end'}, formatValue(t, m.format === 'percentage' ? 'percentage' : m.format, 'number'))));
}

let grain = null; // the x column's time grain while one chart is drawn
function xLabel(v) {
  return formatValue(v, null, typeof v === 'number' ? 'number' : undefined, grain).slice(0, 16);
}

function barChart(points, m, title) {
  const s = scale(points.map(p => p[1]));
  const band = (W - L - R) / Math.max(points.length, 1);
  const bars = points.map(([x, v], i) => {
    const y0 = s.y(0), y1 = s.y(v);
    const cx = L + band * i + band / 2;
    return svg('g', {},
      svg('rect', {class: 'bar', x: L + band * i + band * 0.15, width: band * 0.7, y: Math.min(y0, y1), height: Math.abs(y0 - y1) || 1},
        svg('title', {}, `${xLabel(x)}: ${formatValue(v, m.format, 'number')}`)),
      svg('text', {x: cx, y: H - B + 14, 'text-anchor': points.length > 8 ? 'end' : 'middle',
        transform: points.length > 8 ? `rotate(-35 ${cx} ${H - B + 14})` : null}, xLabel(x)));
  });
  return svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Bar chart: ${title}`},
    yAxis(s, m), svg('line', {class: 'axis', x1: L, x2: W - R, y1: s.y(0), y2: s.y(0)}), bars);
}

function lineChart(series, m, title) {
  const xs = [...new Set(series.flatMap(s => s.points.map(p => String(p[0]))))].sort();
  const s = scale(series.flatMap(x => x.points.map(p => p[1])));
  const x = i => L + (xs.length === 1 ? (W - L - R) / 2 : (W - L - R) * i / (xs.length - 1));
  const every = Math.max(1, Math.ceil(xs.length / 10));
  const lines = series.map((ser, k) => {
    const pts = ser.points.map(([xv, v]) => [x(xs.indexOf(String(xv))), s.y(v), xv, v]);
    return svg('g', {},
      svg('polyline', {class: 'line', points: pts.map(p => `${p[0]},${p[1]}`).join(' '), style: `stroke:${COLOURS[k % COLOURS.length]}`}),
      pts.map(p => svg('circle', {class: 'dot', cx: p[0], cy: p[1], r: 3, style: `fill:${COLOURS[k % COLOURS.length]}`},
        svg('title', {}, `${series.length > 1 ? ser.name + ', ' : ''}${xLabel(p[2])}: ${formatValue(p[3], m.format, 'number')}`))));
  });
  const labels = xs.map((v, i) => i % every === 0 ? svg('text', {x: x(i), y: H - B + 16, 'text-anchor': 'middle'}, xLabel(v).slice(0, 10)) : null);
  const legend = series.length > 1 ? series.map((ser, k) => svg('text', {x: L + 8 + k * 110, y: H - 8, style: `fill:${COLOURS[k % COLOURS.length]}`}, `■ ${ser.name}`.slice(0, 18))) : [];
  return svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Line chart: ${title}`},
    yAxis(s, m), svg('line', {class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B}), lines, labels, legend);
}

/** A line chart of plain points ([label, value]) with a format; used by the profile card and precision. */
export function simpleLine(points, format, title, xGrain = null) {
  grain = xGrain;
  return el('figure', {class: 'chart', 'data-chart': 'line'},
    lineChart([{name: title, points}], {format}, title), el('figcaption', {class: 'muted small'}, title));
}

export function simpleBars(points, format, title) {
  grain = null;
  return el('figure', {class: 'chart', 'data-chart': 'bar'},
    barChart(points, {format}, title), el('figcaption', {class: 'muted small'}, title));
}
