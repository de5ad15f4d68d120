// The syndicate page: the network coloured by role (Cytoscape.js, served from this
// server) and the disruption simulator (POST /api/syndicates/{id}/disrupt).
(function () {
  "use strict";
  var COLOURS = {
    organiser: "#e63946", recruiter: "#f4a261", transporter: "#2a9d8f", receiver: "#457b9d",
    harbourer: "#8d6cab", document_vendor: "#e9c46a", financier: "#264653"
  };
  var box = document.getElementById("network");
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var sid = box.dataset.syndicate;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var chosen = new Set();
  var elements = data.members.map(function (m) {
    return { data: { id: m.id, label: m.label, role: m.role || "", key: m.key ? 1 : 0,
                     colour: COLOURS[m.role] || "#999" } };
  }).concat(data.ties.map(function (t, i) {
    return { data: { id: "t" + i, source: t.a, target: t.b, w: t.w } };
  }));
  var cy = cytoscape({
    container: box, elements: elements, layout: { name: "cose", animate: false },
    style: [
      { selector: "node", style: { "background-color": "data(colour)", label: "data(label)",
        "font-size": 10, width: "mapData(key, 0, 1, 18, 30)", height: "mapData(key, 0, 1, 18, 30)" } },
      { selector: "node[key = 1]", style: { "border-width": 3, "border-color": "#000" } },
      { selector: "node.removed", style: { opacity: 0.25, "border-width": 3, "border-color": "#e63946" } },
      { selector: "edge", style: { width: "mapData(w, 0, 10, 1, 6)", "line-color": "#bbb" } }
    ]
  });
  window.borderlinkNetwork = cy;
  box.dataset.nodes = String(cy.nodes().length);
  var legend = document.getElementById("legend");
  Object.keys(COLOURS).forEach(function (role) {
    var s = document.createElement("span");
    var dot = document.createElement("i");
    dot.style.background = COLOURS[role];
    s.appendChild(dot);
    s.appendChild(document.createTextNode(role));
    legend.appendChild(s);
  });
  function showChosen() {
    document.getElementById("chosen").textContent = Array.from(chosen).map(function (id) {
      return cy.getElementById(id).data("label");
    }).join(", ");
  }
  cy.on("tap", "node", function (ev) {
    var id = ev.target.id();
    if (chosen.has(id)) { chosen.delete(id); ev.target.removeClass("removed"); }
    else { chosen.add(id); ev.target.addClass("removed"); }
    showChosen();
  });
  function show(result) {
    var table = document.getElementById("disruption-result");
    table.hidden = false;
    table.querySelectorAll("[data-k]").forEach(function (cell) {
      var path = cell.dataset.k.split("."), v = result;
      path.forEach(function (p) { v = v[p]; });
      cell.textContent = Array.isArray(v) ? (v.join(", ") || "—") : String(v);
    });
    cy.nodes().removeClass("removed");
    result.removed.forEach(function (id) { cy.getElementById(id).addClass("removed"); });
    chosen = new Set(result.removed);
    showChosen();
  }
  function run(body) {
    fetch("/api/syndicates/" + encodeURIComponent(sid) + "/disrupt", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json(); }).then(function (j) {
      if (j.error) { document.getElementById("chosen").textContent = j.error.message; }
      else { show(j); }
    });
  }
  document.getElementById("simulate").addEventListener("click", function () {
    run({ remove: Array.from(chosen) });
  });
  document.getElementById("top-two").addEventListener("click", function () { run({ top: 2 }); });
})();
