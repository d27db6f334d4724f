// Warns before an idle session ends (decisions/middleware/session_timeout.py) and offers to keep it.
// Its settings come from <body data-session-idle-seconds data-keepalive-url data-login-url>,
// never from an inline script: the Content-Security-Policy allows none.
(function () {
  "use strict";

  const body = document.body;
  const idleSeconds = Number(body.dataset.sessionIdleSeconds);
  const keepaliveUrl = body.dataset.keepaliveUrl;
  const loginUrl = body.dataset.loginUrl;
  const dialog = document.getElementById("session-timeout-modal");
  if (!idleSeconds || !keepaliveUrl || !loginUrl || !dialog || !window.bootstrap) {
    return;
  }

  // Two minutes' warning, or half the idle time when that is shorter.
  const warningSeconds = Math.min(120, Math.floor(idleSeconds / 2));
  const modal = window.bootstrap.Modal.getOrCreateInstance(dialog);
  const countdown = dialog.querySelector("[data-session-countdown]");
  let deadline = 0;
  let warnTimer = null;
  let endTimer = null;
  let tickTimer = null;

  function secondsLeft() {
    return Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  }

  function showCountdown() {
    const left = secondsLeft();
    countdown.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
  }

  function warn() {
    showCountdown();
    tickTimer = setInterval(showCountdown, 1000);
    modal.show();
  }

  function end() {
    // The server has ended the session by now; its login page says why and comes back here.
    const here = window.location.pathname + window.location.search;
    window.location.assign(loginUrl + "?next=" + encodeURIComponent(here));
  }

  // The server just saw a request from us, so the idle time starts again.
  function restart() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(tickTimer);
    deadline = Date.now() + idleSeconds * 1000;
    warnTimer = setTimeout(warn, (idleSeconds - warningSeconds) * 1000);
    // A second late, so that the server has certainly ended the session when we arrive.
    endTimer = setTimeout(end, (idleSeconds + 1) * 1000);
    modal.hide();
  }

  function csrfHeaders() {
    // The same header htmx sends: <body hx-headers='{"X-CSRFToken": "..."}'>.
    try {
      return JSON.parse(body.getAttribute("hx-headers") || "{}");
    } catch (error) {
      return {};
    }
  }

  function staySignedIn() {
    fetch(keepaliveUrl, { method: "POST", headers: csrfHeaders(), credentials: "same-origin" })
      .then(function (response) {
        // Anything but 204 (e.g. the login page after a redirect) means the session is gone.
        if (response.status === 204) {
          restart();
        } else {
          end();
        }
      })
      .catch(function () {
        // Offline for a moment: the warning stays up and the button can be pressed again.
      });
  }

  dialog.querySelector("[data-session-stay]").addEventListener("click", staySignedIn);
  // Every htmx request reached the server, which counted it as activity.
  body.addEventListener("htmx:afterRequest", restart);
  restart();
})();
