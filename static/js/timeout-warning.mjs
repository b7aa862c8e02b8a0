// The GOV.UK timeout warning (templates/includes/timeout_warning.html): a modal dialog opens
// before the session ends. The server's clock decides: the page is told the time left, and
// asks again before warning and before signing out, since another tab may have kept the
// session alive. "Stay signed in" (or Escape) restarts the server's idle clock; when the time
// is up the dialog's sign-out form is sent.
export function initTimeoutWarning(dialog) {
  const warningMs = Number(dialog.dataset.warningSeconds) * 1000;
  const form = dialog.querySelector("form");
  const countdown = dialog.querySelector(".app-timeout-warning__countdown");
  const csrfToken = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let timers = [];
  let endsAt = 0;

  function clearTimers() {
    timers.forEach(clearTimeout);
    timers = [];
  }

  // The words are the page's, in its language (data-* of the dialog): "1 minute" and
  // "2 minutes" whole (Welsh says "2 funud"), other numbers put into a pattern's {count}.
  const words = dialog.dataset;
  const fill = (pattern, count) => pattern.replace("{count}", String(count));

  function minutes(count) {
    if (count === 1) return words.oneMinute || "1 minute";
    if (count === 2) return words.twoMinutes || "2 minutes";
    return fill(words.minutes || "{count} minutes", count);
  }

  function describe(ms) {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds > 60) return minutes(Math.ceil(seconds / 60));
    // Screen readers hear the countdown in steps of 15 seconds, not every second.
    const rounded = Math.max(15, Math.ceil(seconds / 15) * 15);
    return rounded === 60 ? minutes(1) : fill(words.seconds || "{count} seconds", rounded);
  }

  function show(text) {
    if (countdown.textContent !== text) countdown.textContent = text;
  }

  // The seconds the session has left by the server, or null when it has already ended (the
  // answer is then a redirect to sign in, not followed here).
  async function secondsLeft(method) {
    try {
      const response = await fetch(dialog.dataset.keepAliveUrl, {
        method,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-CSRFToken": csrfToken, Accept: "application/json" },
      });
      if (!response.ok) return null;
      return (await response.json()).seconds_left;
    } catch {
      return null;
    }
  }

  function signOut() {
    clearTimers();
    const next = document.createElement("input");
    next.type = "hidden";
    next.name = "next";
    next.value = dialog.dataset.timedOutUrl;
    form.append(next);
    form.submit();
  }

  function schedule(seconds) {
    clearTimers();
    endsAt = Date.now() + seconds * 1000;
    timers.push(setTimeout(recheck, Math.max(0, seconds * 1000 - warningMs)));
  }

  async function recheck() {
    const seconds = await secondsLeft("GET");
    if (seconds === null || seconds <= 1) {
      signOut();
      return;
    }
    if (seconds * 1000 > warningMs) {
      if (dialog.open) dialog.close();
      schedule(seconds);
      return;
    }
    endsAt = Date.now() + seconds * 1000;
    warn();
  }

  function tick() {
    const left = endsAt - Date.now();
    if (left <= 0) {
      recheck();
      return;
    }
    show(describe(left));
    timers.push(setTimeout(tick, 1000));
  }

  function warn() {
    clearTimers();
    show(describe(endsAt - Date.now()));
    if (!dialog.open) dialog.showModal();
    tick();
  }

  async function staySignedIn() {
    const seconds = await secondsLeft("POST");
    if (seconds === null) {
      signOut();
      return;
    }
    dialog.close();
    schedule(seconds);
  }

  dialog.querySelector(".app-timeout-warning__stay").addEventListener("click", staySignedIn);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    staySignedIn();
  });
  schedule(Number(dialog.dataset.secondsLeft));
}
