// "Choose from the library" on an article's form: the admin's lookup popup fills in the number of
// the photo; say in words what happens next, since a bare number tells the writer little.
(function () {
  "use strict";
  function start() {
    document.querySelectorAll(".library-chosen[data-for]").forEach(function (note) {
      var input = document.getElementById(note.dataset.for);
      if (!input) {
        return;
      }
      function show() {
        var number = input.value.trim();
        note.hidden = number === "";
        note.textContent = number ? note.dataset.text.replace("{number}", number) : "";
      }
      input.addEventListener("change", show);
      input.addEventListener("input", show);
      // The admin's lookup popup announces its choice through jQuery's trigger("change"),
      // which native listeners do not hear.
      if (window.django && window.django.jQuery) {
        window.django.jQuery(input).on("change", show);
      }
      show();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
