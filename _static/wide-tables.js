/* Wide tables say that they scroll sideways. Local file only, no outside requests.

   Every scrollable table box (.evidence-table-wrap, from the notebooks' tables, and the
   theme's .pst-scrollable-table-container) that is narrower than its table gets the
   class .is-scrollable (custom.css keeps the first column in view and, on a small
   screen, narrows it) and, if the table still does not fit, just above it a visible
   line naming how many columns the table has and that it scrolls sideways.
   Checked again whenever a box or its table changes size (a ResizeObserver: a web font,
   an image or the theme's own scripts can widen a table after the page has loaded),
   and when the window is resized or the page's fonts have loaded. */
(function () {
  "use strict";
  var BOXES = ".evidence-table-wrap, .bd-article .pst-scrollable-table-container";

  function columns(box) {
    var row = box.querySelector("thead tr") || box.querySelector("tr");
    return row ? row.cells.length : 0;
  }

  function overflows(box) {
    return box.scrollWidth > box.clientWidth + 1;
  }

  // .is-scrollable narrows the first column on small screens, so it can make a table
  // fit that did not: deciding from the styled layout alone would flip the class on and
  // off at every resize notification. The class is therefore decided from the table's
  // own layout (class removed), and the cue from the layout with the class: a table that
  // fits once its first column is narrowed keeps the class and gets no cue, since it
  // does not scroll. Same box width, same answer, however often this runs.
  function update(box) {
    box.classList.remove("is-scrollable");
    var wide = overflows(box);
    if (wide) {
      box.classList.add("is-scrollable");
      wide = overflows(box);
    }
    var cue = box.previousElementSibling;
    var hasCue = cue && cue.classList.contains("table-scroll-cue");
    if (wide && !hasCue) {
      cue = document.createElement("p");
      cue.className = "table-scroll-cue";
      cue.textContent = "Wide table (" + columns(box) + " columns): scroll it sideways " +
        "to see them all; the first column stays in view.";
      box.parentNode.insertBefore(cue, box);
    } else if (!wide && hasCue) {
      cue.remove();
    }
  }

  var watcher = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var box = entry.target.closest(BOXES);
      if (box && !box.parentNode.closest(BOXES)) update(box);
    });
  }) : null;

  function all() {
    var boxes = document.querySelectorAll(BOXES);
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.parentNode.closest(BOXES)) return;
      update(box);
      if (watcher && !box.hasAttribute("data-size-watched")) {
        box.setAttribute("data-size-watched", "");
        watcher.observe(box);
        var table = box.querySelector("table");
        if (table) watcher.observe(table);
      }
    });
  }

  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(all);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", all);
  } else {
    all();
  }
  window.addEventListener("load", all);
  // A web font that arrives after the load event can widen a table: check again then.
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(all);
})();
