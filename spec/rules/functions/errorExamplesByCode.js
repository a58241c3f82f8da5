/**
 * An error response carries one named example per error code it can answer with; the key is the
 * code itself (so a mock user can ask for `Prefer: example=<code>`), and the code is one the
 * response's schema documents. Where Spectral left `code` an unresolved `$ref` (a known gap of its
 * multi-file resolver in the split source) only the key-equals-code half is checked; the bundle
 * gets both.
 */
export default function errorExamplesByCode(response) {
  if (response === null || typeof response !== 'object') return [];
  const media = response.content?.['application/json'];
  if (!media) return [{ message: 'Error responses answer application/json with the shared Error schema.' }];
  const codeSchema = media.schema?.properties?.code;
  const unresolved = typeof codeSchema?.$ref === 'string';
  const documented = unresolved ? undefined : codeSchema?.enum;
  if (!unresolved && !Array.isArray(documented)) {
    return [{ message: 'The error schema must list its codes (`code.enum`), so examples can be checked against them.', path: ['content', 'application/json', 'schema'] }];
  }
  const examples = media.examples;
  if (!examples || typeof examples !== 'object' || Object.keys(examples).length === 0) {
    return [{ message: 'Give the error response one named example per error code it can carry.', path: ['content', 'application/json'] }];
  }
  const results = [];
  for (const [key, example] of Object.entries(examples)) {
    if (typeof example?.$ref === 'string') continue; // unresolved in the split source; checked in the bundle
    const code = example?.value?.code;
    const path = ['content', 'application/json', 'examples', key];
    if (documented && !documented.includes(key)) {
      results.push({ message: `Example key "${key}" is not a documented error code (${documented.join(', ')}).`, path });
    } else if (code !== key) {
      results.push({ message: `Example "${key}" must carry code "${key}" in its value, not ${JSON.stringify(code)}.`, path });
    }
  }
  return results;
}
