// nianbao serve: the editor page. Plain JS, no build step. The file in the data
// folder is the source of truth: every change is sent as an edit of one value,
// the server writes the file, checks it as `nianbao check` does and answers with
// the messages and the computed figures.
'use strict';

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
};
const enc = encodeURIComponent;

async function api(method, url, body) {
  const opt = { method, headers: {} };
  if (body !== undefined) {
    opt.headers['Content-Type'] = 'application/json';
    opt.body = JSON.stringify(body);
  }
  const res = await fetch(url, opt);
  let data = null;
  try { data = await res.json(); } catch (e) { data = { error: '服务器的回答无法读取（' + res.status + '）' }; }
  return { status: res.status, data };
}

// ---- the list of reports ----

async function showList() {
  editor = null;
  $('edit-view').hidden = true;
  $('list-view').hidden = false;
  $('actions').hidden = true;
  $('docname').textContent = '';
  setStatus('');
  const { data } = await api('GET', '/api/reports');
  const ul = $('reports');
  ul.replaceChildren();
  const from = document.querySelector('#create select[name=from]');
  from.replaceChildren(el('option', { value: '' }, '（不用）'));
  for (const r of data.reports || []) {
    const when = new Date(r.modified * 1000).toLocaleString('zh-CN');
    ul.append(el('li', {}, el('a', { href: '#/r/' + enc(r.name) }, r.name), el('span', { class: 'meta' }, when)));
    from.append(el('option', { value: r.name }, r.name));
  }
  $('no-reports').hidden = (data.reports || []).length > 0;
  const year = document.querySelector('#create input[name=year]');
  if (!year.value) year.value = new Date().getFullYear() - 1;
}

function listError(msg) { $('list-error').textContent = msg || ''; }

async function create(ev) {
  ev.preventDefault();
  const f = new FormData(ev.target);
  let name = String(f.get('name')).trim();
  if (name && !name.endsWith('.toml')) name += '.toml';
  const body = { name, year: Number(f.get('year')), organ: String(f.get('organ')).trim() };
  if (f.get('from')) { body.from = f.get('from'); delete body.year; }
  const { status, data } = await api('POST', '/api/reports', body);
  if (status !== 201) return listError(data.error);
  listError('');
  if (body.from) localStorage.setItem('compare:' + name, body.from);
  location.hash = '#/r/' + enc(name);
}

async function upload(ev) {
  ev.preventDefault();
  let file = ev.target.file.files[0];
  if (!file) return;
  const text = await file.text();
  // A name already taken: the upload gets the next free one (名称-2.toml, …).
  const stemOf = file.name.replace(/\.toml$/i, '');
  let name = file.name;
  let res;
  for (let n = 2; ; n++) {
    res = await api('POST', '/api/reports', { name, toml: text });
    if (res.status !== 409 || n > 50) break;
    name = stemOf + '-' + n + '.toml';
  }
  if (res.status !== 201) return listError(res.data.error);
  listError(name === file.name ? '' : '数据文件夹中已有 ' + file.name + '，上传的文件保存为 ' + name);
  file = { name };
  location.hash = '#/r/' + enc(file.name);
}

// ---- the editor ----

let editor = null;  // { name, version, format, state, pending: Map, inflight, elements }
const formats = new Map();

function setStatus(text, bad) {
  const s = $('status');
  s.textContent = text;
  s.title = text;
  s.className = bad ? 'bad' : '';
}

async function format(id) {
  if (!formats.has(id)) {
    const { status, data } = await api('GET', '/api/formats/' + enc(id));
    if (status !== 200) throw new Error(data.error);
    formats.set(id, data);
  }
  return formats.get(id);
}

async function open(name) {
  $('list-view').hidden = true;
  $('edit-view').hidden = false;
  $('actions').hidden = false;
  $('docname').textContent = name;
  $('dl-toml').href = '/api/reports/' + enc(name) + '/toml';
  $('dl-pdf').href = '/api/reports/' + enc(name) + '/pdf?download=1';
  $('dl-html').href = '/api/reports/' + enc(name) + '/html?download=1';
  const { status, data } = await api('GET', '/api/reports/' + enc(name));
  if (status !== 200) {
    $('form').replaceChildren(el('p', { class: 'error' }, data.error));
    return;
  }
  editor = { name, pending: new Map(), inflight: false, previewTimer: 0, previewed: '' };
  await load(data);
}

// A whole new state from the server: the form built again.
async function load(state) {
  editor.version = state.version;
  editor.state = state;
  const form = $('form');
  form.replaceChildren();
  editor.inputs = new Map();  // path "a.b.2" -> element
  editor.previews = new Map();  // path of a prose text -> its preview element
  editor.sectionMsgs = new Map();
  if (!state.values || !state.format) {
    form.append(el('section', { class: 'panel' },
      el('h2', {}, '这个文件还不能用表单填写'),
      el('p', {}, state.values ? '文件中的 format 或 year 不对应任何格式。' : '文件有 TOML 语法错误。'),
      el('p', {}, '请点右上角“TOML 原文”，按右边的检查结果改正后保存。')));
    applyState(state, true);
    return;
  }
  const fmt = await format(state.format);
  editor.fmt = fmt;
  form.append(metaPanel(state.values, fmt));
  for (const s of fmt.sections) form.append(sectionPanel(s, state.values, fmt));
  form.append(signaturePanel(state.values, fmt));
  applyState(state, true);
}

const get = (obj, path) => path.reduce((o, k) => (o == null ? undefined : o[k]), obj);
const key = (path) => path.join('.');
const asLines = (v) => (Array.isArray(v) ? v.join('\n') : v || '');

function register(path, e) {
  editor.inputs.set(key(path), e);
  e.dataset.path = key(path);
  return e;
}

function field(label, input, hint) {
  return [el('label', { htmlFor: input.id }, label), el('div', {}, input, hint ? el('div', { class: 'hint' }, hint) : null)];
}

let ids = 0;
function textInput(path, value, send) {
  const i = register(path, el('input', { type: 'text', id: 'f' + ++ids, value: value || '' }));
  i.addEventListener('input', () => queue(path, send(i.value)));
  return i;
}

function metaPanel(v, fmt) {
  const p = el('section', { class: 'panel section', dataset: { section: '' } }, el('h2', {}, '基本信息'),
    el('p', { class: 'hint' }, fmt.name + '（' + fmt.document + '），' + v.year + ' 年度'));
  const g = el('div', { class: 'meta-grid' });
  g.append(...field('发布机关', textInput(['organ'], v.organ, (s) => ({ line: s }))));
  const title = register(['title'], el('textarea', { id: 'f' + ++ids, rows: 2, value: asLines(v.title) }));
  title.addEventListener('input', () => queue(['title'], { lines: title.value.split('\n') }));
  g.append(...field('报告标题', title, '一行一个标题行；通常只写一行，由程序分行'));
  const sub = register(['subtitle'], el('textarea', { id: 'f' + ++ids, rows: 1, value: asLines(v.subtitle) }));
  sub.addEventListener('input', () => queue(['subtitle'], { lines: sub.value.split('\n') }));
  g.append(...field('副标题', sub, '可不写'));
  g.append(...field('发布日期', textInput(['date'], v.date, (s) => ({ date: s })), '如 ' + (Number(v.year) + 1) + '-01-31'));
  const cons = register(['consolidated'], el('input', { type: 'checkbox', id: 'f' + ++ids, checked: v.consolidated === true }));
  cons.addEventListener('change', () => queue(['consolidated'], cons.checked ? { bool: true } : { remove: true }));
  g.append(...field('本级政府报告', cons, '县级以上人民政府的本级年度报告（时限为3月31日前）'));
  g.append(...field('对照上年报告', compareSelect(), '选一份上年的报告：各节旁显示它的文字（只读，可复制）'));
  p.append(g);
  p.append(prose(['preface'], v.preface, '前言（可不写）'));
  p.append(msgList(''));
  return p;
}

// Last year's report beside this one: each section's text shown read-only.
function compareSelect() {
  const sel = el('select', { id: 'f' + ++ids });
  sel.append(el('option', { value: '' }, '（不对照）'));
  const chosen = localStorage.getItem('compare:' + editor.name) || '';
  api('GET', '/api/reports').then(({ data }) => {
    for (const r of data.reports || [])
      if (r.name !== editor.name) sel.append(el('option', { value: r.name, selected: r.name === chosen }, r.name));
    if (chosen) compare(chosen);
  });
  sel.addEventListener('change', () => {
    localStorage.setItem('compare:' + editor.name, sel.value);
    compare(sel.value);
  });
  return sel;
}

async function compare(name) {
  const ed = editor;
  const boxes = document.querySelectorAll('.last-year');
  let values = null;
  if (name) {
    const { status, data } = await api('GET', '/api/reports/' + enc(name));
    if (editor !== ed) return;
    values = status === 200 ? data.values : null;
  }
  for (const b of boxes) {
    const path = b.dataset.path.split('.');
    const text = values ? get(values, path) : undefined;
    b.hidden = !values;
    const body = b.querySelector('.markup');
    if (text) markup(body, text, []);
    else body.replaceChildren(el('p', { class: 'hint' }, values ? '上年报告这一节没有文字' : ''));
    b.querySelector('summary').textContent = name + ' 的这一部分（只读）';
  }
}

function prose(path, value, label) {
  const box = el('div');
  const ta = register(path, el('textarea', { id: 'f' + ++ids, rows: 6, value: value || '', 'aria-label': label }));
  const pre = el('div', { class: 'markup', 'aria-label': label + '（排版预览）' });
  editor.previews.set(key(path), pre);
  ta.addEventListener('input', () => {
    queue(path, { text: ta.value });
    markup(pre, ta.value, []);
  });
  markup(pre, ta.value, []);
  const last = el('details', { class: 'last-year', hidden: true, open: true, dataset: { path: key(path) } },
    el('summary'), el('div', { class: 'markup' }));
  box.append(el('div', { class: 'hint' }, label + '：空一行为新段落；**文字** 为加粗；以“## ”开头的一行为小标题'), ta, pre, last);
  return box;
}

// The text's paragraphs, bold lead phrases and sub-headings as the PDF shows
// them; the sentences a message is about marked.
function markup(box, text, marks) {
  box.replaceChildren();
  let offset = 0;
  const chars = Array.from(text || '');
  const blocks = [];
  let cur = [];
  let start = 0;
  const lines = (text || '').split('\n');
  for (const line of lines) {
    const n = Array.from(line).length;
    if (line.trim() === '') {
      if (cur.length) blocks.push({ lines: cur, start });
      cur = [];
    } else {
      if (!cur.length) start = offset;
      cur.push(line);
    }
    offset += n + 1;
  }
  if (cur.length) blocks.push({ lines: cur, start });
  for (const b of blocks) {
    const t = b.lines.join('');
    const m = /^(#{2,4}) (.*)$/.exec(t);
    const node = m ? el('h' + (m[1].length + 1)) : el('p');
    inline(node, m ? m[2] : t, b.start, marks, chars);
    box.append(node);
  }
}

function inline(node, t, base, marks, chars) {
  const parts = t.split('**');
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i]) continue;
    const target = i % 2 ? el('b') : node;
    let rest = parts[i];
    for (const mk of marks) {
      const at = rest.indexOf(mk.sentence);
      if (at < 0 || !mk.sentence) continue;
      target.append(rest.slice(0, at), el('mark', { title: mk.message }, mk.sentence));
      rest = rest.slice(at + mk.sentence.length);
    }
    target.append(rest);
    if (target !== node) node.append(target);
  }
}

function yearText(t, year) { return t.replaceAll('{year}', String(year)); }

function sectionPanel(s, values, fmt) {
  const v = values[s.key] || {};
  const p = el('section', { class: 'panel section', dataset: { section: s.key } });
  const h = el('h2', {});
  if (s.variants.length) {
    const sel = register([s.key, 'heading'], el('select', { class: 'heading', 'aria-label': '本节标题' }));
    for (const t of [s.title, ...s.variants]) sel.append(el('option', { value: t, selected: v.heading === t }, t));
    sel.addEventListener('change', () => queue([s.key, 'heading'], sel.value === s.title ? { remove: true } : { lines: [sel.value] }));
    h.append(sel);
  } else {
    h.append(s.title);
  }
  p.append(h);
  if (s.hint) p.append(el('p', { class: 'hint' }, s.hint));
  p.append(prose([s.key, 'text'], v.text, s.title));
  if (s.table) p.append(tableOf(s, s.table, v, values.year));
  p.append(msgList(s.key));
  return p;
}

function signaturePanel(v, fmt) {
  const sg = v.signature || {};
  const p = el('section', { class: 'panel section', dataset: { section: 'signature' } }, el('h2', {}, '落款'),
    el('p', { class: 'hint' }, '排在正文之后的署名和成文日期（GB/T 9704）；不填时用发布机关和发布日期'));
  const g = el('div', { class: 'meta-grid' });
  const print = register(['signature', 'print'], el('input', { type: 'checkbox', id: 'f' + ++ids, checked: sg.print !== false && (fmt.signature_default || sg.print === true) }));
  print.addEventListener('change', () => queue(['signature', 'print'], print.checked === fmt.signature_default ? { remove: true } : { bool: print.checked }));
  g.append(...field('排落款', print));
  g.append(...field('署名', textInput(['signature', 'organ'], sg.organ, (s) => (s.trim() ? { line: s } : { remove: true })), '不填时为发布机关'));
  g.append(...field('成文日期', textInput(['signature', 'date'], sg.date, (s) => (s.trim() ? { date: s } : { remove: true })), '不填时为发布日期'));
  const seal = register(['signature', 'seal'], el('input', { type: 'checkbox', id: 'f' + ++ids, checked: sg.seal === true }));
  seal.addEventListener('change', () => queue(['signature', 'seal'], seal.checked ? { bool: true } : { remove: true }));
  g.append(...field('加盖印章', seal));
  p.append(g, msgList('signature'));
  return p;
}

function msgList(section) {
  const ul = el('ul', { class: 'msgs', role: 'list' });
  editor.sectionMsgs.set(section, ul);
  return ul;
}

// A table as the official form draws it: labels, spans, column heads; an input
// for each figure the file gives or a clerk writes; computed cells read-only.
function tableOf(s, t, v, year) {
  const table = el('table', { class: 'official' });
  const body = el('tbody');
  table.append(body);
  const rows = [];
  for (let r = 0; r < t.rows; r++) rows.push(el('tr'));
  const pct = t.widths.reduce((a, b) => a + b, 0);
  const cols = el('colgroup');
  for (const w of t.widths) cols.append(el('col', { style: 'width:' + ((100 * w) / pct).toFixed(1) + '%' }));
  table.prepend(cols);
  for (const c of t.cells) {
    const td = el('td', { rowSpan: c.rowspan, colSpan: c.colspan });
    if (c.field < 0) {
      td.className = 'label ' + c.align;
      td.textContent = yearText(c.text, year);
    } else {
      const f = t.fields[c.field];
      const path = [s.key, f.key, c.column];
      const given = get(v, [f.key]);
      const arr = Array.isArray(given) ? given : given === undefined ? undefined : [given];
      const value = arr && arr[c.column] !== undefined ? String(arr[c.column]) : undefined;
      const writable = value !== undefined || (!f.computed && c.column < f.written) || (f.optional && !f.computed);
      let cell;
      if (writable) {
        cell = register(path, el('input', { class: 'cell', value: value || '', inputMode: 'decimal', autocomplete: 'off',
          'aria-label': cellName(t, c, f, year) }));
        cell.dataset.row = c.row;
        cell.dataset.col = c.col;
        cell.addEventListener('input', () => sendRow(s, f));
        cell.addEventListener('keydown', navigate);
        cell.addEventListener('paste', paste);
      } else {
        cell = register(path, el('span', { class: 'computed', title: '由程序计算' }));
        td.classList.add('derived');
      }
      td.classList.add('figure');
      if (c.text) {
        const [before, after] = yearText(c.text, year).split('{value}');
        td.className = 'sentence label ' + c.align;
        td.append(before, cell, after || '');
        if (f.units.length) td.append(unitSelect(s, f, v));
      } else {
        td.append(cell);
      }
    }
    rows[c.row].append(td);
  }
  body.append(...rows);
  // Wider than the card (四's 15 columns at a narrow window): it scrolls in its own box.
  const box = el('div', {}, el('div', { class: 'table-scroll' }, table));
  for (const f of t.fields)
    if (f.units.length && !t.cells.some((c) => c.field === t.fields.indexOf(f) && c.text))
      box.append(el('p', { class: 'unit' }, yearText(f.label, year) + '的金额单位：', unitSelect(s, f, v)));
  return box;
}

function unitSelect(s, f, v) {
  const path = [s.key, f.key + '_unit'];
  const sel = register(path, el('select', { 'aria-label': f.label + '的单位' }));
  sel.append(el('option', { value: '' }, '（单位）'));
  for (const u of f.units) sel.append(el('option', { value: u, selected: v[f.key + '_unit'] === u }, u));
  sel.addEventListener('change', () => queue(path, sel.value ? { lines: [sel.value] } : { remove: true }));
  return sel;
}

// What a screen reader says for a figure cell: its row and column labels.
function cellName(t, c, f, year) {
  const col = f.columns.length ? f.columns[c.column] : '';
  return yearText(f.label || c.text.replace('{value}', ''), year) + (col ? '，' + col : '');
}

// The row of a field as the file should hold it: every cell with an input, the
// trailing computed ones left out when empty.
function sendRow(s, f) {
  const cells = [];
  for (let c = 0; c < f.types.length; c++) {
    const e = editor.inputs.get(key([s.key, f.key, c]));
    if (!e || e.tagName !== 'INPUT') break;
    cells.push(e.value.trim());
  }
  while (cells.length && cells[cells.length - 1] === '' && f.derivable[cells.length - 1]) cells.pop();
  if (!cells.length || (f.optional && cells.every((x) => x === ''))) return queue([s.key, f.key], { remove: true });
  queue([s.key, f.key], { cells });
}

// ---- keyboard and paste, as in a spreadsheet ----

function gridOf(input) {
  const table = input.closest('table');
  return Array.from(table.querySelectorAll('input.cell')).map((e) => ({ e, r: +e.dataset.row, c: +e.dataset.col }));
}

function move(input, dr, dc) {
  const me = { r: +input.dataset.row, c: +input.dataset.col };
  const all = gridOf(input);
  let best = null;
  let bestScore = Infinity;
  for (const o of all) {
    if (o.e === input) continue;
    const dR = o.r - me.r;
    const dC = o.c - me.c;
    if ((dr && Math.sign(dR) !== dr) || (dc && Math.sign(dC) !== dc) || (dr && dR === 0) || (dc && dC === 0)) continue;
    if (dr && dc === 0 && Math.abs(dC) > 0 && !sameColumn(o, me)) continue;
    if (dc && dr === 0 && dR !== 0) continue;
    const score = Math.abs(dR) * 100 + Math.abs(dC);
    if (score < bestScore) { bestScore = score; best = o.e; }
  }
  if (best) { best.focus(); best.select(); }
  return !!best;
}

function sameColumn(o, me) { return Math.abs(o.c - me.c) <= 1; }

function navigate(ev) {
  const i = ev.target;
  // The caret at an end, or the whole figure selected (a cell just entered).
  const atStart = i.selectionStart === 0;
  const atEnd = i.selectionEnd === i.value.length;
  let done = false;
  if (ev.key === 'Enter') done = move(i, ev.shiftKey ? -1 : 1, 0) || true;
  else if (ev.key === 'ArrowDown') done = move(i, 1, 0);
  else if (ev.key === 'ArrowUp') done = move(i, -1, 0);
  else if (ev.key === 'ArrowRight' && atEnd) done = move(i, 0, 1);
  else if (ev.key === 'ArrowLeft' && atStart) done = move(i, 0, -1);
  if (done) ev.preventDefault();
}

// Tab-separated rows copied from Excel or WPS: filled from this cell rightwards
// and downwards, over the inputs of the table.
function paste(ev) {
  const text = (ev.clipboardData || window.clipboardData).getData('text');
  if (!/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
  ev.preventDefault();
  const rows = text.replace(/\r/g, '').replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
  const all = gridOf(ev.target);
  const byRow = new Map();
  for (const o of all) {
    if (!byRow.has(o.r)) byRow.set(o.r, []);
    byRow.get(o.r).push(o);
  }
  const order = [...byRow.keys()].sort((a, b) => a - b);
  for (const r of order) byRow.get(r).sort((a, b) => a.c - b.c);
  const r0 = order.indexOf(+ev.target.dataset.row);
  const p0 = byRow.get(+ev.target.dataset.row).findIndex((o) => o.e === ev.target);
  const touched = new Set();
  rows.forEach((vals, i) => {
    const row = byRow.get(order[r0 + i]);
    if (!row) return;
    vals.forEach((val, j) => {
      const o = row[p0 + j];
      if (!o) return;
      o.e.value = val.trim().replace(/,/g, '');
      touched.add(o.e);
    });
  });
  for (const e of touched) e.dispatchEvent(new Event('input'));
}

// ---- sending edits and showing what the server found ----

function queue(path, change) {
  editor.pending.set(key(path), Object.assign({ path }, change));
  setStatus('保存中…');
  flush();
}

async function flush() {
  if (!editor || editor.inflight || !editor.pending.size) return;
  const ed = editor;
  const edits = [...ed.pending.values()];
  ed.pending.clear();
  ed.inflight = true;
  let res;
  try {
    res = await api('POST', '/api/reports/' + enc(ed.name) + '/edits', { version: ed.version, edits });
  } catch (e) {
    res = { status: 0, data: { error: '无法连接 nianbao serve：' + e.message } };
  }
  ed.inflight = false;
  if (editor !== ed) return;
  if (res.status === 200) {
    applyState(res.data);
    flush();
  } else if (res.status === 409) {
    await rebase(ed, edits, res.data.error);
  } else {
    setStatus(res.data.error || '保存失败（' + res.status + '）', true);
  }
}

// The file changed elsewhere (another window, a colleague, a text editor): its
// latest content loaded and this window's edits sent again on top of it, what
// the clerk typed, the focus and the caret kept. An edit of a value the other
// side changed as well still goes in (what this clerk sees wins), and the
// status names it.
async function rebase(ed, edits, message) {
  const { status, data } = await api('GET', '/api/reports/' + enc(ed.name));
  if (editor !== ed) return;
  if (status !== 200) return setStatus(data.error || message, true);
  const all = edits.concat([...ed.pending.values()]);
  const edited = (k) => all.some((e) => k === key(e.path) || k.startsWith(key(e.path) + '.'));
  const base = ed.state.values || {};
  const clashes = edits.filter((e) => JSON.stringify(get(data.values || {}, e.path)) !== JSON.stringify(get(base, e.path)));
  const names = clashes.map((e) => nameOf(e.path));
  const kept = new Map();
  for (const [k, i] of ed.inputs) if (edited(k)) kept.set(k, i.type === 'checkbox' ? i.checked : i.value);
  const active = document.activeElement;
  const focus = active && active.dataset ? active.dataset.path : undefined;
  const caret = focus && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
  const y = window.scrollY;
  await load(data);
  if (editor !== ed) return;
  for (const [k, v] of kept) {
    const i = ed.inputs.get(k);
    if (!i) continue;
    if (i.type === 'checkbox') i.checked = v;
    else i.value = v;
    if (ed.previews.has(k)) markup(ed.previews.get(k), v, []);
  }
  window.scrollTo(0, y);
  const again = focus && ed.inputs.get(focus);
  if (again) {
    again.focus({ preventScroll: true });
    if (caret && again.setSelectionRange) again.setSelectionRange(caret[0], caret[1]);
  }
  for (const e of edits) if (!ed.pending.has(key(e.path))) ed.pending.set(key(e.path), e);
  ed.notice = names.length
    ? '文件已在别处被修改，已合并；' + names.join('、') + ' 两边都改了，用的是本窗口的内容'
    : '文件已在别处被修改，已合并两边的修改';
  flush();
}

// What a clerk calls a value: its label on the page.
function nameOf(path) {
  const t = findTarget(path);
  const e = t && t[0];
  if (!e) return key(path);
  return e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent) || key(path);
}

function applyState(state, opened) {
  editor.version = state.version;
  window.__version = state.version;  // read by the browser tests
  window.__pending = editor.inflight || editor.pending.size > 0;
  editor.state = state;
  const d = state.diagnostics;
  for (const e of document.querySelectorAll('.bad, .related, .warn')) {
    e.classList.remove('bad', 'related', 'warn');
    e.removeAttribute('title');
  }
  for (const ul of editor.sectionMsgs.values()) ul.replaceChildren();
  const problems = $('problems');
  problems.replaceChildren();
  const marks = new Map();
  const list = d.list.filter((x) => x.severity === 'error').concat(d.list.filter((x) => x.severity !== 'error'));
  for (const x of list) {
    const li = el('li', { class: x.severity }, x.text);
    problems.append(li);
    const target = x.path ? findTarget(x.path) : null;
    if (target) {
      for (const t of target) {
        t.classList.add(x.severity === 'error' ? 'bad' : 'warn');
        t.title = (t.title ? t.title + '\n' : '') + x.message;
      }
      li.addEventListener('click', () => { target[0].focus(); if (target[0].select) target[0].select(); });
    }
    for (const r of x.related || []) for (const t of findTarget(r) || []) if (!t.classList.contains('bad')) t.classList.add('related');
    const section = x.path && x.path.length > 1 && editor.sectionMsgs.has(x.path[0]) ? x.path[0] : '';
    const ul = editor.sectionMsgs.get(section);
    if (ul) ul.append(el('li', { class: x.severity }, x.message));
    if (x.path && x.sentence) {
      const k = key(x.path);
      if (!marks.has(k)) marks.set(k, []);
      marks.get(k).push({ sentence: x.sentence, message: x.message });
    }
  }
  for (const [k, pre] of editor.previews) {
    const ta = editor.inputs.get(k);
    markup(pre, ta.value, marks.get(k) || []);
  }
  // Computed cells.
  if (state.figures && editor.fmt)
    for (const s of editor.fmt.sections) {
      if (!s.table) continue;
      for (const f of s.table.fields)
        f.types.forEach((_, c) => {
          const e = editor.inputs.get(key([s.key, f.key, c]));
          const fig = get(state.figures, [s.key, f.key, c]);
          if (e && e.tagName === 'SPAN') e.textContent = fig ? fig.text : '';
        });
    }
  $('counts').textContent = d.errors || d.warnings ? `（${d.errors} 个错误，${d.warnings} 个警告）` : '（无误）';
  const saved = (opened ? '已打开' : '已保存') + (d.errors ? `，有 ${d.errors} 个错误` : '，检查无误');
  for (const [id, what, ok] of [['dl-pdf', 'PDF', '下载 PDF/A 文件'], ['dl-html', '网页', '下载网页（HTML，供政府网站发布）']]) {
    const a = $(id);
    a.setAttribute('aria-disabled', d.errors ? 'true' : 'false');
    a.title = d.errors ? `有 ${d.errors} 个错误：改正后才能生成${what}（见右边的检查结果）` : ok;
  }
  setStatus(editor.notice ? editor.notice + '。' + saved : saved, d.errors > 0 || !!editor.notice);
  editor.notice = '';
  schedulePreview();
}

function findTarget(path) {
  const k = key(path);
  if (editor.inputs.has(k)) return [editor.inputs.get(k)];
  // A whole row: its cells.
  const row = [...editor.inputs.entries()].filter(([p]) => p.startsWith(k + '.')).map(([, e]) => e);
  if (row.length) return row;
  if (path.length > 1) return findTarget(path.slice(0, -1)) ;
  return null;
}

// The PDF again, a second after the last change that left no error.
function schedulePreview() {
  clearTimeout(editor.previewTimer);
  const note = $('preview-note');
  if (editor.state.diagnostics.errors) {
    note.textContent = editor.previewed ? '（有错误：显示的是上次无误时的版本）' : '（改正错误后显示）';
    return;
  }
  if (editor.previewed === editor.version) return;
  note.textContent = '（更新中…）';
  editor.previewTimer = setTimeout(() => {
    const v = editor.version;
    $('preview').src = '/api/reports/' + enc(editor.name) + '/pdf?v=' + enc(v);
    editor.previewed = v;
    note.textContent = '';
  }, 1000);
}

// ---- the TOML itself ----

async function showRaw() {
  const res = await fetch('/api/reports/' + enc(editor.name) + '/toml');
  $('raw-text').value = await res.text();
  $('raw-error').textContent = '';
  $('raw').showModal();
}

async function saveRaw() {
  const { status, data } = await api('PUT', '/api/reports/' + enc(editor.name), { version: editor.version, toml: $('raw-text').value });
  if (status !== 200) { $('raw-error').textContent = data.error; return; }
  await load(data);
  // Saved with errors: the dialog stays open with the first of them.
  const errors = data.diagnostics.list.filter((x) => x.severity === 'error');
  if (errors.length) {
    $('raw-error').textContent = `已保存，但有 ${errors.length} 个错误：` + errors.slice(0, 3).map((x) => x.text).join('；');
    return;
  }
  $('raw').close();
}

// ---- start ----

function route() {
  const m = /^#\/r\/(.+)$/.exec(location.hash);
  if (m) open(decodeURIComponent(m[1]));
  else showList();
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', () => {
  $('create').addEventListener('submit', create);
  $('upload').addEventListener('submit', upload);
  $('show-raw').addEventListener('click', showRaw);
  for (const id of ['dl-pdf', 'dl-html'])
    $(id).addEventListener('click', (e) => {
      if ($(id).getAttribute('aria-disabled') !== 'true') return;
      e.preventDefault();
      setStatus($(id).title, true);
    });
  $('raw-save').addEventListener('click', saveRaw);
  $('home').addEventListener('click', (e) => { e.preventDefault(); location.hash = ''; showList(); });
  route();
});
