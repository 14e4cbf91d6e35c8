// Two-step verification: the "Print" button next to the recovery codes (shown only with script).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-two-factor-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
