// The reason form of an endorsement decision: choosing a ready-made reason copies its text, already in the
// endorser's language, into the reason box, where the moderator can adapt it. Without this script the form still
// works: a chosen ready-made reason is sent as it is when the box is left empty.
(() => {
  document.addEventListener("change", (event) => {
    const choice = event.target;
    if (!choice.matches || !choice.matches("input[data-reason-text]")) return;
    const box = choice.form && choice.form.elements.namedItem("reason");
    if (box) box.value = choice.dataset.reasonText;
  });
})();
