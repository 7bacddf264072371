/* argmap outline page: filters, search, expand/collapse, and diagram <-> outline links.
   The page works without this script; it only adds controls. It builds no HTML from text. */
(function () {
  "use strict";
  var doc = document;
  var tree = doc.querySelector(".tree");
  var form = doc.getElementById("controls");
  if (!tree) { return; }
  doc.documentElement.classList.add("js");
  var entries = Array.prototype.slice.call(tree.querySelectorAll("li.entry"));
  var groups = Array.prototype.slice.call(tree.querySelectorAll("li.joint-reason"));
  var search = doc.getElementById("search");
  var author = doc.getElementById("author");
  var status = doc.getElementById("filter-status");

  function parentEntry(li) {
    var up = li.parentElement;
    return up ? up.closest("li.entry") : null;
  }

  function openAncestors(el) {
    var node = el;
    while (node) {
      if (node.tagName === "DETAILS") { node.open = true; }
      node = node.parentElement;
    }
  }

  function ownText(li) {
    var summary = li.querySelector(":scope > details > summary");
    var body = li.querySelector(":scope > details > .body");
    var text = (summary ? summary.textContent : "") + " " + (body ? body.textContent : "");
    return (text + " " + li.getAttribute("data-id")).toLowerCase();
  }
  var texts = entries.map(ownText);

  function choice() {
    var checked = form ? form.querySelector("input[name=show]:checked") : null;
    return checked ? checked.value : "all";
  }

  function matches(li, i, show, who, words) {
    var kind = li.getAttribute("data-kind");
    if (show === "objections" && kind !== "objection") { return false; }
    if (show === "unanswered" &&
        (kind !== "objection" || li.getAttribute("data-answered") === "yes")) { return false; }
    if (who && li.getAttribute("data-author") !== who) { return false; }
    for (var w = 0; w < words.length; w += 1) {
      if (texts[i].indexOf(words[w]) < 0) { return false; }
    }
    return true;
  }

  function applyFilters() {
    var show = choice();
    var who = author ? author.value : "";
    var query = search ? search.value.trim().toLowerCase() : "";
    var words = query ? query.split(/\s+/) : [];
    var active = show !== "all" || who !== "" || words.length > 0;
    var keep = new Map();
    var count = 0;
    // Children come after their parents in document order: walk backwards so each
    // entry knows whether something below it is kept.
    for (var i = entries.length - 1; i >= 0; i -= 1) {
      var li = entries[i];
      var own = !active || matches(li, i, show, who, words);
      if (own) { count += 1; }
      var shown = own || keep.get(li) === true;
      li.hidden = !shown;
      li.classList.toggle("context", active && shown && !own);
      if (shown) {
        var up = parentEntry(li);
        if (up) { keep.set(up, true); }
        if (active && !own) {
          var details = li.querySelector(":scope > details");
          if (details) { details.open = true; }
        }
      }
    }
    groups.forEach(function (g) {
      g.hidden = g.querySelector("li.entry:not([hidden])") === null;
    });
    if (status) {
      status.textContent = active
        ? count + " of " + entries.length + " entries match."
        : "";
    }
  }

  function setAll(open) {
    tree.querySelectorAll("details").forEach(function (d) { d.open = open; });
  }

  var highlighted = null;
  var lit = null;
  function highlightDiagram(id) {
    if (lit) { lit.classList.remove("hl"); }
    lit = doc.getElementById("node-" + id);
    if (lit) { lit.classList.add("hl"); }
  }

  function goToEntry(id) {
    var li = doc.getElementById("n-" + id);
    if (!li) { return; }
    if (li.hidden && form) { form.reset(); applyFilters(); }
    openAncestors(li);
    var details = li.querySelector(":scope > details");
    if (details) { details.open = true; }
    if (highlighted) { highlighted.classList.remove("highlight"); }
    highlighted = li;
    li.classList.add("highlight");
    highlightDiagram(id);
    li.scrollIntoView({ block: "center" });
    var summary = li.querySelector(":scope > details > summary");
    if (summary) { summary.focus({ preventScroll: true }); }
    if (history.replaceState) { history.replaceState(null, "", "#n-" + id); }
  }

  if (form) {
    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("input", applyFilters);
    form.addEventListener("change", applyFilters);
    form.addEventListener("reset", function () { setTimeout(applyFilters, 0); });
    doc.getElementById("expand-all").addEventListener("click", function () { setAll(true); });
    doc.getElementById("collapse-all").addEventListener("click", function () { setAll(false); });
  }

  var svg = doc.querySelector(".diagram-frame svg");
  if (svg) {
    svg.querySelectorAll("g.node[id^='node-']").forEach(function (g) {
      var id = g.id.slice(5);
      if (!doc.getElementById("n-" + id)) { return; }
      var link = g.querySelector("a[href]");
      if (link) {
        // The node already links to its entry (and works without this script).
        link.setAttribute("aria-label", "Go to " + id + " in the outline");
        link.addEventListener("click", function (e) { e.preventDefault(); goToEntry(id); });
        return;
      }
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "link");
      g.setAttribute("aria-label", "Go to " + id + " in the outline");
      g.addEventListener("click", function () { goToEntry(id); });
      g.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); goToEntry(id); }
      });
    });
  }

  var fit = doc.getElementById("fit-diagram");
  var frame = doc.querySelector(".diagram-frame");
  if (fit && frame) {
    fit.hidden = false;
    fit.addEventListener("click", function () {
      var on = frame.classList.toggle("actual");
      fit.setAttribute("aria-pressed", on ? "true" : "false");
      if (on) { centreOn(lit || frame.querySelector("g.node.thesis")); }
    });
  }

  // At actual size the drawing is larger than its frame: show the selected box, or the
  // thesis, in the middle rather than the drawing's empty top-left corner.
  function centreOn(node) {
    if (!node || !frame) { return; }
    var box = node.getBoundingClientRect();
    var view = frame.getBoundingClientRect();
    frame.scrollLeft += box.left + box.width / 2 - (view.left + view.width / 2);
    frame.scrollTop += box.top + box.height / 2 - (view.top + view.height / 2);
  }

  tree.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a.to-diagram") : null;
    if (link) { highlightDiagram(link.getAttribute("href").slice(6)); }
  });

  function followHash() {
    var hash = location.hash.slice(1);
    // A hand-typed or pasted fragment may be malformed (#%E0%A4%A): use it as it is.
    try { hash = decodeURIComponent(hash); } catch (e) { /* keep the raw fragment */ }
    if (hash.indexOf("n-") === 0 && doc.getElementById(hash)) { goToEntry(hash.slice(2)); }
  }
  window.addEventListener("hashchange", followHash);
  if (location.hash) { followHash(); }

  var before = null;
  window.addEventListener("beforeprint", function () {
    before = Array.prototype.map.call(tree.querySelectorAll("details"), function (d) {
      return d.open;
    });
    setAll(true);
  });
  window.addEventListener("afterprint", function () {
    if (!before) { return; }
    tree.querySelectorAll("details").forEach(function (d, i) { d.open = before[i]; });
    before = null;
  });
}());
