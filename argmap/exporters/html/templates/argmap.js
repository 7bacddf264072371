/* argmap outline page: filters, search, expand/collapse, diagram <-> outline links, and the
   diagram viewer (its pages, pan and zoom); on an answer key (a table, no outline), the
   viewer and the links from its boxes to the table's rows.
   The page works without this script; it only adds controls. It builds no HTML from text. */
(function () {
  "use strict";
  var doc = document;
  var tree = doc.querySelector(".tree");
  var form = doc.getElementById("controls");
  var key = tree ? null : doc.querySelector("table.answer-key");
  if (!tree && !key) { return; }
  var where = tree ? "the outline" : "the answers";
  doc.documentElement.classList.add("js");
  var entries = tree ? Array.prototype.slice.call(tree.querySelectorAll("li.entry")) : [];
  var groups = tree ? Array.prototype.slice.call(tree.querySelectorAll("li.joint-reason")) : [];
  var search = doc.getElementById("search");
  var author = doc.getElementById("author");
  var status = doc.getElementById("filter-status");

  // An entry listed flat after its tree names the last nested entry above it (data-up).
  function parentEntry(li) {
    var up = li.parentElement ? li.parentElement.closest("li.entry") : null;
    var above = up ? null : li.getAttribute("data-up");
    return above ? doc.getElementById("n-" + above) : up;
  }

  function openAncestors(el) {
    var node = el;
    while (node) {
      if (node.tagName === "DETAILS") { node.open = true; }
      node = node.parentElement;
    }
  }

  // What the search reads of an entry: its own words (statement, quote, citation, source,
  // author, tags, note), its kind's names and its id; not the page's labels ("Relation",
  // "show in diagram") nor its parent's id. Quotes are folded ("it’s" is "it's"), and
  // accents composed (an "é" typed is the "é" of a text that writes it as e and an accent).
  function fold(text) {
    return text.normalize("NFC").replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, "\"");
  }

  function ownText(li) {
    var parts = [li.getAttribute("data-kind"), li.getAttribute("data-id")];
    var own = li.querySelectorAll(
      ":scope > details > summary > .kind, :scope > details > summary > .text, " +
      ":scope > details > .body > .quote, :scope > details > .body > .meta > div > dd.find");
    own.forEach(function (el) { parts.push(el.textContent); });
    return fold(parts.join("\n"));
  }
  var texts = entries.map(ownText);

  // A word of the query matches at a word's start ("mig" finds "MiG-29", not "smiggle"),
  // ignoring case unless it mixes cases past its first letter ("MiG" is not "might");
  // in scripts written without spaces (Chinese, Japanese, Thai...), anywhere. A "quoted
  // phrase" matches its words in order, one after the other (only spaces or punctuation
  // between them, in the query or the text: "pure and simple" is not "pure, and so
  // simple"); an unclosed quote runs to the end of the query.
  var UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
  function mixedCase(word) {
    var tail = word.slice(1);
    return /\p{Lu}/u.test(tail) && /\p{Ll}/u.test(tail);
  }
  function pattern(words) {
    var escaped = words.map(function (word) {
      return word.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&");
    }).join("[^\\p{L}\\p{N}\\p{M}]+");
    var start = UNSPACED.test(words[0]) || !/^[\p{L}\p{N}]/u.test(words[0])
      ? "" : "(?:^|[^\\p{L}\\p{N}\\p{M}])";
    return new RegExp(start + escaped, words.some(mixedCase) ? "u" : "iu");
  }
  function phraseWords(phrase) {  // its words; one of punctuation alone is taken as typed
    var words = phrase.split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
    return words.length > 0 || phrase.trim() === "" ? words : [phrase.trim()];
  }
  function terms(query) {
    var found = [];
    var part = /"([^"]*)"?|[^\s"]+/g;
    var m = part.exec(query);
    while (m !== null) {
      var words = m[1] === undefined ? [m[0]] : phraseWords(m[1]);
      if (words.length > 0) { found.push(pattern(words)); }
      m = part.exec(query);
    }
    return found;
  }

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
      if (!words[w].test(texts[i])) { return false; }
    }
    return true;
  }

  function applyFilters() {
    var show = choice();
    var who = author ? author.value : "";
    var query = search ? fold(search.value.trim()) : "";
    var words = terms(query);
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
        if (active) {  // a match opened too: what matched (its author, quote) shows
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
    if (!tree) { return; }
    tree.querySelectorAll("details").forEach(function (d) { d.open = open; });
  }

  // A big diagram holds its pages but the overview in templates, out of the DOM: a page is
  // put in when shown (or printed), and a box is looked up in an index made the first time.
  var held = doc.querySelectorAll(".diagram-page > template").length > 0;
  var boxPages = null;
  var wired = new WeakSet();

  function fill(page) {
    var tpl = page && page.querySelector(":scope > template");
    if (!tpl) { return; }
    page.appendChild(tpl.content);
    page.removeChild(tpl);
    wireNodes(page);
  }

  function findNode(id) {
    var el = doc.getElementById("node-" + id);
    if (!held) { return el; }
    if (!boxPages) {
      boxPages = new Map();
      doc.querySelectorAll(".diagram-page").forEach(function (page) {
        var tpl = page.querySelector(":scope > template");
        (tpl ? tpl.content : page).querySelectorAll("g.node[id^='node-']").forEach(function (g) {
          if (!boxPages.has(g.id)) { boxPages.set(g.id, page); }
        });
      });
    }
    var page = boxPages.get("node-" + id);
    if (!page) { return el; }
    fill(page);
    return page.querySelector("#" + CSS.escape("node-" + id));
  }

  var highlighted = null;
  var lit = null;
  function highlightDiagram(id) {
    if (lit) { lit.classList.remove("hl"); }
    lit = findNode(id);
    if (lit) { lit.classList.add("hl"); }
    if (lit && viewer) { viewer.showNode(lit, false); }
  }

  // ``push``: a box followed from the diagram, whose entry is far down the page: Back
  // returns to the diagram (it replaced the page's entry in the history, and Back left the
  // page). Else the address is replaced (a fragment followed, the entry is already there).
  function goToEntry(id, push) {
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
    if (summary) {
      summary.focus({ preventScroll: true });
    } else if (li.tagName === "TR") {  // an answer key's row
      li.setAttribute("tabindex", "-1");
      li.focus({ preventScroll: true });
    }
    if (push && history.pushState) {
      history.pushState(null, "", "#n-" + id);
    } else if (history.replaceState) {
      history.replaceState(null, "", "#n-" + id);
    }
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

  var viewer = makeViewer(doc.getElementById("diagram-pages"));

  function words(el) { return el.textContent.replace(/\s+/g, " ").trim(); }

  // A box's accessible name says what it shows, not its id: its heading ("Reason",
  // "Undercuts the link", "1.2 · kind: blank" on a worksheet), its statement (the entry's,
  // whole; else the box's own lines) and where following it goes.
  function boxName(g, id) {
    var lines = Array.prototype.map.call(g.querySelectorAll("text"), words);
    var head = (lines.shift() || "").replace(/_{2,}/g, "blank");
    if (head === head.toUpperCase()) { head = head.charAt(0) + head.slice(1).toLowerCase(); }
    var entry = doc.getElementById("n-" + id);
    var shown = entry ? entry.querySelector(".text") : null;
    var text = (shown ? words(shown) : "") || lines.join(" ").trim() || "blank";
    if (text.length > 300) { text = text.slice(0, 299) + "\u2026"; }
    return head + ": " + text + " (go to " + where + ")";
  }

  // An arrow is named by its relation and any words on it (its "so" is read as part of the
  // name, not alone; a worksheet's arrows have no relation, only the mark of its example);
  // one that says nothing (a worksheet's blank arrow, a joint's dot) is hidden from
  // assistive technology.
  var ARROWS = [["supports", "supports"], ["attacks", "attacks"],
    ["undercuts", "undercuts a link"], ["drawn-from", "so, a conclusion drawn"]];
  function nameArrows(root) {
    root.querySelectorAll(".diagram-frame g.edge, .diagram-frame g.node.junction").forEach(function (g) {
      var said = ARROWS.filter(function (a) { return g.classList.contains(a[0]); })[0];
      var text = Array.prototype.map.call(g.querySelectorAll("text"), words).join(" ").trim();
      if (said && text === "so") { text = ""; }
      if (!said && !text) { g.setAttribute("aria-hidden", "true"); return; }
      g.setAttribute("role", "img");
      g.setAttribute("aria-label", "Arrow: " + (said ? said[1] + (text ? ", " + text : "") : text));
    });
  }

  // A stub shows its branch's first statement cut short ("Russia is playing its own game
  // in North Korea…"): it is named by the whole statement, its entry's (the box carries
  // the node's id, data-top), and where it goes on ("+44 more, p. 2"). A grouped stub
  // ("8 more reasons, p. 4"), or one whose lines are not its entry's words, keeps them.
  function nameStubs(root) {
    root.querySelectorAll(".diagram-frame g.node.stub[data-top]").forEach(function (g) {
      var link = g.querySelector("a[href]");
      var entry = doc.getElementById("n-" + g.getAttribute("data-top"));
      var shown = entry ? entry.querySelector(".text") : null;
      var lines = Array.prototype.map.call(g.querySelectorAll("text"), words);
      if (!link || !shown || lines.length < 3) { return; }
      var head = lines.shift(), tail = lines.pop();
      var cut = lines.join(" ").replace(/\u2026$/, "").trim(), text = words(shown);
      if (!cut || text.replace(/\s+/g, "").indexOf(cut.replace(/\s+/g, "")) !== 0) { return; }
      if (head === head.toUpperCase()) { head = head.charAt(0) + head.slice(1).toLowerCase(); }
      if (text.length > 300) { text = text.slice(0, 299) + "\u2026"; }
      link.setAttribute("aria-label", head + ": " + text + " (" + tail + ")");
    });
  }

  function wireNodes(root) {
    nameArrows(root);
    nameStubs(root);
    root.querySelectorAll(".diagram-frame g.node[id^='node-']").forEach(function (g) {
      if (wired.has(g)) { return; }
      wired.add(g);
      var id = g.id.slice(5);
      if (!doc.getElementById("n-" + id)) { return; }
      var link = g.querySelector("a[href]");
      if (link) {
        // The node already links to its entry (and works without this script).
        link.setAttribute("aria-label", boxName(g, id));
        link.addEventListener("click", function (e) { e.preventDefault(); goToEntry(id, true); });
        return;
      }
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "link");
      g.setAttribute("aria-label", boxName(g, id));
      g.addEventListener("click", function () { goToEntry(id, true); });
      g.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); goToEntry(id, true); }
      });
    });
  }
  wireNodes(doc);

  if (tree || key) {
    (tree || key).addEventListener("click", function (e) {
      var link = e.target.closest ? e.target.closest("a.to-diagram") : null;
      if (!link || !viewer) { return; }
      e.preventDefault();
      var id = link.getAttribute("href").slice(6);
      highlightDiagram(id);
      viewer.showNode(lit, true);
      if (history.pushState) { history.pushState(null, "", "#node-" + id); }
    });
  }

  // The diagram viewer: one page at a time (the overview first), panned and zoomed with a
  // CSS transform of the page's drawing, so printing (which drops the transform) is unaffected.
  function makeViewer(box) {
    if (!box) { return null; }
    var pages = Array.prototype.slice.call(box.querySelectorAll(".diagram-page"));
    if (!pages.length) { return null; }
    var bar = doc.getElementById("diagram-bar");
    var status = doc.getElementById("page-status");
    var prev = doc.getElementById("page-prev");
    var next = doc.getElementById("page-next");
    var jump = doc.getElementById("page-jump");
    var current = null;
    var view = { s: 1, x: 0, y: 0 };
    var views = new Map();
    var MAX_ZOOM = 12;
    var MIN_ZOOM = 0.5;

    function svgOf(page) { return page.querySelector("svg"); }

    // Zoomed in, a finger pans the drawing; else a finger's swipe up or down scrolls the page
    // past it (on a phone, a thumb on the diagram held the page still: see the stylesheet).
    function apply() {
      var svg = svgOf(current);
      if (!svg) { return; }
      svg.style.transform = view.s === 1 && view.x === 0 && view.y === 0 ? "" :
        "translate(" + view.x + "px, " + view.y + "px) scale(" + view.s + ")";
      current.classList.toggle("zoomed", view.s > 1);
    }

    // The drawing's box at scale 1 inside its frame: left and top offsets, width, height.
    function layoutBox() {
      var svg = svgOf(current);
      var frame = current.getBoundingClientRect();
      var r = svg.getBoundingClientRect();
      return {
        frame: frame,
        left: r.left - frame.left - view.x,
        top: r.top - frame.top - view.y,
        width: r.width / view.s,
        height: r.height / view.s
      };
    }

    // Keep the frame's centre on the drawing, however far it is panned.
    function clamp(b) {
      var cx = b.frame.width / 2, cy = b.frame.height / 2;
      view.x = Math.min(Math.max(view.x, cx - b.left - b.width * view.s), cx - b.left);
      view.y = Math.min(Math.max(view.y, cy - b.top - b.height * view.s), cy - b.top);
    }

    function zoomAt(factor, clientX, clientY) {
      if (!current) { return; }
      var b = layoutBox();
      var s = Math.min(Math.max(view.s * factor, MIN_ZOOM), Math.max(MAX_ZOOM, actualScale(b) * 4));
      var px = clientX - b.frame.left, py = clientY - b.frame.top;
      var ux = (px - b.left - view.x) / view.s, uy = (py - b.top - view.y) / view.s;
      view.s = s;
      view.x = px - b.left - ux * s;
      view.y = py - b.top - uy * s;
      clamp(b);
      apply();
    }

    function zoomCentre(factor) {
      var f = current.getBoundingClientRect();
      zoomAt(factor, f.left + f.width / 2, f.top + f.height / 2);
    }

    function panBy(dx, dy) {
      if (!current) { return; }
      view.x += dx;
      view.y += dy;
      clamp(layoutBox());
      apply();
    }

    // The scale at which one point of the drawing is one point on screen.
    function actualScale(b) {
      var box = svgOf(current).viewBox.baseVal;
      if (!box || !box.width) { return 1; }
      var fit = Math.min(b.width / box.width, b.height / box.height);
      return (96 / 72) / fit;
    }

    function centreOn(node, s) {
      current.classList.toggle("zoomed", s > 1);  // the frame it is centred in, as it will be
      var b = layoutBox();
      var ux = b.width / 2, uy = b.height / 2;
      if (node) {
        var r = node.getBoundingClientRect();
        var drawn = svgOf(current).getBoundingClientRect();
        ux = (r.left + r.width / 2 - drawn.left) / view.s;
        uy = (r.top + r.height / 2 - drawn.top) / view.s;
      }
      view.s = s;
      view.x = b.frame.width / 2 - b.left - ux * s;
      view.y = b.frame.height / 2 - b.top - uy * s;
      clamp(b);
      apply();
    }

    function pageOf(node) {
      return node && node.closest ? node.closest(".diagram-page") : null;
    }

    function show(page) {
      if (!page || page === current) { return; }
      fill(page);
      // Only the two pages that change are touched: a big map has thousands.
      if (current) {
        views.set(current, view);
        current.hidden = true;
      } else {
        pages.forEach(function (p) { p.hidden = p !== page; });
      }
      page.hidden = false;
      current = page;
      view = views.get(page) || { s: 1, x: 0, y: 0 };
      var n = Number(page.getAttribute("data-page")) || pages.indexOf(page) + 1;
      if (status) { status.textContent = "Page " + n + " of " + pages.length; }
      if (jump) {  // an RTL title is set so: cut at its end, not at its statement's start
        jump.value = String(n);
        jump.dir = jump.selectedIndex >= 0 ? jump.options[jump.selectedIndex].dir || "ltr" : "ltr";
      }
      if (prev) { prev.disabled = n === 1; }
      if (next) { next.disabled = n === pages.length; }
      apply();
    }

    // The selected box, wherever it is drawn; else the thesis if this page draws it; else
    // the page's first box drawn in full, the head of the branch it goes on with (Actual
    // size put the page's middle in view, often blank, between boxes). Fit and Actual size
    // keep to the page shown when nothing is selected (a reader deep in a big map is not
    // sent back to the overview).
    function target() {
      if (lit && pageOf(lit)) { return lit; }
      if (!current) { return null; }
      return current.querySelector("g.node.thesis") || current.querySelector("g.node[id^='node-']");
    }

    // Show the page that draws ``node`` as a followed link does: the address and Back follow.
    function showPageOf(node) {
      var page = pageOf(node);
      if (page && page !== current) { goPage(pages.indexOf(page) + 1, "push"); }
    }

    function fit() {
      showPageOf(target());
      view = { s: 1, x: 0, y: 0 };
      apply();
    }

    function actual() {
      var node = target();
      showPageOf(node);
      centreOn(node && pageOf(node) === current ? node : null, actualScale(layoutBox()));
    }

    // ``how``: "push" a history entry (a stub or breadcrumb followed: Back returns),
    // "replace" it (paging through), or leave the address alone.
    // The page already shown at its own address is not pushed again (Overview pressed on the
    // overview, Home on the first page, End on the last): Back did nothing, once for each.
    function goPage(n, how) {
      var page = pages[n - 1];
      if (!page) { return; }
      var here = location.hash === "#page-" + n || (n === 1 && !location.hash);
      if (how === "push" && page === current && here) { how = "replace"; }
      show(page);
      if (how === "push" && history.pushState) {
        history.pushState(null, "", "#page-" + n);
      } else if (how === "replace" && history.replaceState) {
        history.replaceState(null, "", "#page-" + n);
      }
    }

    function turn(step) {
      goPage(pages.indexOf(current) + 1 + step, "replace");
    }

    if (bar) { bar.hidden = false; }
    box.setAttribute("tabindex", "0");
    // A page opened from its address (#page-N) is scrolled to with the toolbar above it in
    // view: the browser leaves room for the bar, as tall as it wraps.
    function roomForBar() {
      if (bar) { box.style.setProperty("--bar-room", (bar.offsetHeight + 12) + "px"); }
    }
    roomForBar();
    window.addEventListener("resize", roomForBar);

    // Bring the toolbar and the page shown into view, if either is out of it.
    function reveal() {
      var top = (bar || box).getBoundingClientRect().top;
      var bottom = box.getBoundingClientRect().bottom;
      var high = window.innerHeight || doc.documentElement.clientHeight;
      if (top < 0 || bottom > high) { (bar || box).scrollIntoView({ block: "start" }); }
    }
    show(pages[0]);

    function on(id, handler) {
      var el = doc.getElementById(id);
      if (el) { el.addEventListener("click", handler); }
    }
    on("page-overview", function () { goPage(1, "push"); });
    if (jump) {  // a page picked from the list opens as a followed link does
      jump.addEventListener("change", function () { goPage(parseInt(jump.value, 10), "push"); });
    }
    on("page-prev", function () { turn(-1); });
    on("page-next", function () { turn(1); });
    on("zoom-in", function () { zoomCentre(1.25); });
    on("zoom-out", function () { zoomCentre(0.8); });
    on("fit-diagram", fit);
    on("actual-size", actual);

    // Links to pages (stubs, breadcrumb rows, references) turn the page, and Back returns.
    box.addEventListener("click", function (e) {
      if (dragged) { e.preventDefault(); e.stopPropagation(); dragged = false; return; }
      var a = e.target.closest ? e.target.closest("a[href^='#page-']") : null;
      if (!a) { return; }
      e.preventDefault();
      goPage(parseInt(a.getAttribute("href").slice(6), 10), "push");
      box.focus({ preventScroll: true });
    }, true);

    // The wheel scrolls the page past the diagram, as over the rest of the page (every notch
    // over it zoomed, so a reader scrolling down was stuck on it), unless the diagram is in
    // use: it or its toolbar has the focus (clicked, tabbed to). Ctrl (or Cmd) and the wheel,
    // and a touchpad's pinch (a wheel with ctrlKey), zoom it always. A wheel passed on says how.
    var hint = doc.getElementById("wheel-hint");
    var hintTimer = 0;
    function inUse() {
      var at = doc.activeElement;
      return !!at && (box.contains(at) || (!!bar && bar.contains(at)));
    }
    function hintWheel() {
      if (!hint) { return; }
      hint.hidden = false;
      clearTimeout(hintTimer);
      hintTimer = setTimeout(function () { hint.hidden = true; }, 1800);
    }
    box.addEventListener("wheel", function (e) {
      if (!e.ctrlKey && !e.metaKey && !inUse()) {
        hintWheel();
        return;
      }
      e.preventDefault();
      if (hint) { hint.hidden = true; }
      var unit = e.deltaMode === 1 ? 16 : (e.deltaMode === 2 ? 400 : 1);
      if (e.shiftKey && !e.ctrlKey && !e.metaKey) {
        panBy(-(e.deltaX || e.deltaY) * unit, 0);
        return;
      }
      // A pinch on a touchpad arrives as a wheel event with ctrlKey set, a few pixels an
      // event; a mouse's notch with Ctrl held is 100: no such event zooms more than a step.
      var step = -e.deltaY * unit * (e.ctrlKey ? 0.01 : 0.0015);
      if (e.ctrlKey) { step = Math.max(-0.25, Math.min(0.25, step)); }
      zoomAt(Math.exp(step), e.clientX, e.clientY);
    }, { passive: false });

    // Drag to pan with one pointer, pinch to zoom with two.
    var pointers = new Map();
    var dragged = false;
    var moved = 0;
    var pinch = null;
    var before = null;  // the view as a touch began: the page's scroll takes it back
    box.addEventListener("pointerdown", function (e) {
      if (e.button !== 0 || !current) { return; }
      if (!pointers.size) { before = { s: view.s, x: view.x, y: view.y }; }
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      moved = 0;
      dragged = false;
      pinch = null;
    });
    box.addEventListener("pointermove", function (e) {
      var last = pointers.get(e.pointerId);
      if (!last) { return; }
      var dx = e.clientX - last.x, dy = e.clientY - last.y;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 2) {
        var ps = Array.from(pointers.values());
        var dist = Math.hypot(ps[0].x - ps[1].x, ps[0].y - ps[1].y);
        var mx = (ps[0].x + ps[1].x) / 2, my = (ps[0].y + ps[1].y) / 2;
        if (pinch && pinch.dist > 0) {
          panBy(mx - pinch.x, my - pinch.y);
          zoomAt(dist / pinch.dist, mx, my);
        }
        pinch = { dist: dist, x: mx, y: my };
        dragged = true;
        return;
      }
      moved += Math.abs(dx) + Math.abs(dy);
      if (moved > 4) {
        if (!dragged) {
          dragged = true;
          current.classList.add("panning");
          box.setPointerCapture(e.pointerId);
        }
        panBy(dx, dy);
      }
    });
    function release(e) {
      pointers.delete(e.pointerId);
      pinch = null;
      if (current) { current.classList.remove("panning"); }
      if (!pointers.size && !dragged) { moved = 0; }
    }
    box.addEventListener("pointerup", release);
    // A link dragged natively would cancel the pan.
    box.addEventListener("dragstart", function (e) { e.preventDefault(); });
    // A swipe the browser took to scroll the page: the few pixels it panned first are undone.
    box.addEventListener("pointercancel", function (e) {
      var alone = pointers.size === 1 && pointers.has(e.pointerId);
      release(e);
      if (alone && before && current) { view = before; apply(); }
      dragged = false;
      moved = 0;
    });

    // Tab goes through a page's boxes and links as they are read, a row at a time from the
    // top, left to right (the engine's order went from the thesis to the rows below it, then
    // back up to the conclusions drawn above it). Past either end it goes on from the
    // drawing's first or last stop, out of the drawing as before.
    var STOP = "a[href], [tabindex='0']";
    function readingOrder(svg) {
      var rows = [];
      Array.prototype.map.call(svg.querySelectorAll(STOP), function (el) {
        var r = el.getBoundingClientRect();
        return { el: el, x: r.left, y: r.top + r.height / 2, h: r.height };
      }).sort(function (a, b) { return a.y - b.y || a.x - b.x; }).forEach(function (stop) {
        var row = rows[rows.length - 1];
        if (row && stop.y - row[0].y <= row[0].h / 2) { row.push(stop); } else { rows.push([stop]); }
      });
      var order = [];
      rows.forEach(function (row) {
        row.sort(function (a, b) { return a.x - b.x; });
        row.forEach(function (stop) { order.push(stop.el); });
      });
      return order;
    }

    function tabInDrawing(e) {
      var svg = current ? svgOf(current) : null;
      var at = doc.activeElement;
      if (!svg || !svg.contains(at)) { return; }
      var order = readingOrder(svg);
      var i = order.indexOf(at);
      if (i < 0) { return; }
      var next = order[i + (e.shiftKey ? -1 : 1)];
      if (next) {
        e.preventDefault();
        focusStop(next);
        return;
      }
      var all = svg.querySelectorAll(STOP);  // the default move goes on from there
      leaving = true;  // not panned to: the focus only passes through it
      all[e.shiftKey ? 0 : all.length - 1].focus({ preventScroll: true });
      leaving = false;
    }

    // A box reached from the keyboard is brought into the frame: zoomed in, Tab went on to
    // boxes panned out of sight (and the browser scrolled the frame to them, out of step with
    // the view). One a pointer pressed is left where it is: moved, it would slip from under it.
    // The browser may have scrolled the window to where the box was: it is scrolled to where
    // the box is now.
    function intoFrame(el) {
      var f = current.getBoundingClientRect();
      var r = el.getBoundingClientRect();
      if (r.left < f.left || r.right > f.right || r.top < f.top || r.bottom > f.bottom) {
        centreOn(el, view.s);
        r = el.getBoundingClientRect();
      }
      if (r.top < 0 || r.bottom > (window.innerHeight || doc.documentElement.clientHeight)) {
        el.scrollIntoView({ block: "nearest" });
      }
    }
    function focusStop(el) {
      intoFrame(el);
      el.focus({ preventScroll: true });
    }
    var leaving = false;
    var pressed = false;  // a pointer is down: the focus is a click's
    box.addEventListener("pointerdown", function () { pressed = true; }, true);
    ["pointerup", "pointercancel"].forEach(function (type) {
      window.addEventListener(type, function () { pressed = false; }, true);
    });
    // A button released outside the window sends no pointerup here: the focus that follows
    // a key, a pointer moved with no button down, or the window left and come back to is no
    // longer a click's (Tab stopped bringing boxes into the frame until the next click).
    window.addEventListener("keydown", function () { pressed = false; }, true);
    window.addEventListener("blur", function () { pressed = false; });
    window.addEventListener("pointermove", function (e) {
      if (!e.buttons) { pressed = false; }
    }, true);
    box.addEventListener("focusin", function (e) {
      var svg = current ? svgOf(current) : null;
      if (leaving || pressed || !svg || !svg.contains(e.target)) { return; }
      intoFrame(e.target);
    });

    // Come back to from below (Shift+Tab), the drawing is entered at its last stop as read.
    box.addEventListener("focusin", function (e) {
      var from = e.relatedTarget;
      var svg = current ? svgOf(current) : null;
      if (pressed || !from || !svg || box.contains(from) || !svg.contains(e.target)) { return; }
      if (!(box.compareDocumentPosition(from) & Node.DOCUMENT_POSITION_FOLLOWING)) { return; }
      var order = readingOrder(svg);
      var last = order[order.length - 1];
      if (last && last !== e.target) { focusStop(last); }
    });

    box.addEventListener("keydown", function (e) {
      if (e.key === "Tab" && !e.altKey && !e.ctrlKey && !e.metaKey) {
        tabInDrawing(e);
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey) { return; }
      var f = current.getBoundingClientRect();
      var step = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[e.key];
      if (step) {
        panBy(step[0] * f.width * 0.1, step[1] * f.height * 0.1);
      } else if (e.key === "+" || e.key === "=") {
        zoomCentre(1.25);
      } else if (e.key === "-" || e.key === "_") {
        zoomCentre(0.8);
      } else if (e.key === "0") {
        fit();
      } else if (e.key === "1") {
        actual();
      } else if (e.key === "PageDown") {
        turn(1);
      } else if (e.key === "PageUp") {
        turn(-1);
      } else if (e.key === "Home") {
        goPage(1, "push");
      } else if (e.key === "End") {
        goPage(pages.length, "push");
      } else {
        return;
      }
      e.preventDefault();
    });

    return {
      // Show the page holding a node; with ``centre``, at actual size around it.
      showNode: function (node, centre) {
        var page = pageOf(node);
        if (!page) { return; }
        show(page);
        if (centre) {
          centreOn(node, Math.max(view.s, actualScale(layoutBox())));
          reveal();
        }
      },
      goPage: goPage,
      reveal: reveal,
      pages: pages,
      reset: function () {
        views = new Map();
        view = { s: 1, x: 0, y: 0 };
        apply();
      }
    };
  }

  function followHash() {
    var hash = location.hash.slice(1);
    // A hand-typed or pasted fragment may be malformed (#%E0%A4%A): use it as it is.
    try { hash = decodeURIComponent(hash); } catch (e) { /* keep the raw fragment */ }
    var page = /^page-(\d+)$/.exec(hash);
    if (viewer && page) {
      viewer.goPage(parseInt(page[1], 10), "");
      viewer.reveal();
    } else if (viewer && hash.indexOf("node-") === 0 && findNode(hash.slice(5))) {
      highlightDiagram(hash.slice(5));
      viewer.showNode(lit, true);
    } else if (hash.indexOf("n-") === 0 && doc.getElementById(hash)) {
      goToEntry(hash.slice(2));
    } else if (viewer && !hash) {
      viewer.goPage(1, "");
    }
  }
  window.addEventListener("hashchange", followHash);
  window.addEventListener("popstate", followHash);
  if (location.hash) {
    followHash();
    // The browser's own scroll to the fragment may come after: to a node, it hides the bar.
    window.addEventListener("load", function () { if (viewer) { viewer.reveal(); } });
  }

  // Every page is printed: the held ones are put in first, and held again after.
  var printed = [];
  function fillAll() {
    doc.querySelectorAll(".diagram-page > template").forEach(function (tpl) {
      printed.push(tpl.parentNode);
      fill(tpl.parentNode);
    });
  }
  function holdAgain() {
    printed.forEach(function (page) {
      var svg = page.querySelector(":scope > svg");
      if (page.hidden && svg) {
        var tpl = doc.createElement("template");
        tpl.content.appendChild(svg);
        page.appendChild(tpl);
      }
    });
    printed = [];
  }
  if (held) {
    window.addEventListener("beforeprint", fillAll);
    window.addEventListener("afterprint", holdAgain);
    if (window.matchMedia) {
      var printing = window.matchMedia("print");
      var change = function (e) { if (e.matches) { fillAll(); } else { holdAgain(); } };
      if (printing.addEventListener) { printing.addEventListener("change", change); }
    }
  }

  // Chromium makes each link within the page a link to a named place in the PDF, in a time
  // that grows faster than the links do: 9,000 (a 1,500-node map) took it no time one can
  // measure, 19,000 (3,000 nodes) 14 s more than plain text, a 5,000-deep map's 27,000 a
  // minute more. A page with more than MANY_LINKS prints them as plain text (the printed
  // sheets look the same) and links them again after; a smaller page keeps its links in the
  // PDF. The body's data-print-links, if set, is the number instead.
  var MANY_LINKS = 15000;
  var unlinked = null;
  function unlink() {
    if (unlinked) { return; }
    var links = doc.querySelectorAll("a[href^='#']");
    var most = Number(doc.body.getAttribute("data-print-links")) || MANY_LINKS;
    if (links.length <= most) { return; }
    unlinked = [];
    links.forEach(function (a) {
      unlinked.push([a, a.getAttribute("href")]);
      a.removeAttribute("href");
    });
  }
  function relink() {
    if (!unlinked) { return; }
    unlinked.forEach(function (pair) { pair[0].setAttribute("href", pair[1]); });
    unlinked = null;
  }
  window.addEventListener("beforeprint", unlink);
  window.addEventListener("afterprint", relink);
  if (window.matchMedia) {
    var media = window.matchMedia("print");
    if (media.addEventListener) {
      media.addEventListener("change", function (e) { if (e.matches) { unlink(); } else { relink(); } });
    }
  }

  var before = null;
  window.addEventListener("beforeprint", function () {
    if (!tree) { return; }
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

  // The description's folded paragraphs print too, and fold again after.
  var unfolded = null;
  window.addEventListener("beforeprint", function () {
    var folded = document.querySelector("details.description");
    if (folded && !folded.open) { folded.open = true; unfolded = folded; }
  });
  window.addEventListener("afterprint", function () {
    if (unfolded) { unfolded.open = false; unfolded = null; }
  });
}());
