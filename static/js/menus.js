/* Menus are <details> disclosures that work without this script (templates/_menu.html). This only
   adds what a dropdown is expected to do on a wide screen: Escape or a click elsewhere closes an
   open sub-menu. */
(function () {
  "use strict";
  function openMenus() {
    return document.querySelectorAll(".submenu[open]");
  }
  document.addEventListener("click", function (event) {
    openMenus().forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    openMenus().forEach(function (menu) {
      var hadFocus = menu.contains(document.activeElement);
      menu.removeAttribute("open");
      if (hadFocus) menu.querySelector("summary").focus();
    });
  });
})();
