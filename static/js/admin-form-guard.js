// Every staff form that is not a publishable's (those have admin-unsaved.js and autosave): once
// something is typed or chosen, leaving the page without saving asks first, so an agency's
// settings, a member's role or a PPID decision are never lost to a stray click.
(function () {
  "use strict";
  if (document.querySelector(".workflow-main")) {
    return; // the publishable form's own guard (admin-unsaved.js) is in charge here
  }
  var forms = document.querySelectorAll(
    "#content-main form[method=post]:not(#changelist-form):not([data-no-guard])"
  );
  if (!forms.length) {
    return;
  }
  var dirty = false;
  function markDirty(event) {
    var field = event.target;
    if (field && field.type !== "hidden" && field.type !== "search") {
      dirty = true;
    }
  }
  forms.forEach(function (form) {
    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    form.addEventListener("submit", function () {
      dirty = false;
    });
  });
  if (window.CKEDITOR) {
    window.CKEDITOR.on("instanceReady", function (event) {
      event.editor.on("change", function () {
        dirty = true;
      });
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
