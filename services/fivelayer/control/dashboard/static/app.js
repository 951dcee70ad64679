// The workshop dashboard: plain JavaScript, no build step, everything from /dashboard/ on control.
// Figures come from /dashboard/api/layers; the timeline arrives as Server-Sent Events, each one
// flashing the box of its layer and landing in the ticker, so a mint visibly runs down the layers.
"use strict";

const API = "/dashboard/api";
const $ = (sel, root = document) => root.querySelector(sel);
const byId = (id) => $(`[data-testid="${id}"]`);
const FONT = getComputedStyle(document.documentElement).getPropertyValue("--sans").trim() || "sans-serif";
const PLAY_MS = 260;         // between two events played down the pipeline
const REFRESH_MS = 500;      // figures refresh this long after the last event
const TICKER_MAX = 80;
const TOKEN_COLORS = ["#1d4ed8", "#7c3aed", "#db2777", "#0891b2", "#ca8a04", "#4b5563"];

const state = { lastId: 0, queue: [], source: null, refreshTimer: null, playing: null, layers: null,
                drillRun: null, pollTimer: null, kinds: [], users: [] };

// --- helpers ------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k === "testid") node.dataset.testid = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, options = {}) {
  const init = { headers: { "accept": "application/json" }, ...options };
  if (options.body !== undefined) {
    init.method = options.method || "POST";
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch(API + path, init);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.detail || `${response.status} ${response.statusText}`);
    error.problem = data;
    throw error;
  }
  return data;
}

function problemText(error) {
  const p = error.problem || {};
  return p.reason ? `[${p.reason}] ${p.detail}` : String(error.message || error);
}

let toastTimer = null;
function toast(text, kind = "error") {
  const node = byId("toast");
  node.textContent = text;
  node.className = `toast ${kind}`;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 8000);
}

function slug(text) { return String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }
function usd(text) {
  const n = Number(text);
  return Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : text;
}
function shortTime(iso) { return iso ? iso.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, "Z") : ""; }

// --- the pipeline -------------------------------------------------------------------------

function renderBox(box) {
  const slot = $(`[data-slot="${box.id}"]`);
  if (!slot) return;
  let node = slot.querySelector(".box");
  const previous = node ? node.querySelector(".last-event").textContent : "";
  const flashes = node ? node.dataset.flashCount : "0";
  const lastType = node ? node.dataset.lastEvent : "";
  const figures = box.figures.map((f) =>
    el("div", { class: `fig ${f.tone || ""}` },
      el("span", { class: "v", testid: `fig-${box.id}-${f.key}`, "data-value": f.raw, text: f.value }),
      el("span", { class: "l", text: f.label })));
  // a box's table, and (the issuer's money leg) a second one under it: cells `cell-<box>-<row>-<col>` in both
  const grid = (t, testid) => t && t.rows.length ? el("table", { testid },
    el("thead", {}, el("tr", {}, el("th", { text: "" }), t.columns.map((c) => el("th", { text: c.label })))),
    el("tbody", {}, t.rows.map((row) => el("tr", { "data-row": row.key },
      el("td", { text: row.key }),
      t.columns.map((c) => el("td", { testid: `cell-${box.id}-${row.key}-${c.key}`, "data-value": (row.raw || {})[c.key],
                                      text: row.cells[c.key] ?? "" })))))) : null;
  const table = grid(box.table, `table-${box.id}`);
  const second = grid(box.table2, `table-${box.id}-2`);
  const fresh = el("div", { class: `box${box.unavailable ? " unavailable" : ""}`, testid: `box-${box.id}`,
                            "data-box": box.id, "data-route": box.route, "data-flash-count": flashes || "0",
                            "data-last-event": lastType || "" },
    el("div", { class: "box-head" },
      el("span", { class: "box-title", text: box.title }),
      box.service ? el("span", { class: `books ${slug(box.books)}`, testid: `books-${box.id}`,
                                 title: `${box.service}'s books`, text: `books ${box.books}` }) : null),
    el("div", { class: "box-role", text: box.role }),
    el("div", { class: "figures" }, figures),
    table,
    second,
    box.unavailable ? el("div", { class: "why", testid: `unavailable-${box.id}`, text: box.unavailable }) : null,
    el("div", { class: "last-event", text: previous }));
  if (node) node.replaceWith(fresh); else slot.append(fresh);
}

async function refreshLayers() {
  try {
    const data = await api("/layers");
    state.layers = data;
    for (const box of Object.values(data.boxes)) renderBox(box);
    renderClock(data.clock);
    const errors = Object.entries(data.errors || {});
    byId("layer-errors").textContent = errors.length
      ? "Not answering: " + errors.map(([s, why]) => `${s} ${why}`).join("; ") : "";
    byId("pipeline").dataset.refreshedAt = data.at;
    byId("pipeline").dataset.refreshes = String(Number(byId("pipeline").dataset.refreshes || 0) + 1);
    fillTokens(data);
  } catch (error) {
    byId("layer-errors").textContent = `The figures did not load: ${problemText(error)}`;
  }
}

function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(() => { refreshLayers(); }, REFRESH_MS);
}

function flash(boxId, event) {
  const node = $(`[data-box="${boxId}"]`);
  if (!node) return;
  node.classList.remove("flash");
  void node.offsetWidth;  // restart the animation
  node.classList.add("flash");
  node.dataset.flashCount = String(Number(node.dataset.flashCount || 0) + 1);
  node.dataset.lastEvent = event.type;
  const last = node.querySelector(".last-event");
  if (last) last.textContent = `${event.type} ${shortTime(event.at)}`;
}

function addTicker(event) {
  const list = byId("ticker");
  const item = el("li", { class: "new", testid: "ticker-item", "data-id": event.id, "data-service": event.service,
                          "data-type": event.type },
    el("span", { class: "t", text: shortTime(event.at).slice(11) }),
    el("span", { class: "svc", text: event.service }),
    el("span", { text: event.summary }));
  list.prepend(item);
  while (list.children.length > TICKER_MAX) list.lastElementChild.remove();
  byId("ticker-count").textContent = String(Number(byId("ticker-count").textContent) + 1);
}

// Events of one burst are played in the order a mint runs down the layers (sandbox time, then
// exchange, issuer, chain, broker, depository), a beat apart, so the room can follow them.
function play() {
  if (!state.queue.length) { state.playing = null; return; }
  const burst = state.queue.length > 30 ? Math.ceil(state.queue.length / 15) : 1;  // catch up on a long advance
  for (const event of state.queue.splice(0, burst)) {
    for (const box of event.boxes) flash(box, event);
    addTicker(event);
    onEvent(event);
  }
  state.playing = setTimeout(play, PLAY_MS);
}

function enqueue(event) {
  state.queue.push(event);
  state.queue.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.stage - b.stage || a.id - b.id));
  if (!state.playing) state.playing = setTimeout(play, 0);
}

function onEvent(event) {
  scheduleRefresh();
  if (event.service === "control" && event.type.startsWith("fault.")) refreshFaults();
  if (event.type === "user.created") refreshUsers();
  if (event.type === "clock.advanced" || event.type.startsWith("trade.") || event.type === "settlement.completed") {
    refreshCalendar();
  }
}

function connect() {
  if (state.source) state.source.close();
  const url = `${API}/events` + (state.lastId ? `?after=${state.lastId}` : "");
  const source = new EventSource(url);
  state.source = source;
  const status = byId("stream-status");
  source.onopen = () => { status.dataset.state = "live"; status.textContent = "live"; };
  source.addEventListener("timeline", (message) => {
    const event = JSON.parse(message.data);
    if (event.id <= state.lastId) return;
    state.lastId = event.id;
    status.dataset.lastId = String(event.id);
    enqueue(event);
  });
  source.addEventListener("end", () => { source.close(); connect(); });  // the stream's 10 minutes are up
  source.onerror = () => {
    status.dataset.state = "reconnecting";
    status.textContent = "reconnecting";
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
  };
}

// --- the clock ----------------------------------------------------------------------------

function renderClock(clock) {
  if (!clock) return;
  byId("clock-et").textContent = clock.now_et;
  byId("clock-now").textContent = clock.now;
  const market = byId("clock-market");
  market.textContent = clock.market_open ? "NYSE open" : "NYSE closed";
  market.className = `pill ${clock.market_open ? "open" : "closed"}`;
  byId("clock-session").textContent = `session ${clock.session}`;
  byId("clock-mode").textContent = `${clock.mode.toLowerCase()} x${clock.speed}`;
  for (const button of document.querySelectorAll("[data-to]")) {
    const at = clock.targets[button.dataset.to];
    button.title = at ? `to ${at}` : "";
    button.dataset.target = at || "";
  }
}

async function refreshClock() {
  try { renderClock(await api("/clock")); } catch (error) { toast(problemText(error)); }
}

async function advance(to, button) {
  const buttons = document.querySelectorAll("[data-to]");
  buttons.forEach((b) => { b.disabled = true; });
  const result = byId("advance-result");
  result.textContent = `moving the clock to ${button.dataset.target || to}...`;
  try {
    const data = await api("/clock/advance", { body: { to } });
    const runs = data.advance.runs || [];
    result.textContent = `${shortTime(data.advance.from)} -> ${shortTime(data.advance.to)}: ${runs.length} jobs ran` +
      (runs.length ? ` (${runs.slice(-3).map((r) => `${r.service} ${r.job}`).join(", ")})` : "");
    result.dataset.to = data.advance.to;
    renderClock(data.clock);
    refreshCalendar();
    scheduleRefresh();
  } catch (error) {
    result.textContent = "";
    toast(problemText(error));
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

// --- the week -----------------------------------------------------------------------------

async function refreshCalendar() {
  let data;
  try { data = await api("/calendar"); } catch (error) { return toast(problemText(error)); }
  const body = $("tbody", byId("calendar-table"));
  body.replaceChildren(...data.days.map((day) => {
    const badges = [
      day.today ? el("span", { class: "badge today", text: "today" }) : null,
      day.early_close ? el("span", { class: "badge early", testid: "badge-early-close", text: "early close" }) : null,
      day.nyse_holiday ? el("span", { class: "badge holiday", testid: "badge-nyse-holiday", text: "NYSE holiday" }) : null,
      day.bank_holiday ? el("span", { class: "badge bank", testid: "badge-bank-holiday", text: "bank holiday" }) : null,
    ];
    const session = day.session ? `${day.open}-${day.close} ET` : day.nyse_holiday ? "closed" : "weekend";
    const settles = day.settlement_day
      ? el("span", { class: "badge settle", testid: "badge-settlement", text: `settles ${day.settlement_run}` })
      : el("span", { class: "muted", text: "no settlement" });
    const trades = day.settles.length
      ? day.settles.map((t) => el("span", { class: "trade", testid: "calendar-trade", "data-trade": t.trade_id,
                                            text: `${t.trade_id} ${t.buyer}<-${t.seller} ${t.quantity} ${t.symbol} (traded ${t.trade_date})` }))
      : el("span", { class: "muted", text: "—" });
    return el("tr", { testid: "calendar-day", "data-date": day.date,
                      class: `${day.today ? "today" : ""} ${day.session ? "" : "closed"}` },
      el("td", {}, el("strong", { text: `${day.weekday} ${day.date}` }), " ", badges),
      el("td", { text: session }), el("td", {}, settles), el("td", {}, trades));
  }));
  byId("calendar-table").dataset.unsettled = String(data.unsettled);
  byId("calendar-outside").textContent = data.outside.length
    ? `Also unsettled, due outside these days: ${data.outside.map((t) => `${t.trade_id} on ${t.settlement_date} (${t.status})`).join(", ")}`
    : "";
}

// --- drills -------------------------------------------------------------------------------

async function loadDrills() {
  let data;
  try { data = await api("/drills"); } catch (error) { return toast(problemText(error)); }
  byId("drill-list").replaceChildren(...data.drills.map((d) =>
    el("div", { class: "drill", testid: `drill-${d.name}` },
      el("h3", { text: d.name }), el("p", { text: `${d.title}: ${d.summary}` }),
      el("button", { testid: `btn-run-drill-${d.name}`, "data-drill": d.name, onclick: () => runDrill(d.name),
                     text: "Run drill" }))));
  const runs = data.runs || [];
  const running = runs.find((r) => r.state === "running");
  const last = running || runs[runs.length - 1];
  if (last) pollDrill(last.run_id);
}

function setDrillButtons(disabled) {
  document.querySelectorAll("[data-drill]").forEach((b) => { b.disabled = disabled; });
}

async function runDrill(name) {
  const seed = Number(byId("drill-seed").value || "1");
  const status = byId("drill-status");
  status.dataset.state = "starting";  // at once, so nobody reads the last run's "done" as this one's
  status.dataset.drill = name;
  status.textContent = `starting ${name}...`;
  try {
    const run = await api("/drills/run", { body: { name, seed: Number.isInteger(seed) ? seed : 1 } });
    pollDrill(run.run_id);
  } catch (error) { toast(problemText(error)); }
}

async function pollDrill(runId) {
  clearTimeout(state.pollTimer);
  let run;
  try { run = await api(`/drills/runs/${runId}`); } catch (error) { return toast(problemText(error)); }
  const status = byId("drill-status");
  status.dataset.state = run.state;
  status.dataset.runId = run.run_id;
  status.dataset.drill = run.name;
  status.className = `drill-status ${run.state}`;
  if (run.state === "running") {
    setDrillButtons(true);
    status.textContent = `${run.name} (seed ${run.seed}) running in a scratch sandbox: ${Math.round(run.elapsed_seconds)} s`;
    state.pollTimer = setTimeout(() => pollDrill(runId), 2000);
    return;
  }
  setDrillButtons(false);
  if (run.state === "failed") {
    status.textContent = `${run.name} failed: ${run.error ? `[${run.error.reason}] ${run.error.detail}` : "unknown"}`;
    return;
  }
  status.textContent = `${run.name} (seed ${run.seed}) done in ${Math.round(run.elapsed_seconds)} s: ` +
    (run.ok ? "every invariant held" : `${run.breaches.length} invariant breaches (a sandbox bug)`);
  if (state.drillRun !== run.run_id) renderReport(run);
  state.drillRun = run.run_id;
}

function findings(value) {
  if (Array.isArray(value)) {
    return el("ul", {}, value.map((item) => {
      if (!item || typeof item !== "object") return el("li", { text: String(item) });
      const nested = Object.values(item).some((v) => v && typeof v === "object");
      return el("li", {}, nested ? findings(item) : Object.entries(item).map(([k, v]) => `${k}: ${v}`).join(", "));
    }));
  }
  if (value && typeof value === "object") {
    return el("ul", {}, Object.entries(value).map(([k, v]) => el("li", {}, el("strong", { text: `${k}: ` }),
      v && typeof v === "object" ? findings(v) : String(v))));
  }
  return el("span", { text: String(value) });
}

function gridTable(node, rows, columns) {
  node.replaceChildren(
    el("thead", {}, el("tr", {}, columns.map((c) => el("th", { text: c })))),
    el("tbody", {}, rows.map((r) => el("tr", {}, columns.map((c) => el("td", { text: r[c] ?? "" }))))));
}

const PLOT_LAYOUT = { font: { family: FONT, size: 17 }, margin: { l: 70, r: 20, t: 20, b: 60 },
                      paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", legend: { orientation: "h", y: -0.2 } };
const PLOT_CONFIG = { displayModeBar: false, responsive: true };

function plot(testid, data, layout) {
  const node = byId(testid);
  node.replaceChildren();
  node.dataset.rendered = "false";
  if (!window.Plotly) { node.append(el("div", { class: "none", text: "plotly.js did not load" })); return; }
  return window.Plotly.newPlot(node, data, { ...PLOT_LAYOUT, ...layout }, PLOT_CONFIG)
    .then(() => { node.dataset.rendered = "true"; node.dataset.traces = String(data.length); });
}

function renderPlots(plots) {
  const unbacked = plots.unbacked;
  plot("plot-unbacked", unbacked.series.map((s, i) => ({
    x: unbacked.at, y: s.unbacked_value.map(Number), name: s.token, type: "scatter", mode: "lines+markers",
    line: { width: 4, color: TOKEN_COLORS[i % TOKEN_COLORS.length] }, marker: { size: 10 },
    customdata: s.unbacked_shares, hovertemplate: "%{x}<br>$%{y:,.2f} (%{customdata} shares)<extra>" + s.token + "</extra>",
  })), { yaxis: { title: { text: "unbacked $" }, rangemode: "tozero" } });
  const refusals = plots.refusals;
  const refusalsNode = byId("plot-refusals");
  if (refusals.reasons.length) {
    plot("plot-refusals", [{ type: "bar", orientation: "h", y: refusals.reasons, x: refusals.counts,
      marker: { color: "#b91c1c" }, text: refusals.counts.map(String), textposition: "auto" }],
      { yaxis: { automargin: true, autorange: "reversed" }, xaxis: { title: { text: "refusals" }, dtick: 1 } });
  } else {
    refusalsNode.replaceChildren(el("div", { class: "none", text: "no refusals" }));
    refusalsNode.dataset.rendered = "true";
  }
  const recovery = plots.recovery;
  const recoveryNode = byId("plot-recovery");
  if (recovery && recovery.holders.length) {
    const h = recovery.holders;
    plot("plot-recovery", [{ type: "bar", orientation: "h", y: h.map((r) => r.holder), x: h.map((r) => Number(r.percent)),
      marker: { color: h.map((r) => (r.route === "traditional" ? "#047857" : "#b45309")) },
      text: h.map((r) => `${r.percent}%: $${usd(r.recovery_usd)} of $${usd(r.claim_usd)}`),
      textposition: "inside", insidetextanchor: "start", textfont: { color: "#ffffff", size: 15 },
      hovertemplate: "%{y}: %{x}%<extra></extra>" }],
      { xaxis: { title: { text: "% of the claim recovered" }, range: [0, 100] },
        yaxis: { automargin: true, autorange: "reversed" }, margin: { l: 10, r: 20, t: 10, b: 60 } });
  } else {
    recoveryNode.replaceChildren(el("div", { class: "none", text: "no insolvency in this drill: nothing to recover" }));
    recoveryNode.dataset.rendered = "true";
  }
}

function renderReport(run) {
  const report = run.report || {};
  const node = byId("drill-report");
  node.hidden = false;
  node.dataset.drill = run.name;
  byId("drill-report-title").textContent = `${report.drill} — ${report.title} (seed ${report.seed})`;
  byId("drill-report-fault").textContent = report.fault ? `The fault, at ${report.fault.at}: ${report.fault.what}` : "";
  // long findings (each holder's rights trace) fold away, so the room sees the short ones first
  byId("drill-findings").replaceChildren(...Object.entries(report.findings || {}).map(([key, value]) =>
    JSON.stringify(value).length > 1500
      ? el("details", { "data-finding": key }, el("summary", { text: key }), findings(value))
      : el("div", { "data-finding": key }, findings({ [key]: value }))));
  gridTable(byId("drill-holdings"), report.holdings || [], ["holder", "where", "asset", "quantity"]);
  gridTable(byId("drill-steps"), report.steps || [], ["at", "actor", "action", "result", "detail"]);
  const bugs = report.bugs || [];
  byId("drill-invariants").replaceChildren(bugs.length
    ? el("ul", {}, bugs.map((b) => el("li", { class: "why", text: `BUG: ${b}` })))
    : el("span", { text: `Nothing: every invariant held (${Object.keys(report.invariants || {}).join(", ")}).` }));
  byId("drill-markdown").textContent = run.markdown || "";
  renderPlots(run.plots);
}

// --- faults -------------------------------------------------------------------------------

async function refreshFaults() {
  let data;
  const all = byId("faults-show-all").checked;
  try { data = await api(`/faults${all ? "?all=true" : ""}`); } catch (error) { return toast(problemText(error)); }
  if (!state.kinds.length && data.kinds) {
    state.kinds = data.kinds;
    byId("fault-kind").replaceChildren(...data.kinds.map((k) => el("option", { value: k, text: k })));
  }
  const body = $("tbody", byId("faults-table"));
  const faults = data.faults || [];
  body.replaceChildren(...(faults.length ? faults.map((f) => el("tr", { testid: "fault-row", "data-fault-id": f.fault_id,
                                                                         "data-kind": f.kind, "data-state": f.state },
    el("td", { text: f.fault_id }), el("td", {}, el("strong", { text: f.kind })), el("td", { text: f.state }),
    el("td", { text: f.description }), el("td", { text: f.until ? shortTime(f.until) : "cleared by hand" }),
    el("td", { text: f.hits }),
    el("td", {}, (f.state === "active" || f.state === "scheduled") && f.kind !== "insolvency"
      ? el("button", { testid: `btn-clear-fault-${f.fault_id}`, onclick: () => clearFault({ fault_id: f.fault_id }),
                       text: "Clear" }) : null)))
    : [el("tr", {}, el("td", { colspan: "7", class: "muted", text: "no faults in force" }))]));
}

async function clearFault(body) {
  try {
    const data = await api("/faults/clear", { body });
    toast(`cleared ${(data.faults || []).map((f) => f.fault_id).join(", ") || "nothing"}`, "info");
  } catch (error) { toast(problemText(error)); }
  refreshFaults();
}

const NUMBER_FIELDS = new Set(["latency_ms", "http_status", "limit", "window_seconds"]);
const NETWORK_FIELDS = new Set(["from_service", "face", "method", "rate", "latency_ms", "grpc_code", "http_status",
                                "limit", "window_seconds"]);

async function injectFault(form) {
  const body = {};
  const network = {};
  for (const [name, raw] of new FormData(form).entries()) {
    const value = String(raw).trim();
    if (!value) continue;
    const parsed = NUMBER_FIELDS.has(name) ? Number(value) : value;
    if (NETWORK_FIELDS.has(name)) network[name] = parsed; else body[name] = parsed;
  }
  if (Object.keys(network).length) body.network = network;
  const result = byId("fault-result");
  try {
    const fault = await api("/faults", { body });
    result.className = "result";
    result.textContent = `${fault.fault_id} ${fault.kind} ${fault.state}: ${fault.description}`;
  } catch (error) {
    result.className = "result error";
    result.textContent = problemText(error);
  }
  refreshFaults();
}

// --- rights and users ---------------------------------------------------------------------

async function refreshUsers() {
  let data;
  try { data = await api("/users"); } catch (error) { return; }
  state.users = data.users || [];
  const options = () => state.users.map((u) => el("option", { value: u.user_id, text: `${u.name} (${u.user_id})` }));
  const buyUser = byId("buy-user");
  const rightsUser = byId("rights-holder-select");
  const keepBuy = buyUser.value;
  const keepRights = rightsUser.value;
  buyUser.replaceChildren(...options());
  rightsUser.replaceChildren(el("option", { value: "", text: "pick a holder" }), ...options());
  if (keepBuy) buyUser.value = keepBuy;
  if (keepRights) rightsUser.value = keepRights;
}

function fillTokens(layers) {
  const select = byId("buy-token");
  const tokens = (layers.boxes.issuer.table.rows || []).map((r) => r.key);
  if (select.options.length === tokens.length) return;
  select.replaceChildren(...tokens.map((t) => el("option", { value: t, text: t })));
}

const LAYERS = ["depository", "broker", "issuer SPV", "chain", "exchange"];
// A right's status as the trace names it (statuses.proto RightStatus) and as the page words it (its badge class).
const RIGHT_WORDS = { RIGHT_STATUS_KEPT: "kept", RIGHT_STATUS_TRANSFORMED: "transformed", RIGHT_STATUS_LOST: "lost" };
const rightWord = (name) => RIGHT_WORDS[name] || name;

async function traceRights(holder) {
  const out = byId("rights-result");
  if (!holder) return toast("pick a holder, or type a chain address");
  out.dataset.holder = holder;
  out.replaceChildren(el("p", { class: "muted", text: `tracing ${holder}...` }));
  let data;
  try { data = await api(`/rights?holder=${encodeURIComponent(holder)}`); } catch (error) {
    out.replaceChildren(el("p", { class: "why", text: problemText(error) }));
    return;
  }
  if (!data.positions.length) {
    out.replaceChildren(el("p", { testid: "rights-empty", text: `${data.holder} (${data.kind}) holds nothing` }));
    return;
  }
  out.replaceChildren(...data.positions.map((p) => {
    const layers = LAYERS.filter((layer) => p.rights.some((r) => r.steps.some((s) => s.layer === layer)));
    return el("div", { class: "position", testid: "rights-position", "data-asset": p.asset, "data-route": p.route },
      el("h3", { text: `${p.quantity} ${p.asset}` },
        el("span", { class: "muted", text: ` ${p.route} route, held in ${p.held_at}` })),
      el("table", { class: "grid" },
        el("thead", {}, el("tr", {}, el("th", { text: "right" }), el("th", { text: "as it reaches the holder" }),
          layers.map((l) => el("th", { text: l })), el("th", { text: "what reached the holder" }))),
        el("tbody", {}, p.rights.map((r) => el("tr", { testid: "rights-row", "data-right": r.right, "data-outcome": rightWord(r.outcome) },
          el("td", {}, el("strong", { text: r.right })),
          el("td", {}, el("span", { class: `badge ${rightWord(r.outcome)}`, testid: "rights-outcome", text: rightWord(r.outcome) })),
          layers.map((layer) => {
            const step = r.steps.find((s) => s.layer === layer);
            return el("td", { class: "step-cell", title: step ? `${step.detail}\n(${step.rule})` : "" },
              step ? el("span", { class: `badge ${rightWord(step.status)}`, testid: "rights-step", "data-layer": layer, text: rightWord(step.status) }) : "—",
              step ? el("div", { text: step.detail }) : null);
          }),
          el("td", { class: "reached", testid: "rights-reached", text: r.reached }))))));
  }));
}

// --- the buy form -------------------------------------------------------------------------

// An exchange order's status (statuses.proto ExchangeOrderStatus) in words: EXCHANGE_ORDER_STATUS_FILLED -> "filled".
const orderWord = (name) => String(name || "").replace(/^EXCHANGE_ORDER_STATUS_/, "").toLowerCase();

async function buy(form) {
  const data = Object.fromEntries(new FormData(form).entries());
  const result = byId("buy-result");
  result.className = "result";
  result.textContent = "minting...";
  try {
    const order = await api("/exchange/buy", { body: { user_id: data.user_id || "", token: data.token || "",
                                                      quantity: String(data.quantity || "").trim() } });
    result.textContent = `${order.order_id} ${orderWord(order.status)}: ${order.quantity} ${order.token} at ${order.price}` +
      (order.issuer_ref ? ` (${order.issuer_ref})` : "");
    result.dataset.orderId = order.order_id;
  } catch (error) {
    result.className = "result error";
    result.textContent = problemText(error);
  }
}

// --- the three routes compared (issue 19) -----------------------------------------------------

const ROUTE_COLORS = { tokenized: "#b45309", traditional: "#047857", perpetual: "#1d4ed8" };
let routesTimer = null;
let routesShown = null;

async function loadRoutes() {
  let data;
  try { data = await api("/routes"); } catch (error) { return toast(problemText(error)); }
  const runs = data.runs || [];
  const last = runs.find((r) => r.state === "running") || runs[runs.length - 1];
  if (last) pollRoutes(last.run_id);
}

async function compareRoutes(form) {
  const status = byId("routes-status");
  const seed = Number(form.seed.value || "1");
  status.dataset.state = "starting";  // at once, so nobody reads the last run's "done" as this one's
  status.textContent = "starting the comparison...";
  try {
    const run = await api("/routes/compare", { body: { amount: form.amount.value.trim(),
      symbol: form.symbol.value.trim(), seed: Number.isInteger(seed) ? seed : 1 } });
    pollRoutes(run.run_id);
  } catch (error) {
    status.dataset.state = "failed";
    status.textContent = problemText(error);
  }
}

async function pollRoutes(runId) {
  clearTimeout(routesTimer);
  let run;
  try { run = await api(`/routes/runs/${runId}`); } catch (error) { return toast(problemText(error)); }
  const status = byId("routes-status");
  status.dataset.state = run.state;
  status.dataset.runId = run.run_id;
  status.className = `drill-status ${run.state}`;
  byId("btn-compare-routes").disabled = run.state === "running";
  if (run.state === "running") {
    status.textContent = `$${run.amount} of ${run.symbol} (seed ${run.seed}) running in a scratch sandbox: ` +
      `${Math.round(run.elapsed_seconds)} s`;
    routesTimer = setTimeout(() => pollRoutes(runId), 2000);
    return;
  }
  if (run.state === "failed") {
    status.textContent = `the comparison failed: ${run.error ? `[${run.error.reason}] ${run.error.detail}` : "unknown"}`;
    return;
  }
  status.textContent = `$${run.amount} of ${run.symbol} (seed ${run.seed}) done in ${Math.round(run.elapsed_seconds)} s`;
  if (routesShown !== run.run_id) renderRoutes(run);
  routesShown = run.run_id;
}

function renderRoutes(run) {
  const report = run.report;
  const node = byId("routes-report");
  node.hidden = false;
  node.dataset.symbol = report.symbol;
  byId("routes-story").textContent = report.span.story;
  const p = run.plot;
  const lines = p.series.filter((s) => s.available);
  plot("plot-routes-value", lines.map((s) => ({
    x: p.at, y: s.values.map(Number), name: `${s.route} (${s.instrument})`, type: "scatter", mode: "lines+markers",
    line: { width: 4, color: ROUTE_COLORS[s.route] }, marker: { size: 10 }, customdata: p.labels,
    hovertemplate: "%{customdata}<br>$%{y:,.2f}<extra>" + s.route + "</extra>",
  })), { yaxis: { title: { text: "holder's value $" } } });
  const rows = report.routes.map((r) => {
    const rec = Object.fromEntries((r.recovers || []).map((x) => [x.insolvency, `${x.percent}%`]));
    return { route: r.route, instrument: r.instrument, holds: r.available ? `$${r.holds.value}` : r.reason,
             "dividend received": `$${r.was_paid.dividend_received}`, "funding received": `$${r.was_paid.funding_received}`,
             "paid (fees, funding, tax)": `$${r.paid.total}`, "issuer fails": rec["issuer-insolvency"] || "",
             "broker fails": rec["broker-insolvency"] || "" };
  });
  gridTable(byId("routes-table"), rows, ["route", "instrument", "holds", "dividend received", "funding received",
                                          "paid (fees, funding, tax)", "issuer fails", "broker fails"]);
  byId("routes-table").querySelectorAll("tbody tr").forEach((tr, i) => {
    tr.dataset.testid = "routes-row";
    tr.dataset.route = report.routes[i].route;
  });
  byId("routes-markdown").textContent = run.markdown || "";
}

// --- start --------------------------------------------------------------------------------

function start() {
  document.querySelectorAll("[data-to]").forEach((button) =>
    button.addEventListener("click", () => advance(button.dataset.to, button)));
  byId("panel-buy").addEventListener("submit", (e) => { e.preventDefault(); buy(e.target); });
  byId("fault-form").addEventListener("submit", (e) => { e.preventDefault(); injectFault(e.target); });
  byId("routes-form").addEventListener("submit", (e) => { e.preventDefault(); compareRoutes(e.target); });
  byId("faults-show-all").addEventListener("change", refreshFaults);
  byId("btn-clear-all-faults").addEventListener("click", () => clearFault({ all: true }));
  byId("rights-form").addEventListener("submit", (e) => {
    e.preventDefault();
    traceRights(byId("rights-holder-input").value.trim() || byId("rights-holder-select").value);
  });
  byId("rights-holder-select").addEventListener("change", (e) => {
    byId("rights-holder-input").value = "";
    if (e.target.value) traceRights(e.target.value);
  });
  refreshLayers();
  refreshCalendar();
  refreshFaults();
  refreshUsers();
  loadDrills();
  loadRoutes();
  connect();
  setInterval(refreshClock, 5000);  // a realtime clock moves between events too
}

document.addEventListener("DOMContentLoaded", start);
