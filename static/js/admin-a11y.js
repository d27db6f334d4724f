// The admin's widgets, made to pass WCAG 2.2 AA where Django's own markup does not:
// - the split date/time widget writes "Date:" and "Time:" as bare text; they become <label>s;
// - SelectFilter2 (filter_horizontal) puts aria-label on a plain <span> icon, which ARIA
//   forbids; it gets role="img". SelectFilter2 builds its widget on window load, after this
//   script has run, so new nodes are watched for too.
(function () {
  "use strict";

  function labelSplitDateTimes(root) {
    root.querySelectorAll("p.datetime").forEach(function (paragraph) {
      Array.from(paragraph.childNodes).forEach(function (node) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) return;
        var input = node.nextElementSibling;
        while (input && input.tagName !== "INPUT") input = input.nextElementSibling;
        if (!input || !input.id || document.querySelector('label[for="' + input.id + '"]')) return;
        var label = document.createElement("label");
        label.htmlFor = input.id;
        label.textContent = node.textContent.trim();
        node.replaceWith(" ", label, " ");
      });
    });
  }

  function giveIconsARole(root) {
    root.querySelectorAll("span[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function mend(root) {
    labelSplitDateTimes(root);
    giveIconsARole(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    mend(document);
    new MutationObserver(function () { giveIconsARole(document); }).observe(document.body, {
      childList: true,
      subtree: true,
    });
  });
})();
