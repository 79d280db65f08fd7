/*
 * Makes the server-rendered countdown tick each second. The page is right without this file:
 * the text in <time data-deadline> was computed by the server at render time.
 *
 * Time is measured from the server's clock (data-now), not the visitor's, so a wrong device clock
 * can neither show a wrong countdown nor reload the page before the festival changes state.
 * At zero the page reloads once per deadline, after a random pause of up to ten seconds, so that
 * the visitors waiting for midnight do not all ask for the page in the same instant.
 */
(function () {
  "use strict";

  var MAX_RELOAD_PAUSE_MS = 10000;
  var UNITS = [["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];

  function pad(number) {
    return number < 10 ? "0" + number : String(number);
  }

  // Mirrors onlinefriday.core.formatting.format_countdown, with the words it hands over.
  function format(remainingMs, labels) {
    var rest = Math.max(0, Math.floor(remainingMs / 1000));
    var words = [];
    UNITS.forEach(function (unit) {
      var name = unit[0];
      var count = Math.floor(rest / unit[1]);
      rest -= count * unit[1];
      if (name === "day" && count === 0) {
        return;
      }
      var form = labels[name][count === 1 ? 0 : 1];
      words.push(form.replace("%(count)s", name === "day" ? String(count) : pad(count)));
    });
    return labels.left.replace("%(duration)s", words.join(" "));
  }

  function reloadOnce(deadline) {
    var key = "onlinefriday-countdown-reloaded:" + deadline;
    try {
      if (window.sessionStorage.getItem(key)) {
        return;
      }
      window.sessionStorage.setItem(key, "1");
    } catch (error) {
      // Storage may be blocked; reloading without the guard is still better than a stale page.
    }
    window.setTimeout(function () {
      window.location.reload();
    }, Math.random() * MAX_RELOAD_PAUSE_MS);
  }

  function start(clock) {
    var labels = JSON.parse(clock.getAttribute("data-labels"));
    var remainingAtStart = Date.parse(clock.getAttribute("data-deadline")) -
      Date.parse(clock.getAttribute("data-now"));
    var startedAt = window.performance.now();
    var status = clock.closest(".countdown").querySelector("[role=status]");

    function tick() {
      var remaining = remainingAtStart - (window.performance.now() - startedAt);
      if (remaining <= 0) {
        clock.textContent = format(0, labels);
        status.textContent = clock.getAttribute("data-done");
        reloadOnce(clock.getAttribute("data-deadline"));
        return;
      }
      clock.textContent = format(remaining, labels);
      // Wake just after the next whole second, so no second is skipped or shown twice.
      window.setTimeout(tick, (remaining % 1000) + 20);
    }

    if (!isNaN(remainingAtStart)) {
      tick();
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("time[data-deadline]"), start);
})();
