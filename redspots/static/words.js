// Filling in the sentences Python sends (redspots.words.TEXT) with their values.

/** A sentence of the words with {name} filled in once (as Python's str.format does for these templates). */
export function fillIn(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
}

