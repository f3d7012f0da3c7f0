// newsbrief report. A citation chip opens its sentence's supporting passages side by side; a
// link into a source lights up the whole passage (it may be cut into several pieces by other
// highlights). Without script the chips are plain links to the passages.
(function () {
  "use strict";
  var lit = [];

  function light(id) {
    lit.forEach(function (el) { el.classList.remove("lit"); });
    lit = Array.prototype.slice.call(
      document.querySelectorAll('[data-spans~="' + CSS.escape(id) + '"]'));
    lit.forEach(function (el) { el.classList.add("lit"); });
  }

  function showPassages(sentence, source) {
    var panel = document.getElementById("passages-" + sentence);
    if (!panel) { return; }
    panel.open = true;
    var current = null;
    panel.querySelectorAll(".passage").forEach(function (card) {
      var on = card.getAttribute("data-source") === source;
      card.classList.toggle("current", on);
      if (on) { current = card; }
    });
    document.querySelectorAll("a.chip[data-sentence]").forEach(function (chip) {
      var on = chip.getAttribute("data-sentence") === sentence &&
        chip.getAttribute("data-source") === source;
      chip.setAttribute("aria-expanded", on ? "true" : "false");
    });
    (current || panel).scrollIntoView({block: "nearest"});
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }
    var chip = target.closest("a.chip[data-sentence]");
    if (chip) {
      event.preventDefault();
      showPassages(chip.getAttribute("data-sentence"), chip.getAttribute("data-source"));
      return;
    }
    var link = target.closest('a[href^="#a"]');
    if (link) { light(link.getAttribute("href").slice(1)); }
  });

  function lightFromHash() {
    if (/^#a\d+-\d+-\d+$/.test(location.hash)) { light(location.hash.slice(1)); }
  }
  window.addEventListener("hashchange", lightFromHash);
  lightFromHash();
})();
