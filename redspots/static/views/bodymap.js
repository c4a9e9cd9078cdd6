// The body map: where a condition usually appears, on light, medium or dark skin.

import { chosen, conditionSelect, fill, guide, h, uid, view } from "../dom.js";
import { fillIn } from "../words.js";

export function bodyMap(model, el) {
  const c = model.get("_content");
  const select = conditionSelect(c, (id) => {
    model.set("value", id);
    model.save_changes();
  });
  const name = `rs-skin-${uid()}`;
  const radios = c.tones.map((tone) => {
    const radio = h("input", { type: "radio", name, value: tone.id });
    radio.addEventListener("change", () => {
      if (radio.checked) {
        model.set("skin", tone.id);
        model.save_changes();
      }
    });
    return [tone.id, radio, h("label", { class: "redspots-radio" }, radio, ` ${tone.label}`)];
  });
  const picture = h("figure", { class: "redspots-figure" });
  const note = h("p", { class: "redspots-note" });
  fill(el, h("div", { class: "redspots-controls" }, h("label", { class: "redspots-field" }, "Condition ", select),
    h("fieldset", { class: "redspots-tones" }, h("legend", {}, "Skin tone"), radios.map((r) => r[2]))),
  picture, note);

  function show() {
    const id = chosen(c, c.pictures, model);
    const skin = model.get("skin");
    select.value = id || "";
    for (const [tone, radio] of radios) radio.checked = tone === skin;
    if (!id) {
      const label = (c.tones.find((t) => t.id === skin) || { label: skin }).label.toLowerCase();
      fill(picture, guide(fillIn(c.text.bodymap_prompt, { skin: label })));
      fill(note);
      return;
    }
    const figure = c.pictures[id][skin];
    // an SVG shown as an image never runs anything, whatever its text says
    fill(picture, h("img", { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(figure.svg)}`, alt: figure.alt }),
      h("figcaption", {}, figure.caption));
    fill(note, h("strong", {}, "On darker skin:"), ` ${c.darker_skin[id]}`);
  }

  return view(model, ["value", "skin"], show);
}

