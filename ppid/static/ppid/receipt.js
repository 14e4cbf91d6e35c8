// The request receipt: copy buttons for the registration number and tracking code, and a print
// button. Without script the buttons stay hidden and the page still shows (and prints) both.
(function () {
  "use strict";
  function copied(button) {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-done");
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }
  function fallbackCopy(text, button) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "absolute";
    field.style.left = "-9999px";
    document.body.appendChild(field);
    field.select();
    try { document.execCommand("copy"); copied(button); } catch (e) { /* the text stays visible */ }
    document.body.removeChild(field);
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { copied(button); },
          function () { fallbackCopy(text, button); });
      } else {
        fallbackCopy(text, button);
      }
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
