// Draw every chart on the page: <div data-chart="ID"> with its figure in
// <script type="application/json" id="ID">. Plotly (basic distribution) is a static file.
// Dates and numbers follow the page's language: a Dutch locale is registered here (the
// figure's layout carries the decimal and thousands marks); the mode bar is hidden.
(function () {
  var DUTCH = {
    moduleType: "locale",
    name: "nl",
    dictionary: {},
    format: {
      days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
      shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
      months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december"],
      shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt",
        "nov", "dec"],
      date: "%d-%m-%Y",
      decimal: ",",
      thousands: "."
    }
  };

  function draw() {
    if (!window.Plotly) { return; }
    var lang = (document.documentElement.lang || "nl").slice(0, 2);
    if (lang === "nl") { window.Plotly.register(DUTCH); }
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      window.Plotly.newPlot(element, figure.data, figure.layout, {
        responsive: true,
        displayModeBar: false,
        displaylogo: false,
        locale: lang === "nl" ? "nl" : "en"
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
