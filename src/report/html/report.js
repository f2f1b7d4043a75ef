// The report page: reads the JSON data block and draws the matrix, the article view, one page of
// findings and the rule docs. Text from the data is only ever inserted as text (textContent,
// append of strings), never parsed as HTML.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("loclint-data").textContent);
  var S = data.strings;
  var RULES = data.rules;
  var LOCALES = data.locales;
  var F = data.findings;
  var NL = LOCALES.length; // row NL holds findings whose file has no known locale
  var SOURCE = LOCALES.indexOf(data.source_locale);
  var ARTICLES_IN_RUN = Math.max(1, data.summary.articles);
  var FINDINGS_PER_PAGE = 50;
  var ARTICLES_PER_PAGE = 25;

  // ---------- small helpers ----------

  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = v;
        else if (k === "onclick") e.addEventListener("click", v);
        else e.setAttribute(k, v === true ? "" : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.append(c);
    }
    return e;
  }

  function num(n) {
    return n.toLocaleString("en-US");
  }

  function plural(n, one, many) {
    return num(n) + " " + (n === 1 ? one : many);
  }

  function localeName(l) {
    return l >= 0 && l < NL ? LOCALES[l] : "(no locale)";
  }

  function row(l) {
    return l >= 0 ? l : NL;
  }

  // Text with `code` spans, as nodes.
  function rich(text) {
    var frag = document.createDocumentFragment();
    var parts = text.split("`");
    if (parts.length % 2 === 0) {
      frag.append(text);
      return frag;
    }
    parts.forEach(function (part, i) {
      if (i % 2 === 1) frag.append(el("code", { text: part }));
      else if (part) frag.append(part);
    });
    return frag;
  }

  // Heat colour for t in [0, 1]: pale yellow to deep red.
  var STOPS = [
    [255, 244, 196],
    [254, 214, 118],
    [253, 153, 72],
    [232, 76, 48],
    [178, 24, 43],
    [110, 8, 38]
  ];
  function heat(t) {
    var x = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
    var i = Math.min(STOPS.length - 2, Math.floor(x));
    var f = x - i;
    var a = STOPS[i];
    var b = STOPS[i + 1];
    return "rgb(" + [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * f); }).join(",") + ")";
  }

  // A scale from values to [0.1, 1] on a log axis, so one finding in 3,000 articles still shows.
  function logScale(values) {
    var nonzero = values.filter(function (v) { return v > 0; });
    var lo = Math.min.apply(null, nonzero.length ? nonzero : [1]);
    var hi = Math.max.apply(null, nonzero.length ? nonzero : [1]);
    var span = Math.log(hi) - Math.log(lo);
    return function (v) {
      if (v <= 0) return 0;
      return span > 0 ? 0.1 + 0.9 * ((Math.log(v) - Math.log(lo)) / span) : 0.7;
    };
  }

  // ---------- counts ----------

  var nRules = RULES.length;
  var cells = new Int32Array((NL + 1) * nRules);
  var rowTotal = new Int32Array(NL + 1);
  var ruleTotal = new Int32Array(nRules);
  var nArticles = data.articles.length;
  var byArticle = new Int32Array(nArticles * (NL + 1));
  var articleTotal = new Int32Array(nArticles);
  var articleRules = [];
  for (var a0 = 0; a0 < nArticles; a0++) articleRules.push({});
  var errors = 0;
  F.forEach(function (f) {
    var l = row(f.l);
    cells[l * nRules + f.r]++;
    rowTotal[l]++;
    ruleTotal[f.r]++;
    byArticle[f.a * (NL + 1) + l]++;
    articleTotal[f.a]++;
    articleRules[f.a][f.r] = (articleRules[f.a][f.r] || 0) + 1;
    if (f.s) errors++;
  });
  var usedRules = [];
  for (var r0 = 0; r0 < nRules; r0++) if (ruleTotal[r0] > 0) usedRules.push(r0);
  var rows = [];
  for (var l0 = 0; l0 <= NL; l0++) if (l0 < NL || rowTotal[NL] > 0) rows.push(l0);

  // ---------- masthead ----------

  function masthead() {
    document.getElementById("root").textContent = data.root || "";
    var stats = document.getElementById("stats");
    [
      ["Findings", F.length, ""],
      ["Errors", errors, "error"],
      ["Warnings", F.length - errors, "warning"],
      ["Locales", NL, ""],
      ["Articles", data.summary.articles, ""],
      ["Files", data.summary.files, ""]
    ].forEach(function (s) {
      stats.append(el("div", { class: s[2] }, el("dt", { text: s[0] }), el("dd", { text: num(s[1]) })));
    });
  }

  // ---------- sortable table headers ----------

  function sortHeader(label, key, sort, onSort, attrs) {
    var active = sort.key === key;
    var th = el("th", Object.assign({ scope: "col" }, attrs || {}));
    if (active) th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
    var button = el("button", {
      type: "button",
      class: "sort",
      "data-key": String(key),
      title: "Sort by " + label,
      onclick: function () {
        onSort(key);
      }
    });
    label.split("-").forEach(function (part, i, all) {
      button.append(part + (i < all.length - 1 ? "-" : ""));
      if (i < all.length - 1) button.append(el("wbr"));
    });
    button.append(el("span", { class: "arrow", "aria-hidden": "true", text: active ? (sort.dir > 0 ? "▲" : "▼") : "" }));
    th.append(button);
    return th;
  }

  function toggleSort(sort, key, firstDir) {
    if (sort.key === key) sort.dir = -sort.dir;
    else {
      sort.key = key;
      sort.dir = firstDir;
    }
  }

  function refocus(table, key) {
    var b = table.querySelector('button.sort[data-key="' + key + '"]');
    if (b) b.focus();
  }

  // ---------- matrix ----------

  var matrixSort = { key: "total", dir: -1 };
  var cellScale = (function () {
    var values = [];
    rows.forEach(function (l) {
      usedRules.forEach(function (r) { values.push(cells[l * nRules + r] / ARTICLES_IN_RUN); });
    });
    return logScale(values);
  })();

  function density(n) {
    var d = n / ARTICLES_IN_RUN;
    if (d === 0) return "0";
    if (d >= 0.1) return d.toFixed(2);
    if (d >= 0.01) return d.toFixed(3);
    return d.toPrecision(2);
  }

  function legend() {
    var values = [];
    rows.forEach(function (l) {
      usedRules.forEach(function (r) { values.push(cells[l * nRules + r]); });
    });
    var nonzero = values.filter(function (v) { return v > 0; });
    var ramp = el("span", { class: "ramp" });
    var stops = [];
    for (var i = 0; i <= 10; i++) stops.push(heat(0.1 + 0.09 * i));
    ramp.style.background = "linear-gradient(to right, " + stops.join(", ") + ")";
    var lo = nonzero.length ? Math.min.apply(null, nonzero) : 0;
    var hi = nonzero.length ? Math.max.apply(null, nonzero) : 0;
    document.getElementById("legend").append(
      el("span", { text: density(lo) + " per article" }),
      ramp,
      el("span", { text: density(hi) + " per article" }),
      el("span", { text: "(" + plural(data.summary.articles, "article", "articles") + " in this run; log scale)" })
    );
  }

  function renderMatrix() {
    var table = document.getElementById("matrix");
    table.replaceChildren();
    table.append(el("caption", { class: "sr-only", text: "Findings by locale and rule" }));
    var sorted = rows.slice();
    var k = matrixSort.key;
    sorted.sort(function (a, b) {
      var d;
      if (k === "locale") d = localeName(a).localeCompare(localeName(b));
      else if (k === "total") d = rowTotal[a] - rowTotal[b];
      else d = cells[a * nRules + k] - cells[b * nRules + k] || rowTotal[a] - rowTotal[b];
      return d * matrixSort.dir || localeName(a).localeCompare(localeName(b));
    });
    var onSort = function (key) {
      toggleSort(matrixSort, key, key === "locale" ? 1 : -1);
      renderMatrix();
      refocus(table, key);
    };
    var head = el("tr", null, sortHeader("Locale", "locale", matrixSort, onSort, { class: "locale" }));
    usedRules.forEach(function (r) {
      head.append(sortHeader(RULES[r].id, r, matrixSort, onSort, { title: RULES[r].summary }));
    });
    head.append(sortHeader("Total", "total", matrixSort, onSort, { class: "total" }));
    table.append(el("thead", null, head));
    var body = el("tbody");
    sorted.forEach(function (l) {
      var tr = el("tr", null, el("th", { scope: "row", class: "locale", text: localeName(l) }));
      usedRules.forEach(function (r) {
        var n = cells[l * nRules + r];
        var td = el("td");
        if (n === 0) {
          td.append(el("button", { type: "button", class: "cell zero", "aria-disabled": "true", "aria-label": localeName(l) + ", " + RULES[r].id + ": none", text: "·" }));
        } else {
          var t = cellScale(n / ARTICLES_IN_RUN);
          var label = localeName(l) + ", " + RULES[r].id + ": " + plural(n, "finding", "findings") + ", " + density(n) + " per article";
          var b = el("button", {
            type: "button",
            class: "cell" + (t > 0.55 ? " dark" : "") + (state.locale === l && state.rule === r ? " selected" : ""),
            title: label + ". Show them.",
            "aria-label": label,
            text: num(n),
            onclick: function () {
              setFilters({ locale: l, rule: r, article: -1, severity: -1, q: "" }, true);
            }
          });
          b.style.background = heat(t);
          td.append(b);
        }
        tr.append(td);
      });
      var total = el("button", {
        type: "button",
        class: "cell total-cell",
        title: "Show every finding of " + localeName(l),
        onclick: function () {
          setFilters({ locale: l, rule: -1, article: -1, severity: -1, q: "" }, true);
        }
      });
      total.style.background = "transparent";
      total.append(num(rowTotal[l]), el("span", { class: "per", text: density(rowTotal[l]) + " / article" }));
      tr.append(el("td", { class: "total" }, total));
      body.append(tr);
    });
    table.append(body);
    var foot = el("tr", null, el("th", { scope: "row", text: "All locales" }));
    usedRules.forEach(function (r) {
      var b = el("button", {
        type: "button",
        class: "cell",
        title: "Show every " + RULES[r].id + " finding",
        text: num(ruleTotal[r]),
        onclick: function () {
          setFilters({ locale: -2, rule: r, article: -1, severity: -1, q: "" }, true);
        }
      });
      b.style.background = "transparent";
      foot.append(el("td", null, b));
    });
    foot.append(el("td", { class: "total", text: num(F.length) }));
    table.append(el("tfoot", null, foot));
    roving(table);
  }

  // The matrix is one tab stop; arrow keys, Home and End move between its cells.
  var matrixFocus = { row: 0, col: 0 };
  function roving(table) {
    var grid = Array.prototype.map.call(table.querySelectorAll("tbody tr, tfoot tr"), function (tr) {
      return Array.prototype.slice.call(tr.querySelectorAll("button.cell"));
    });
    grid.forEach(function (cellsOfRow, r) {
      cellsOfRow.forEach(function (b, c) {
        b.setAttribute("tabindex", "-1");
        b.addEventListener("focus", function () { matrixFocus = { row: r, col: c }; });
        b.addEventListener("keydown", function (e) {
          var row = r;
          var col = c;
          if (e.key === "ArrowRight") col++;
          else if (e.key === "ArrowLeft") col--;
          else if (e.key === "ArrowDown") row++;
          else if (e.key === "ArrowUp") row--;
          else if (e.key === "Home") col = 0;
          else if (e.key === "End") col = Infinity;
          else return;
          e.preventDefault();
          row = Math.max(0, Math.min(grid.length - 1, row));
          col = Math.max(0, Math.min(grid[row].length - 1, col));
          var target = grid[row][col];
          if (target) {
            b.setAttribute("tabindex", "-1");
            target.setAttribute("tabindex", "0");
            target.focus();
          }
        });
      });
    });
    var row = Math.min(matrixFocus.row, grid.length - 1);
    var start = row >= 0 ? grid[row][Math.min(matrixFocus.col, grid[row].length - 1)] : null;
    if (start) start.setAttribute("tabindex", "0");
  }

  // ---------- articles ----------

  var articleSort = { key: "locales", dir: -1 };
  var articleKind = "all";
  var articlePage = 0;
  var translations = [];
  for (var l1 = 0; l1 < NL; l1++) if (l1 !== SOURCE) translations.push(l1);
  var articleOrder = [];
  var kindOf = new Array(nArticles);
  var spreadOf = new Int32Array(nArticles);
  (function () {
    for (var a = 0; a < nArticles; a++) {
      var base = a * (NL + 1);
      var spread = 0;
      var inTranslations = 0;
      for (var l = 0; l <= NL; l++) {
        if (byArticle[base + l] > 0) {
          spread++;
          if (l !== SOURCE && l < NL) inTranslations++;
        }
      }
      spreadOf[a] = spread;
      if (SOURCE >= 0 && byArticle[base + SOURCE] > 0) kindOf[a] = "source";
      else if (translations.length > 1 && inTranslations === translations.length) kindOf[a] = "every";
      else if (spread === 1) kindOf[a] = "one";
      else kindOf[a] = "some";
    }
  })();
  var KINDS = [
    ["all", "All articles"],
    ["source", "In the source"],
    ["every", "Every translation"],
    ["some", "Several locales"],
    ["one", "One locale"]
  ];
  var KIND_LABEL = { source: "in the source", every: "every translation", some: "", one: "one locale" };
  // The folder every article name starts with is shown once, in the column header.
  var articlePrefix = (function () {
    if (nArticles < 2) return "";
    var first = data.articles[0];
    var cut = first.lastIndexOf("/") + 1;
    data.articles.forEach(function (name) {
      while (cut > 0 && name.slice(0, cut) !== first.slice(0, cut)) cut = first.lastIndexOf("/", cut - 2) + 1;
    });
    return first.slice(0, cut);
  })();
  var columnLocales = [];
  if (SOURCE >= 0) columnLocales.push(SOURCE);
  translations.forEach(function (l) { columnLocales.push(l); });
  if (rowTotal[NL] > 0) columnLocales.push(NL);
  var dotScale = (function () {
    var max = 1;
    for (var i = 0; i < byArticle.length; i++) if (byArticle[i] > max) max = byArticle[i];
    return function (n) { return n <= 0 ? 0 : 0.25 + 0.75 * (Math.log(n) / Math.log(max + 1)); };
  })();

  function articleKinds() {
    var box = document.getElementById("article-kinds");
    box.replaceChildren();
    KINDS.forEach(function (k) {
      var n = 0;
      for (var a = 0; a < nArticles; a++) if (k[0] === "all" || kindOf[a] === k[0]) n++;
      if (k[0] !== "all" && k[0] !== "one" && k[0] !== "some" && n === 0) return;
      box.append(el("button", {
        type: "button",
        "aria-pressed": articleKind === k[0] ? "true" : "false",
        onclick: function () {
          articleKind = k[0];
          articlePage = 0;
          articleKinds();
          renderArticles();
          var again = box.querySelector('[aria-pressed="true"]');
          if (again) again.focus();
        }
      }, k[1], el("span", { class: "n", text: num(n) })));
    });
  }

  function sortArticles() {
    articleOrder = [];
    for (var a = 0; a < nArticles; a++) if (articleKind === "all" || kindOf[a] === articleKind) articleOrder.push(a);
    var k = articleSort.key;
    var names = data.articles;
    articleOrder.sort(function (x, y) {
      var d;
      if (k === "name") d = names[x] < names[y] ? -1 : names[x] > names[y] ? 1 : 0;
      else if (k === "findings") d = articleTotal[x] - articleTotal[y] || spreadOf[x] - spreadOf[y];
      else d = spreadOf[x] - spreadOf[y] || articleTotal[x] - articleTotal[y];
      return d * articleSort.dir || (names[x] < names[y] ? -1 : 1);
    });
  }

  function renderArticles() {
    sortArticles();
    var table = document.getElementById("articles");
    table.replaceChildren();
    table.append(el("caption", { class: "sr-only", text: "Findings by article and locale" }));
    var onSort = function (key) {
      toggleSort(articleSort, key, key === "name" ? 1 : -1);
      articlePage = 0;
      renderArticles();
      refocus(table, key);
    };
    var head = el("tr", null, sortHeader(articlePrefix ? "Article in " + articlePrefix : "Article", "name", articleSort, onSort, { class: "name" }));
    columnLocales.forEach(function (l) {
      head.append(el("th", { scope: "col", class: "lc" + (l === SOURCE ? " src" : ""), title: l === SOURCE ? localeName(l) + " (source)" : localeName(l) }, el("span", { text: localeName(l) })));
    });
    head.append(sortHeader("Locales", "locales", articleSort, onSort, { class: "right" }));
    head.append(sortHeader("Findings", "findings", articleSort, onSort, { class: "right" }));
    table.append(el("thead", null, head));
    var body = el("tbody");
    var pages = Math.max(1, Math.ceil(articleOrder.length / ARTICLES_PER_PAGE));
    articlePage = Math.min(articlePage, pages - 1);
    articleOrder.slice(articlePage * ARTICLES_PER_PAGE, (articlePage + 1) * ARTICLES_PER_PAGE).forEach(function (a) {
      var name = data.articles[a];
      var ruleNames = Object.keys(articleRules[a]).map(function (r) { return RULES[r].id + " ×" + articleRules[a][r]; }).join(", ");
      var tr = el("tr", null, el("th", { scope: "row" }, el("button", {
        type: "button",
        class: "article",
        title: name + "\n" + ruleNames + "\nShow its findings.",
        text: name.slice(articlePrefix.length),
        onclick: function () {
          setFilters({ article: a, locale: -2, rule: -1, severity: -1, q: "" }, true);
        }
      })));
      columnLocales.forEach(function (l) {
        var n = byArticle[a * (NL + 1) + l];
        var t = dotScale(n);
        var dot = el("span", { class: "dot" + (n ? " on" : "") + (t > 0.6 ? " dark" : ""), title: localeName(l) + ": " + plural(n, "finding", "findings"), text: n ? String(n) : "" });
        if (n) dot.style.background = heat(t);
        tr.append(el("td", null, dot));
      });
      var kind = kindOf[a];
      var spreadText = kind === "some" ? spreadOf[a] + " of " + translations.length + " locales" : KIND_LABEL[kind];
      tr.append(el("td", { class: "num" }, el("span", { class: "spread " + (kind === "source" || kind === "every" ? "every" : kind === "one" ? "one" : "some"), text: spreadText })));
      tr.append(el("td", { class: "num", text: num(articleTotal[a]) }));
      body.append(tr);
    });
    table.append(body);
    pager(document.getElementById("articles-pager"), articlePage, pages, articleOrder.length, ARTICLES_PER_PAGE, "articles", function (p) {
      articlePage = p;
      renderArticles();
    });
  }

  // ---------- pager ----------

  function pager(box, page, pages, total, per, noun, go) {
    box.replaceChildren();
    if (total === 0) return;
    var first = page * per + 1;
    var last = Math.min(total, (page + 1) * per);
    var prev = el("button", { type: "button", "data-go": "prev", disabled: page === 0, text: "← Previous", onclick: function () { go(page - 1); refocusPager(box, "prev"); } });
    var next = el("button", { type: "button", "data-go": "next", disabled: page >= pages - 1, text: "Next →", onclick: function () { go(page + 1); refocusPager(box, "next"); } });
    box.append(prev, el("span", { class: "where", text: num(first) + "–" + num(last) + " of " + plural(total, noun.replace(/s$/, ""), noun) + " · page " + num(page + 1) + " of " + num(pages) }), next);
  }

  function refocusPager(box, which) {
    var b = box.querySelector('[data-go="' + which + '"]');
    if (b && !b.disabled) b.focus();
    else {
      var other = box.querySelector("button:not(:disabled)");
      if (other) other.focus();
    }
  }

  // ---------- findings ----------

  var state = { q: "", rule: -1, locale: -2, severity: -1, article: -1, page: 0 };
  var visible = [];
  var haystack = null;

  function place(p) {
    return p.t.length === 3 ? p.t.map(function (i) { return S[i]; }) : null;
  }

  function buildHaystack() {
    haystack = new Array(F.length);
    for (var i = 0; i < F.length; i++) {
      var f = F[i];
      var parts = [S[f.m], f.h >= 0 ? S[f.h] : "", data.paths[f.at.p], data.articles[f.a], localeName(f.l), RULES[f.r].id];
      f.at.t.forEach(function (k) { parts.push(S[k]); });
      if (f.x) f.x.t.forEach(function (k) { parts.push(S[k]); });
      haystack[i] = parts.join("\n").toLowerCase();
    }
  }

  function applyFilters() {
    var words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length && !haystack) buildHaystack();
    visible = [];
    for (var i = 0; i < F.length; i++) {
      var f = F[i];
      if (state.rule >= 0 && f.r !== state.rule) continue;
      if (state.locale !== -2 && row(f.l) !== state.locale) continue;
      if (state.severity >= 0 && f.s !== state.severity) continue;
      if (state.article >= 0 && f.a !== state.article) continue;
      if (words.length) {
        var h = haystack[i];
        var ok = true;
        for (var w = 0; w < words.length; w++) if (h.indexOf(words[w]) < 0) { ok = false; break; }
        if (!ok) continue;
      }
      visible.push(i);
    }
  }

  function lineView(p, caption, extra, cls) {
    var parts = place(p);
    // The direction of the whole line: a clipped excerpt may start inside a Latin run.
    var code = el("div", { class: "code", dir: p.d || "auto" });
    if (parts) {
      if (parts[0]) code.append(parts[0]);
      code.append(el("mark", { text: parts[1] || "" }));
      if (parts[2]) code.append(parts[2]);
    } else {
      code.removeAttribute("dir");
      code.append(el("span", { class: "none", text: "(the file could not be read again)" }));
    }
    var cap = el("figcaption", null, el("span", null, el("span", { class: "which", text: caption }), " · line " + p.line + ", column " + p.col));
    if (extra) cap.append(el("span", null, rich(extra)));
    return el("figure", { class: "side" + (cls ? " " + cls : "") }, cap, code);
  }

  function findingCard(i) {
    var f = F[i];
    var rule = RULES[f.r];
    var li = el("li", { class: "finding " + (f.s ? "error" : "warning") });
    li.append(el("div", { class: "f-head" },
      el("span", { class: "sev", text: f.s ? "error" : "warning" }),
      el("a", { class: "f-rule", href: "#rule-" + rule.id, text: rule.id }),
      el("span", { class: "f-locale", text: localeName(f.l) }),
      el("span", { class: "f-path", text: data.paths[f.at.p] + ":" + f.at.line + ":" + f.at.col })
    ));
    li.append(el("p", { class: "f-msg" }, rich(S[f.m])));
    var pair = el("div", { class: "pair" + (f.x ? "" : " single") });
    pair.append(lineView(f.at, localeName(f.l), null, ""));
    if (f.x) {
      var refName = "Reference · " + localeName(f.x.l);
      pair.append(lineView(f.x, refName, f.x.m >= 0 ? S[f.x.m] : null, "ref"));
    }
    li.append(pair);
    if (f.h >= 0) li.append(el("p", { class: "f-help" }, rich(S[f.h])));
    li.append(el("p", { class: "f-rule-line" }, el("strong", { text: rule.id + ": " }), rich(rule.summary)));
    var details = el("details", { class: "explain" }, el("summary", { text: "Explanation of " + rule.id }));
    details.addEventListener("toggle", function () {
      if (details.open && details.childNodes.length === 1) details.append(doc(rule.docs));
    });
    li.append(details);
    return li;
  }

  function renderFindings() {
    var list = document.getElementById("findings");
    var pages = Math.max(1, Math.ceil(visible.length / FINDINGS_PER_PAGE));
    state.page = Math.max(0, Math.min(state.page, pages - 1));
    var frag = document.createDocumentFragment();
    visible.slice(state.page * FINDINGS_PER_PAGE, (state.page + 1) * FINDINGS_PER_PAGE).forEach(function (i) {
      frag.append(findingCard(i));
    });
    list.replaceChildren(frag);
    list.setAttribute("start", String(state.page * FINDINGS_PER_PAGE + 1));
    var count = document.getElementById("count");
    count.replaceChildren();
    if (visible.length === F.length) count.append(el("strong", { text: plural(F.length, "finding", "findings") }));
    else count.append(el("strong", { text: num(visible.length) }), " of " + plural(F.length, "finding", "findings") + " match the filters");
    if (visible.length === 0) list.append(el("li", { class: "empty", text: "No finding matches these filters." }));
    pager(document.getElementById("findings-pager"), state.page, pages, visible.length, FINDINGS_PER_PAGE, "findings", function (p) {
      state.page = p;
      renderFindings();
      writeHash();
      document.getElementById("findings-title").scrollIntoView();
    });
    var active = document.getElementById("active-article");
    active.replaceChildren();
    active.hidden = state.article < 0;
    if (state.article >= 0) {
      active.append("Article:", el("code", { text: data.articles[state.article] }), el("button", {
        type: "button",
        class: "button",
        text: "Show all articles",
        onclick: function () {
          setFilters({ article: -1 }, false);
          document.getElementById("q").focus();
        }
      }));
    }
  }

  function fillSelects() {
    var rule = document.getElementById("f-rule");
    rule.append(el("option", { value: "-1", text: "All rules" }));
    usedRules.forEach(function (r) {
      rule.append(el("option", { value: String(r), text: RULES[r].id + " (" + num(ruleTotal[r]) + ")" }));
    });
    var locale = document.getElementById("f-locale");
    locale.append(el("option", { value: "-2", text: "All locales" }));
    rows.forEach(function (l) {
      locale.append(el("option", { value: String(l), text: localeName(l) + " (" + num(rowTotal[l]) + ")" }));
    });
    var severity = document.getElementById("f-severity");
    severity.append(
      el("option", { value: "-1", text: "Errors and warnings" }),
      el("option", { value: "1", text: "Errors (" + num(errors) + ")" }),
      el("option", { value: "0", text: "Warnings (" + num(F.length - errors) + ")" })
    );
  }

  function syncControls() {
    document.getElementById("q").value = state.q;
    document.getElementById("f-rule").value = String(state.rule);
    document.getElementById("f-locale").value = String(state.locale);
    document.getElementById("f-severity").value = String(state.severity);
  }

  function setFilters(change, jump) {
    var before = state.locale + "/" + state.rule;
    Object.keys(change).forEach(function (k) { state[k] = change[k]; });
    if (!("page" in change)) state.page = 0;
    syncControls();
    applyFilters();
    renderFindings();
    if (before !== state.locale + "/" + state.rule) renderMatrix();
    writeHash();
    if (jump) {
      var title = document.getElementById("findings-title");
      title.scrollIntoView();
      title.focus({ preventScroll: true });
    }
  }

  // The filters live in the address's fragment (#?locale=he-IL&rule=…), so a view can be shared.
  function writeHash() {
    var p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    if (state.rule >= 0) p.set("rule", RULES[state.rule].id);
    if (state.locale !== -2) p.set("locale", localeName(state.locale));
    if (state.severity >= 0) p.set("severity", state.severity ? "error" : "warning");
    if (state.article >= 0) p.set("article", data.articles[state.article]);
    if (state.page > 0) p.set("page", String(state.page + 1));
    var hash = p.toString() ? "#?" + p.toString() : "";
    if (hash !== location.hash) {
      try {
        history.replaceState(null, "", hash || location.pathname + location.search);
      } catch (e) {
        // Some browsers refuse history changes for local files; the view still works.
      }
    }
  }

  function readHash() {
    if (location.hash.indexOf("#?") !== 0) return null;
    var p = new URLSearchParams(location.hash.slice(2));
    var next = { q: p.get("q") || "", rule: -1, locale: -2, severity: -1, article: -1, page: 0 };
    var ruleId = p.get("rule");
    RULES.forEach(function (r, i) { if (r.id === ruleId) next.rule = i; });
    var loc = p.get("locale");
    if (loc !== null) rows.forEach(function (l) { if (localeName(l) === loc) next.locale = l; });
    var sev = p.get("severity");
    if (sev === "error") next.severity = 1;
    if (sev === "warning") next.severity = 0;
    var art = p.get("article");
    if (art !== null) next.article = data.articles.indexOf(art);
    var page = parseInt(p.get("page") || "1", 10);
    if (page > 1) next.page = page - 1;
    return next;
  }

  function wireFilters() {
    var timer = 0;
    var q = document.getElementById("q");
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { setFilters({ q: q.value.trim() }, false); }, 150);
    });
    q.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        clearTimeout(timer);
        setFilters({ q: q.value.trim() }, false);
      }
    });
    document.getElementById("f-rule").addEventListener("change", function (e) { setFilters({ rule: parseInt(e.target.value, 10) }, false); });
    document.getElementById("f-locale").addEventListener("change", function (e) { setFilters({ locale: parseInt(e.target.value, 10) }, false); });
    document.getElementById("f-severity").addEventListener("change", function (e) { setFilters({ severity: parseInt(e.target.value, 10) }, false); });
    document.getElementById("filters").addEventListener("reset", function (e) {
      e.preventDefault();
      setFilters({ q: "", rule: -1, locale: -2, severity: -1, article: -1 }, false);
    });
    document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      var typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        q.focus();
        q.select();
      }
    });
  }

  // ---------- rule docs (Markdown subset, rendered as text nodes) ----------

  function inline(text) {
    var frag = document.createDocumentFragment();
    text.split(/(`[^`]+`)/).forEach(function (part) {
      if (!part) return;
      if (part.length > 1 && part[0] === "`" && part[part.length - 1] === "`") {
        frag.append(el("code", { text: part.slice(1, -1) }));
        return;
      }
      part.split(/(\*\*[^*]+\*\*)/).forEach(function (bit) {
        if (!bit) return;
        if (/^\*\*[^*]+\*\*$/.test(bit)) frag.append(el("strong", { text: bit.slice(2, -2) }));
        else frag.append(bit);
      });
    });
    return frag;
  }

  function cellsOf(line) {
    return line.replace(/^\s*\|/, "").replace(/\|\s*$/, "").split("|").map(function (c) { return c.trim(); });
  }

  function doc(markdown) {
    var box = el("div", { class: "doc" });
    var lines = markdown.replace(/\r\n/g, "\n").split("\n");
    var i = 0;
    var startsBlock = function (line) { return /^(```|#{1,6}\s|\s*[-*]\s|\s*\d+\.\s|\|)/.test(line); };
    while (i < lines.length) {
      var line = lines[i];
      var m;
      if (/^```/.test(line)) {
        var code = [];
        i++;
        while (i < lines.length && !/^```/.test(lines[i])) code.push(lines[i++]);
        i++;
        box.append(el("pre", { dir: "auto" }, el("code", { text: code.join("\n") })));
      } else if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) {
        i++;
        if (m[1].length === 1) continue; // the rule id, already shown
        box.append(el(m[1].length === 2 ? "h3" : "h4", null, inline(m[2])));
      } else if (/^\s*$/.test(line)) {
        i++;
      } else if (/^\|/.test(line)) {
        var table = el("table");
        var first = true;
        while (i < lines.length && /^\|/.test(lines[i])) {
          var cs = cellsOf(lines[i++]);
          if (cs.every(function (c) { return /^:?-+:?$/.test(c); })) continue;
          var tr = el("tr");
          cs.forEach(function (c) { tr.append(el(first ? "th" : "td", null, inline(c))); });
          table.append(tr);
          first = false;
        }
        box.append(table);
      } else if ((m = /^\s*([-*]|\d+\.)\s+/.exec(line))) {
        var list = el(/\d/.test(m[1]) ? "ol" : "ul");
        while (i < lines.length && (m = /^\s*([-*]|\d+\.)\s+(.*)$/.exec(lines[i]))) {
          var item = [m[2]];
          i++;
          while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !/^\s*([-*]|\d+\.)\s/.test(lines[i])) item.push(lines[i++].trim());
          list.append(el("li", null, inline(item.join(" "))));
        }
        box.append(list);
      } else {
        var para = [];
        while (i < lines.length && !/^\s*$/.test(lines[i]) && !(para.length && startsBlock(lines[i]))) para.push(lines[i++].trim());
        box.append(el("p", null, inline(para.join(" "))));
      }
    }
    return box;
  }

  function renderRules() {
    var box = document.getElementById("rules");
    RULES.forEach(function (rule, r) {
      var details = el("details", { class: "rule", id: "rule-" + rule.id },
        el("summary", null,
          el("span", { class: "id", text: rule.id }),
          el("span", { class: "what" }, rich(rule.summary)),
          el("span", { class: "n", text: ruleTotal[r] ? "· " + plural(ruleTotal[r], "finding", "findings") : "· no findings" })
        ));
      details.addEventListener("toggle", function () {
        if (details.open && details.childNodes.length === 1) details.append(doc(rule.docs));
      });
      box.append(details);
    });
  }

  function openRule(id) {
    var target = document.getElementById(id);
    if (!target || target.tagName !== "DETAILS") return;
    target.open = true;
    target.scrollIntoView();
    var summary = target.querySelector("summary");
    if (summary) summary.focus();
  }

  function openRuleFromHash() {
    if (location.hash.indexOf("#rule-") === 0) openRule(decodeURIComponent(location.hash.slice(1)));
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest('a[href^="#rule-"]');
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    openRule(link.getAttribute("href").slice(1));
  });

  // ---------- start ----------

  masthead();
  legend();
  var fromHash = readHash();
  if (fromHash) state = fromHash;
  fillSelects();
  syncControls();
  renderMatrix();
  articleKinds();
  renderArticles();
  applyFilters();
  renderFindings();
  renderRules();
  wireFilters();
  window.addEventListener("hashchange", function () {
    var next = readHash();
    if (next) setFilters(next, false);
    else openRuleFromHash();
  });
  openRuleFromHash();
  document.documentElement.setAttribute("data-ready", "true");
  if (window.performance && performance.mark) performance.mark("loclint-ready");
})();
