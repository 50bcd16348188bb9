// The editor of yoshiki serve. The form is built from the layout's fields (the schema the server
// sends): no form is known here. As the clerk types, the values go to the server, which writes
// them into the file's XML, runs yoshiki check's checks and renders the sheet; each finding is
// shown beside its field, and the pages of the sheet beside the form.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  // Builds an element: el('div', {class: 'x', onclick: f}, child, 'text', …).
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'class') e.className = v;
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  const KINDS = [['p', '段落'], ['item', '箇条書き'], ['list', '番号付き']];
  const NUMBERINGS = [['（1）', '（1）（2）…'], ['(1)', '(1)(2)…'], ['①', '①②…'], ['1.', '1. 2. …'], ['bullet', '・（記号）'], ['', '（指定なし）']];

  // Everything about the open file. values: {shared: {path: text|[block]}, sheets: [{origin, values}]}.
  const state = {
    file: null, version: null, schema: null, formName: '', values: null, opened: null,
    mode: 'form', xml: '', xmlOpened: '', tab: 'shared', result: null, preview: null,
    dirty: false, firstEdit: null, inflight: false, pending: false, composing: false,
    width: 800, latencies: [],
  };
  // For the browser test and anyone curious: keystroke-to-preview times in ms.
  window.yoshiki = { state, latencies: state.latencies };

  // ---------- talking to the server ----------

  async function api(path, body) {
    const init = body === undefined ? {} : {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    };
    const res = await fetch(path, init);
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    return { status: res.status, data: data || {} };
  }

  function setStatus(text, kind) {
    const s = $('status');
    s.textContent = text;
    s.className = 'status' + (kind ? ' ' + kind : '');
  }

  function banner(kind, text, ...buttons) {
    const b = el('div', { class: 'banner ' + kind, role: kind === 'error' ? 'alert' : 'status' },
      el('span', { class: 'text' }, text), ...buttons);
    $('banners').append(b);
    return b;
  }

  function clearBanners() { $('banners').replaceChildren(); }

  // ---------- drafts: unsaved changes survive a reload ----------

  const draftKey = () => 'yoshiki-draft:' + state.file;

  function writeDraft() {
    clearTimeout(draftTimer);
    if (!state.dirty || !state.file) return;
    const draft = { version: state.version, mode: state.mode, time: Date.now() };
    if (state.mode === 'xml') draft.xml = state.xml; else draft.values = state.values;
    try { localStorage.setItem(draftKey(), JSON.stringify(draft)); } catch (e) { /* full: the page still holds it */ }
  }

  // Written a quarter second after the last change (not at every key of a long paragraph), and
  // at once when the page is left.
  let draftTimer = null;
  function storeDraft() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(writeDraft, 250);
  }

  function dropDraft() {
    clearTimeout(draftTimer);
    try { localStorage.removeItem(draftKey()); } catch (e) { /* nothing to drop */ }
  }

  function readDraft() {
    try { return JSON.parse(localStorage.getItem(draftKey()) || 'null'); } catch (e) { return null; }
  }

  // ---------- files ----------

  async function loadFiles() {
    const { data } = await api('/api/files');
    const files = data.files || [];
    const select = $('file-select');
    select.replaceChildren(el('option', { value: '' }, '— 選んでください —'),
      ...files.map((f) => el('option', { value: f }, f)));
    $('file-list').replaceChildren(...files.map((f) =>
      el('li', {}, el('a', { href: '#file=' + encodeURIComponent(f) }, f))));
    if (!files.length) $('file-list').append(el('li', {}, 'このフォルダーには XML ファイルがありません。'));
  }

  function hashParams() {
    const p = new URLSearchParams(location.hash.slice(1));
    return { file: p.get('file'), latest: p.get('latest') === '1' };
  }

  async function openFromHash() {
    const { file, latest } = hashParams();
    if (state.dirty && state.file && file !== state.file) writeDraft();
    if (!file) {
      state.file = null;
      $('editor').hidden = true;
      $('start').hidden = false;
      for (const id of ['save-button', 'xml-toggle', 'history-button', 'pdf-link']) $(id).hidden = true;
      $('file-select').value = '';
      setStatus('');
      return;
    }
    await openFile(file, latest);
  }

  async function openFile(file, latest) {
    clearBanners();
    $('history-panel').hidden = true;
    const { status, data } = await api('/api/open?file=' + encodeURIComponent(file));
    if (status !== 200) {
      banner('error', (data.text || 'ファイルを開けません。') + '（' + file + '）');
      return;
    }
    Object.assign(state, {
      file, version: data.version, schema: data.schema, formName: data.form || '', result: null, preview: null, sheets: null,
      values: data.values, opened: JSON.stringify(data.values), xml: data.xml, xmlOpened: data.xml,
      mode: data.values ? 'form' : 'xml', tab: 'shared', dirty: false,
    });
    $('start').hidden = true;
    $('editor').hidden = false;
    measureWidth();
    $('file-select').value = file;
    $('form-name').textContent = (state.formName || '様式') + 'の編集';
    document.title = file + ' — ' + (state.formName || 'yoshiki');
    for (const id of ['save-button', 'history-button']) $(id).hidden = false;
    $('xml-toggle').hidden = !data.values;
    if (!data.values) banner('warn', 'このファイルはフォームで開けないため、XMLを直接編集します。誤りを直して保存すると、フォームで開けるようになります。');
    for (const f of data.findings || []) banner('error', f.text, el('span', { class: 'detail' }, f.message));

    const draft = latest ? null : readDraft();
    if (draft && (draft.values || draft.xml !== undefined)) {
      state.version = draft.version;
      if (draft.xml !== undefined && draft.mode === 'xml') { state.mode = 'xml'; state.xml = draft.xml; }
      else if (draft.values && state.schema) state.values = draft.values;
      state.dirty = true;
      const when = new Date(draft.time).toLocaleString('ja-JP');
      const b = banner('info', '保存されていなかった変更（' + when + '）を元に戻しました。',
        el('button', { type: 'button', onclick: () => { dropDraft(); b.remove(); openFile(file, true); } }, '変更を捨てて、保存された内容を表示'));
    }
    render();
    setStatus(state.dirty ? '保存されていない変更があります' : '保存済み', state.dirty ? 'dirty' : 'saved');
    check();
  }

  // ---------- the form, from the schema ----------

  const scopeValues = (scope) => (scope === 'shared' ? state.values.shared : state.values.sheets[scope].values);
  const keyOf = (scope, path, block, item) => [scope, path, block ?? -1, item ?? -1].join('|');

  function edited(scopeKey) {
    state.dirty = true;
    if (state.firstEdit === null) state.firstEdit = performance.now();
    setStatus('保存されていない変更があります', 'dirty');
    storeDraft();
    if (!state.composing) check();
    if (scopeKey !== undefined) updateTab(scopeKey);
  }

  // A textarea that grows with its text; Japanese input (IME) is checked when the word is chosen.
  function textBox(value, onChange, attrs) {
    const t = el('textarea', Object.assign({ rows: 1 }, attrs || {}));
    t.value = value || '';
    const fit = () => { t.style.height = 'auto'; t.style.height = (t.scrollHeight + 2) + 'px'; };
    t.addEventListener('input', () => { onChange(t.value); fit(); });
    requestAnimationFrame(fit);
    return t;
  }

  function textInput(value, onChange, attrs) {
    const i = el('input', Object.assign({ type: 'text' }, attrs || {}));
    i.value = value || '';
    i.addEventListener('input', () => onChange(i.value));
    return i;
  }

  function requiredMark(f) { return f.required ? el('span', { class: 'required' }, '必須') : null; }

  function textField(scope, f) {
    const values = scopeValues(scope);
    const set = (path) => (v) => { values[path] = v; edited(scope); };
    const control = f.fiscal_year
      ? textInput(values[f.path], set(f.path), { 'aria-label': f.label, placeholder: '例: 令和8年度', class: 'own' })
      : textBox(values[f.path], set(f.path), { 'aria-label': f.label, class: 'own' });
    if (!f.attributes.length) {
      return el('div', { class: 'field', dataset: { key: keyOf(scope, f.path) } },
        el('div', { class: 'label' }, f.label, requiredMark(f)), control);
    }
    // A value with its attributes (初期値 and its year) on one line.
    const attrs = f.attributes.map((a) => el('div', { class: 'attr field', dataset: { key: keyOf(scope, a.path) } },
      el('span', { class: 'attr-label' }, a.label.startsWith(f.label) ? a.label.slice(f.label.length).replace(/^の/, '') : a.label),
      textInput(values[a.path], set(a.path), { 'aria-label': a.label, placeholder: a.fiscal_year ? '例: 令和5年度' : '', class: 'own' })));
    return el('div', { class: 'inline field', dataset: { key: keyOf(scope, f.path) } },
      el('div', { class: 'label' }, f.label, requiredMark(f)), control, attrs);
  }

  function blockEditor(scope, f, blocks, i, rerender) {
    const b = blocks[i];
    const kind = el('select', { 'aria-label': f.label + ' ' + (i + 1) + ' の種類' },
      KINDS.map(([v, t]) => el('option', { value: v, selected: v === b.kind }, t)));
    kind.addEventListener('change', () => {
      const text = b.kind === 'list' ? (b.items || []).join('') : b.text;
      blocks[i] = kind.value === 'list' ? { kind: 'list', numbering: '（1）', items: [text || ''] } : { kind: kind.value, text: text || '' };
      edited(scope);
      rerender();
    });
    const move = (d) => () => {
      const j = i + d;
      if (j < 0 || j >= blocks.length) return;
      [blocks[i], blocks[j]] = [blocks[j], blocks[i]];
      edited(scope);
      rerender();
    };
    const tools = el('div', { class: 'tools' },
      el('button', { type: 'button', class: 'small', title: '上へ', 'aria-label': '上へ', onclick: move(-1) }, '↑'),
      el('button', { type: 'button', class: 'small', title: '下へ', 'aria-label': '下へ', onclick: move(1) }, '↓'),
      el('button', { type: 'button', class: 'small danger', title: '削除', 'aria-label': '削除', onclick: () => { blocks.splice(i, 1); edited(scope); rerender(); } }, '×'));
    let body;
    if (b.kind === 'list') {
      const numbering = el('select', { 'aria-label': '番号の付け方' },
        NUMBERINGS.map(([v, t]) => el('option', { value: v, selected: v === (b.numbering || '') }, t)));
      numbering.addEventListener('change', () => { b.numbering = numbering.value; edited(scope); rerender(); });
      const items = el('div', { class: 'list-items' });
      b.items.forEach((text, k) => {
        items.append(el('div', { class: 'item field', dataset: { key: keyOf(scope, f.path, i, k) } },
          el('span', { class: 'marker' }, marker(b.numbering, k)),
          textBox(text, (v) => { b.items[k] = v; edited(scope); }, { 'aria-label': f.label + ' ' + (i + 1) + '-' + (k + 1) }),
          el('button', { type: 'button', class: 'small danger', 'aria-label': '項目を削除', onclick: () => { b.items.splice(k, 1); edited(scope); rerender(); } }, '×')));
      });
      body = el('div', {}, numbering, items,
        el('button', { type: 'button', class: 'small', onclick: () => { b.items.push(''); edited(scope); rerender(true); } }, '＋ 項目'));
    } else {
      body = textBox(b.text, (v) => { b.text = v; edited(scope); }, { 'aria-label': f.label + ' ' + (i + 1) });
    }
    return el('div', { class: 'block field', dataset: { key: keyOf(scope, f.path, i) } }, kind, body, tools);
  }

  function marker(numbering, k) {
    const n = k + 1;
    switch (numbering) {
      case '（1）': return '（' + n + '）';
      case '(1)': return '(' + n + ')';
      case '①': return n <= 20 ? String.fromCodePoint(0x2460 + k) : '（' + n + '）';
      case '1.': return n + '.';
      default: return '・';
    }
  }

  function blocksField(scope, f) {
    const values = scopeValues(scope);
    if (!Array.isArray(values[f.path])) values[f.path] = [];
    const blocks = values[f.path];
    const box = el('div', { class: 'blocks' });
    const rerender = (focusLast) => {
      box.replaceChildren(...blocks.map((_, i) => blockEditor(scope, f, blocks, i, rerender)));
      showFindings();
      if (focusLast) {
        const areas = box.querySelectorAll('textarea');
        if (areas.length) areas[areas.length - 1].focus();
      }
    };
    rerender();
    const add = (block) => () => { blocks.push(block()); edited(scope); rerender(true); };
    return el('div', { class: 'field', dataset: { key: keyOf(scope, f.path) } },
      el('div', { class: 'label' }, f.label, requiredMark(f)), box,
      el('div', { class: 'add-row' },
        el('button', { type: 'button', class: 'small', onclick: add(() => ({ kind: 'p', text: '' })) }, '＋ 段落'),
        el('button', { type: 'button', class: 'small', onclick: add(() => ({ kind: 'item', text: '' })) }, '＋ 箇条書き'),
        el('button', { type: 'button', class: 'small', onclick: add(() => ({ kind: 'list', numbering: '（1）', items: [''] })) }, '＋ 番号付き')));
  }

  function fieldsOf(scope, fields) {
    return fields.map((f) => {
      if (f.kind === 'group') {
        return el('fieldset', { class: 'field', dataset: { key: keyOf(scope, f.path) } },
          el('legend', {}, f.label), fieldsOf(scope, f.children));
      }
      if (f.kind === 'list') {
        // Items that repeat (活動指標 × N) are written in the file; the form shows that they are there.
        return el('p', { class: 'field note', dataset: { key: keyOf(scope, f.path) } }, f.label + '：繰り返しの項目は入力ファイルで書きます');
      }
      return f.kind === 'blocks' ? blocksField(scope, f) : textField(scope, f);
    });
  }

  const sheetLabel = () => (state.schema ? state.schema.sheet.label : '目標');

  // The sheets of the last check that rendered: while there are errors, their titles and
  // fullness stay those of the last good sheet.
  const goodSheets = () => state.sheets || [];

  function sheetTitle(i) {
    const r = goodSheets()[i];
    const own = r && r.title ? r.title : '';
    return sheetLabel() + ' ' + (i + 1) + (own ? '　' + own : '');
  }

  function findingsFor(scope) {
    const all = (state.result && state.result.findings) || [];
    return all.filter((f) => f.place && (scope === 'shared' ? f.place.sheet < 0 : f.place.sheet === scope));
  }

  function tabButton(scope, title, i) {
    const b = el('button', {
      type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(state.tab === scope), dataset: { scope: String(scope) },
      onclick: () => { state.tab = scope; render(); },
    }, el('span', { class: 'tab-title' }, title));
    if (i !== undefined) b.append(el('span', { class: 'tab-meter' }, el('span', {})));
    return b;
  }

  function updateTab(scope) {
    const tab = document.querySelector('.tab[data-scope="' + scope + '"]');
    if (!tab) return;
    const errors = findingsFor(scope).filter((f) => f.severity === 'error').length;
    let count = tab.querySelector('.count');
    if (errors && !count) { count = el('span', { class: 'count', 'aria-label': 'エラー' }); tab.append(count); }
    if (count) { if (errors) count.textContent = errors; else count.remove(); }
    if (scope === 'shared') return;
    tab.querySelector('.tab-title').textContent = sheetTitle(scope);
    const r = goodSheets()[scope];
    const meter = tab.querySelector('.tab-meter');
    if (r && meter) {
      meter.className = 'tab-meter' + (r.pages > 1 ? ' over' : r.fullness > 0.92 ? ' warn' : '');
      meter.firstChild.style.width = Math.round(r.fullness * 100) + '%';
    }
  }

  function renderTabs() {
    const tabs = [tabButton('shared', '基本情報')];
    state.values.sheets.forEach((_, i) => tabs.push(tabButton(i, sheetTitle(i), i)));
    tabs.push(el('button', {
      type: 'button', class: 'tab add', title: sheetLabel() + 'を追加', 'aria-label': sheetLabel() + 'を追加', onclick: () => {
        state.values.sheets.push({ origin: null, values: {} });
        state.tab = state.values.sheets.length - 1;
        edited();
        render();
      },
    }, el('span', { class: 'tab-title' }, '＋ 追加')));
    $('tabs').replaceChildren(...tabs);
    updateTab('shared');
    state.values.sheets.forEach((_, i) => updateTab(i));
  }

  function renderPanel() {
    const panel = $('panel');
    if (state.tab === 'shared') {
      panel.replaceChildren(el('div', { class: 'panel-head' }, el('h2', {}, '基本情報（すべての' + sheetLabel() + 'に共通）')),
        ...fieldsOf('shared', state.schema.shared));
      return;
    }
    const i = state.tab;
    const sheets = state.values.sheets;
    const move = (d) => () => {
      const j = i + d;
      [sheets[i], sheets[j]] = [sheets[j], sheets[i]];
      state.tab = j;
      // The findings and pages of the last check belong to the old order until the next one.
      state.result = null;
      state.sheets = null;
      edited();
      render();
    };
    const remove = () => {
      if (!confirm(sheetTitle(i) + ' を削除しますか？（保存するまではファイルは変わりません）')) return;
      sheets.splice(i, 1);
      state.tab = sheets.length ? Math.min(i, sheets.length - 1) : 'shared';
      state.result = null;
      state.sheets = null;
      edited();
      render();
    };
    panel.replaceChildren(
      el('div', { class: 'panel-head' }, el('h2', {}, sheetLabel() + ' ' + (i + 1)),
        el('button', { type: 'button', class: 'small', disabled: i === 0, onclick: move(-1) }, '← 前へ'),
        el('button', { type: 'button', class: 'small', disabled: i === sheets.length - 1, onclick: move(1) }, '次へ →'),
        el('button', { type: 'button', class: 'small danger', onclick: remove }, 'この' + sheetLabel() + 'を削除')),
      el('div', { class: 'field', dataset: { key: keyOf(i, '') } }),
      ...fieldsOf(i, state.schema.per_sheet));
  }

  function render() {
    const xml = state.mode === 'xml';
    $('xml-panel').hidden = !xml;
    $('panel').hidden = xml;
    $('tabs').hidden = xml;
    $('xml-toggle').textContent = xml ? 'フォームに戻る' : 'XMLを直接編集';
    if (xml) {
      const t = $('xml-text');
      if (t.value !== state.xml) t.value = state.xml;
    } else if (state.values && state.schema) {
      if (state.tab !== 'shared' && !(state.tab < state.values.sheets.length)) state.tab = 'shared';
      renderTabs();
      renderPanel();
    }
    showFindings();
    showPreview();
  }

  // ---------- findings beside their fields ----------

  // The clerk's words first; yoshiki check's own line folded away, for whoever maintains the files.
  function findingBox(f, withLabel) {
    return el('div', { class: 'finding' + (f.severity === 'warning' ? ' warning' : ''), role: 'alert' },
      withLabel ? withLabel + '：' : '', f.text,
      f.message ? el('details', {}, el('summary', {}, '詳細'), el('span', { class: 'detail' }, f.message, f.hint ? '\n' + f.hint : '')) : null);
  }

  function showFindings() {
    for (const e of document.querySelectorAll('.finding')) if (!e.closest('.banner')) e.remove();
    for (const e of document.querySelectorAll('.has-error')) e.classList.remove('has-error');
    const general = $('general-findings');
    general.replaceChildren();
    const findings = (state.result && state.result.findings) || [];
    for (const f of findings) {
      const p = f.place;
      if (state.mode === 'xml' || !p) {
        general.append(findingBox(f));
        continue;
      }
      const scope = p.sheet < 0 ? 'shared' : p.sheet;
      if (scope !== state.tab) continue;  // counted on its tab
      const keys = [keyOf(scope, p.path, p.block, p.item), keyOf(scope, p.path, p.block), keyOf(scope, p.path)];
      let target = null;
      for (const k of keys) {
        target = document.querySelector('[data-key="' + CSS.escape(k) + '"]');
        if (target) break;
      }
      if (!target) {
        general.append(findingBox(f, p.path || (scope === 'shared' ? '' : sheetLabel() + ' ' + (p.sheet + 1))));
        continue;
      }
      if (f.severity === 'error') target.classList.add('has-error');
      target.append(findingBox(f));
    }
    if (state.values && state.mode === 'form') {
      updateTab('shared');
      state.values.sheets.forEach((_, i) => updateTab(i));
    }
  }

  // ---------- preview ----------

  function pagesOfTab() {
    const i = state.tab === 'shared' ? 0 : state.tab;
    return goodSheets()[i] || null;
  }

  function showFullness() {
    const box = $('fullness');
    const s = pagesOfTab();
    if (!s) {
      box.className = 'fullness';
      box.textContent = state.result && !state.result.ok ? 'エラーを直すと、印刷される様式が表示されます。' : '様式を作っています…';
      return;
    }
    const pct = Math.round(s.fullness * 100);
    const name = state.tab === 'shared' ? sheetLabel() + ' 1' : sheetLabel() + ' ' + (state.tab + 1);
    let text;
    let kind = '';
    if (s.pages > 1) {
      kind = 'over';
      text = name + 'は ' + s.pages + 'ページ目にはみ出しています。1枚に収まるよう、文章を短くしてください。';
    } else if (s.fullness > 0.92) {
      kind = 'warn';
      text = name + 'は 1ページに収まっています（使用 ' + pct + '%、残りわずか）。';
    } else {
      text = name + 'は 1ページに収まっています（使用 ' + pct + '%）。';
    }
    box.className = 'fullness ' + kind;
    const bar = el('span', {});
    bar.style.width = Math.min(100, pct) + '%';  // CSSOM: the page's policy allows no style attributes
    box.replaceChildren(el('div', {}, text), el('div', { class: 'meter' }, bar));
  }

  function showPreview() {
    showFullness();
    const box = $('preview');
    const r = state.result;
    const key = state.preview;
    if (!key) {
      box.replaceChildren(el('div', { class: 'empty' }, r && !r.ok ? 'エラーを直すと、印刷される様式が表示されます。' : '様式を作っています…'));
      return;
    }
    const s = pagesOfTab();
    const first = s ? s.first_page : 0;
    const count = s ? s.pages : 1;
    const stale = r && !r.ok;
    box.classList.toggle('stale', !!stale);
    const note = stale ? el('div', { class: 'stale-note' }, 'エラーがあるため、直前の様式を表示しています。') : null;
    const wanted = [];
    for (let p = first; p < first + count; ++p) wanted.push('/api/page?key=' + key + '&page=' + p + '&width=' + state.width);
    const shown = [...box.querySelectorAll('img')].map((i) => i.getAttribute('src'));
    if (shown.join() === wanted.join()) {
      const old = box.querySelector('.stale-note');
      if (old) old.remove();
      if (note) box.prepend(note);
      return;
    }
    // The new pages replace the old ones when all have loaded: no blank flash while typing.
    const started = state.shownFor;
    const imgs = wanted.map((src, k) => el('img', { src, alt: '印刷される様式 ' + (first + k + 1) + 'ページ' }));
    Promise.all(imgs.map((img) => (img.decode ? img.decode() : Promise.resolve()).catch(() => null))).then(() => {
      if (state.preview !== key) return;
      box.replaceChildren(...(note ? [note] : []), ...imgs);
      if (started !== undefined && started !== null) {
        const ms = performance.now() - started;
        state.latencies.push(Math.round(ms));
        box.dataset.latency = String(Math.round(ms));
      }
      box.dataset.key = key;
    });
  }

  // ---------- check as the clerk types ----------

  // At most one check in flight: a keystroke while one runs is checked when it returns, with
  // everything typed meanwhile (no fixed delay before the first one: the preview comes as soon
  // as the server can make it).
  async function check() {
    if (!state.file) return;
    if (state.inflight) { state.pending = true; return; }
    state.inflight = true;
    state.pending = false;
    const since = state.firstEdit;
    state.firstEdit = null;
    const body = { file: state.file };
    if (state.mode === 'xml') body.xml = state.xml; else body.values = state.values;
    if (state.wantXml) body.want_xml = true;
    // The sheet on screen: the server renders its first page while the reply travels.
    body.sheet = state.tab === 'shared' ? 0 : state.tab;
    body.width = state.width;
    let res;
    try {
      res = await api('/api/check', body);
    } catch (e) {
      res = { status: 0, data: {} };
    }
    state.inflight = false;
    if (res.status === 200) {
      state.result = res.data;
      if (res.data.preview) {
        state.sheets = res.data.sheets;
        state.shownFor = since;
        state.preview = res.data.preview;
        $('pdf-link').href = '/api/pdf?key=' + res.data.preview;
        $('pdf-link').hidden = false;
      }
      if (res.data.xml !== undefined && state.wantXml) { state.xml = res.data.xml; state.wantXml = false; }
      if (state.mode === 'xml' && res.data.values) { state.xmlValues = res.data.values; state.xmlSchema = res.data.schema; }
      if (state.mode === 'form') { renderTabsIfTitles(); }
      showFindings();
      showPreview();
    } else if (res.status !== 0) {
      state.result = { ok: false, findings: [{ severity: 'error', text: res.data.text || '確認できませんでした。', message: res.data.error || '', place: null }] };
      showFindings();
    }
    if (state.pending) check();
  }

  function renderTabsIfTitles() {
    if (state.values && state.values.sheets) state.values.sheets.forEach((_, i) => updateTab(i));
  }

  // ---------- saving ----------

  async function save(force) {
    if (!state.file) return;
    const body = { file: state.file, version: state.version, force: !!force };
    if (state.mode === 'xml') body.xml = state.xml; else body.values = state.values;
    $('save-button').disabled = true;
    setStatus('保存しています…');
    let res;
    try { res = await api('/api/save', body); } catch (e) { res = { status: 0, data: {} }; }
    $('save-button').disabled = false;
    if (res.status === 200) {
      state.version = res.data.version;
      state.dirty = false;
      dropDraft();
      clearBanners();
      const time = new Date().toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' });
      setStatus(res.data.saved ? '保存しました（' + time + '）' : '変更はありません（保存済み）', 'saved');
      if (state.mode === 'xml') { state.xmlOpened = state.xml; }
      else {
        // Sheets now are the file's sheets, in this order.
        state.values.sheets.forEach((s, i) => { s.origin = i; });
      }
      if (!$('history-panel').hidden) showHistory();
      return;
    }
    if (res.status === 409) {
      clearBanners();
      setStatus('保存できませんでした', 'dirty');
      banner('error', 'このファイルは、開いた後に他の人が保存しました。あなたの入力内容はこの画面に残っています（まだ保存されていません）。',
        el('a', { class: 'button', href: '/#latest=1&file=' + encodeURIComponent(state.file), target: '_blank', rel: 'noopener' }, '他の人が保存した内容を見る'),
        el('button', {
          type: 'button', onclick: () => {
            if (confirm('他の人が保存した内容を、あなたの内容で置き換えますか？（置き換えられた内容は履歴に残ります）')) save(true);
          },
        }, 'あなたの内容で上書き保存'));
      return;
    }
    setStatus('保存できませんでした', 'dirty');
    banner('error', (res.data.text || '保存できませんでした。') + (res.status === 0 ? '（サーバーにつながりません。入力内容はこの画面とブラウザーに残っています）' : ''));
    if (res.data.findings) { state.result = { ok: false, findings: res.data.findings }; showFindings(); }
  }

  async function showHistory() {
    const panel = $('history-panel');
    const { data } = await api('/api/history?file=' + encodeURIComponent(state.file));
    const saves = data.saves || [];
    const when = (id) => {
      const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)/.exec(id);
      if (!m) return id;
      return new Date(Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +m[6])).toLocaleString('ja-JP');
    };
    panel.replaceChildren(el('strong', {}, '保存の履歴'), ' （保存のたびに、置き換えられた内容が最新 20 件まで残ります）',
      saves.length ? el('ul', {}, saves.map((s) => el('li', {},
        el('a', { href: '/api/history/version?file=' + encodeURIComponent(state.file) + '&id=' + encodeURIComponent(s.id), target: '_blank', rel: 'noopener' },
          when(s.id) + ' まで保存されていた内容'), '（' + (s.size / 1024).toFixed(1) + ' KB）')))
        : el('p', {}, 'まだ履歴はありません。'));
    panel.hidden = false;
  }

  // ---------- the XML itself ----------

  async function toggleXml() {
    if (state.mode === 'form') {
      state.wantXml = true;
      state.mode = 'xml';
      await checkNow();
      state.xmlOpened = state.xml;
      render();
      const t = $('xml-text');
      t.focus();
      t.setSelectionRange(0, 0);  // at the start of the file, not scrolled to its end
      t.scrollTop = 0;
      return;
    }
    if (state.xml !== state.xmlOpened) {
      alert('XMLの変更を保存してから、フォームに戻ってください。');
      return;
    }
    if (state.xmlValues) { state.values = state.xmlValues; state.schema = state.xmlSchema || state.schema; }
    state.mode = 'form';
    render();
    check();
  }

  async function checkNow() {
    while (state.inflight) await new Promise((r) => setTimeout(r, 20));
    await check();
  }

  // ---------- wiring ----------

  function wire() {
    $('file-select').addEventListener('change', () => {
      const f = $('file-select').value;
      location.hash = f ? 'file=' + encodeURIComponent(f) : '';
    });
    window.addEventListener('hashchange', openFromHash);
    $('save-button').addEventListener('click', () => save(false));
    $('history-button').addEventListener('click', () => {
      if ($('history-panel').hidden) showHistory(); else $('history-panel').hidden = true;
    });
    $('xml-toggle').addEventListener('click', toggleXml);
    $('xml-text').addEventListener('input', () => { state.xml = $('xml-text').value; edited(); });
    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save(false); }
    });
    document.addEventListener('compositionstart', () => { state.composing = true; });
    document.addEventListener('compositionend', () => { state.composing = false; check(); });
    window.addEventListener('pagehide', writeDraft);
    document.addEventListener('visibilitychange', writeDraft);
    window.addEventListener('beforeunload', (e) => {
      if (!state.dirty) return;
      writeDraft();
      e.preventDefault();
      e.returnValue = '';
    });
    window.addEventListener('resize', measureWidth);
  }

  // Pages rendered as wide as the preview shows them (within its padding), to the nearest 100
  // pixels the server renders in, sharp on high-density screens: no pixel rendered to be dropped.
  function measureWidth() {
    const box = $('preview');
    const w = box.clientWidth ? box.clientWidth - 20 : 600;
    state.width = Math.max(300, Math.min(2000, Math.round(w * (window.devicePixelRatio || 1) / 100) * 100));
  }

  wire();
  loadFiles().then(openFromHash);
})();
