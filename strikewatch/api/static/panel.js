// The event panel of the map page: one event's facts, then its evidence, sources and
// revisions from /api/v1/events/{id}. Builds nodes from data and nothing else: app.js
// decides when the panel opens, what it shows and where focus goes.
//
// Every string here came from an article or an outlet: it goes in through el()
// (textContent), and only http(s) addresses become links.

import { el, place, safeHref, toll, typeLabel, when, words } from "./format.js";

// The panel for `ev`: { title, body } (body: the nodes of #panel-body). Without `detail`
// (not loaded yet, or failed with `problem`) it holds the facts the list already had.
export function panelContent(ev, detail, problem) {
  const title = `${typeLabel(ev.event_type)}, ${ev.date || "date unknown"}`;
  const body = [facts(ev)];
  if (ev.summary) {
    body.push(el("h3", null, "Summary"));
    body.push(el("p", "summary", ev.summary));
  }
  if (problem) body.push(el("p", "panel-error", problem));
  if (!detail) {
    if (!problem) body.push(el("p", "panel-loading", "Loading evidence, sources and revisions…"));
    return { title, body };
  }
  body.push(...evidenceSection(detail.evidence || ev.evidence || []));
  body.push(...sourcesSection(detail.sources || []));
  body.push(...revisionsSection(detail.revisions || []));
  return { title, body };
}

function facts(ev) {
  const dl = el("dl", "facts");
  const row = (term, value) => {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value));
  };
  row("Type", typeLabel(ev.event_type));
  row("Date", ev.date ? `${ev.date}${ev.date_precision && ev.date_precision !== "day" ? ` (within a ${ev.date_precision})` : ""}` : "unknown");
  const loc = ev.location;
  row("Place", loc ? `${place(ev)}${loc.precision ? ` (${loc.precision})` : ""}` : "unknown");
  row("Killed, injured", toll(ev));
  row("Perpetrator", ev.perpetrator && ev.perpetrator.name ? ev.perpetrator.name : "not named");
  const target = ev.target;
  row("Target", target ? [target.name, target.category && target.category !== "unknown" ? `(${target.category})` : ""].filter(Boolean).join(" ") || "unknown" : "unknown");
  row("Weapon", ev.weapon);
  row("Reports", ev.article_count);
  row("Confidence", typeof ev.confidence === "number" ? ev.confidence.toFixed(2) : null);
  row("First seen", when(ev.first_seen));
  row("Last updated", when(ev.last_updated));
  row("Revision", ev.revision);
  return dl;
}

// A heading, then one <li> per entry in a list of `listTag.listClass`, each filled by
// fill(li, entry); with no entry, `emptyText` instead of the list.
function section(heading, entries, emptyText, listTag, listClass, fill) {
  const out = [el("h3", null, heading)];
  if (!entries.length) {
    out.push(el("p", "muted", emptyText));
    return out;
  }
  const list = el(listTag, listClass);
  for (const entry of entries) {
    const li = el("li");
    fill(li, entry);
    list.appendChild(li);
  }
  out.push(list);
  return out;
}

function sourceLink(url, label) {
  const href = safeHref(url);
  if (!href) {
    // only http(s) addresses become links; any other is shown as text
    if (!url) return el("span", "source-url", label || "no address");
    return el("span", "source-url", label && label !== url
      ? `${label} (not a web address, not linked: ${url})` : `${url} (not a web address, not linked)`);
  }
  const a = el("a", null, label || url);
  a.href = href;
  a.rel = "noopener noreferrer";
  a.target = "_blank";
  return a;
}

function highlighted(item) {
  // The span either marks part of the sentence (offsets inside the text) or is the
  // sentence's own place in its article (end - start = its length): then all of it.
  const text = String(item.text || "");
  const { start, end } = item;
  const inside = Number.isInteger(start) && Number.isInteger(end) && start >= 0
    && end <= text.length && start < end && end - start !== text.length;
  const quote = el("blockquote", "evidence-text");
  if (inside) {
    quote.appendChild(document.createTextNode(text.slice(0, start)));
    quote.appendChild(el("mark", "evidence-span", text.slice(start, end)));
    quote.appendChild(document.createTextNode(text.slice(end)));
  } else {
    quote.appendChild(el("mark", "evidence-span", text));
  }
  return quote;
}

function evidenceSection(evidence) {
  // One sentence often supports several fields: show it once, with all of them.
  const groups = new Map();
  for (const item of evidence) {
    const key = JSON.stringify([item.article_id || "", item.start, item.end, item.text]);
    if (!groups.has(key)) groups.set(key, { item, fields: [] });
    groups.get(key).fields.push(words(item.field || "field"));
  }
  return section("Evidence", [...groups.values()], "No sentences were kept as evidence for this event.",
    "ul", "evidence", (li, { item, fields }) => {
      li.appendChild(el("span", "evidence-field", `${fields.join(", ")}:`));
      li.appendChild(highlighted(item));
      const cite = el("p", "evidence-source");
      if (Number.isInteger(item.start) && Number.isInteger(item.end)) {
        cite.appendChild(document.createTextNode(`characters ${item.start}–${item.end} of the article`));
      }
      if (item.outlet || item.url) {
        cite.appendChild(document.createTextNode(cite.textContent ? " · from " : "from "));
        cite.appendChild(sourceLink(item.url, item.outlet || item.url));
      }
      if (cite.childNodes.length) li.appendChild(cite);
    });
}

function sourcesSection(sources) {
  return section(`Sources (${sources.length})`, sources, "No source was recorded for this event.",
    "ul", "sources", (li, s) => {
      li.appendChild(sourceLink(s.url, s.outlet || s.url));
      const meta = [];
      if (s.published) meta.push(`published ${when(s.published)}`);
      if (s.first_revision) meta.push(`first in revision ${s.first_revision}`);
      if (meta.length) li.appendChild(el("span", "source-meta", ` · ${meta.join(" · ")}`));
      const fields = s.fields || [];
      li.appendChild(el("p", "source-fields", fields.length
        ? `supports: ${fields.map(words).join(", ")}`
        : "supports no single field (a further report of the event)"));
    });
}

function shown(value) {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "object") {
    if (value.name) return String(value.name);
    return JSON.stringify(value);
  }
  return String(value);
}

function revisionsSection(revisions) {
  return section("Revisions", revisions, "No revision history was recorded.", "ol", "revisions", (li, r) => {
    li.appendChild(el("strong", null, `Revision ${r.revision}`));
    li.appendChild(document.createTextNode(` (${r.status === "new" ? "first report" : "update"}${r.archived ? `, archived ${when(r.archived)}` : ""})`));
    const changes = Object.entries(r.changes || {});
    if (changes.length) {
      const ul = el("ul", "changes");
      for (const [field, pair] of changes) {
        const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
        ul.appendChild(el("li", null, `${words(field)}: ${shown(before)} → ${shown(after)}`));
      }
      li.appendChild(ul);
    } else if (r.status !== "new") {
      li.appendChild(el("p", "muted", "no field changed"));
    }
  });
}
