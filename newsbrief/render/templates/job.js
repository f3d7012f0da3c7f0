// newsbrief job page: poll the brief's status and show the report once it is ready.
(function () {
  "use strict";
  var root = document.getElementById("job");
  if (!root) { return; }
  var url = root.getAttribute("data-status");
  var stage = document.getElementById("job-stage");
  var bar = document.getElementById("job-progress");
  var error = document.getElementById("job-error");

  function show(job) {
    stage.textContent = job.stage + (job.total ? " " + job.done + " of " + job.total : "");
    if (job.total) {
      bar.max = job.total;
      bar.value = job.done;
    } else {
      bar.removeAttribute("value");
    }
  }

  function poll() {
    fetch(url, {headers: {"Accept": "application/json"}, cache: "no-store"})
      .then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.json();
      })
      .then(function (job) {
        show(job);
        if (job.state === "done") {
          location.reload();
        } else if (job.state === "failed") {
          error.textContent = job.error || "The brief failed.";
          error.hidden = false;
          bar.hidden = true;
        } else {
          setTimeout(poll, 500);
        }
      })
      .catch(function (problem) {
        error.textContent = "Cannot reach the server (" + problem.message + "); retrying.";
        error.hidden = false;
        setTimeout(poll, 2000);
      });
  }
  poll();
})();
