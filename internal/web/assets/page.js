// Progressive enhancement of the drafting form: a goal's parameters show
// when it is chosen, and the preview follows the form as one types. The
// page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("formulier");
  if (!form) {
    var q = document.getElementById("q");
    if (q) {
      q.addEventListener("input", function () {
        var v = q.value.toLowerCase(), n = 0;
        document.querySelectorAll("tr[data-search]").forEach(function (tr) {
          var show = tr.getAttribute("data-search").toLowerCase().indexOf(v) >= 0;
          tr.hidden = !show; if (show) n++;
        });
        document.getElementById("aantal").textContent = n + " resultaten.";
      });
    }
    return;
  }
  var summary = document.getElementById("foutoverzicht");
  if (summary) summary.focus();
  function goals() {
    form.querySelectorAll(".goal").forEach(function (g) {
      var box = g.querySelector("input[type=checkbox]");
      g.classList.toggle("chosen", box.checked);
    });
  }
  goals();
  var out = document.getElementById("voorbeeld"), timer = null, seq = 0;
  function refresh() {
    var n = ++seq, body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute("data-preview"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) { if (n === seq) out.innerHTML = html; })
      .catch(function () {});
  }
  function later() { clearTimeout(timer); timer = setTimeout(refresh, 250); }
  form.addEventListener("input", later);
  form.addEventListener("change", function () { goals(); later(); });
  refresh();
})();
