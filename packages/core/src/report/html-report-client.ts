/**
 * The HTML report's script (plain ES2017, no dependencies, no network). It reads the embedded JSON, filters the
 * cases by status, cell and search text, and renders only the rows in view (a virtual list with fixed row
 * height), so a 10,000-case report has a few dozen row elements at any time. Every value from the report goes
 * into the page through textContent, never as markup.
 */
export const HTML_REPORT_CLIENT = String.raw`(function () {
  'use strict';
  var ROW = 30;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var cases = data.cases;
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function pct(x) { return (x * 100).toFixed(1) + '%'; }
  function money(x) { return x === undefined ? '–' : '$' + (x > 0 && x < 0.01 ? x.toFixed(6) : x.toFixed(4)); }
  var hay = new Array(cases.length);
  for (var i = 0; i < cases.length; i++) {
    var c = cases[i];
    var parts = [c.cell, c.suite, c.id, c.name || '', c.status, c.flip || '', c.tags.join(' ')];
    for (var v = 0; v < c.violations.length; v++) parts.push(c.violations[v].check, c.violations[v].message);
    for (var t = 0; t < c.trials.length; t++) {
      parts.push(c.trials[t].response);
      for (var k = 0; k < c.trials[t].toolsCalled.length; k++) parts.push(c.trials[t].toolsCalled[k].name);
    }
    hay[i] = parts.join('\n').toLowerCase();
  }
  var state = { status: 'all', cell: 'all', query: '' };
  var visible = [];
  var selected = -1;
  function statusMatches(c) {
    switch (state.status) {
      case 'failing': return c.status === 'failed' || c.status === 'error';
      case 'error': return c.status === 'error';
      case 'passed': return c.status === 'passed';
      case 'skipped': return c.status === 'skipped';
      case 'flipped': return c.flip !== undefined;
      default: return true;
    }
  }
  function matches(i) {
    var c = cases[i];
    if (state.cell !== 'all' && c.cell !== state.cell) return false;
    if (!statusMatches(c)) return false;
    return state.query === '' || hay[i].indexOf(state.query) !== -1;
  }
  var viewport = $('viewport');
  var spacer = $('spacer');
  function renderRows() {
    var top = viewport.scrollTop;
    var first = Math.max(0, Math.floor(top / ROW) - 5);
    var last = Math.min(visible.length, Math.ceil((top + viewport.clientHeight) / ROW) + 5);
    var frag = document.createDocumentFragment();
    for (var r = first; r < last; r++) frag.appendChild(row(visible[r], r));
    spacer.replaceChildren(frag);
  }
  function row(index, position) {
    var c = cases[index];
    var div = el('div', 'row ' + c.status + (index === selected ? ' selected' : ''));
    div.style.top = position * ROW + 'px';
    div.setAttribute('data-index', String(index));
    div.setAttribute('role', 'row');
    div.appendChild(el('span', 'badge ' + c.status, c.status));
    div.appendChild(el('span', 'flip ' + (c.flip || ''), c.flip ? (c.flip === 'regressed' ? '▼ regressed' : '▲ fixed') : ''));
    if (data.cells.length > 1) div.appendChild(el('span', 'cell', c.cell));
    div.appendChild(el('span', 'suite', c.suite));
    div.appendChild(el('span', 'id', c.id));
    div.appendChild(el('span', 'num', pct(c.passRate)));
    div.appendChild(el('span', 'num', c.score === undefined ? '–' : c.score.toFixed(2)));
    div.appendChild(el('span', 'num', Math.round(c.latencyMs) + ' ms'));
    div.appendChild(el('span', 'why', c.violations.length ? c.violations[0].check + ': ' + c.violations[0].message : ''));
    return div;
  }
  function applyFilters() {
    visible = [];
    for (var i = 0; i < cases.length; i++) if (matches(i)) visible.push(i);
    $('count').textContent = 'Showing ' + visible.length + ' of ' + cases.length + ' cases';
    $('count').setAttribute('data-visible', String(visible.length));
    spacer.style.height = visible.length * ROW + 'px';
    viewport.scrollTop = 0;
    renderRows();
  }
  function section(title) {
    var s = el('section', 'detail-part');
    s.appendChild(el('h4', null, title));
    return s;
  }
  function pre(text, cls) { return el('pre', cls || null, text); }
  function showDetail(index) {
    selected = index;
    var c = cases[index];
    var box = $('detail');
    box.replaceChildren();
    var head = el('h3', null, (c.cell ? c.cell + ' · ' : '') + c.suite + ' / ' + c.id);
    box.appendChild(head);
    var facts = el('p', 'facts');
    facts.appendChild(el('span', 'badge ' + c.status, c.status));
    if (c.flip) facts.appendChild(el('span', 'flip ' + c.flip, c.flip + ' (baseline: ' + c.was + ')'));
    facts.appendChild(el('span', null, ' pass rate ' + pct(c.passRate) + ' over ' + c.trials.length + ' trial(s) · judge ' +
      (c.score === undefined ? '–' : c.score.toFixed(2)) + ' · tokens ' + c.tokens.input + ' in / ' + c.tokens.output +
      ' out · mean latency ' + Math.round(c.latencyMs) + ' ms · cost ' + money(c.costUsd) + (c.tags.length ? ' · tags ' + c.tags.join(', ') : '')));
    box.appendChild(facts);
    if (c.name) box.appendChild(el('p', null, c.name));
    if (c.skipReason) box.appendChild(el('p', 'skip-reason', c.skipReason));
    if (c.skippedChecks && c.skippedChecks.length) box.appendChild(el('p', 'muted', 'unrun (judge skipped): ' + c.skippedChecks.join(', ')));
    for (var t = 0; t < c.trials.length; t++) box.appendChild(trial(c.trials[t], c.trials[t].status !== 'passed' || c.trials.length === 1));
    box.hidden = false;
    renderRows();
  }
  function trial(tr, open) {
    var wrap = el('details', 'trial');
    wrap.open = open;
    wrap.appendChild(el('summary', 'trial-head ' + tr.status, 'Trial ' + (tr.trial + 1) + ': ' + tr.status + ' · ' +
      tr.tokens.input + '/' + tr.tokens.output + ' tokens · ' + Math.round(tr.latencyMs) + ' ms · ' + money(tr.costUsd) +
      (tr.score === undefined ? '' : ' · judge ' + tr.score.toFixed(2))));
    if (tr.violations.length) {
      var vs = section('Violations');
      var ul = el('ul', 'violations');
      for (var i = 0; i < tr.violations.length; i++) {
        var v = tr.violations[i];
        ul.appendChild(el('li', v.severity, v.severity + ' · ' + v.check + ': ' + v.message));
      }
      vs.appendChild(ul);
      wrap.appendChild(vs);
    }
    var rs = section('Response');
    rs.appendChild(pre(tr.response === '' ? '(empty)' : tr.response, 'response'));
    wrap.appendChild(rs);
    if (tr.score !== undefined || tr.judgeReason !== undefined) {
      var js = section('Judge');
      js.appendChild(el('p', null, 'score ' + (tr.score === undefined ? '–' : tr.score.toFixed(2)) + (tr.judgeReason ? ': ' + tr.judgeReason : '')));
      wrap.appendChild(js);
    }
    var ts = section('Tool calls (' + tr.toolsCalled.length + ')');
    for (var k = 0; k < tr.toolsCalled.length; k++) {
      var call = tr.toolsCalled[k];
      ts.appendChild(pre(call.name + ' ' + JSON.stringify(call.arguments, null, 2), 'tool'));
    }
    wrap.appendChild(ts);
    if (tr.trajectory && tr.trajectory.length) {
      var tj = section('Trajectory (' + tr.trajectory.length + ' model calls)');
      var ol = el('ol', 'trajectory');
      for (var s = 0; s < tr.trajectory.length; s++) {
        var step = tr.trajectory[s];
        var li = el('li');
        li.appendChild(el('div', 'step-text', step.text || '(no text)'));
        for (var q = 0; q < step.toolCalls.length; q++) {
          var sc = step.toolCalls[q];
          li.appendChild(pre('→ ' + sc.name + ' ' + JSON.stringify(sc.arguments) + (sc.error ? '  ✗ ' + sc.error : ''), 'tool'));
        }
        if (step.finishReason) li.appendChild(el('div', 'finish', 'finish: ' + step.finishReason));
        ol.appendChild(li);
      }
      tj.appendChild(ol);
      wrap.appendChild(tj);
    }
    return wrap;
  }
  function renderFlipped() {
    var list = $('flipped-list');
    if (!list) return;
    var shown = 0;
    var total = 0;
    var frag = document.createDocumentFragment();
    for (var i = 0; i < cases.length; i++) {
      var c = cases[i];
      if (!c.flip) continue;
      total++;
      if (shown >= 200) continue;
      shown++;
      var li = el('li', 'flipped ' + c.flip);
      var b = el('button', 'link', (c.flip === 'regressed' ? '▼ ' : '▲ ') + (c.cell ? c.cell + ' · ' : '') + c.suite + ' / ' + c.id + ': ' + c.was + ' → ' + c.status);
      b.setAttribute('data-index', String(i));
      li.appendChild(b);
      frag.appendChild(li);
    }
    list.appendChild(frag);
    if (total > shown) $('flipped-more').textContent = '… and ' + (total - shown) + ' more: use the "Flipped" filter below.';
  }
  var buttons = document.querySelectorAll('[data-status]');
  for (var b = 0; b < buttons.length; b++) {
    buttons[b].addEventListener('click', function (event) {
      state.status = event.currentTarget.getAttribute('data-status');
      for (var j = 0; j < buttons.length; j++) buttons[j].setAttribute('aria-pressed', String(buttons[j] === event.currentTarget));
      applyFilters();
    });
  }
  var cellSelect = $('cell-filter');
  if (cellSelect) cellSelect.addEventListener('change', function () { state.cell = cellSelect.value; applyFilters(); });
  var timer;
  $('search').addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.query = $('search').value.trim().toLowerCase(); applyFilters(); }, 120);
  });
  var ticking = false;
  viewport.addEventListener('scroll', function () {
    if (ticking) return;
    ticking = true;
    requestAnimationFrame(function () { ticking = false; renderRows(); });
  });
  spacer.addEventListener('click', function (event) {
    var target = event.target.closest('.row');
    if (target) showDetail(Number(target.getAttribute('data-index')));
  });
  var flippedList = $('flipped-list');
  if (flippedList) flippedList.addEventListener('click', function (event) {
    var target = event.target.closest('button');
    if (target) { showDetail(Number(target.getAttribute('data-index'))); $('detail').scrollIntoView(); }
  });
  renderFlipped();
  applyFilters();
  document.body.setAttribute('data-ready', 'true');
})();
`;
