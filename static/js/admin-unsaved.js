// Unsaved changes in the form of a publishable object (article, page...). The workflow buttons
// and "Restore" post their own small forms, which would throw the edit away, and so would leaving
// the page. A step that has a "save, then take the step" button in the form (submit for review)
// goes through that button; any other step is stopped with a message beside the buttons; leaving
// the page asks first.
(function () {
  "use strict";
  var form = document.querySelector(".workflow-main form");
  var notice = document.querySelector(".workflow-unsaved");
  if (!form || !notice) {
    return;
  }
  var dirty = false;
  function markDirty() {
    dirty = true;
  }
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  if (window.CKEDITOR) {
    window.CKEDITOR.on("instanceReady", function (event) {
      event.editor.on("change", markDirty);
    });
  }
  form.addEventListener("submit", function () {
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  document.querySelectorAll(".workflow-side form[method=post]").forEach(function (stepForm) {
    stepForm.addEventListener("submit", function (event) {
      if (!dirty) {
        return;
      }
      event.preventDefault();
      var step = stepForm.querySelector("button[name=action]");
      var saveFirst = step && form.querySelector("button[name=_step][value='" + step.value + "']");
      if (saveFirst) {
        form.requestSubmit(saveFirst);
        return;
      }
      notice.hidden = false;
      notice.scrollIntoView({ block: "nearest" });
    });
  });
})();
