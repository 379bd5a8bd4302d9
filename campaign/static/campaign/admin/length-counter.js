// Shows "used / limit" under every long text field that has a length limit, updated as the editor types: a
// field with a maxlength otherwise stops taking characters without a word (the story summary stops at 400).
(() => {
  const LONG = 100; // shorter limits (a year, a code) need no counter
  const attach = (field) => {
    const limit = Number(field.getAttribute("maxlength"));
    if (field.dataset.lengthCounter || !(limit >= LONG)) return;
    field.dataset.lengthCounter = "on";
    const counter = document.createElement("p");
    counter.className = "help-block campaign-length-counter";
    counter.setAttribute("aria-live", "polite");
    const update = () => {
      counter.textContent = `${field.value.length} / ${limit}`;
    };
    field.addEventListener("input", update);
    update();
    field.insertAdjacentElement("afterend", counter);
  };
  const scan = () => document.querySelectorAll("textarea[maxlength], input[maxlength]").forEach(attach);
  document.addEventListener("DOMContentLoaded", () => {
    scan();
    // Fields added later (a new block, an inline form) get their counter too.
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  });
})();
