/* The index of sources (table.source-index): sort by any column, filter by any word.
   Local file only, no outside requests. Without JavaScript the table is complete and
   in date order; this only adds the controls.

   Sorting: each column header becomes a button; the header cell carries aria-sort.
   Filtering: one search box above the table; a row stays when every word typed
   appears somewhere in it (case-insensitive); a live line says how many are shown. */
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function setUp(table, n) {
    var body = table.tBodies[0];
    var head = table.tHead && table.tHead.rows[0];
    if (!body || !head) return;
    var rows = Array.prototype.slice.call(body.rows);
    var total = rows.length;

    /* ---- filter box and live count ---- */
    var box = document.createElement("div");
    box.className = "source-index-filter";
    var id = "source-index-filter-" + n;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Filter sources";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("aria-describedby", id + "-count");
    var count = document.createElement("p");
    count.id = id + "-count";
    count.className = "source-index-count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(count);
    var anchor = table.closest(".pst-scrollable-table-container") || table;
    anchor.parentNode.insertBefore(box, anchor);

    function showCount(shown) {
      count.textContent = shown === total ? "Showing all " + total + " sources."
        : "Showing " + shown + " of " + total + " sources.";
    }
    function filter() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var keep = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      showCount(shown);
    }
    input.addEventListener("input", filter);
    showCount(total);

    /* ---- sortable headers; each cell names its column (cards on a phone) ---- */
    var headers = Array.prototype.slice.call(head.cells);
    rows.forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, i) {
        if (headers[i]) cell.setAttribute("data-label", headers[i].textContent.trim());
      });
    });
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "source-index-sort";
      button.textContent = th.textContent.trim();
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = cellText(a, index), y = cellText(b, index);
          var order = x.localeCompare(y, undefined, {numeric: true, sensitivity: "base"});
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function init() {
    var tables = document.querySelectorAll("table.source-index");
    Array.prototype.forEach.call(tables, setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
