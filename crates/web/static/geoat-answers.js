// GEOAT answering (gedhub): saves each indicator's answer as the user goes.
//
// Without JavaScript the section page is one form ("save this section")
// whose fields carry the indicator code in their names (rating:P1.A.1, ...).
// With it, every change is saved at once through the JSON API (a rating when
// it is chosen; a text a second after typing stops, or when leaving the box),
// each indicator shows saving / saved / not saved, the version of each
// answer follows the server's (so one's own saves never conflict), the page
// warns before it is left with changes not saved, and nothing on the page is
// replaced, so focus and typing are never disturbed.
(function () {
  "use strict";
  var form = document.getElementById("section-answers");
  if (!form || !window.fetch) return;
  var text = form.dataset;
  var sectionState = document.getElementById("section-save-state");
  var indicators = [];
  var leaving = false;

  function field(code, name) {
    return document.querySelector(
      '[form="section-answers"][name="' + name + ":" + code + '"]'
    );
  }

  function show(indicator, state, message) {
    indicator.status.dataset.state = state;
    indicator.status.textContent = message;
  }

  function pending() {
    return indicators.filter(function (i) {
      return i.dirty || i.saving || i.failed;
    }).length;
  }

  function showSection() {
    if (sectionState) {
      sectionState.textContent = pending() > 0 ? text.unsaved : text.allSaved;
    }
  }

  function body(indicator) {
    var code = indicator.code;
    var checked = document.querySelector(
      '[form="section-answers"][name="rating:' + code + '"]:checked'
    );
    var rating = checked ? checked.value : "";
    var request = {
      justification: field(code, "justification").value.trim(),
      evidence: field(code, "evidence").value.trim(),
      version: parseInt(field(code, "version").value, 10) || 0,
    };
    if (rating === "na") {
      request.not_applicable = true;
    } else {
      request.rating = rating === "" ? null : parseInt(rating, 10);
    }
    return JSON.stringify(request);
  }

  function problem(response, answer) {
    var errors = (answer && answer.errors) || [];
    var details = errors
      .map(function (e) {
        return e.detail;
      })
      .filter(Boolean)
      .join(" ");
    return text.failed + " " + (details || "(" + response.status + ")");
  }

  function save(indicator) {
    if (indicator.saving) {
      indicator.again = true;
      return indicator.saving;
    }
    window.clearTimeout(indicator.timer);
    indicator.dirty = false;
    show(indicator, "saving", text.saving);
    indicator.saving = window
      .fetch(form.dataset.api + encodeURIComponent(indicator.code), {
        method: "PUT",
        credentials: "same-origin",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: body(indicator),
      })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return null;
          })
          .then(function (answer) {
            if (response.ok && answer) {
              field(indicator.code, "version").value = answer.version;
              indicator.failed = false;
              var time = new Date().toLocaleTimeString(document.documentElement.lang, {
                hour: "2-digit",
                minute: "2-digit",
              });
              show(indicator, "saved", text.saved + " " + time);
            } else {
              indicator.failed = true;
              show(indicator, "failed", problem(response, answer));
            }
          });
      })
      .catch(function () {
        indicator.failed = true;
        indicator.dirty = true;
        show(indicator, "failed", text.offline);
      })
      .then(function () {
        indicator.saving = null;
        showSection();
        if (indicator.again) {
          indicator.again = false;
          return save(indicator);
        }
      });
    showSection();
    return indicator.saving;
  }

  function changed(indicator, soon) {
    indicator.dirty = true;
    showSection();
    window.clearTimeout(indicator.timer);
    if (soon) {
      save(indicator);
    } else {
      indicator.timer = window.setTimeout(function () {
        save(indicator);
      }, 1000);
    }
  }

  document.querySelectorAll("article.indicator[data-code]").forEach(function (article) {
    var fieldset = article.querySelector("fieldset.answer");
    if (!fieldset || fieldset.disabled) return;
    var indicator = {
      code: article.dataset.code,
      status: article.querySelector(".save-state"),
      dirty: false,
      failed: false,
      saving: null,
      again: false,
      timer: 0,
    };
    indicators.push(indicator);
    fieldset.addEventListener("change", function (event) {
      // A rating is saved at once; a text when it is left (below).
      if (event.target.type === "radio") changed(indicator, true);
    });
    fieldset.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA") changed(indicator, false);
    });
    fieldset.addEventListener("focusout", function (event) {
      if (event.target.tagName === "TEXTAREA" && indicator.dirty) save(indicator);
    });
  });
  if (indicators.length === 0) return;

  // "Save this section" still works: after the saves in flight, so that the
  // versions it sends are the latest.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    leaving = true;
    var inFlight = indicators
      .map(function (i) {
        return i.saving;
      })
      .filter(Boolean);
    Promise.all(inFlight).then(function () {
      form.submit();
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (leaving || pending() === 0) return;
    event.preventDefault();
    event.returnValue = "";
  });

  window.addEventListener("online", function () {
    indicators.forEach(function (i) {
      if (i.dirty) save(i);
    });
  });
})();
