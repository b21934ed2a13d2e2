// Starts Pagefind's search box; a separate file so the page's
// Content-Security-Policy can forbid inline scripts.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  // The index comes in parts (oldest stories first); search them all.
  var bundles = box.getAttribute("data-bundles").split(" ");
  new PagefindUI({
    element: "#search",
    bundlePath: bundles[0],
    mergeIndex: bundles.slice(1).map(function (path) {
      return { bundlePath: path };
    }),
    showSubResults: false,
    showImages: false,
    resetStyles: false,
  });
  // Give Pagefind's input a real label (it ships with a title only).
  var label = document.getElementById("search-label");
  function labelInput() {
    var input = box.querySelector("input");
    if (!input) return window.requestAnimationFrame(labelInput);
    input.id = "search-input";
    label.setAttribute("for", "search-input");
    label.hidden = false;
  }
  labelInput();
});
