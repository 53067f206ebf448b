// Timeline widget: keyboard navigation of the events (arrow keys, Home, End) and height reporting to the
// embedding page. Reads nothing from the page's text as markup and makes no network requests.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".tl-event"));
  // Roving focus: one Tab stop for the whole list, arrows move within it.
  items.forEach(function (item, i) { item.setAttribute("tabindex", i === 0 ? "0" : "-1"); });
  function move(from, to) {
    if (to < 0 || to >= items.length) return;
    items[from].setAttribute("tabindex", "-1");
    items[to].setAttribute("tabindex", "0");
    items[to].focus();
  }
  items.forEach(function (item, i) {
    item.addEventListener("keydown", function (e) {
      var key = e.key;
      if (key === "ArrowDown" || key === "ArrowRight") { move(i, i + 1); e.preventDefault(); }
      else if (key === "ArrowUp" || key === "ArrowLeft") { move(i, i - 1); e.preventDefault(); }
      else if (key === "Home") { move(i, 0); e.preventDefault(); }
      else if (key === "End") { move(i, items.length - 1); e.preventDefault(); }
    });
  });
  function report() {
    if (window.parent === window) return;
    window.parent.postMessage({ type: "timeline-embed:height", height: document.documentElement.scrollHeight }, "*");
  }
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
  document.documentElement.setAttribute("data-js", "ready");
})();
