// Knowledge-test timer (gedhub): counts down the time left shown in
// [data-seconds-left]. Only a display: the server enforces the limit (with a
// 30-second grace) whatever this shows. Without JavaScript the page shows the
// time left when it was loaded.
(function () {
  "use strict";
  var timer = document.getElementById("ktest-timer");
  if (!timer) return;
  var left = parseInt(timer.dataset.secondsLeft, 10);
  if (isNaN(left)) return;
  var template = timer.textContent;
  var shown = template.match(/\d+:\d\d/);
  if (!shown) return;
  var end = Date.now() + left * 1000;
  function tick() {
    var s = Math.max(0, Math.round((end - Date.now()) / 1000));
    var text = Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
    timer.textContent = template.replace(shown[0], text);
    if (s > 0) window.setTimeout(tick, 1000);
  }
  tick();
})();
