// How the map page names and shows an event: its type's label and colour, its place,
// toll and dates, and the one way the page makes an element with text in it. No state,
// no requests: app.js (map, list, stream) and panel.js (the event panel) share these.
//
// Text from articles goes into the page only through el() (textContent), never as HTML.

// Every event type of strikewatch.core.records.EventType, in its order: the legend, the
// type filter, the list and the panel read labels and colours here; the swatches use the
// .type-<type> classes of app.css (the same colours; tests/web/test_page_types.py).
export const TYPES = [
  ["missile_attack", "Missile attack", "#d62728"],
  ["rocket_attack", "Rocket attack", "#ff7f0e"],
  ["drone_attack", "Drone attack", "#9467bd"],
  ["air_strike", "Air strike", "#1f77b4"],
  ["shelling", "Shelling", "#8c564b"],
  ["bombing", "Bombing", "#e377c2"],
  ["suicide_bombing", "Suicide bombing", "#7f0000"],
  ["ied", "IED (planted bomb)", "#a6a600"],
  ["shooting", "Shooting", "#17a2b8"],
  ["armed_assault", "Armed assault", "#2ca02c"],
  ["vehicle_ramming", "Vehicle ramming", "#303f9f"],
  ["stabbing", "Stabbing", "#e6b400"],
  ["other_attack", "Other attack", "#6c6c6c"],
];
const TYPE_LABEL = Object.fromEntries(TYPES.map(([k, label]) => [k, label]));
const TYPE_COLOR = Object.fromEntries(TYPES.map(([k, , colour]) => [k, colour]));

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function escapeHtml(text) {
  // Leaflet's attribution control takes HTML; our strings go in as text.
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function safeHref(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (_) {
    return null;
  }
}

// a field or type code as words: "first_seen" -> "first seen"
export function words(code) {
  return String(code).replace(/_/g, " ");
}

export function typeLabel(type) {
  return TYPE_LABEL[type] || words(type || "unknown type");
}

// the type's dot in its colour (a class of app.css: the page writes no style attribute)
export function swatch(type) {
  return el("span", `swatch ${TYPE_LABEL[type] ? `type-${type}` : "type-other_attack"}`);
}

export function typeColour(type) {
  return TYPE_COLOR[type] || TYPE_COLOR.other_attack;
}

export function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function place(ev) {
  const loc = ev.location;
  if (!loc) return "place unknown";
  const parts = [loc.name];
  if (loc.admin1 && loc.admin1 !== loc.name) parts.push(loc.admin1);
  if (loc.country) parts.push(loc.country);
  return parts.filter(Boolean).join(", ") || "place unknown";
}

function count(n, atLeast, word) {
  if (n === null || n === undefined) return `${word} unknown`;
  return `${atLeast ? "at least " : ""}${n} ${word}`;
}

export function toll(ev) {
  return `${count(ev.killed, ev.killed_at_least, "killed")}, ${count(ev.injured, ev.injured_at_least, "injured")}`;
}

export function radius(ev) {
  const people = (ev.killed || 0) + (ev.injured || 0);
  return Math.min(26, 6 + 1.5 * Math.sqrt(people));
}

export function hasPoint(ev) {
  const loc = ev.location;
  return !!loc && typeof loc.lat === "number" && typeof loc.lon === "number";
}

export function newerFirst(a, b) {
  // event date, then first seen, newest first; undated last; then by id for a stable order
  const da = a.date || "", db = b.date || "";
  if (da !== db) return da < db ? 1 : -1;
  const fa = a.first_seen || "", fb = b.first_seen || "";
  if (fa !== fb) return fa < fb ? 1 : -1;
  return a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0;
}
