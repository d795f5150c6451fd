// govgraph report: search, panels, filters, pan and zoom. No library, nothing fetched.
// Every piece of the structure's text reaches the page through textContent (or a Text
// node), never innerHTML: a name that is written as markup, an img tag with an onerror
// attribute say, is shown as written and never becomes an element.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("gg-data").textContent);
  var DIFF = data.mode === "diff";
  var UPWARD = { sub_group_of: true, reports_to: true, accountable_to: true };
  var $ = function (id) { return document.getElementById(id); };

  // -- indexes ------------------------------------------------------------------

  function index(list) {
    var map = new Map();
    list.forEach(function (item) { map.set(item.id, item); });
    return map;
  }
  var bodies = data.bodies;
  var byId = index(bodies);
  var levels = index(data.levels), areas = index(data.areas), services = index(data.serviceAreas);
  var sources = new Map(Object.entries(data.sources));
  var findings = data.findings;
  var findingsOf = new Map();
  findings.forEach(function (finding, number) {
    (finding.bodies || []).forEach(function (id) {
      if (!findingsOf.has(id)) findingsOf.set(id, []);
      if (findingsOf.get(id).indexOf(number) < 0) findingsOf.get(id).push(number);
    });
  });
  var lowerOf = new Map();  // body id -> the bodies that answer to it directly (current relationships)
  data.relationships.forEach(function (r) {
    if (!UPWARD[r.kind] || r.status === "dissolved" || r.change === "removed") return;
    if (!lowerOf.has(r.target)) lowerOf.set(r.target, []);
    lowerOf.get(r.target).push(r.source);
  });
  function below(id) {  // every body with an upward route to this one, as Structure.below counts them
    var seen = new Set(), pending = [id];
    while (pending.length) {
      (lowerOf.get(pending.pop()) || []).forEach(function (lower) {
        var body = byId.get(lower);
        if (lower !== id && !seen.has(lower) && body && body.status !== "dissolved" && body.change !== "removed") {
          seen.add(lower);
          pending.push(lower);
        }
      });
    }
    return seen.size;
  }
  var relationsOf = new Map();
  data.relationships.forEach(function (relation) {
    [relation.source, relation.target].forEach(function (id) {
      if (!relationsOf.has(id)) relationsOf.set(id, []);
      relationsOf.get(id).push(relation);
    });
  });

  // -- building elements: text only ---------------------------------------------

  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (children !== undefined && children !== null) append(node, children);
    return node;
  }
  function append(node, children) {
    (Array.isArray(children) ? children : [children]).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function words(kind) { return String(kind).replace(/_/g, " "); }
  function plural(count, one, many) { return count + " " + (count === 1 ? one : (many || one + "s")); }
  function nameOf(id) { var body = byId.get(id); return body ? body.name : id; }
  function named(map, id) { var item = map.get(id); return item ? item.name : id; }
  function badge(text, kind) { return el("span", "gg-badge gg-" + kind, text); }

  function bodyLink(id) {
    var button = el("button", "gg-link", nameOf(id));
    button.type = "button";
    button.title = id;
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      select(id, true);
    });
    return button;
  }

  // -- header ---------------------------------------------------------------------

  function tally(list) {
    var counts = { error: 0, warning: 0, info: 0, waived: 0 };
    list.forEach(function (f) { counts[f.waived ? "waived" : f.severity] += 1; });
    return plural(counts.error, "error") + ", " + plural(counts.warning, "warning") + ", " +
      counts.info + " info, " + counts.waived + " waived";
  }
  function changed(list, what) {
    return ["added", "removed", "changed"].map(function (change) {
      return list.filter(function (x) { return x.change === change; }).length + " " + change;
    }).join(", ") + " " + what;
  }
  function header() {
    var structure = data.structure;
    if (DIFF) {
      $("gg-title").textContent = data.old.label + " → " + data.new.label;
      $("gg-subtitle").textContent = "Restructure: " + data.old.name + " → " + data.new.name;
      var states = ["introduced", "resolved", "persisting"].map(function (state) {
        return findings.filter(function (f) { return f.state === state; }).length + " " + state;
      });
      $("gg-counts").textContent = "Bodies: " + changed(bodies, "") + " · Relationships: " +
        changed(data.relationships, "") + " · Findings: " + states.join(", ");
    } else {
      $("gg-title").textContent = structure.name;
      $("gg-subtitle").textContent = [structure.description, structure.asOf ? "as of " + structure.asOf : null]
        .filter(Boolean).join(" · ");
      $("gg-counts").textContent = plural(bodies.length, "body", "bodies") + " · " +
        plural(data.relationships.length, "relationship") + " · findings: " + tally(findings);
    }
    $("gg-footer").textContent = "Made by govgraph. This page is one self-contained file: it works offline, " +
      "and nothing it shows is fetched from anywhere.";
  }

  // -- views: pan and zoom ----------------------------------------------------------

  function View(container, spec) {
    this.container = container;
    this.svg = container.querySelector("svg");
    this.nodes = new Map();      // svg node -> body ids it stands for
    this.nodeOf = new Map();     // body id -> svg node
    this.edges = [];             // [svg edge, tail node name, head node name]
    this.vb = null;
    var self = this;
    var groups = (spec && spec.nodes) || {};
    var byName = new Map();
    if (!this.svg) return;
    this.svg.querySelectorAll("g.node").forEach(function (node) {
      var title = node.querySelector("title");
      var name = title ? title.textContent : "";
      byName.set(name, node);
      var members = Object.prototype.hasOwnProperty.call(groups, name) ? groups[name] : (byId.has(name) ? [name] : null);
      if (!members) return;
      members = members.filter(function (id) { return byId.has(id); });
      if (!members.length) return;
      node.classList.add("gg-body");
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", members.length === 1 ? nameOf(members[0]) : plural(members.length, "body", "bodies"));
      self.nodes.set(node, members);
      members.forEach(function (id) { if (!self.nodeOf.has(id)) self.nodeOf.set(id, node); });
    });
    this.svg.querySelectorAll("g.edge").forEach(function (edge) {
      var title = edge.querySelector("title");
      var ends = (title ? title.textContent : "").split("->");
      if (ends.length === 2) self.edges.push([edge, byName.get(ends[0]), byName.get(ends[1])]);
    });
    var box = this.svg.viewBox && this.svg.viewBox.baseVal;
    this.full = box && box.width ? { x: box.x, y: box.y, w: box.width, h: box.height } : null;
  }
  View.prototype.size = function () {
    var rect = this.container.getBoundingClientRect();
    return { width: Math.max(rect.width, 1), height: Math.max(rect.height, 1), left: rect.left, top: rect.top };
  };
  View.prototype.ensure = function () {
    if (!this.full) {
      var b = this.svg.getBBox();
      this.full = { x: b.x, y: b.y, w: b.width || 1, h: b.height || 1 };
    }
    if (!this.vb) this.fit();
  };
  View.prototype.apply = function () {
    var vb = this.vb;
    this.svg.setAttribute("viewBox", [vb.x, vb.y, vb.w, vb.h].map(function (v) { return +v.toFixed(2); }).join(" "));
  };
  View.prototype.fit = function () {
    var s = this.size(), full = this.full, aspect = s.width / s.height;
    var w = Math.max(full.w, full.h * aspect), h = w / aspect;
    this.vb = { x: full.x - (w - full.w) / 2, y: full.y - (h - full.h) / 2, w: w, h: h };
    this.apply();
  };
  View.prototype.reshape = function () {  // after a resize: keep the centre and the scale
    if (!this.vb) return;
    var s = this.size(), vb = this.vb, cx = vb.x + vb.w / 2, cy = vb.y + vb.h / 2;
    vb.h = vb.w * s.height / s.width;
    vb.x = cx - vb.w / 2; vb.y = cy - vb.h / 2;
    this.apply();
  };
  View.prototype.point = function (clientX, clientY) {
    var s = this.size(), vb = this.vb;
    return { x: vb.x + (clientX - s.left) / s.width * vb.w, y: vb.y + (clientY - s.top) / s.height * vb.h };
  };
  View.prototype.zoom = function (factor, x, y) {
    var vb = this.vb, full = this.full;
    if (x === undefined) { x = vb.x + vb.w / 2; y = vb.y + vb.h / 2; }
    var widest = Math.max(full.w, full.h * vb.w / vb.h) * 3, narrowest = Math.min(40, full.w);
    var w = Math.min(widest, Math.max(narrowest, vb.w / factor));
    factor = vb.w / w;
    vb.x = x - (x - vb.x) / factor; vb.y = y - (y - vb.y) / factor;
    vb.w = w; vb.h = vb.h / factor;
    this.apply();
  };
  View.prototype.pan = function (dx, dy) { this.vb.x += dx; this.vb.y += dy; this.apply(); };
  View.prototype.boxOf = function (node) {  // a node's box in the drawing's coordinates
    var box = node.getBBox(), matrix = this.svg.createSVGMatrix();
    var chain = [];
    for (var at = node; at && at !== this.svg; at = at.parentNode) chain.unshift(at);
    chain.forEach(function (item) {
      var list = item.transform && item.transform.baseVal;
      var own = list && list.numberOfItems ? list.consolidate() : null;
      if (own) matrix = matrix.multiply(own.matrix);
    });
    var corners = [[box.x, box.y], [box.x + box.width, box.y + box.height]].map(function (c) {
      return { x: matrix.a * c[0] + matrix.c * c[1] + matrix.e, y: matrix.b * c[0] + matrix.d * c[1] + matrix.f };
    });
    return { x: Math.min(corners[0].x, corners[1].x), y: Math.min(corners[0].y, corners[1].y),
      w: Math.abs(corners[1].x - corners[0].x), h: Math.abs(corners[1].y - corners[0].y) };
  };
  View.prototype.show = function (nodes) {  // centre on these nodes, zooming in when they are small
    var boxes = nodes.filter(function (n) { return !n.classList.contains("gg-hidden"); }).map(this.boxOf, this);
    if (!boxes.length) return;
    var x0 = Math.min.apply(null, boxes.map(function (b) { return b.x; }));
    var y0 = Math.min.apply(null, boxes.map(function (b) { return b.y; }));
    var x1 = Math.max.apply(null, boxes.map(function (b) { return b.x + b.w; }));
    var y1 = Math.max.apply(null, boxes.map(function (b) { return b.y + b.h; }));
    var vb = this.vb, aspect = vb.w / vb.h;
    var w = Math.min(vb.w, Math.max(Math.max(x1 - x0, (y1 - y0) * aspect) * 1.6, Math.min(this.full.w, 700)));
    if (w < (x1 - x0) * 1.1 || w < (y1 - y0) * aspect * 1.1) w = Math.max(x1 - x0, (y1 - y0) * aspect) * 1.2;
    vb.w = w; vb.h = w / aspect;
    vb.x = (x0 + x1) / 2 - vb.w / 2; vb.y = (y0 + y1) / 2 - vb.h / 2;
    this.apply();
  };

  var views = [];
  document.querySelectorAll(".gg-view").forEach(function (container, number) {
    views.push(new View(container, data.views[number]));
  });
  var current = 0;
  var viewport = $("gg-viewport");
  function view() { return views[current]; }

  function viewSwitch() {
    var holder = $("gg-view-switch");
    if (views.length < 2) return;
    data.views.forEach(function (spec, number) {
      var button = el("button", null, spec.label);
      button.type = "button";
      button.setAttribute("aria-pressed", number === current ? "true" : "false");
      button.addEventListener("click", function () {
        views[current].container.hidden = true;
        current = number;
        view().container.hidden = false;
        view().ensure();
        holder.querySelectorAll("button").forEach(function (b, i) { b.setAttribute("aria-pressed", String(i === current)); });
        applyFilters();
        if (selected) select(selected, true);
      });
      holder.append(button);
    });
  }

  function panZoom() {
    var start = null, moved = false;
    viewport.addEventListener("wheel", function (event) {
      event.preventDefault();
      var delta = event.deltaY * (event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1);
      var p = view().point(event.clientX, event.clientY);
      view().zoom(Math.exp(-delta * 0.0015), p.x, p.y);
    }, { passive: false });
    viewport.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      start = { x: event.clientX, y: event.clientY, vb: Object.assign({}, view().vb), id: event.pointerId };
      moved = false;
    });
    viewport.addEventListener("pointermove", function (event) {
      if (!start || event.pointerId !== start.id) return;
      var dx = event.clientX - start.x, dy = event.clientY - start.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!moved) { moved = true; viewport.setPointerCapture(start.id); viewport.classList.add("gg-dragging"); }
      var s = view().size(), vb = view().vb;
      vb.x = start.vb.x - dx / s.width * vb.w; vb.y = start.vb.y - dy / s.height * vb.h;
      view().apply();
    });
    function stop() { start = null; viewport.classList.remove("gg-dragging"); }
    viewport.addEventListener("pointerup", stop);
    viewport.addEventListener("pointercancel", stop);
    viewport.addEventListener("click", function (event) {
      if (moved) { moved = false; return; }
      var node = event.target.closest ? event.target.closest("g.gg-body") : null;
      if (!node) return;
      var members = view().nodes.get(node) || [];
      if (members.length === 1) select(members[0], false);
      else showGroup(members);
    });
    viewport.addEventListener("keydown", function (event) {
      var box = event.target.closest ? event.target.closest("g.gg-body") : null;
      if (box && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        var chosen = view().nodes.get(box) || [];
        if (chosen.length === 1) select(chosen[0], false); else showGroup(chosen);
        return;
      }
      var vb = view().vb, step = vb.w / 10;
      var keys = {
        "+": function () { view().zoom(1.25); }, "=": function () { view().zoom(1.25); },
        "-": function () { view().zoom(0.8); }, "0": function () { view().fit(); },
        ArrowLeft: function () { view().pan(-step, 0); }, ArrowRight: function () { view().pan(step, 0); },
        ArrowUp: function () { view().pan(0, -step); }, ArrowDown: function () { view().pan(0, step); }
      };
      if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
    });
    $("gg-zoom-in").addEventListener("click", function () { view().zoom(1.25); });
    $("gg-zoom-out").addEventListener("click", function () { view().zoom(0.8); });
    $("gg-zoom-fit").addEventListener("click", function () { view().fit(); });
    window.addEventListener("resize", function () { views.forEach(function (v) { v.reshape(); }); });
  }

  // -- the panel ------------------------------------------------------------------

  var selected = null;
  var panel = $("gg-panel");

  function field(list, label, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    list.append(el("dt", null, label), el("dd", null, value));
  }
  function joined(ids, map) { return ids && ids.length ? ids.map(function (id) { return named(map, id); }).join(", ") : null; }

  function citation(cite) {
    var item = el("li"), source = sources.get(cite.source);
    if (source) {
      append(item, el("strong", null, source.title));
      var about = [source.publisher, source.date].filter(Boolean).join(", ");
      if (about) append(item, " (" + about + ")");
    } else {
      append(item, cite.source);
    }
    if (cite.at) append(item, [" — at ", el("strong", null, cite.at)]);
    if (source && source.url) {
      item.append(document.createTextNode(" "));
      if (/^https?:\/\//i.test(source.url)) {
        var link = el("a", null, source.url);
        link.href = source.url;
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        item.append(link);
      } else {
        item.append(el("span", "gg-id", source.url));
      }
    }
    return item;
  }

  function routeList(routes) {
    var list = el("ol");
    routes.forEach(function (route) {
      var item = el("li", "gg-route");
      route.forEach(function (id, step) {
        if (step) item.append(el("span", "gg-arrow", "→"));
        item.append(bodyLink(id));
      });
      list.append(item);
    });
    return list;
  }

  function routesSection(body) {
    var section = [el("h3", null, "Routes up")];
    var routes = body.routes || [];
    if (body.status === "dissolved") {
      section.push(el("p", "gg-none", "Dissolved: its routes up are not traced."));
    } else if (routes.length === 1 && routes[0].length === 1) {
      section.push(el("p", null, body.sovereign ? "Sovereign: accountability routes end here."
        : "A root: it answers to no body, and others answer to it."));
    } else if (!routes.length) {
      section.push(el("p", "gg-none", "No route up to a sovereign body or root: it is orphaned."));
    } else {
      section.push(el("p", null, body.routesCut ? "More than " + routes.length + " routes to the top; the first " +
        routes.length + " found:" : plural(routes.length, "route") + " to the top:"));
      section.push(routeList(routes));
    }
    if (body.oldRoutes) {
      section.push(el("p", null, "Before the restructure:"));
      section.push(body.oldRoutes.length ? routeList(body.oldRoutes) : el("p", "gg-none", "no route up"));
    }
    return section;
  }

  function relationsSection(id) {
    var groups = [["Answers to", []], ["Answered to by", []], ["Other relationships", []]];
    (relationsOf.get(id) || []).forEach(function (r) {
      var up = UPWARD[r.kind], outgoing = r.source === id;
      var other = outgoing ? r.target : r.source;
      var item = el("li", null, outgoing ? [words(r.kind) + " ", bodyLink(other)]
        : [bodyLink(other), " " + (r.kind === "links_with" ? "links with" : words(r.kind)) + " this body"]);
      if (r.status && r.status !== "active") item.append(badge(r.status, r.status));
      if (r.change) item.append(badge(r.change, r.change));
      if (r.note) item.append(el("div", "gg-none", r.note));
      groups[up ? (outgoing ? 0 : 1) : 2][1].push(item);
    });
    var out = [];
    groups.forEach(function (group) {
      if (!group[1].length) return;
      out.push(el("h3", null, group[0]), el("ul", null, group[1]));
    });
    return out;
  }

  function findingsSection(id) {
    var numbers = findingsOf.get(id) || [];
    var out = [el("h3", null, "Findings")];
    if (!numbers.length) { out.push(el("p", "gg-none", "None.")); return out; }
    var list = el("ul");
    numbers.forEach(function (number) {
      var f = findings[number];
      var go = el("button", "gg-link", "in the table");
      go.type = "button";
      go.addEventListener("click", function () { showFinding(number); });
      list.append(el("li", null, [severityBadge(f), f.state ? badge(f.state, f.state) : null, " ",
        el("strong", null, f.rule), ": ", f.message, " (", go, ")"]));
    });
    out.push(list);
    return out;
  }

  function severityBadge(f) {
    return el("span", null, [badge(f.severity, f.severity), f.waived ? badge("waived", "waived") : null]);
  }

  function showBody(id) {
    var body = byId.get(id);
    clear(panel);
    var title = el("h2", null, body.name);
    if (body.change) title.append(badge(body.change, body.change));
    if (body.status !== "active") title.append(badge(body.status, body.status));
    panel.append(title, el("div", "gg-id", body.id));
    if (!isVisible(id)) {
      var reveal = el("button", "gg-link", "show all bodies");
      reveal.type = "button";
      reveal.addEventListener("click", function () { clearFilters(); select(id, true); });
      panel.append(el("p", "gg-none", ["Hidden from the diagram by the filters: ", reveal, "."]));
    } else if (!view().nodeOf.has(id)) {
      panel.append(el("p", "gg-none", "Not drawn in this view."));
    }
    var facts = el("dl");
    field(facts, "Kind", words(body.kind));
    field(facts, "Authority", body.authority);
    field(facts, "Sovereign", body.sovereign ? "yes: holds authority in its own right" : null);
    field(facts, "Level", body.level ? named(levels, body.level) : null);
    field(facts, "Areas", joined(body.areas, areas));
    field(facts, "Service areas", joined(body.serviceAreas, services));
    field(facts, "Chair", body.chair);
    field(facts, "Status", body.status);
    field(facts, "Established", body.established);
    field(facts, "Dissolved", body.dissolved);
    field(facts, "Also known as", body.aliases ? body.aliases.join("; ") : null);
    if (body.status !== "dissolved" && body.change !== "removed") {
      var count = below(id);
      field(facts, "Below it", count ? plural(count, "body", "bodies") + " answer to it, directly or through others" : null);
    }
    field(facts, "Notes", body.notes);
    panel.append(facts);
    if (body.changes) {
      panel.append(el("h3", null, "Changed in the restructure"));
      var table = el("table", "gg-table", el("tr", null, [el("th", null, "field"), el("th", null, "before"), el("th", null, "after")]));
      body.changes.forEach(function (c) {
        table.append(el("tr", null, [el("td", null, c.field), el("td", null, c.old), el("td", null, c.new)]));
      });
      panel.append(table);
    }
    append(panel, routesSection(body));
    append(panel, findingsSection(id));
    if (body.remit) {
      panel.append(el("h3", null, "Remit"), el("ul", null, body.remit.map(function (line) { return el("li", null, line); })));
    }
    panel.append(el("h3", null, "Members"));
    if (body.members) {
      panel.append(el("ul", null, body.members.map(function (m) {
        return el("li", null, [m.body ? bodyLink(m.body) : m.name, " — " + words(m.sector), m.role ? ", " + m.role : null]);
      })));
    } else {
      panel.append(el("p", "gg-none", "None recorded."));
    }
    panel.append(el("h3", null, "Sources"));
    panel.append(body.sources ? el("ul", null, body.sources.map(citation)) : el("p", "gg-none", "None cited."));
    append(panel, relationsSection(id));
    if (body.metadata) panel.append(el("h3", null, "Metadata"), el("pre", null, body.metadata));
  }

  function showGroup(members) {
    clear(panel);
    panel.append(el("h2", null, "A group of " + plural(members.length, "body", "bodies")));
    panel.append(el("ul", null, members.map(function (id) { return el("li", null, bodyLink(id)); })));
  }

  function welcome() {
    clear(panel);
    panel.append(el("h2", null, "Details"));
    panel.append(el("p", null, "Click a box in the diagram, a name in the lists below, or find a body by name, id or alias " +
      "to see its members, sources, routes up and findings here."));
    if (DIFF) panel.append(el("p", null, "Green: added. Red: removed. Orange: changed."));
  }

  function select(id, centre) {
    if (!byId.has(id)) return;
    selected = id;
    document.querySelectorAll("g.gg-selected").forEach(function (n) { n.classList.remove("gg-selected"); });
    var node = view().nodeOf.get(id);
    if (node) node.classList.add("gg-selected");
    showBody(id);
    markRows(findingsOf.get(id) || []);
    if (centre && node) view().show([node]);
    panel.scrollTop = 0;
    if (location.hash !== "#" + encodeURIComponent(id)) {
      try { history.replaceState(null, "", "#" + encodeURIComponent(id)); } catch (error) { /* an address that cannot change */ }
    }
  }
  function fromAddress() {  // report.html#spg-mh opens with that body selected
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (error) { return; }
    if (id && byId.has(id) && id !== selected) select(id, true);
  }

  // -- findings table ---------------------------------------------------------------

  var rows = [];
  function findingsTable() {
    var head = $("gg-findings-head");
    (DIFF ? ["State"] : []).concat(["Severity", "Rule", "Finding", "Bodies"]).forEach(function (label) {
      head.append(el("th", null, label));
    });
    var tbody = $("gg-findings").tBodies[0];
    findings.forEach(function (f, number) {
      var cells = el("td", "gg-bodies", (f.bodies || []).map(bodyLink));
      if (!(f.bodies || []).length) cells.append(el("span", "gg-none", "none (about the structure)"));
      var message = el("td", null, f.message);
      if (f.waived && f.reason) message.append(el("div", "gg-none", "Waived: " + f.reason));
      if (f.path) message.append(el("div", "gg-none", "Path: " + f.path.map(nameOf).join(" → ")));
      var row = el("tr", null, (DIFF ? [el("td", null, badge(f.state, f.state))] : []).concat([
        el("td", null, severityBadge(f)), el("td", null, f.rule), message, cells]));
      row.id = "gg-finding-" + number;
      row.tabIndex = 0;
      row.addEventListener("click", function () { flag(number); });
      row.addEventListener("keydown", function (event) { if (event.key === "Enter") flag(number); });
      rows.push(row);
      tbody.append(row);
    });
    $("gg-findings-title").textContent = "Findings (" + findings.length + ")";
    $("gg-findings-note").textContent = findings.length
      ? (DIFF ? "Introduced by the restructure, persisting, and resolved by it. " : tally(findings) + ". ") +
        "Click a row to mark its bodies on the diagram; click a name for its details."
      : "No findings: every rule passed.";
  }
  function markRows(numbers) {
    rows.forEach(function (row, number) { row.classList.toggle("gg-current", numbers.indexOf(number) >= 0); });
  }
  function flag(number) {
    var f = findings[number];
    document.querySelectorAll("g.gg-flagged").forEach(function (n) { n.classList.remove("gg-flagged"); });
    var nodes = [];
    (f.bodies || []).forEach(function (id) {
      var node = view().nodeOf.get(id);
      if (node) { node.classList.add("gg-flagged"); nodes.push(node); }
    });
    if (f.bodies && f.bodies.length) select(f.bodies[0], false);
    markRows([number]);
    if (nodes.length) view().show(nodes);
  }
  function showFinding(number) {
    markRows([number]);
    rows[number].scrollIntoView({ block: "center" });
    rows[number].focus({ preventScroll: true });
  }

  // -- changes (restructure) -----------------------------------------------------------

  function changesSection() {
    if (!DIFF) return;
    var section = $("gg-changes");
    section.hidden = false;
    section.append(el("h2", null, "What the restructure changes"));
    var grid = el("div", "gg-changes-grid");
    ["added", "removed", "changed"].forEach(function (change) {
      var list = bodies.filter(function (b) { return b.change === change; });
      var box = el("div", null, el("h3", null, "Bodies " + change + " (" + list.length + ")"));
      box.append(list.length ? el("ul", null, list.map(function (b) {
        return el("li", null, [bodyLink(b.id), b.changes ? " — " + b.changes.map(function (c) { return c.field; }).join(", ") : null]);
      })) : el("p", "gg-none", "None."));
      grid.append(box);
    });
    ["added", "removed", "changed"].forEach(function (change) {
      var list = data.relationships.filter(function (r) { return r.change === change; });
      var box = el("div", null, el("h3", null, "Relationships " + change + " (" + list.length + ")"));
      box.append(list.length ? el("ul", null, list.map(function (r) {
        return el("li", null, [bodyLink(r.source), " " + words(r.kind) + " ", bodyLink(r.target),
          r.changes ? " — " + r.changes.map(function (c) { return c.field + ": " + c.old + " → " + c.new; }).join("; ") : null]);
      })) : el("p", "gg-none", "None."));
      grid.append(box);
    });
    ["introduced", "resolved"].forEach(function (state) {
      var numbers = [];
      findings.forEach(function (f, number) { if (f.state === state) numbers.push(number); });
      var box = el("div", null, el("h3", null, "Findings " + state + " (" + numbers.length + ")"));
      box.append(numbers.length ? el("ul", null, numbers.map(function (number) {
        var f = findings[number], go = el("button", "gg-link", f.rule);
        go.type = "button";
        go.addEventListener("click", function () { showFinding(number); flag(number); });
        return el("li", null, [severityBadge(f), " ", go, ": ", f.message]);
      })) : el("p", "gg-none", "None."));
      grid.append(box);
    });
    section.append(grid);
  }

  // -- filters ----------------------------------------------------------------------------

  var filters = [];
  var within = new Map();  // area id -> itself and every area within it
  data.areas.forEach(function (area) {
    var seen = new Set();
    for (var at = area; at && !seen.has(at.id); at = areas.get(at.within)) {
      seen.add(at.id);
      if (!within.has(at.id)) within.set(at.id, new Set());
      within.get(at.id).add(area.id);
    }
  });
  var visible = new Set(byId.keys());
  function isVisible(id) { return visible.has(id); }

  function filterControls() {
    var holder = $("gg-filter-controls");
    function used(values) {
      var set = new Set();
      bodies.forEach(function (b) { values(b).forEach(function (v) { set.add(v); }); });
      return set;
    }
    var usedLevels = used(function (b) { return b.level ? [b.level] : []; });
    var usedAreas = used(function (b) { return b.areas || []; });
    var usedServices = used(function (b) { return b.serviceAreas || []; });
    var kinds = [];
    bodies.forEach(function (b) { if (kinds.indexOf(b.kind) < 0) kinds.push(b.kind); });
    var specs = [
      ["level", "Level", "not on the level", data.levels.filter(function (l) { return usedLevels.has(l.id); }).map(function (l) { return [l.id, l.name]; }),
        function (b, v) { return b.level === v; }],
      ["area", "Area", "not in the area", data.areas.filter(function (a) {
        return Array.from(within.get(a.id) || []).some(function (id) { return usedAreas.has(id); });
      }).map(function (a) { return [a.id, a.within ? "– " + a.name : a.name]; }),
        function (b, v) { var set = within.get(v); return (b.areas || []).some(function (a) { return set && set.has(a); }); }],
      ["service", "Service area", "not in the service area", data.serviceAreas.filter(function (s) { return usedServices.has(s.id); })
        .map(function (s) { return [s.id, s.name]; }),
        function (b, v) { return (b.serviceAreas || []).indexOf(v) >= 0; }],
      ["kind", "Kind", "not of the kind", kinds.map(function (k) { return [k, words(k)]; }), function (b, v) { return b.kind === v; }]
    ];
    if (DIFF) {
      specs.push(["change", "Change", "not", [["added", "added"], ["removed", "removed"], ["changed", "changed"], ["unchanged", "unchanged"]],
        function (b, v) { return (b.change || "unchanged") === v; }]);
    }
    specs.forEach(function (spec) {
      if (!spec[3].length) return;
      var select = el("select");
      select.id = "gg-filter-" + spec[0];
      select.append(el("option", null, "all"));
      select.options[0].value = "";
      spec[3].forEach(function (choice) {
        var option = el("option", null, choice[1]);
        option.value = choice[0];
        select.append(option);
      });
      select.addEventListener("change", applyFilters);
      var label = el("label", null, [spec[1], select]);
      holder.append(label);
      filters.push({ name: spec[1], phrase: spec[2], select: select, keep: spec[4] });
    });
    $("gg-filter-clear").addEventListener("click", function () { clearFilters(); });
  }

  function clearFilters() {
    filters.forEach(function (f) { f.select.value = ""; });
    applyFilters();
  }

  function applyFilters() {
    var active = filters.filter(function (f) { return f.select.value !== ""; });
    var hiddenBy = active.map(function () { return []; });
    visible = new Set();
    bodies.forEach(function (b) {
      for (var i = 0; i < active.length; i += 1) {
        if (!active[i].keep(b, active[i].select.value)) { hiddenBy[i].push(b.id); return; }
      }
      visible.add(b.id);
    });
    var v = view(), hiddenNodes = new Set(), lines = 0;
    views.forEach(function (each) {
      each.nodes.forEach(function (members, node) {
        var hide = !members.some(isVisible);
        node.classList.toggle("gg-hidden", hide);
        if (hide) hiddenNodes.add(node);
      });
      each.edges.forEach(function (edge) {
        var hide = hiddenNodes.has(edge[1]) || hiddenNodes.has(edge[2]);
        edge[0].classList.toggle("gg-hidden", hide);
        if (hide && each === v) lines += 1;
      });
    });
    document.querySelectorAll("#gg-index li[data-body]").forEach(function (item) {
      item.classList.toggle("gg-outside", !visible.has(item.getAttribute("data-body")));
    });
    var outside = 0;
    findings.forEach(function (f, number) {
      var out = !!(f.bodies && f.bodies.length) && !f.bodies.some(isVisible);
      rows[number].classList.toggle("gg-outside", out);
      if (out) outside += 1;
    });
    var status = $("gg-filter-status");
    $("gg-filter-clear").hidden = !active.length;
    status.classList.toggle("gg-active", active.length > 0);
    if (selected) showBody(selected);
    if (!active.length) {
      status.textContent = "Showing all " + plural(bodies.length, "body", "bodies") + ".";
      return;
    }
    var hidden = bodies.length - visible.size;
    var parts = active.map(function (f, i) {
      var choice = f.select.options[f.select.selectedIndex].textContent.replace(/^– /, "");
      return hiddenBy[i].length + " " + f.phrase + " “" + choice + "”";
    });
    var names = bodies.filter(function (b) { return !visible.has(b.id); }).slice(0, 8).map(function (b) { return b.name; });
    status.textContent = "Showing " + visible.size + " of " + plural(bodies.length, "body", "bodies") + ". Hidden: " +
      plural(hidden, "body", "bodies") + " (" + parts.join("; ") + ")" +
      (names.length ? ": " + names.join(", ") + (hidden > names.length ? ", …" : "") : "") +
      "; " + plural(lines, "line") + " to or from them" +
      (outside ? "; " + plural(outside, "finding") + " about hidden bodies only (greyed in the table)" : "") + ".";
  }

  // -- search -----------------------------------------------------------------------------

  function fold(text) { return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var keys = bodies.map(function (b) {
    var key = { id: b.id, fid: fold(b.id), name: fold(b.name), aliases: (b.aliases || []).map(fold) };
    key.all = [key.name, key.fid].concat(key.aliases).join(" ");
    return key;
  });
  function rank(key, q) {
    if (key.fid === q) return 0;
    if (key.name === q || key.aliases.indexOf(q) >= 0) return 1;
    if (key.name.indexOf(q) === 0 || key.aliases.some(function (a) { return a.indexOf(q) === 0; })) return 2;
    if (key.fid.indexOf(q) === 0) return 3;
    if ((" " + key.name).indexOf(" " + q) >= 0) return 4;
    if (key.name.indexOf(q) >= 0 || key.fid.indexOf(q) >= 0 || key.aliases.some(function (a) { return a.indexOf(q) >= 0; })) return 5;
    var parts = q.split(/\s+/);  // every word somewhere: "mental emg"
    if (parts.length > 1 && parts.every(function (part) { return key.all.indexOf(part) >= 0; })) return 6;
    return -1;
  }
  function search() {
    var input = $("gg-search"), results = $("gg-results"), status = $("gg-search-status");
    var active = -1, shown = [];
    function close() { results.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; }
    function highlight(number) {
      active = number;
      Array.prototype.forEach.call(results.children, function (item, i) { item.setAttribute("aria-selected", String(i === number)); });
      if (number >= 0) input.setAttribute("aria-activedescendant", results.children[number].id);
    }
    function choose(id) {
      close();
      input.value = nameOf(id);
      select(id, true);
      status.textContent = "Showing " + nameOf(id) + ".";
    }
    input.addEventListener("input", function () {
      var q = fold(input.value.trim());
      clear(results);
      if (!q) { close(); status.textContent = ""; return; }
      var hits = [];
      keys.forEach(function (key, order) {
        var score = rank(key, q);
        if (score >= 0) hits.push([score, order, key.id]);
      });
      hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      shown = hits.slice(0, 12).map(function (hit) { return hit[2]; });
      shown.forEach(function (id, number) {
        var b = byId.get(id);
        var about = [b.id, words(b.kind), b.level ? named(levels, b.level) : null, b.change || null,
          isVisible(id) ? null : "hidden by the filters"].filter(Boolean).join(" · ");
        var item = el("li", null, [b.name, el("span", "gg-sub", about)]);
        item.id = "gg-result-" + number;
        item.setAttribute("role", "option");
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(id); });
        results.append(item);
      });
      results.hidden = !shown.length;
      input.setAttribute("aria-expanded", String(shown.length > 0));
      highlight(shown.length ? 0 : -1);
      status.textContent = hits.length ? plural(hits.length, "body", "bodies") + " match" + (hits.length === 1 ? "es" : "") +
        (hits.length > shown.length ? " (first " + shown.length + " listed)" : "") + "."
        : "No body matches “" + input.value.trim() + "”.";
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && shown.length) { event.preventDefault(); highlight(Math.min(active + 1, shown.length - 1)); }
      else if (event.key === "ArrowUp" && shown.length) { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (event.key === "Enter" && shown.length) { event.preventDefault(); choose(shown[Math.max(active, 0)]); }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", close);
  }

  // -- all bodies, by level ---------------------------------------------------------------------

  function bodyIndex() {
    var holder = $("gg-index"), groups = new Map();
    data.levels.forEach(function (level) { groups.set(level.id, []); });
    groups.set("", []);
    bodies.forEach(function (b) {
      var key = b.level && groups.has(b.level) ? b.level : "";
      groups.get(key).push(b);
    });
    groups.forEach(function (list, key) {
      if (!list.length) return;
      holder.append(el("h3", null, key ? named(levels, key) : "Not on a level"));
      holder.append(el("ul", null, list.map(function (b) {
        var item = el("li", null, [bodyLink(b.id), " — " + words(b.kind)]);
        item.setAttribute("data-body", b.id);
        if (b.change) item.append(badge(b.change, b.change));
        if (b.status !== "active") item.append(badge(b.status, b.status));
        var count = (findingsOf.get(b.id) || []).length;
        if (count) item.append(el("span", "gg-none", " · " + plural(count, "finding")));
        return item;
      })));
    });
  }

  // -- start ---------------------------------------------------------------------------------------

  header();
  views.forEach(function (v, number) { if (number === current) v.ensure(); });
  viewSwitch();
  panZoom();
  findingsTable();
  changesSection();
  filterControls();
  bodyIndex();
  applyFilters();
  search();
  welcome();
  fromAddress();
  window.addEventListener("hashchange", fromAddress);
  document.documentElement.setAttribute("data-gg-ready", "true");
  if (window.performance && performance.mark) performance.mark("gg-ready");
})();
