// The search page: our own results list on Pagefind's JS API (not its
// ready-made UI), so results show their date and section, fit the site's
// light and dark colours, and never match a one-letter word by accident.
// A separate file so the page's Content-Security-Policy can forbid inline
// scripts. Without JavaScript the form still submits ?q= and the page says
// where else to look.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  // The index comes in parts (oldest stories first); search them all.
  var bundles = form.getAttribute("data-bundles").split(" ");
  var PAGE = 10;
  var engine = null;
  var run = 0;
  var state = null;

  function pagefind() {
    if (!engine) {
      engine = import(bundles[0] + "pagefind.js").then(function (pf) {
        return pf.options({ bundlePath: bundles[0], excerptLength: 24 }).then(function () {
          return Promise.all(bundles.slice(1).map(function (path) {
            return pf.mergeIndex(path);
          }));
        }).then(function () {
          return pf;
        });
      });
    }
    return engine;
  }

  // Lower case, no accents, letters and digits only: "Café," -> "cafe".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function termsOf(query) {
    return query.split(/\s+/).map(fold).filter(Boolean);
  }

  // Pagefind falls back to a shorter prefix when a word is not in its index,
  // so "xyzzyq" would match every "X" and "tonyqq" every "to". So a term of
  // two or more letters must be known: a whole word of the index (Pagefind's
  // exact search, which has no fallback), or the start of one (the reader is
  // still typing). Then each result must have a matched word that starts
  // like the term (its first three letters: "runs" still matches
  // "running"), which drops stand-ins from parts of the index without it.
  function matchedWords(data) {
    var words = data.content.split(/\s+/);
    return data.locations.map(function (i) {
      return fold(words[i] || "");
    });
  }

  function known(pf, term) {
    if (term.length < 2) return Promise.resolve(true);
    return pf.search('"' + term + '"').then(function (exact) {
      if (exact.results.length) return true;
      return pf.search(term).then(function (loose) {
        return Promise.all(loose.results.slice(0, 5).map(function (result) {
          return result.data();
        })).then(function (found) {
          return found.some(function (data) {
            return matchedWords(data).some(function (word) {
              return word.indexOf(term) === 0;
            });
          });
        });
      });
    });
  }

  function covers(word, term) {
    var n = Math.min(term.length, 3);
    return word.length >= n && word.slice(0, n) === term.slice(0, n);
  }

  function genuine(data, terms) {
    var matched = matchedWords(data);
    return terms.every(function (term) {
      return matched.some(function (word) {
        return covers(word, term);
      });
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function render(data) {
    var item = element("li", "result");
    var heading = element("h2");
    var link = element("a", "", data.meta.title || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var facts = [data.meta.published, data.meta.section].filter(Boolean);
    if (facts.length) {
      var meta = element("p", "meta");
      if (data.meta.published) {
        var time = element("time", "", data.meta.published);
        if (data.meta.date) time.setAttribute("datetime", data.meta.date);
        meta.appendChild(time);
        if (data.meta.section) meta.appendChild(document.createTextNode(" · "));
      }
      if (data.meta.section) meta.appendChild(document.createTextNode(data.meta.section));
      item.appendChild(meta);
    }
    // Pagefind's excerpt is the page's own text, escaped, with <mark> around
    // the matched words.
    var excerpt = element("p", "excerpt");
    excerpt.innerHTML = data.excerpt;
    item.appendChild(excerpt);
    return item;
  }

  function say(text) {
    status.textContent = text;
  }

  function count(n, done) {
    if (n === 0) return "No stories found for “" + state.query + "”.";
    var noun = n === 1 ? "story" : "stories";
    return (done ? n + " " + noun + " found" : "Showing " + n + " " + noun) + " for “" + state.query + "”.";
  }

  // Show up to PAGE more genuine results, reading as few as needed. Stand-in
  // matches rank below real ones, so after GIVE_UP results in a row with no
  // real match the rest are not read (a made-up word can "match" hundreds).
  var GIVE_UP = 30;
  function showMore(mine) {
    var wanted = PAGE;
    function step() {
      if (mine !== run) return;
      if (state.misses >= GIVE_UP) state.next = state.results.length;
      if (wanted === 0 || state.next >= state.results.length) {
        var done = state.next >= state.results.length;
        more.hidden = done;
        say(count(state.shown, done));
        return;
      }
      var batch = state.results.slice(state.next, state.next + PAGE);
      state.next += batch.length;
      Promise.all(batch.map(function (result) {
        return result.data();
      })).then(function (found) {
        if (mine !== run) return;
        found.forEach(function (data) {
          if (!genuine(data, state.terms)) {
            state.misses += 1;
          } else if (wanted > 0) {
            list.appendChild(render(data));
            state.shown += 1;
            state.misses = 0;
            wanted -= 1;
          }
        });
        step();
      });
    }
    step();
  }

  function search(query) {
    var mine = ++run;
    query = query.trim();
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    list.textContent = "";
    more.hidden = true;
    if (!query) {
      state = null;
      say("");
      return;
    }
    say("Searching…");
    var terms = termsOf(query);
    pagefind().then(function (pf) {
      return Promise.all(terms.map(function (term) {
        return known(pf, term);
      })).then(function (answers) {
        return answers.every(Boolean) ? pf.search(query) : { results: [] };
      });
    }).then(function (response) {
      if (mine !== run) return;
      state = { query: query, terms: terms, results: response.results, next: 0, shown: 0, misses: 0 };
      showMore(mine);
    }).catch(function () {
      if (mine === run) say("Search is not available just now. Try the archives or the topics.");
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      search(input.value);
    }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    search(input.value);
  });
  more.addEventListener("click", function () {
    if (state) showMore(run);
  });
  var given = new URL(window.location.href).searchParams.get("q");
  if (given) {
    input.value = given;
    search(given);
  }
})();
