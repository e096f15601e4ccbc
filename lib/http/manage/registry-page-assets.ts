/**
 * The registry page's inline CSS and browser script (registry-page.ts): plain ES2017 in the browser, no
 * framework, no external file. The script renders the instances grouped by service from the embedded
 * initial JSON, then polls `?format=json` every second and re-renders; durations tick every second.
 * Text goes in through textContent only, so nothing from the cluster is ever parsed as HTML.
 */

export const REGISTRY_PAGE_STYLE = `
:root{--alive:#1a7f37;--suspect:#bf8700;--dead:#cf222e;--left:#6e7781;--bg:#f6f8fa;--card:#fff;--text:#1f2328;--muted:#656d76;--line:#d0d7de}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--text:#e6edf3;--muted:#8d96a0;--line:#30363d;--alive:#3fb950;--suspect:#d29922;--dead:#f85149;--left:#8d96a0}}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--text)}
header{padding:16px 20px 4px}h1{font-size:22px;margin:0}h2{font-size:17px;margin:0 0 10px;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.muted{color:var(--muted);font-weight:400}#status{margin:4px 0 0;font-size:13px}#status.stale{color:var(--dead)}
main{padding:8px 20px 24px}section{margin:14px 0 22px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--left);border-radius:8px;padding:10px 12px;min-width:0}
.card.alive{border-left-color:var(--alive)}.card.suspect{border-left-color:var(--suspect)}.card.dead{border-left-color:var(--dead)}.card.left{border-left-color:var(--left);opacity:.75}
.top{display:flex;justify-content:space-between;gap:8px;align-items:center}
.node{font-weight:600;overflow-wrap:anywhere}
.state{font-size:12px;font-weight:600;color:#fff;border-radius:10px;padding:1px 8px;white-space:nowrap;background:var(--left)}
.state.alive{background:var(--alive)}.state.suspect{background:var(--suspect)}.state.dead{background:var(--dead)}
.since{font-size:13px;color:var(--muted);margin:2px 0 6px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0;font-size:13px}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
.links{margin-top:8px;display:flex;gap:14px;font-size:13px}a{color:#0969da}
.count{font-size:13px}.empty{color:var(--muted)}
@media (max-width:480px){header,main{padding-left:10px;padding-right:10px}.grid{grid-template-columns:1fr}}
`;

export const REGISTRY_PAGE_SCRIPT = `(function () {
  'use strict';
  var view = JSON.parse(document.getElementById('initial').textContent);
  var fetchedAt = Date.now();
  var lastOk = Date.now();
  var main = document.getElementById('services');
  var status = document.getElementById('status');
  var LABELS = { alive: 'alive', suspect: 'suspect', dead: 'dead', left: 'left' };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function ago(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return s + ' s';
    var m = Math.floor(s / 60);
    if (m < 60) return m + ' min ' + (s % 60) + ' s';
    var h = Math.floor(m / 60);
    if (h < 48) return h + ' h ' + (m % 60) + ' min';
    return Math.floor(h / 24) + ' days';
  }
  function serverNow() {
    return Date.parse(view.now) + (Date.now() - fetchedAt);
  }
  function link(href, text) {
    var a = el('a', '', text);
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener';
    return a;
  }
  function card(inst, now) {
    var c = el('article', 'card ' + inst.state);
    c.setAttribute('data-node', inst.node);
    c.setAttribute('data-state', inst.state);
    var top = el('div', 'top');
    top.appendChild(el('span', 'node', inst.node));
    top.appendChild(el('span', 'state ' + inst.state, LABELS[inst.state] || inst.state));
    c.appendChild(top);
    c.appendChild(el('div', 'since', (LABELS[inst.state] || inst.state) + ' for ' + ago(now - Date.parse(inst.since))));
    var dl = el('dl');
    [['address', inst.baseUrl], ['weight', String(inst.weight)], ['version', inst.version || '–'], ['runtime', inst.runtime || '–'], ['framework', inst.framework || '–']].forEach(function (kv) {
      dl.appendChild(el('dt', '', kv[0]));
      dl.appendChild(el('dd', '', kv[1]));
    });
    c.appendChild(dl);
    if (inst.state === 'alive' || inst.state === 'suspect') {
      var links = el('div', 'links');
      links.appendChild(link(inst.docsUrl, 'API docs'));
      links.appendChild(link(inst.metricsUrl, 'metrics'));
      c.appendChild(links);
    }
    return c;
  }
  function render() {
    var now = serverNow();
    var byService = {};
    view.instances.forEach(function (i) { (byService[i.service] = byService[i.service] || []).push(i); });
    var names = Object.keys(byService).sort();
    var frag = document.createDocumentFragment();
    if (names.length === 0) frag.appendChild(el('p', 'empty', 'No instances in the cluster.'));
    names.forEach(function (name) {
      var list = byService[name];
      var up = list.filter(function (i) { return i.state === 'alive'; }).length;
      var s = el('section');
      s.setAttribute('data-service', name);
      var h = el('h2', '', name);
      h.appendChild(el('span', 'count muted', up + ' of ' + list.length + ' alive'));
      s.appendChild(h);
      var grid = el('div', 'grid');
      list.forEach(function (i) { grid.appendChild(card(i, now)); });
      s.appendChild(grid);
      frag.appendChild(s);
    });
    main.replaceChildren(frag);
    var stale = Date.now() - lastOk > 5000;
    status.className = stale ? 'muted stale' : 'muted';
    status.textContent = (stale ? 'not updated for ' + ago(Date.now() - lastOk) + ' — is the node down?' : 'live, updated every second') + ' · ' + view.instances.length + ' instances';
  }
  function poll() {
    var url = location.pathname + '?format=json';
    fetch(url, { cache: 'no-store', credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (next) { view = next; fetchedAt = Date.now(); lastOk = Date.now(); render(); })
      .catch(function () { render(); })
      .then(function () { setTimeout(poll, 1000); });
  }
  render();
  setInterval(render, 1000);
  setTimeout(poll, 1000);
})();`;
