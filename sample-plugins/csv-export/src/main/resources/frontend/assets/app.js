// Kitsu opens this page in an iframe with ?production_id=...&dark_theme=...&locale=...
(function () {
  var params = new URLSearchParams(window.location.search);
  var production = params.get("production_id");
  if (params.get("dark_theme") === "true") {
    document.body.classList.add("dark");
  }
  if (production) {
    document.getElementById("production").textContent = "Production: " + production;
  }
})();
