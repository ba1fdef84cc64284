// Reload a document page once what it waits for is ready. The page answers HEAD requests with
// X-Documents-Pending: the number of documents still being produced.
(function () {
  "use strict";
  var delay = 1500;
  var giveUpAt = Date.now() + 30 * 60 * 1000;

  function schedule() {
    delay = Math.min(delay * 1.5, 15000);
    if (Date.now() < giveUpAt) {
      window.setTimeout(check, delay);
    }
  }

  function check() {
    fetch(window.location.href, { method: "HEAD", credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.ok && response.headers.get("X-Documents-Pending") === "0") {
          window.location.reload();
        } else {
          schedule();
        }
      })
      .catch(schedule);
  }

  window.setTimeout(check, delay);
})();
