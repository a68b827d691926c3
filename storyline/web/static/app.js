// storyline web app: small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // filters apply as soon as a list choice changes
  for (const select of document.querySelectorAll("form.filters select")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  // a cited span reached by link is brought to the middle of the screen
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.tagName === "MARK") {
    target.scrollIntoView({ block: "center" });
  }
});
