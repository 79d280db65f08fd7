/*
 * Moves a background job's progress bar without reloading the page. The page is right without
 * this file: the server rendered the progress, and a <noscript> meta refresh reloads it.
 *
 * Markup: an element with data-progress-url (a JSON endpoint answering at least "percent" and
 * "finished"), holding a <progress> and elements with data-field="name" whose text becomes the
 * JSON's value of that name. When the job is finished the page reloads once, to show the
 * server's final page (links, errors).
 */
(function () {
  "use strict";

  var POLL_MS = 1500;

  function update(box, data) {
    var bar = box.querySelector("progress");
    if (bar) {
      bar.value = data.percent;
      bar.textContent = data.percent + "%";
    }
    box.querySelectorAll("[data-field]").forEach(function (element) {
      var value = data[element.getAttribute("data-field")];
      if (value !== undefined && element.textContent !== String(value)) {
        element.textContent = String(value);
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
