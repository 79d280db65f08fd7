/*
 * A "Copy" button beside a coupon code. Without this file the code is plain text a shopper can
 * select; the button stays hidden, since it could not work.
 */
(function () {
  "use strict";

  if (!navigator.clipboard) {
    return;
  }
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.closest(".coupon").querySelector("[role=status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        status.textContent = button.getAttribute("data-copied");
      });
    });
  });
})();
