/// The page `tract serve` shows: the pages of the leaflet chosen with the switcher, the
/// diagnostics of the last render, and a link to the PDF. It asks `/state` for what there is,
/// and asks again each time `/events` says a render ended. A new page image replaces the old one
/// once it has loaded, so the page never flashes white.
let previewPage = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tract serve</title>
<style>
  :root { --ink: #1c1c1c; --muted: #6b6b6b; --line: #d9d6d0; --paper: #ecebe7; --red: #b3121b; --amber: #8a5a00; }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; color: var(--ink); background: var(--paper); }
  header { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: center;
           padding: .6rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
  header h1 { margin: 0; font-size: 1rem; letter-spacing: .04em; }
  header label { display: flex; gap: .4rem; align-items: center; color: var(--muted); }
  select { font: inherit; padding: .15rem .3rem; }
  #pdf { font-weight: 600; color: var(--red); }
  #status { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
  #status.offline { color: var(--red); }
  #diagnostics { list-style: none; margin: 0; padding: 0; }
  #diagnostics li { margin: .6rem 1rem 0; padding: .5rem .8rem; background: #fff; border-left: 4px solid var(--amber); white-space: pre-wrap; }
  #diagnostics li.error { border-color: var(--red); }
  #diagnostics code { font: 13px/1.4 ui-monospace, monospace; }
  #diagnostics .hint { color: var(--muted); }
  #pages { display: flex; flex-wrap: wrap; gap: 1.5rem; justify-content: center; padding: 1.5rem 1rem 3rem; }
  #pages img { display: block; max-width: min(100%, 900px); height: auto; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
  #empty { padding: 3rem; text-align: center; color: var(--muted); }
</style>
</head>
<body>
<header>
  <h1>tract</h1>
  <label>Language <select id="language"></select></label>
  <label>Layout <select id="layout"></select></label>
  <label id="rows" hidden>Row <select id="row"></select></label>
  <a id="pdf" href="#" hidden>PDF</a>
  <span id="status">connecting…</span>
</header>
<ul id="diagnostics"></ul>
<main id="pages"><p id="empty">Rendering…</p></main>
<script>
"use strict";
let state = null;
const $ = id => document.getElementById(id);
const unique = values => [...new Set(values)];

function chosen() {
  const [language, layout, row] = decodeURIComponent(location.hash.slice(1)).split("/");
  const leaflets = state.leaflets;
  const same = (l, keys) => keys.every(([key, value]) => value === undefined || l[key] === value);
  for (const keys of [[["language", language], ["layout", layout], ["row", row]], [["language", language], ["row", row]],
                      [["language", language], ["layout", layout]], [["language", language]], [["layout", layout]]]) {
    const index = leaflets.findIndex(l => same(l, keys));
    if (index >= 0) return index;
  }
  return 0;
}

function fill(select, values, current) {
  if (select.dataset.values !== values.join("\\n")) {
    select.replaceChildren(...values.map(v => new Option(v, v)));
    select.dataset.values = values.join("\\n");
  }
  select.value = current;
  select.disabled = values.length < 2;
}

function choose() {
  const parts = [$("language").value, $("layout").value].concat($("rows").hidden ? [] : [$("row").value]);
  location.hash = parts.map(encodeURIComponent).join("/");
}

function showDiagnostics() {
  $("diagnostics").replaceChildren(...state.diagnostics.map(d => {
    const item = document.createElement("li");
    item.className = d.severity;
    const head = document.createElement("code");
    head.textContent = (d.location ? d.location + ": " : "") + d.severity + ": " + d.message;
    item.append(head);
    for (const hint of d.hints) {
      const line = document.createElement("div");
      line.className = "hint";
      line.textContent = "hint: " + hint;
      item.append(line);
    }
    return item;
  }));
}

function showPages() {
  const main = $("pages");
  if (state.leaflets.length === 0) {
    main.replaceChildren(Object.assign(document.createElement("p"), { id: "empty", textContent: "Nothing rendered yet: see the messages above." }));
    return;
  }
  const index = chosen();
  const leaflet = state.leaflets[index];
  fill($("language"), unique(state.leaflets.map(l => l.language)), leaflet.language);
  fill($("layout"), unique(state.leaflets.filter(l => l.language === leaflet.language).map(l => l.layout)), leaflet.layout);
  const rows = unique(state.leaflets.filter(l => l.row && l.language === leaflet.language && l.layout === leaflet.layout).map(l => l.row));
  $("rows").hidden = rows.length === 0;
  if (rows.length) fill($("row"), rows, leaflet.row);
  $("pdf").hidden = !leaflet.pdf;
  if (leaflet.pdf) $("pdf").href = leaflet.pdf;
  const generation = state.generation;
  const sources = Array.from({ length: leaflet.pages }, (_, page) => `/page/${index}/${page + 1}.png?g=${generation}`);
  document.title = `${leaflet.language} · ${leaflet.layout}${leaflet.row ? " · " + leaflet.row : ""} — tract serve`;
  Promise.all(sources.map(src => new Promise(resolve => {
    const image = new Image();
    image.alt = `${leaflet.language}, ${leaflet.layout}: page`;
    image.onload = image.onerror = () => resolve(image);
    image.src = src;
  }))).then(images => {
    if (state.generation !== generation || chosen() !== index) return;
    images.forEach((image, page) => { image.alt += ` ${page + 1}`; image.dataset.generation = generation; });
    main.replaceChildren(...(images.length ? images : [Object.assign(document.createElement("p"), { id: "empty", textContent: "No pages: see the messages above." })]));
    main.dataset.generation = generation;
  });
}

async function refresh() {
  const response = await fetch("/state", { cache: "no-store" });
  state = await response.json();
  $("status").textContent = state.summary;
  showDiagnostics();
  showPages();
}

function connect() {
  const socket = new WebSocket(`ws://${location.host}/events`);
  socket.onopen = () => { $("status").classList.remove("offline"); refresh(); };
  socket.onmessage = () => refresh();
  socket.onclose = () => {
    $("status").classList.add("offline");
    $("status").textContent = "not connected to tract serve: retrying";
    setTimeout(connect, 1000);
  };
}

$("language").onchange = choose;
$("layout").onchange = choose;
$("row").onchange = choose;
window.onhashchange = () => state && showPages();
connect();
</script>
</body>
</html>
"""
