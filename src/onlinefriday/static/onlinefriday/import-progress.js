/*
 * Moves the progress bar of a deal file's page while the file is checked in the background.
 * The page is right without this file: it then reloads itself every few seconds (a <noscript>
 * meta refresh). Here it asks the job's progress address each second, writes the figures in
 * place, and reloads the page once when the job ends, to show the reports or the file's error.
 */
(function () {
  "use strict";

  var POLL_MS = 1000;
  var section = document.querySelector("[data-progress-url]");
  if (!section || !window.fetch) {
    return;
  }
  var url = section.getAttribute("data-progress-url");
  var bar = document.getElementById("import-progress-bar");
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "vi");
  var COUNTS = ["rows_done", "total_rows", "accepted", "review", "rejected", "invalid"];

  function write(name, text) {
    var element = section.querySelector('[data-field="' + name + '"]');
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  }

  function show(progress) {
    COUNTS.forEach(function (name) {
      if (progress[name] !== null) {
        write(name, numbers.format(progress[name]));
      }
    });
    write("status_label", progress.status_label);
    if (progress.total_rows) {
      bar.max = progress.total_rows;
      bar.value = progress.rows_done;
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        show(progress);
        if (progress.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, POLL_MS);
        }
      })
      .catch(function () {
        window.setTimeout(poll, POLL_MS * 5); // a network hiccup: try again a little later
      });
  }

  window.setTimeout(poll, POLL_MS);
})();
