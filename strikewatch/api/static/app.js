// The strikewatch map page: events from /api/v1/events on a Leaflet map and in a list,
// one event's evidence, sources and revisions in a panel (panel.js), live updates over
// /api/v1/stream (Server-Sent Events). Labels, colours and text helpers: format.js.
//
// The page is served under a Content-Security-Policy without inline script, so every
// handler is attached here. Text from articles is inserted only with textContent: never
// innerHTML with data. Leaflet (the global L) is a classic deferred script before this
// module in index.html, so it has run by the time this does.

import {
  TYPES, el, escapeHtml, hasPoint, newerFirst, place, radius, toll, swatch, typeColour, typeLabel,
} from "./format.js";
import { panelContent } from "./panel.js";

const API = "api/v1/";
const PAGE_SIZE = 500;
const MAX_EVENTS = 5000; // newest first; a view of more is cut here and says so

const FILTERS = ["country", "type", "since", "until", "min_killed", "perpetrator", "q"];
// Where the API asks for a token, the page is opened as /?token=...; the page hands it
// on to every API call (EventSource cannot send an Authorization header).
const TOKEN = new URLSearchParams(window.location.search).get("token") || "";

const $ = (id) => document.getElementById(id);
const form = $("filters");
const list = $("event-list");
const panel = $("panel");
const panelBody = $("panel-body");
const announcer = $("announcer");

const events = new Map(); // event_id -> newest EVENT record seen
const markers = new Map(); // event_id -> L.CircleMarker
const items = new Map(); // event_id -> <li>
let order = []; // event ids, newest first
let selectedId = null;
let openerId = null; // the list item that opened the panel, focused again on close
let generation = 0; // bumps on each reload; late answers of an older view are dropped
let loading = false;
let pending = []; // stream messages that arrived while the list was loading
let truncated = false;
let stream = null;
let lastSeq = ""; // id of the last stream message, to resume from after a refusal
let streamState = "connecting";
let retryTimer = null;
let retryDelay = 2000;
let detailRequest = 0;

// ---- the API ------------------------------------------------------------------

function withToken(path) {
  if (!TOKEN) return path;
  return `${path}${path.includes("?") ? "&" : "?"}token=${encodeURIComponent(TOKEN)}`;
}

async function getJSON(path) {
  let response;
  try {
    response = await fetch(withToken(path), { headers: { Accept: "application/json" } });
  } catch (_) {
    throw new Error("the server could not be reached (is it still running?)");
  }
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    body = null;
  }
  if (!response.ok) {
    const reason = body && body.error ? body.error : `the server answered ${response.status} ${response.statusText}`;
    const failure = new Error(reason);
    failure.status = response.status;
    throw failure;
  }
  return body;
}

// ---- filters and the URL -------------------------------------------------------

function filterParams() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

function formFromURL() {
  const params = new URLSearchParams(window.location.search);
  for (const name of FILTERS) form.elements[name].value = params.get(name) || "";
}

function fillTypes() {
  const select = $("f-type");
  for (const [value, label] of TYPES) {
    const option = el("option", null, label);
    option.value = value;
    select.appendChild(option);
  }
}

function fillLegend() {
  const legend = $("legend");
  legend.appendChild(el("p", "legend-title", "Colour: event type"));
  const ul = el("ul");
  for (const [type, label] of TYPES) {
    const li = el("li");
    li.appendChild(swatch(type));
    li.appendChild(document.createTextNode(label));
    ul.appendChild(li);
  }
  legend.appendChild(ul);
  legend.appendChild(el("p", "legend-note", "Marker size: people killed and injured"));
}

// ---- the map -------------------------------------------------------------------

const map = L.map("map", { worldCopyJump: true, minZoom: 1, zoomSnap: 0.5 }).setView([28, 30], 2);
map.attributionControl.setPrefix('<a href="https://leafletjs.com" rel="noopener noreferrer">Leaflet</a>');
const outlines = L.geoJSON(null, {
  interactive: false,
  style: { color: "#7d8797", weight: 0.6, fillColor: "#f2f0ea", fillOpacity: 1 },
}).addTo(map);
const markerLayer = L.featureGroup().addTo(map);

async function loadBase() {
  try {
    const countries = await getJSON("static/countries-110m.geojson");
    outlines.addData(countries);
    outlines.bringToBack();
    if (countries.source) map.attributionControl.addAttribution(escapeHtml(countries.source));
  } catch (err) {
    setStatusNote(`The country outlines did not load (${err.message}); markers still show.`);
  }
  try {
    const config = await getJSON(`${API}config`);
    if (config && config.tile_url) {
      L.tileLayer(config.tile_url, {
        attribution: escapeHtml(config.tile_attribution || "map tiles"),
        maxZoom: 19,
      }).addTo(map).bringToBack();
      outlines.setStyle({ fillOpacity: 0 });
    }
  } catch (_) {
    // no config: the offline outlines are the whole base layer
  }
}

function markerStyle(ev, selected) {
  return {
    radius: radius(ev),
    color: selected ? "#000" : "#333",
    weight: selected ? 3 : 1,
    fillColor: typeColour(ev.event_type),
    fillOpacity: selected ? 0.95 : 0.72,
  };
}

function tooltipFor(ev) {
  const box = el("div", "tip");
  box.appendChild(el("strong", null, typeLabel(ev.event_type)));
  box.appendChild(el("div", null, `${ev.date || "date unknown"} · ${place(ev)}`));
  box.appendChild(el("div", null, toll(ev)));
  return box;
}

function placeMarker(ev) {
  const id = ev.event_id;
  let marker = markers.get(id);
  if (!hasPoint(ev)) {
    if (marker) {
      markerLayer.removeLayer(marker);
      markers.delete(id);
    }
    return;
  }
  const latlng = [ev.location.lat, ev.location.lon];
  if (!marker) {
    marker = L.circleMarker(latlng, { ...markerStyle(ev, id === selectedId), className: "sw-marker" });
    marker.on("click", () => select(id, false));
    marker.addTo(markerLayer);
    markers.set(id, marker);
  } else {
    marker.setLatLng(latlng);
    marker.setStyle(markerStyle(ev, id === selectedId));
    marker.setRadius(radius(ev));
  }
  marker.unbindTooltip();
  marker.bindTooltip(tooltipFor(ev), { direction: "top" });
  const path = marker.getElement();
  if (path) {
    path.setAttribute("data-event-id", id);
    // Out of the Tab order: thousands of circles would stand between the filters and
    // the list, which holds every event and is the keyboard's way in.
    path.setAttribute("tabindex", "-1");
  }
}

// ---- the list ------------------------------------------------------------------

function itemButton(id) {
  const li = id && items.get(id);
  return li ? li.querySelector("button") : null;
}

function listItem(ev) {
  const li = el("li", "event-row");
  const button = el("button", "event-item");
  button.type = "button";
  button.dataset.eventId = ev.event_id;
  button.appendChild(swatch(ev.event_type));
  const text = el("span", "event-text");
  text.appendChild(el("span", "event-type", typeLabel(ev.event_type)));
  text.appendChild(el("span", "event-when", ev.date || "date unknown"));
  text.appendChild(el("span", "event-where", place(ev)));
  text.appendChild(el("span", "event-toll", toll(ev)));
  if (!hasPoint(ev)) text.appendChild(el("span", "event-nomap", "not on the map: no coordinates"));
  button.appendChild(text);
  button.addEventListener("click", () => select(ev.event_id, true));
  if (ev.event_id === selectedId) button.setAttribute("aria-current", "true");
  li.appendChild(button);
  return li;
}

function placeItem(ev, fresh) {
  const id = ev.event_id;
  const old = items.get(id);
  const hadFocus = old && old.contains(document.activeElement);
  order = order.filter((x) => x !== id);
  let at = order.findIndex((x) => newerFirst(ev, events.get(x)) < 0);
  if (at < 0) at = order.length;
  order.splice(at, 0, id);
  const li = listItem(ev);
  if (fresh) li.classList.add("is-fresh");
  const next = at + 1 < order.length ? items.get(order[at + 1]) : null;
  if (old) old.remove();
  list.insertBefore(li, next || null);
  items.set(id, li);
  if (hadFocus) itemButton(id).focus();
}

// ---- events in, events out -----------------------------------------------------

function upsert(ev, live) {
  if (!ev || !ev.event_id) return;
  const known = events.get(ev.event_id);
  if (known && (known.revision || 0) > (ev.revision || 0)) return; // an older revision
  events.set(ev.event_id, ev);
  placeMarker(ev);
  placeItem(ev, live);
  if (live) {
    const what = known ? "Updated event" : "New event";
    announce(`${what}: ${typeLabel(ev.event_type)}, ${place(ev)}, ${toll(ev)}.`);
    if (ev.event_id === selectedId) showDetail(ev.event_id, false);
  }
}

function clearAll() {
  events.clear();
  markers.clear();
  markerLayer.clearLayers();
  items.clear();
  order = [];
  list.replaceChildren();
}

async function reload() {
  const mine = ++generation;
  loading = true;
  pending = [];
  truncated = false;
  $("filter-error").hidden = true;
  setStatus("Loading events…");
  // Subscribe first, then read the list: a revision stored in between comes over the
  // stream (and is merged by revision), rather than falling into the gap.
  lastSeq = "";
  await Promise.race([openStream(), new Promise((done) => setTimeout(done, 3000))]);
  if (mine !== generation) return;
  const params = filterParams();
  params.set("limit", String(PAGE_SIZE));
  let cursor = null;
  const got = [];
  try {
    do {
      if (cursor) params.set("cursor", cursor);
      const page = await getJSON(`${API}events?${params}`);
      if (mine !== generation) return;
      got.push(...(page.events || []));
      cursor = page.next_cursor || null;
    } while (cursor && got.length < MAX_EVENTS);
    truncated = !!cursor;
  } catch (err) {
    if (mine !== generation) return;
    loading = false;
    clearAll();
    stopStream(); // it has the same filters: it would be refused again and again
    $("filter-error").textContent = err.status === 400
      ? `These filters cannot be shown: ${err.message}`
      : `The events did not load: ${err.message}. Press Apply to try again.`;
    $("filter-error").hidden = false;
    setStatus(`No events loaded: ${err.message}`);
    return;
  }
  clearAll();
  got.sort(newerFirst);
  for (const ev of got) {
    events.set(ev.event_id, ev);
    placeMarker(ev);
    const li = listItem(ev);
    list.appendChild(li);
    items.set(ev.event_id, li);
    order.push(ev.event_id);
  }
  loading = false;
  if (markers.size) map.fitBounds(markerLayer.getBounds(), { padding: [30, 30], maxZoom: 6, animate: false });
  for (const ev of pending) upsert(ev, true);
  pending = [];
  if (selectedId && !events.has(selectedId)) closePanel(false);
  setStatus();
}

// ---- live updates --------------------------------------------------------------

function stopStream() {
  if (stream) stream.close();
  stream = null;
  clearTimeout(retryTimer);
}

function openStream() {
  // Resolves once the stream is open or refused, so reload() can read the list after it.
  stopStream();
  const params = filterParams();
  // A stream opened again after a refusal goes on from the last message it had.
  if (lastSeq) params.set("last_event_id", lastSeq);
  const source = new EventSource(withToken(`${API}stream${params.toString() ? `?${params}` : ""}`));
  stream = source;
  setLive("connecting");
  let settle;
  const settled = new Promise((done) => { settle = done; });
  source.addEventListener("open", () => {
    settle();
    if (stream !== source) return;
    retryDelay = 2000;
    setLive("connected");
  });
  source.addEventListener("event", (message) => {
    if (stream !== source) return;
    if (message.lastEventId) lastSeq = message.lastEventId;
    let ev;
    try {
      ev = JSON.parse(message.data);
    } catch (_) {
      return; // not an event record; the next message is
    }
    if (loading) pending.push(ev);
    else {
      upsert(ev, true);
      setStatus();
    }
  });
  source.addEventListener("error", () => {
    settle();
    if (stream !== source) return;
    if (source.readyState === EventSource.CLOSED) {
      // the server refused the stream (not a dropped connection, which EventSource
      // retries by itself): try again later, a little later each time
      setLive("closed");
      retryTimer = setTimeout(openStream, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 60000);
    } else {
      setLive("reconnecting");
    }
  });
  return settled;
}

function setLive(state) {
  streamState = state;
  setStatus();
}

let statusNote = "";
function setStatusNote(note) {
  statusNote = note;
  setStatus();
}

function setStatus(text) {
  const status = $("status");
  if (text) {
    status.textContent = text;
    return;
  }
  if (loading) return;
  const n = events.size;
  const offMap = n - markers.size;
  const live = {
    connecting: "live updates: connecting…",
    connected: "live updates: connected",
    reconnecting: "live updates: connection lost, reconnecting…",
    closed: "live updates: refused by the server, trying again shortly",
  }[streamState];
  const parts = [`${n} ${n === 1 ? "event" : "events"}${truncated ? ` (the newest ${n}; narrow the filters to see older ones)` : ""}`];
  if (offMap > 0) parts.push(`${offMap} not on the map (no coordinates)`);
  parts.push(live);
  if (statusNote) parts.push(statusNote);
  status.textContent = parts.join(" · ");
  status.dataset.live = streamState;
  $("list-empty").hidden = n > 0;
}

function announce(text) {
  const line = el("p", null, text);
  announcer.appendChild(line);
  while (announcer.childNodes.length > 5) announcer.firstChild.remove();
}

// ---- selecting and the panel ---------------------------------------------------

// The circle outlined and brought to the front, the list item marked current (or not).
function markSelected(id, on) {
  const marker = markers.get(id);
  const ev = events.get(id);
  if (marker && ev) {
    marker.setStyle(markerStyle(ev, on));
    if (on) marker.bringToFront();
  }
  const button = itemButton(id);
  if (!button) return;
  if (on) button.setAttribute("aria-current", "true");
  else button.removeAttribute("aria-current");
}

function select(id, fromList) {
  const ev = events.get(id);
  if (!ev) return;
  if (selectedId && selectedId !== id) markSelected(selectedId, false);
  selectedId = id;
  markSelected(id, true);
  const marker = markers.get(id);
  if (marker) map.setView(marker.getLatLng(), Math.max(map.getZoom(), 4), { animate: false });
  openerId = id;
  showDetail(id, true, fromList);
}

function closePanel(returnFocus) {
  panel.hidden = true;
  if (selectedId) markSelected(selectedId, false);
  selectedId = null;
  if (returnFocus) {
    const back = itemButton(openerId);
    if (back) back.focus();
    else list.focus();
  }
}

async function showDetail(id, reset, focus) {
  const ev = events.get(id);
  const mine = ++detailRequest;
  if (reset) {
    renderPanel(panelContent(ev, null));
    panel.hidden = false;
    if (focus) panel.focus();
    else panel.scrollIntoView({ block: "nearest" });
  }
  try {
    const detail = await getJSON(`${API}events/${encodeURIComponent(id)}`);
    if (mine !== detailRequest || selectedId !== id) return;
    renderPanel(panelContent(detail.event || ev, detail));
  } catch (err) {
    if (mine !== detailRequest || selectedId !== id) return;
    renderPanel(panelContent(ev, null, `The details of this event did not load: ${err.message}`));
  }
}

function renderPanel({ title, body }) {
  $("panel-title").textContent = title;
  panelBody.replaceChildren(...body);
}

// ---- wiring --------------------------------------------------------------------

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const params = filterParams();
  if (TOKEN) params.set("token", TOKEN);
  const query = params.toString();
  history.pushState(null, "", query ? `?${query}` : window.location.pathname);
  reload();
});
$("f-clear").addEventListener("click", () => {
  for (const name of FILTERS) form.elements[name].value = "";
  form.requestSubmit();
});
window.addEventListener("popstate", () => {
  formFromURL();
  reload();
});
$("panel-close").addEventListener("click", () => closePanel(true));
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !panel.hidden) {
    e.preventDefault();
    closePanel(true);
  }
});
list.addEventListener("animationend", (e) => {
  const li = e.target.closest && e.target.closest("li");
  if (li) li.classList.remove("is-fresh");
});

fillTypes();
fillLegend();
formFromURL();
if (window.matchMedia("(max-width: 700px)").matches) {
  // phone width: the map first; filters and legend open on demand (kept open when the
  // URL carries filters, so a shared view shows what it is filtered by)
  $("legend").open = false;
  $("filter-box").open = filterParams().toString() !== "";
}
loadBase();
reload();
