// Upload progress for large files (gedhub). Enhances forms marked
// data-upload-progress: the form is sent with XMLHttpRequest so that a
// <progress> bar can show how much of the file has been sent, then the page
// the server answers with replaces this one. Without JavaScript the form is
// an ordinary multipart POST and works the same, without the bar.
(function () {
  "use strict";
  function enhance(form) {
    var bar = form.querySelector("progress");
    var status = form.querySelector("[data-upload-status]");
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      if (bar) { bar.hidden = false; bar.value = 0; }
      if (status) status.textContent = form.dataset.uploading || "";
      request.upload.addEventListener("progress", function (progress) {
        if (!progress.lengthComputable || !bar) return;
        bar.max = progress.total;
        bar.value = progress.loaded;
        if (progress.loaded >= progress.total && status) {
          status.textContent = form.dataset.computing || "";
        }
      });
      request.addEventListener("load", function () {
        if (request.status >= 200 && request.status < 300 && request.responseURL) {
          window.location.assign(request.responseURL);
          return;
        }
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.addEventListener("error", function () {
        if (button) button.disabled = false;
        if (status) status.textContent = form.dataset.failed || "";
      });
      request.send(new FormData(form));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-upload-progress]");
    for (var i = 0; i < forms.length; i++) enhance(forms[i]);
  });
})();
