{% raw %}
// stance report: colours by the chosen target, a detail box per statement, summary-cell links.
// Every value from the data goes into the page through textContent, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("stance-data").textContent);
  var select = document.getElementById("target-select");
  var tip = document.getElementById("tip");
  var pinned = null;

  function applyTarget(target) {
    document.body.classList.toggle("by-target", Boolean(target));
    document.body.classList.toggle("by-kind", !target);
    document.querySelectorAll("mark.stmt").forEach(function (mark) {
      var records = data.statements[mark.dataset.sid].records;
      if (!target) {
        delete mark.dataset.stance;
      } else {
        mark.dataset.stance = records[target] ? records[target].stance : "none";
      }
    });
    document.querySelectorAll("u.mention").forEach(function (u) {
      u.classList.toggle("current", Boolean(target) && u.dataset.target === target);
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function bars(parent, scores) {  // scores: [[label, probability], ...] in the model's order
    scores.forEach(function (pair) {
      var label = pair[0], value = pair[1];
      var row = el("div", "bar");
      row.appendChild(el("span", "name", label));
      var track = el("span", "track");
      var fill = el("span", "fill " + label);
      fill.style.display = "block";
      fill.style.width = Math.round(value * 100) + "%";
      track.appendChild(fill);
      row.appendChild(track);
      row.appendChild(el("span", "value", value.toFixed(2)));
      parent.appendChild(row);
    });
  }

  function fillTip(sid) {
    var s = data.statements[sid];
    tip.textContent = "";
    tip.appendChild(el("h3", null, s.speaker));
    var dl = el("dl");
    function fact(name, value) {
      if (value === null || value === undefined || value === "") { return; }
      dl.appendChild(el("dt", null, name));
      dl.appendChild(el("dd", null, value));
    }
    fact("speaker as written", s.speaker_mention);
    fact("cue", s.cue ? s.cue + (s.cue_type ? " (" + s.cue_type + ")" : "") : "(none)");
    fact("kind", s.kind);
    fact("confidence", s.confidence.toFixed(2));
    tip.appendChild(dl);
    var targets = Object.keys(s.records);
    if (!targets.length) {
      tip.appendChild(el("p", "no-targets", "No target is scored for this statement."));
    }
    var chosen = select.value;
    targets.sort(function (a, b) { return (b === chosen) - (a === chosen); });
    targets.forEach(function (target) {
      var r = s.records[target];
      var box = el("div", "target");
      box.appendChild(el("strong", null, target + ": " + r.stance));
      if (r.mention) { box.appendChild(el("span", "mention-text", " (mentioned as \u201c" + r.mention + "\u201d)")); }
      box.appendChild(el("div", "dist-title", "stance"));
      bars(box, r.stance_scores);
      box.appendChild(el("div", "dist-title", "sentiment: " + r.sentiment));
      bars(box, r.sentiment_scores);
      tip.appendChild(box);
    });
    tip.appendChild(el("div", "close-hint", pinned === sid ? "Click the statement again to close." : "Click to keep this box open."));
  }

  function showTip(mark) {
    fillTip(mark.dataset.sid);
    tip.hidden = false;
    var rect = mark.getBoundingClientRect();
    var top = window.scrollY + rect.bottom + 6;
    var left = Math.max(8, Math.min(window.scrollX + rect.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.top = top + "px";
    tip.style.left = left + "px";
  }

  function hideTip() {
    if (pinned === null) { tip.hidden = true; }
  }

  function markOf(node) {
    return node && node.closest ? node.closest("mark.stmt") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var mark = markOf(event.target);
    if (mark && pinned === null) { showTip(mark); }
  });
  document.addEventListener("mouseout", function (event) {
    var mark = markOf(event.target);
    if (mark && !mark.contains(event.relatedTarget)) { hideTip(); }
  });
  document.addEventListener("focusin", function (event) {
    var mark = markOf(event.target);
    if (mark && pinned === null) { showTip(mark); }
  });
  document.addEventListener("focusout", function (event) {
    if (markOf(event.target)) { hideTip(); }
  });
  document.addEventListener("click", function (event) {
    var mark = markOf(event.target);
    document.querySelectorAll("mark.stmt.pinned").forEach(function (m) { m.classList.remove("pinned"); });
    if (mark && pinned !== mark.dataset.sid) {
      pinned = mark.dataset.sid;
      document.querySelectorAll('mark.stmt[data-sid="' + pinned + '"]').forEach(function (m) { m.classList.add("pinned"); });
      showTip(mark);
    } else if (!tip.contains(event.target)) {
      pinned = null;
      tip.hidden = true;
    }
  });

  // a summary cell: choose its target, flash its statements, then follow the link to the first
  document.querySelectorAll("table.summary a[data-sids]").forEach(function (link) {
    link.addEventListener("click", function () {
      if (link.dataset.target && select.value !== link.dataset.target) {
        select.value = link.dataset.target;
        applyTarget(select.value);
      }
      document.querySelectorAll("mark.stmt.flash").forEach(function (m) { m.classList.remove("flash"); });
      link.dataset.sids.split(" ").forEach(function (sid) {
        document.querySelectorAll('mark.stmt[data-sid="' + sid + '"]').forEach(function (m) { m.classList.add("flash"); });
      });
    });
  });

  select.addEventListener("change", function () { applyTarget(select.value); });
  applyTarget(select.value);
})();
{% endraw %}
