// The focal point of a photo in a staff form: a click on the thumbnail fills the two number
// inputs (0 to 1, across and down) and moves the marker; typing in the inputs moves it too.
// Without this script the inputs alone do the job.
(function () {
  "use strict";
  function unit(value) {
    var number = parseFloat(value);
    if (isNaN(number)) {
      return 0.5;
    }
    return Math.min(1, Math.max(0, number));
  }
  function setUp(box) {
    var inputX = document.getElementById(box.dataset.focalX);
    var inputY = document.getElementById(box.dataset.focalY);
    var image = box.querySelector("img");
    var marker = box.querySelector(".focal-marker");
    if (!inputX || !inputY || !image || !marker) {
      return;
    }
    function place() {
      marker.style.left = unit(inputX.value) * 100 + "%";
      marker.style.top = unit(inputY.value) * 100 + "%";
      marker.hidden = false;
    }
    image.addEventListener("click", function (event) {
      var rect = image.getBoundingClientRect();
      inputX.value = unit((event.clientX - rect.left) / rect.width).toFixed(2);
      inputY.value = unit((event.clientY - rect.top) / rect.height).toFixed(2);
      // The unsaved-changes guard listens for these on the form.
      inputX.dispatchEvent(new Event("change", { bubbles: true }));
      inputY.dispatchEvent(new Event("change", { bubbles: true }));
      place();
    });
    inputX.addEventListener("input", place);
    inputY.addEventListener("input", place);
    place();
  }
  function start() {
    document.querySelectorAll(".image-thumb[data-focal-x]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
