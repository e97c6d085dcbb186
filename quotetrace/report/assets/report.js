/* quotetrace report: search, filters and sorting for the quote table on the index page. Without this script the
   page still lists every quote; nothing here fetches anything or writes markup from data (textContent only). */
(function () {
  "use strict";

  function fold(text) {
    return String(text || "")
      .replace(/\u2019/g, "'")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  function outletsOf(row) {
    if (row._outlets === undefined) {
      try {
        var parsed = JSON.parse(row.getAttribute("data-outlet-names") || "[]");
        row._outlets = Array.isArray(parsed) ? parsed.map(String) : [];
      } catch (e) {
        row._outlets = [];
      }
    }
    return row._outlets;
  }

  function setup() {
    var table = document.getElementById("quotes");
    var form = document.getElementById("controls");
    if (!table || !form) {
      return;
    }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var search = document.getElementById("q");
    var outlet = document.getElementById("f-outlet");
    var kind = document.getElementById("f-kind");
    var minOutlets = document.getElementById("f-min");
    var shown = document.getElementById("shown");
    rows.forEach(function (row, i) {
      row._order = i;
      row._search = fold(row.textContent + " " + outletsOf(row).join(" "));
    });

    function apply() {
      var words = fold(search.value).split(" ").filter(Boolean);
      var wantOutlet = outlet.value;
      var wantKind = kind.value;
      var least = parseInt(minOutlets.value, 10) || 0;
      var count = 0;
      rows.forEach(function (row) {
        var ok = words.every(function (w) { return row._search.indexOf(w) !== -1; });
        if (ok && wantOutlet) {
          ok = outletsOf(row).indexOf(wantOutlet) !== -1;
        }
        if (ok && wantKind) {
          ok = row.getAttribute("data-kind") === wantKind;
        }
        if (ok && least) {
          ok = (parseInt(row.getAttribute("data-outlets"), 10) || 0) >= least;
        }
        row.hidden = !ok;
        if (ok) {
          count += 1;
        }
      });
      shown.textContent = "Showing " + count + " of " + rows.length + " quote" + (rows.length === 1 ? "" : "s") + ".";
    }

    function sortBy(th, key, numeric, descending) {
      var sign = descending ? -1 : 1;
      rows.sort(function (a, b) {
        var x = a.getAttribute("data-" + key) || "";
        var y = b.getAttribute("data-" + key) || "";
        var c;
        if (numeric) {
          c = (parseFloat(x) || 0) - (parseFloat(y) || 0);
        } else if (!x || !y) {
          c = (x ? 0 : 1) - (y ? 0 : 1); /* empty (undated, unknown) last in either direction */
          return c || a._order - b._order;
        } else {
          c = x.localeCompare(y, undefined, { sensitivity: "base" });
        }
        return sign * c || a._order - b._order;
      });
      var frag = document.createDocumentFragment();
      rows.forEach(function (row) { frag.appendChild(row); });
      body.appendChild(frag);
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
        if (cell !== th) {
          cell.removeAttribute("aria-sort");
        }
      });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    }

    Array.prototype.forEach.call(table.querySelectorAll("th[data-sort]"), function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "number";
        var current = th.getAttribute("aria-sort");
        var descending = current ? current === "ascending" : numeric; /* numbers start with the largest */
        sortBy(th, th.getAttribute("data-sort"), numeric, descending);
      });
    });

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    [search, outlet, kind, minOutlets].forEach(function (el) {
      el.addEventListener("input", apply);
      el.addEventListener("change", apply);
    });
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
