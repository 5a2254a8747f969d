"use strict";
(function () {
  var data = JSON.parse(document.getElementById("exitlint-data").textContent);
  var findings = data.findings;
  var side = document.getElementById("details");
  var links = Array.prototype.slice.call(document.querySelectorAll("svg .link"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("#findings tbody tr"));
  var pinned = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function pair(dl, term, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value));
  }
  function endText(end) {
    if (!end) { return ""; }
    return end.value + " (" + end.cls + ")" + (end.reason ? ": " + end.reason : "");
  }
  function card(f) {
    var c = el("div", "card");
    var head = el("div", "head");
    head.appendChild(el("span", "badge b-" + f.verdict, f.verdict));
    head.appendChild(document.createTextNode(f.check + " " + f.title));
    c.appendChild(head);
    var dl = el("dl");
    pair(dl, "resource", f.resource);
    pair(dl, "file", f.file + ":" + f.line);
    pair(dl, "root", f.root);
    pair(dl, "finding", f.message);
    var mainland = f.inner && f.inner.cls === "mainland";
    pair(dl, mainland ? "mainland end" : "one end", endText(f.inner));
    pair(dl, mainland ? "far end" : "other end", endText(f.outer));
    if (f.approval) {
      pair(dl, "approved exit", f.approval.exit_id);
      pair(dl, "carrier", f.approval.carrier);
      pair(dl, "managed by", f.approval.managed_by);
      pair(dl, "approval", f.approval.approval);
      pair(dl, "expires", f.approval.expires);
    }
    pair(dl, "suppressed", f.suppression_reason);
    c.appendChild(dl);
    if (f.related.length) {
      c.appendChild(el("div", null, "Where its values came from:"));
      var ol = el("ol");
      f.related.forEach(function (o) { ol.appendChild(el("li", null, o.file + ":" + o.line + ": " + o.message)); });
      c.appendChild(ol);
    }
    if (f.fix) {
      var fix = el("dl");
      pair(fix, "fix", f.fix);
      c.appendChild(fix);
    }
    return c;
  }
  function show(ids, title) {
    side.textContent = "";
    side.appendChild(el("h3", null, title));
    ids.forEach(function (i) { side.appendChild(card(findings[i])); });
  }
  function idsOf(node) {
    return node.getAttribute("data-f").split(" ").map(Number);
  }
  function mark(ids) {
    links.forEach(function (l) {
      var hit = idsOf(l).some(function (i) { return ids.indexOf(i) >= 0; });
      l.classList.toggle("active", hit);
    });
    rows.forEach(function (r) { r.classList.toggle("active", ids.indexOf(Number(r.getAttribute("data-f"))) >= 0); });
  }
  function select(node, pin) {
    var ids = idsOf(node);
    if (pin) { pinned = node; }
    show(ids, node.getAttribute("data-title"));
    mark(ids);
  }
  links.forEach(function (l) {
    l.addEventListener("mouseenter", function () { if (!pinned) { select(l, false); } });
    l.addEventListener("focus", function () { select(l, false); });
    l.addEventListener("click", function () { select(l, true); });
    l.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(l, true); } });
  });
  rows.forEach(function (r) {
    r.addEventListener("click", function () { pinned = r; select(r, true); });
  });

  var controls = Array.prototype.slice.call(document.querySelectorAll(".filters select, .filters input"));
  var count = document.getElementById("shown");
  function apply() {
    var want = {};
    controls.forEach(function (c) { want[c.name] = c.value.trim().toLowerCase(); });
    var n = 0;
    rows.forEach(function (r) {
      var ok = ["check", "verdict", "provider", "file"].every(function (k) {
        return !want[k] || r.getAttribute("data-" + k).toLowerCase() === want[k];
      }) && (!want.text || r.textContent.toLowerCase().indexOf(want.text) >= 0);
      r.hidden = !ok;
      if (ok) { n += 1; }
    });
    count.textContent = String(n);
  }
  controls.forEach(function (c) { c.addEventListener("input", apply); c.addEventListener("change", apply); });
  apply();
})();
