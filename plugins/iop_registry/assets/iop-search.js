/* The site search: the header's box and sok/, as progressive enhancement of GET forms.

   The index lives in search/ (written by render/search/, whose __init__ documents the format;
   tests/support/search_lookup.py has the same lookup in Python for the tests). A query loads the manifest, the one or
   few term shards its words need and the summaries of the results it shows, never the
   whole index. The files are scripts that call iopSearch.receive(), so the search also
   works on a site opened from disk, where browsers refuse fetch(). Loads nothing from
   another host. The header's box on every page shows the first results as the reader
   types; sok/ shows all of them. */
(function () {
  "use strict";

  // sok/?ord=...: not "q", which makes Material open its own search box on any page.
  var PARAMETER = "ord";
  var received = {};
  var waiting = {};

  window.iopSearch = {
    receive: function (name, data) {
      received[name] = data;
      (waiting[name] || []).forEach(function (w) { w.resolve(data); });
      delete waiting[name];
    }
  };

  // Both forms (the header's on every page, the one on sok/) name the index folder
  // relative to their page; it is the same folder, so the first form found gives it.
  var anyForm = document.querySelector("form[data-index]");
  if (!anyForm) return;
  var base = new URL(anyForm.getAttribute("data-index"), document.baseURI);
  var root = new URL("..", base);

  function shardFile(key) {
    return Array.from(key).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    }).join("");
  }

  // Loads search/<file>.js once; resolves with the data it hands to receive(name).
  function load(name, file) {
    if (Object.prototype.hasOwnProperty.call(received, name)) return Promise.resolve(received[name]);
    return new Promise(function (resolve, reject) {
      if (waiting[name]) { waiting[name].push({ resolve: resolve, reject: reject }); return; }
      waiting[name] = [{ resolve: resolve, reject: reject }];
      var script = document.createElement("script");
      script.src = new URL(file + ".js", base).href;
      script.onerror = function () {
        (waiting[name] || []).forEach(function (w) { w.reject(new Error(file)); });
        delete waiting[name];
      };
      document.head.appendChild(script);
    });
  }

  function Searcher(manifest) {
    var rules = manifest.stem;
    var stop = new Set(manifest.stop);
    var step3 = Object.keys(rules.step3).sort(function (a, b) { return b.length - a.length; });
    var keys = manifest.shards;

    function isVowel(c) { return rules.vowels.indexOf(c) >= 0; }

    function r1(word) {
      for (var i = 1; i < word.length; i++) {
        if (!isVowel(word[i]) && isVowel(word[i - 1])) return Math.max(3, i + 1);
      }
      return word.length;
    }

    // The same steps as stem() in render/search/text.py.
    function stem(word) {
      var p1 = r1(word);
      var done = rules.step1.some(function (s) {
        if (word.endsWith(s) && word.length - s.length >= p1) { word = word.slice(0, -s.length); return true; }
        return false;
      });
      if (!done && word.endsWith("s") && word.length - 1 >= p1 && word.length > 1 &&
          rules.sEndings.indexOf(word[word.length - 2]) >= 0) {
        word = word.slice(0, -1);
      }
      if (rules.step2.some(function (s) { return word.endsWith(s); }) && word.length - 2 >= p1) word = word.slice(0, -1);
      step3.some(function (s) {
        if (word.endsWith(s) && word.length - s.length >= p1) { word = word.slice(0, -s.length) + rules.step3[s]; return true; }
        return false;
      });
      return word;
    }

    function terms(text) {
      var folded = Array.from(text.toLowerCase().normalize("NFC")).map(function (c) {
        return Object.prototype.hasOwnProperty.call(manifest.fold, c) ? manifest.fold[c] : c;
      }).join("");
      var found = folded.match(/[\p{L}\p{N}]+/gu) || [];
      var seen = new Set();
      return found.filter(function (w) { return !stop.has(w); }).map(stem).filter(function (t) {
        if (seen.has(t)) return false;
        seen.add(t);
        return true;
      });
    }

    function shardFor(term) {
      var best = null;
      keys.forEach(function (k) { if (term.startsWith(k) && (!best || k.length > best.length)) best = k; });
      return best;
    }

    function decode(deltas) {
      var result = new Map();
      var value = 0;
      deltas.forEach(function (d) { value += d; result.set(value >> 1, (value & 1) === 1); });
      return result;
    }

    // Record number -> score for one term; `prefix` also takes longer words.
    function matches(term, prefix) {
      var own = shardFor(term);
      var shards = own ? [own] : [];
      if (prefix) {
        var below = keys.filter(function (k) { return k.startsWith(term) && k !== term; });
        if (shards.length + below.length > manifest.maxPrefixShards) prefix = false;
        else shards = shards.concat(below);
      }
      return Promise.all(shards.map(function (k) { return load("t/" + k, "t/" + shardFile(k)); })).then(function (loaded) {
        var scores = new Map();
        loaded.forEach(function (shard) {
          Object.keys(shard).forEach(function (candidate) {
            if (candidate !== term && !(prefix && candidate.startsWith(term))) return;
            decode(shard[candidate]).forEach(function (inTitle, doc) {
              var score = (inTitle ? manifest.titleWeight : 1) + (candidate === term ? 1 : 0);
              scores.set(doc, Math.max(scores.get(doc) || 0, score));
            });
          });
        });
        return scores;
      });
    }

    // Every record number that matches all words, best first, courses that are over last
    // (see SearchIndex.query).
    this.search = function (text) {
      var queryTerms = terms(text);
      if (!queryTerms.length) return Promise.resolve([]);
      return Promise.all(queryTerms.map(function (t) { return matches(t, t.length >= 2); })).then(function (all) {
        var total = all[0];
        all.slice(1).forEach(function (scores) {
          var next = new Map();
          total.forEach(function (s, d) { if (scores.has(d)) next.set(d, s + scores.get(d)); });
          total = next;
        });
        var current = manifest.current;
        return Array.from(total.entries()).sort(function (a, b) {
          return ((a[0] >= current) - (b[0] >= current)) || b[1] - a[1] || a[0] - b[0];
        })
          .map(function (entry) { return entry[0]; });
      });
    };

    this.summaries = function (docs) {
      return Promise.all(docs.map(function (doc) {
        var block = Math.floor(doc / manifest.block);
        return load("d/" + block, "d/" + block).then(function (rows) { return rows[doc % manifest.block]; });
      }));
    };
  }

  var searcher = null;
  function getSearcher() {
    if (!searcher) searcher = load("manifest", "manifest").then(function (m) { return { s: new Searcher(m), m: m }; });
    return searcher;
  }

  function resultItem(row, kinds) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = new URL(row[4], root).href;
    a.textContent = row[0];
    var meta = document.createElement("span");
    meta.className = "iop-search__meta";
    meta.textContent = [kinds[row[1]], row[2]].filter(Boolean).join(" · ");
    li.appendChild(a);
    li.appendChild(meta);
    if (row[3]) {
      var p = document.createElement("p");
      p.className = "iop-search__text";
      p.textContent = row[3];
      li.appendChild(p);
    }
    return li;
  }

  function countText(n) {
    return n === 1 ? "1 träff" : n.toLocaleString("sv-SE") + " träffar";
  }

  function searchPageUrl(words) {
    var target = new URL("sok/", root);
    target.searchParams.set(PARAMETER, words);
    return target.href;
  }

  // The search page, sok/: every result, a page of them at a time.
  function searchPage(form) {
    var input = form.querySelector("input[name=" + PARAMETER + "]");
    var status = document.getElementById("iop-search-status");
    var list = document.getElementById("iop-search-results");
    var current = 0;

    function run(query) {
      var run_id = ++current;
      list.textContent = "";
      var old = list.parentNode.querySelector(".iop-search__more");
      if (old) old.remove();
      if (!query.trim()) { status.textContent = ""; return; }
      status.textContent = "Söker …";
      getSearcher().then(function (ctx) {
        return ctx.s.search(query).then(function (docs) {
          if (run_id !== current) return;
          var shown = 0;
          function more() {
            var next = docs.slice(shown, shown + ctx.m.perPage);
            return ctx.s.summaries(next).then(function (rows) {
              if (run_id !== current) return;
              var button = list.parentNode.querySelector(".iop-search__more");
              if (button) button.remove();
              rows.forEach(function (row) { list.appendChild(resultItem(row, ctx.m.kinds)); });
              shown += rows.length;
              if (shown < docs.length) {
                button = document.createElement("button");
                button.type = "button";
                button.className = "md-button iop-search__more";
                button.textContent = "Visa fler träffar";
                button.addEventListener("click", function () {
                  var first = shown;
                  more().then(function () {
                    var link = list.children[first] && list.children[first].querySelector("a");
                    if (link) link.focus();
                  });
                });
                list.insertAdjacentElement("afterend", button);
              }
            });
          }
          var quoted = "”" + query.trim() + "”";
          status.textContent = docs.length === 0 ? "Inga träffar för " + quoted + "." : countText(docs.length) + " för " + quoted + ".";
          return more();
        });
      }).catch(function () {
        if (run_id === current) status.textContent = "Sökningen kunde inte läsas in. Försök igen, eller bläddra i listorna.";
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set(PARAMETER, input.value);
      window.history.replaceState(null, "", url.href);
      run(input.value);
    });

    var initial = new URLSearchParams(window.location.search).get(PARAMETER);
    if (initial) {
      input.value = initial;
      run(initial);
    }
  }

  // The header's search box on every page: the first results while the reader types, and
  // a link to all of them on sok/. Without this script the box is a plain form for sok/.
  function headerSearch(form) {
    var input = form.querySelector("input[name=" + PARAMETER + "]");
    var panel = form.querySelector(".iop-header-search__panel");
    var status = panel.querySelector(".iop-header-search__status");
    var list = panel.querySelector(".iop-header-search__results");
    var all = panel.querySelector(".iop-header-search__all");
    var current = 0;
    var timer = null;

    function close() { panel.hidden = true; }

    function run() {
      var query = input.value;
      var run_id = ++current;
      if (!query.trim()) { close(); list.textContent = ""; status.textContent = ""; return; }
      panel.hidden = false;
      status.textContent = "Söker …";
      getSearcher().then(function (ctx) {
        return ctx.s.search(query).then(function (docs) {
          return ctx.s.summaries(docs.slice(0, ctx.m.headerResults)).then(function (rows) {
            if (run_id !== current) return;
            list.textContent = "";
            rows.forEach(function (row) { list.appendChild(resultItem(row, ctx.m.kinds)); });
            var quoted = "”" + query.trim() + "”";
            status.textContent = docs.length === 0 ? "Inga träffar för " + quoted + "." : countText(docs.length) + " för " + quoted + ".";
            all.hidden = docs.length <= rows.length;
            all.href = searchPageUrl(query.trim());
            all.textContent = "Visa alla " + countText(docs.length) + " på söksidan";
          });
        });
      }).catch(function () {
        if (run_id === current) status.textContent = "Sökningen kunde inte läsas in. Försök igen på söksidan.";
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 120);
    });
    input.addEventListener("focus", function () { if (input.value.trim() && list.children.length) panel.hidden = false; });
    form.addEventListener("keydown", function (event) {
      // The first Escape closes the results and keeps the words (a search field would clear them).
      if (event.key === "Escape" && !panel.hidden) { event.preventDefault(); close(); input.focus(); }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
    form.addEventListener("focusout", function (event) { if (event.relatedTarget && !form.contains(event.relatedTarget)) close(); });
    // Enter sends the form to sok/, which shows every result.
  }

  var header = document.getElementById("iop-header-search");
  if (header) headerSearch(header);
  var page = document.getElementById("iop-search");
  if (page) searchPage(page);
})();
