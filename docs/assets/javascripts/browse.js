/* newsfacts: filter and sort the data tables on the "Browse the data" pages.
 * Written for this site; no dependencies, nothing fetched. Works on any page with
 * <div data-browse> holding a search box, optional <select data-col=N> filters and a table
 * whose cells may carry data-sort (sort key) and data-facet (value for the select filters).
 * A ?q=words parameter in the address pre-fills the search box. */
(function () {
  "use strict";

  function cellKey(cell) {
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && /^-?[\d.]+$/.test(a) && /^-?[\d.]+$/.test(b)) return x - y;
    return a.localeCompare(b, undefined, { sensitivity: "base", numeric: true });
  }

  function init(root) {
    var table = root.querySelector("table");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var text = rows.map(function (r) { return r.textContent.toLowerCase().replace(/\s+/g, " "); });
    var input = root.querySelector("input[type=search]");
    var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-col]"));
    var count = root.querySelector(".nf-count");

    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = words.every(function (w) { return text[i].indexOf(w) >= 0; });
        selects.forEach(function (s) {
          if (ok && s.value) ok = row.cells[+s.getAttribute("data-col")].getAttribute("data-facet") === s.value;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === rows.length ? rows.length + " rows" : shown + " of " + rows.length + " rows";
    }

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var order = rows.map(function (r, i) { return i; });
        order.sort(function (i, j) {  // empty cells last, whichever the direction
          var a = cellKey(rows[i].cells[col]), b = cellKey(rows[j].cells[col]);
          if (!a !== !b) return a ? -1 : 1;
          var c = compare(a, b);
          return (asc ? c : -c) || i - j;
        });
        order.forEach(function (i) { tbody.appendChild(rows[i]); });
      });
    });

    input.addEventListener("input", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) input.value = q;
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-browse]"), init);

  // Opened straight from disk, the browser will not run Material's search: say how to serve the site.
  if (window.location.protocol === "file:") {
    var content = document.querySelector(".md-content__inner");
    if (content) {
      var note = document.createElement("div");
      note.className = "admonition warning nf-file-note";
      note.innerHTML = '<p class="admonition-title">Search needs the site served over HTTP</p>' +
        "<p>This page was opened from disk, where browsers do not run the search. In the repository run " +
        "<code>make serve</code> (or <code>python -m http.server -d site</code>) and open " +
        "<code>http://127.0.0.1:8000/</code>.</p>";
      content.insertBefore(note, content.firstChild);
    }
  }
})();
