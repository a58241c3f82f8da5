/**
 * A root entry must be nothing but `$ref`s into the split files, so that the root stays a table of
 * contents and every operation lives in exactly one file.
 *   kind "operations": a path item whose every key is an HTTP method holding only a `$ref`;
 *   kind "pathItem": a path item (webhook) that is only a `$ref`, to a file named after its key.
 */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function onlyRef(value) {
  return value !== null && typeof value === 'object' && Object.keys(value).length === 1 && typeof value.$ref === 'string';
}

export default function refsOnly(input, options, context) {
  const pattern = new RegExp(options.pattern);
  const key = String(context.path[context.path.length - 1]);
  const results = [];
  if (options.kind === 'pathItem') {
    if (!onlyRef(input)) {
      return [{ message: `"${key}" must be only a $ref into webhooks/${key}.yaml, nothing inline.` }];
    }
    if (!pattern.test(input.$ref) || !input.$ref.endsWith(`/${key}.yaml`)) {
      results.push({ message: `"${key}" must refer to ./webhooks/${key}.yaml, not ${input.$ref}.`, path: [...context.path, '$ref'] });
    }
    return results;
  }
  if (input === null || typeof input !== 'object' || onlyRef(input)) {
    return [{ message: `Path "${key}" must list its methods, each a $ref to its operation file.` }];
  }
  for (const [name, value] of Object.entries(input)) {
    if (!METHODS.has(name)) {
      results.push({ message: `Move "${name}" of "${key}" into the operation files; the root holds only method $refs.`, path: [...context.path, name] });
    } else if (!onlyRef(value)) {
      results.push({ message: `"${name} ${key}" must be only a $ref to paths/<tag>/<operationId>.yaml, not inline.`, path: [...context.path, name] });
    } else if (!pattern.test(value.$ref)) {
      results.push({ message: `"${name} ${key}" refers to ${value.$ref}; operations live in paths/<tag>/<operationId>.yaml.`, path: [...context.path, name, '$ref'] });
    }
  }
  return results;
}
