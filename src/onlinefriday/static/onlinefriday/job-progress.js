/*
 * Moves a background job's progress without reloading the page (a merchant's deal file, an
 * organisers' re-judging). The page is right without this file: the server rendered the
 * progress, and a <noscript> meta refresh reloads it.
 *
 * Markup: an element with data-progress-url (a JSON endpoint answering at least "finished"),
 * holding elements with data-field="name" whose text becomes the JSON's value of that name
 * (numbers written as the page's language writes them; a null leaves the text as it is), and a
 * <progress data-value="name"> whose value is the JSON's value of that name; with
 * data-max="name" its maximum too, once the JSON knows it. When the job is finished the page
 * reloads once, to show the server's final page (reports, links, errors).
 */
(function () {
  "use strict";

  var POLL_MS = 1500;
  if (!window.fetch) {
    return;
  }
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "vi");

  function text(value) {
    return typeof value === "number" ? numbers.format(value) : String(value);
  }

  function update(box, data) {
    box.querySelectorAll("[data-field]").forEach(function (element) {
      var value = data[element.getAttribute("data-field")];
      if (value !== undefined && value !== null && element.textContent !== text(value)) {
        element.textContent = text(value);
      }
    });
    box.querySelectorAll("progress[data-value]").forEach(function (bar) {
      var max = bar.getAttribute("data-max");
      if (max === null || data[max]) {
        if (max !== null) {
          bar.max = data[max];
        }
        bar.value = data[bar.getAttribute("data-value")];
      }
    });
  }

  function poll(box) {
    fetch(box.getAttribute("data-progress-url"), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        update(box, data);
        if (data.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, POLL_MS, box);
        }
      })
      .catch(function () {
        window.setTimeout(poll, POLL_MS * 4, box); // the server is busy or restarting: wait longer
      });
  }

  document.querySelectorAll("[data-progress-url]").forEach(function (box) {
    window.setTimeout(poll, POLL_MS, box);
  });
})();
