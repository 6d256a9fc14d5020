// The staff console's one script (served from our origin; the pages work without it).
// Review desk keys, outside text fields (figure and account fields count as ours: they take digits only):
//   k or Space  play / pause the recording beside the field you are in (else the first one)
//   j / l       back / forward 3 seconds
//   , / .       slower / faster (0.75x to 2x)
//   n           the next recording
//   Enter       submits the form, as without the script
//   Alt+letter  the button with that access key (Alt+N no readings, Alt+B call back, Alt+X not our customer)
"use strict";
(function () {
  var speeds = [0.75, 1, 1.25, 1.5, 2];
  var current = null;

  function audios() { return Array.prototype.slice.call(document.querySelectorAll("audio")); }

  function ours(el) {
    // Text we must not eat keys from: the note, passwords, logins; digits-only fields are ours.
    if (!el || el === document.body) return true;
    if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") return false;
    if (el.tagName === "INPUT") return el.getAttribute("inputmode") === "numeric" || el.type === "radio" || el.type === "checkbox" || el.type === "submit";
    return !el.isContentEditable;
  }

  // The recording beside the field: in its row (or the account section); for a field with none of its own, the
  // recordings said about no meter in particular ("all readings at once"), else the one in use, else the first.
  function beside(el) {
    var group = el && el.closest ? el.closest("[data-group]") : null;
    var found = group ? group.querySelector("audio") : null;
    if (found) return found;
    var general = group && group.tagName === "TR" ? document.querySelector("#other-recordings audio") : null;
    return general || current || audios()[0] || null;
  }

  function show(audio) {
    var label = audio.parentNode.querySelector(".speed");
    if (label) label.textContent = audio.playbackRate + "x";
    audios().forEach(function (a) {
      var card = a.closest(".recording");
      if (card) card.classList.toggle("current", a === audio);
    });
  }

  function use(audio) {
    current = audio;
    show(audio);
    return audio;
  }

  document.addEventListener("play", function (e) {
    if (e.target.tagName !== "AUDIO") return;
    audios().forEach(function (a) { if (a !== e.target && !a.paused) a.pause(); });
    use(e.target);
  }, true);

  document.addEventListener("keydown", function (e) {
    // Alt+letter presses the button with that access key, in every browser (each has its own modifiers for them).
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.key && e.key.length === 1) {
      var button = document.querySelector("[accesskey='" + e.key.toLowerCase() + "']");
      if (button && !button.disabled) {
        e.preventDefault();
        button.click();
      }
      return;
    }

    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    var el = document.activeElement;
    if (!ours(el)) return;
    var typing = el && el.tagName === "INPUT";
    var key = e.key;
    if (key === " " && typing) return;
    var audio = beside(el);
    if (!audio) return;
    var handled = true;
    switch (key) {
      case "k": case "K": case " ":
        use(audio);
        if (audio.paused) { audio.play().catch(function () {}); } else { audio.pause(); }
        break;
      case "j": case "J":
        use(audio).currentTime = Math.max(0, audio.currentTime - 3);
        break;
      case "l": case "L":
        use(audio).currentTime = Math.min(isFinite(audio.duration) ? audio.duration : audio.currentTime + 3, audio.currentTime + 3);
        break;
      case ",": case "<":
        use(audio).playbackRate = speeds[Math.max(0, speeds.indexOf(audio.playbackRate) - 1)] || 1;
        show(audio);
        break;
      case ".": case ">":
        var at = speeds.indexOf(audio.playbackRate);
        use(audio).playbackRate = speeds[Math.min(speeds.length - 1, (at < 0 ? 1 : at) + 1)];
        show(audio);
        break;
      case "n": case "N":
        var all = audios();
        var next = all[(all.indexOf(current || audio) + 1) % all.length];
        all.forEach(function (a) { a.pause(); });
        use(next);
        break;
      default:
        handled = false;
    }

    if (handled) e.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", function () {
    var list = audios();
    if (list.length) {
      var start = beside(document.activeElement);
      use(start || list[0]);
    }

    document.documentElement.classList.add("js");
  });
})();
