// The story form's city list (campaign/pages/city_chooser.py): a search that ignores case and accents ("sao" finds
// "São Paulo"), a summary of the ticked cities (a search hides the others), and "Add a city", whose form opens in a
// modal and returns the new city ticked in the list. Without this script the list is plain checkboxes.
(() => {
  // As campaign.text.plain.fold: accents and case aside, so that typing needs neither.
  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

  const optionOf = (input) => input.closest("label").parentElement;
  const labelOf = (input) => input.closest("label").textContent.trim();

  const setUp = (chooser) => {
    const list = chooser.querySelector(":scope > div[id]");
    const search = chooser.querySelector("[data-city-chooser-search]");
    const summary = chooser.querySelector("[data-city-chooser-summary]");
    const nothing = chooser.querySelector("[data-city-chooser-nothing]");
    const add = chooser.querySelector("[data-city-chooser-add]");
    const inputs = () => Array.from(list.querySelectorAll("input[type=checkbox]"));

    const summarise = () => {
      const selected = inputs().filter((input) => input.checked).map(labelOf);
      summary.textContent = selected.length
        ? `${chooser.dataset.selectedLabel} ${selected.join(", ")}`
        : chooser.dataset.noneSelected;
    };

    const filter = () => {
      const query = fold(search.value.trim());
      let shown = 0;
      inputs().forEach((input) => {
        const matches = fold(labelOf(input)).includes(query);
        optionOf(input).hidden = !matches;
        shown += matches ? 1 : 0;
      });
      nothing.hidden = shown > 0;
    };

    // The new city as Django renders an option, in alphabetical order, ticked, and shown by the search.
    const insert = (city) => {
      const input = document.createElement("input");
      Object.assign(input, { type: "checkbox", name: chooser.dataset.name, value: city.id, checked: true });
      input.id = `${list.id}_added_${city.id}`;
      const label = document.createElement("label");
      label.htmlFor = input.id;
      label.append(input, ` ${city.label}`);
      const option = document.createElement("div");
      option.append(label);
      const next = inputs().find((other) => fold(labelOf(other)) > fold(city.label));
      list.insertBefore(option, next ? optionOf(next) : null);
      input.dispatchEvent(new Event("change", { bubbles: true }));
      search.value = city.label;
      filter();
    };

    const openAddition = () => {
      window.ModalWorkflow({
        url: chooser.dataset.addUrl,
        urlParams: { name: search.value.trim() },
        onload: {
          city_form: (modal) => {
            const form = modal.body.find("[data-city-chooser-form]");
            modal.ajaxifyForm(form);
            form.find("input:visible, select:visible").first().trigger("focus");
          },
          city_added: (modal, response) => {
            modal.respond("cityAdded", response.result);
            modal.close();
          },
        },
        responses: { cityAdded: insert },
      });
    };

    search.addEventListener("input", filter);
    // Enter in the search box would submit the whole story.
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
    list.addEventListener("change", summarise);
    add.addEventListener("click", openAddition);
    chooser.querySelector("[data-city-chooser-tools]").hidden = false;
    summarise();
  };

  const start = () => document.querySelectorAll("[data-city-chooser]").forEach(setUp);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
