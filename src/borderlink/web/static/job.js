// Watch a job: poll GET /api/jobs/{id} (with the session cookie) until it ends.
(function () {
  "use strict";
  var box = document.getElementById("job");
  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(box.dataset.job), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        if (j.error) { document.getElementById("job-state").textContent = j.error.message; return; }
        var state = document.getElementById("job-state");
        state.textContent = JSON.parse(box.dataset.states)[j.state] || j.state;
        state.dataset.state = j.state;
        document.getElementById("job-progress").textContent = j.progress.join("\n");
        document.getElementById("job-result").textContent =
          j.error || (Object.keys(j.result).length ? JSON.stringify(j.result) : "");
        if (j.state === "queued" || j.state === "running") { setTimeout(poll, 1000); }
      });
  }
  poll();
})();
