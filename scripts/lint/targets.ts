/** The documents every linter checks: each hand-written source and the bundle made from it. */
export interface LintTarget {
  name: 'source' | 'bundle' | 'sandbox-control source' | 'sandbox-control bundle';
  file: string;
  /** The bundle drops the rules that judge the split itself (see spec/rules/bundle.spectral.yaml). */
  spectralRuleset: string;
}

export const lintTargets: readonly LintTarget[] = [
  { name: 'source', file: 'spec/openapi.yaml', spectralRuleset: 'spec/.spectral.yaml' },
  { name: 'bundle', file: 'generated/openapi.yaml', spectralRuleset: 'spec/rules/bundle.spectral.yaml' },
  // The sandbox's own control API: one self-contained file, so one ruleset judges source and bundle.
  { name: 'sandbox-control source', file: 'spec-sandbox/openapi.yaml', spectralRuleset: 'spec-sandbox/.spectral.yaml' },
  { name: 'sandbox-control bundle', file: 'generated/sandbox-control/openapi.yaml', spectralRuleset: 'spec-sandbox/.spectral.yaml' },
];
