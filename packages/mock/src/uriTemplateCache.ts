import { createRequire } from 'node:module';

interface UriTemplateModule {
  URI: { Template: new (template: string) => { match(uri: string): Record<string, string> | null } };
}

let installed = false;

/**
 * Prism's input check compiles the operation's path template (a RegExp and a `new Function`) on
 * every request to read the path parameters. A compiled template is stateless (`match` runs a
 * non-global RegExp), so one per template string serves every request. Swapped in on the module
 * Prism loads, once per process; the templates are the spec's few paths.
 */
export function cacheUriTemplates(): void {
  if (installed) return;
  installed = true;
  const validatorPath = createRequire(import.meta.url).resolve('@stoplight/prism-http/dist/validator/index.js');
  const { URI } = createRequire(validatorPath)('uri-template-lite') as UriTemplateModule;
  const Compile = URI.Template;
  const compiled = new Map<string, InstanceType<typeof Compile>>();
  function Template(template: string) {
    let found = compiled.get(template);
    if (!found) compiled.set(template, (found = new Compile(template)));
    return found; // `new Template(…)` yields this object
  }
  Template.prototype = Compile.prototype;
  URI.Template = Template as unknown as typeof Compile;
}
