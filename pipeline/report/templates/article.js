// Layer toggles, and the details of a clicked span (with an event's arguments lit up).
(() => {
  const text = document.getElementById("text");
  const aside = document.querySelector("aside");
  const marks = (id) => document.querySelectorAll(`mark[data-id="${id}"]`);
  for (const box of document.querySelectorAll("input[data-layer]")) {
    box.addEventListener("change", () => text.classList.toggle(`hide-${box.dataset.layer}`, !box.checked));
  }
  function show(ids) {
    for (const el of document.querySelectorAll(".sel, .on")) el.classList.remove("sel", "on");
    for (const section of aside.querySelectorAll("section")) section.hidden = true;
    for (const id of ids) {
      for (const mark of marks(id)) mark.classList.add("sel");
      const details = document.getElementById(`d-${id}`);
      if (details) details.hidden = false;
      const row = document.getElementById(`row-${id}`);
      if (row) row.classList.add("sel");
      const first = marks(id)[0];
      const args = first && first.dataset.args ? first.dataset.args.split(" ") : [];
      for (const arg of args) for (const mark of marks(arg)) mark.classList.add("on");
    }
    aside.querySelector(".hint").hidden = ids.length > 0;
  }
  text.addEventListener("click", (event) => {
    const ids = [];
    for (let mark = event.target.closest("mark"); mark; mark = mark.parentElement.closest("mark")) {
      const layer = mark.dataset.layer;
      if (layer !== "args" && !text.classList.contains(`hide-${layer}`) && !ids.includes(mark.dataset.id)) {
        ids.unshift(mark.dataset.id); // outermost first
      }
    }
    show(ids);
  });
  for (const row of document.querySelectorAll("#events tbody tr")) {
    row.addEventListener("click", () => {
      show([row.dataset.id]);
      const first = marks(row.dataset.id)[0];
      if (first) first.scrollIntoView({ block: "center" });
    });
  }
  const target = decodeURIComponent(location.hash.slice(1));
  if (/^[a-z]+-\d+$/.test(target) && marks(target).length) show([target]);
})();
