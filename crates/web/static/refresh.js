// A page that waits for work in the background (a day being planned) marks an element
// with data-refresh-seconds; the page is loaded again after that many seconds, until the
// work is done and the mark is gone. Without JavaScript, the page's own link does it.
(function () {
  var waiting = document.querySelector("[data-refresh-seconds]");
  if (!waiting) {
    return;
  }
  var seconds = Number(waiting.getAttribute("data-refresh-seconds")) || 2;
  window.setTimeout(function () {
    window.location.reload();
  }, seconds * 1000);
})();
