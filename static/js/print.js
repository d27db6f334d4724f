// The print view's Print button (hidden until this script runs; Ctrl+P works without it).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
