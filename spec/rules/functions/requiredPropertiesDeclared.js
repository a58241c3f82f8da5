/**
 * Every name an object schema requires, in its own `required` or in the conditional subschemas
 * that state Uber's rules (`if`/`then`/`else`, `not`, `anyOf`/`oneOf`/`allOf`, `dependentRequired`),
 * is a property the schema declares. This is the check Redocly's
 * no-required-schema-properties-undefined makes, minus its blind spot for conditional subschemas.
 */
const CONDITIONAL = ['if', 'then', 'else', 'not'];
const COMBINED = ['allOf', 'anyOf', 'oneOf'];

function collectRequired(schema, path, found) {
  if (schema === null || typeof schema !== 'object') return;
  if (Array.isArray(schema.required)) {
    schema.required.forEach((name, i) => found.push({ name, path: [...path, 'required', i] }));
  }
  for (const key of CONDITIONAL) collectRequired(schema[key], [...path, key], found);
  for (const key of COMBINED) {
    if (Array.isArray(schema[key])) schema[key].forEach((sub, i) => collectRequired(sub, [...path, key, i], found));
  }
}

export default function requiredPropertiesDeclared(schema) {
  if (schema === null || typeof schema !== 'object' || typeof schema.properties !== 'object') return [];
  const declared = new Set(Object.keys(schema.properties));
  const found = [];
  collectRequired(schema, [], found);
  for (const [name, names] of Object.entries(schema.dependentRequired ?? {})) {
    found.push({ name, path: ['dependentRequired', name] });
    names.forEach((dependent, i) => found.push({ name: dependent, path: ['dependentRequired', name, i] }));
  }
  return found
    .filter(({ name }) => !declared.has(name))
    .map(({ name, path }) => ({ message: `"${name}" is required but not among this schema's properties.`, path }));
}
