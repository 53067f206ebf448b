// Timeline widget and pages: enhancements only; everything reads and works without this file.
// - keyboard: one Tab stop for a list of events, arrow keys / Home / End move within it;
// - as of: the date control re-counts the statuses in place from the histories on the page (the same rule as the
//   API's asOf: the latest assessment whose last possible day is on or before the date), instead of reloading;
// - height: inside an iframe, posts {type: "timeline-embed:height", version: 1, height, slug} to the parent
//   whenever the content's height changes (see resize.js and the README);
// - print: opens every disclosure while printing.
// It reads only data- attributes and the text of elements the server wrote, never text as markup, and makes no requests.
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  function all(selector, scope) { return Array.prototype.slice.call((scope || doc).querySelectorAll(selector)); }
  function fill(template, values) { return template.replace(/\{(\d)\}/g, function (_, i) { return values[+i]; }); }

  // Keyboard: roving focus over the events that are shown (a folded list is skipped until it is opened).
  var events = all(".tl-event");
  function shown() { return events.filter(function (e) { return e.getClientRects().length > 0; }); }
  function rove() {
    var visible = shown(), current = visible.indexOf(doc.activeElement);
    events.forEach(function (e) { e.setAttribute("tabindex", "-1"); });
    if (visible.length) visible[current < 0 ? 0 : current].setAttribute("tabindex", "0");
  }
  events.forEach(function (item) {
    item.addEventListener("keydown", function (e) {
      var visible = shown(), i = visible.indexOf(item), to = -1;
      if (e.key === "ArrowDown" || e.key === "ArrowRight") to = i + 1;
      else if (e.key === "ArrowUp" || e.key === "ArrowLeft") to = i - 1;
      else if (e.key === "Home") to = 0;
      else if (e.key === "End") to = visible.length - 1;
      else return;
      e.preventDefault();
      if (to < 0 || to >= visible.length) return;
      visible[i].setAttribute("tabindex", "-1");
      visible[to].setAttribute("tabindex", "0");
      visible[to].focus();
    });
    item.addEventListener("focus", function () {
      events.forEach(function (e) { e.setAttribute("tabindex", e === item ? "0" : "-1"); });
    });
  });
  rove();
  all("details").forEach(function (d) { d.addEventListener("toggle", rove); });

  // As of: recount from the histories.
  var form = doc.querySelector(".tl-asof");
  function applyAsOf(day) {
    var limit = day || "9999-12-31", counts = {}, total = 0;
    var list = doc.querySelector(".tl-commitments[data-labels]");
    if (!list) return;
    var labels = JSON.parse(list.dataset.labels), afterLabel = list.dataset.afterLabel, legend = all(".tl-legend li[data-status]");
    Object.keys(labels).forEach(function (k) { counts[k] = 0; });
    all(".tl-commitment").forEach(function (c) {
      var status = null, since = null;
      all(".tl-assessment:not(.tl-retracted)", c).forEach(function (a) {
        var counted = a.dataset.end <= limit;
        a.classList.toggle("tl-after", !counted);
        var label = a.querySelector(".tl-after-label");
        if (!counted && !label && afterLabel) {
          label = doc.createElement("span");
          label.className = "tl-after-label";
          label.textContent = afterLabel;
          a.querySelector(".tl-status").after(" ", label);
        }
        if (label) label.hidden = counted;
        if (counted && a.dataset.status !== status) { status = a.dataset.status; since = a; }
      });
      var key = status || "unassessed", badge = c.querySelector(".tl-current"), sinceText = c.querySelector(".tl-since");
      counts[key] = (counts[key] || 0) + 1;
      total++;
      if (badge) {
        badge.className = "tl-status tl-current tl-status-" + key;
        badge.dataset.status = key;
        badge.textContent = labels[key] || badge.textContent;
      }
      if (sinceText) sinceText.textContent = since ? fill(sinceText.dataset.template, [since.querySelector("time").textContent]) : "";
    });
    var bar = doc.querySelector(".tl-bar");
    if (!bar) return;
    var x = 0, items = [];
    all("rect[data-status]", bar).forEach(function (r) {
      var n = counts[r.dataset.status] || 0, width = total ? 100 * n / total : 0;
      r.setAttribute("x", x.toFixed(3));
      r.setAttribute("width", width.toFixed(3));
      x += width;
      if (n) items.push(fill(bar.dataset.item, [n, labels[r.dataset.status]]));
    });
    bar.querySelector("title").textContent = fill(bar.dataset.template, [total, items.join(bar.dataset.separator)]);
    legend.forEach(function (li) {
      var n = counts[li.dataset.status] || 0;
      li.querySelector(".tl-count").textContent = n;
      if (li.dataset.status === "unassessed") li.hidden = n === 0;
    });
    var headline = doc.querySelector(".tl-headline[data-template]");
    if (headline) headline.textContent = fill(headline.dataset.template, [counts.materialised || 0, total]);
  }
  if (form && doc.querySelector(".tl-commitments[data-labels]")) {
    var input = form.querySelector("input[name=asOf]");
    var show = function (day) {
      applyAsOf(day);
      var params = new URLSearchParams(new FormData(form));
      if (!day) params.delete("asOf");
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    };
    var chosen = function () { return /^\d{4}-\d{2}-\d{2}$/.test(input.value) ? input.value : ""; };
    form.addEventListener("submit", function (e) { e.preventDefault(); show(chosen()); });
    input.addEventListener("change", function () { show(chosen()); });
    var today = form.querySelector(".tl-today");
    if (today) today.addEventListener("click", function (e) { e.preventDefault(); input.value = input.dataset.today; show(""); });
  }

  // Height: only inside a frame, only when it changed.
  if (window.parent !== window) {
    var last = 0, main = doc.querySelector("main[data-timeline]");
    var report = function () {
      var height = Math.ceil(root.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: "timeline-embed:height", version: 1, height: height, slug: main ? main.dataset.timeline : null }, "*");
    };
    if (window.ResizeObserver) new ResizeObserver(report).observe(doc.body || root);
    window.addEventListener("load", report);
    window.addEventListener("resize", report);
    report();
  }

  // Print: disclosures open for the printout, as they were afterwards.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = all("details:not([open])");
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { opened.forEach(function (d) { d.open = false; }); opened = []; });

  root.setAttribute("data-js", "ready");
})();
