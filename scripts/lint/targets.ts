/** The two documents every linter checks: the hand-written split source and the bundle made from it. */
export interface LintTarget {
  name: 'source' | 'bundle';
  file: string;
  /** The bundle drops the rules that judge the split itself (see spec/rules/bundle.spectral.yaml). */
  spectralRuleset: string;
}

export const lintTargets: readonly LintTarget[] = [
  { name: 'source', file: 'spec/openapi.yaml', spectralRuleset: 'spec/.spectral.yaml' },
  { name: 'bundle', file: 'generated/openapi.yaml', spectralRuleset: 'spec/rules/bundle.spectral.yaml' },
];
