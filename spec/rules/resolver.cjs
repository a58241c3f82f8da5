// $ref resolver for `spectral lint --resolver spec/rules/resolver.cjs` (scripts/lint passes it).
// Spectral parses every referenced file as YAML, but our long descriptions are `$ref`s to Markdown
// (Redocly inlines them as strings when bundling); Markdown is rarely valid YAML. This reads .md
// files as text and hands them over JSON-encoded (a JSON string is YAML), so they resolve to the
// string the bundler makes. Local files only: linting never touches the network.
const { createRequire } = require('node:module');
const { readFile } = require('node:fs/promises');

// Spectral's own resolver packages, reached through the CLI that depends on them.
const fromCli = createRequire(require.resolve('@stoplight/spectral-cli/package.json'));
const { Resolver } = fromCli('@stoplight/spectral-ref-resolver');

module.exports = new Resolver({
  resolvers: {
    file: {
      async resolve(uri) {
        const path = decodeURIComponent(uri.path());
        const text = await readFile(path, 'utf8');
        return path.endsWith('.md') ? JSON.stringify(text) : text;
      },
    },
  },
});
