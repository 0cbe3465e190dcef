// The reader's few behaviours; the page reads fine without them.
(function () {
  "use strict";
  var status = document.getElementById("claim-status");

  function claimsNamed(id) {
    return document.querySelectorAll('[data-claim="' + CSS.escape(id) + '"]');
  }

  function select(link) {
    document.querySelectorAll(".claim.selected, .claim.counterpart").forEach(function (el) {
      el.classList.remove("selected", "counterpart");
    });
    link.classList.add("selected");
    var id = link.dataset.claim;
    var detail = document.getElementById("claim-" + id);
    if (detail) { detail.open = true; }
    var others = (link.dataset.contradicts || "").split(" ").filter(Boolean);
    var first = null;
    others.forEach(function (other) {
      claimsNamed(other).forEach(function (el) {
        el.classList.add("counterpart");
        first = first || el;
      });
      var otherDetail = document.getElementById("claim-" + other);
      if (otherDetail) { otherDetail.open = true; }
    });
    if (status) {
      status.textContent = others.length
        ? "Contradicted by " + others.join(", ")
        : "Claim " + id + " selected";
    }
    if (first) { first.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
  }

  document.querySelectorAll("a.claim[data-claim]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      select(link);
    });
  });

  document.querySelectorAll("button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = location.origin + location.pathname + "#" + button.dataset.copy;
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(function () { button.textContent = "Copied"; },
          function () { button.textContent = url; });
      } else {
        button.textContent = url;
      }
    });
  });

  var form = document.querySelector(".filters form");
  if (form) {
    form.querySelectorAll("input, select").forEach(function (control) {
      control.addEventListener("change", function () { form.submit(); });
    });
  }
})();
