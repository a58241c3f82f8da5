import newman from 'newman';
import type { PostmanCollection } from './postmanCollection.ts';

/** One request newman sent: what came back and which `pm.test` assertions failed. */
export interface RequestOutcome {
  name: string;
  status: number | undefined;
  passed: string[];
  failed: string[];
  /** A request that never got an answer (refused connection, timeout). */
  requestError?: string;
}

/** Runs a collection with newman's library API, no reporters, and answers one outcome per request sent. */
export async function runCollection(collection: PostmanCollection, variables: Record<string, string>): Promise<RequestOutcome[]> {
  const summary = await new Promise<newman.NewmanRunSummary>((resolve, reject) => {
    newman.run(
      {
        // newman reads the v2.1 JSON; its typings name the postman-collection SDK's class instead.
        collection: collection as unknown as newman.NewmanRunOptions['collection'],
        envVar: Object.entries(variables).map(([key, value]) => ({ key, value })),
        reporters: [],
        timeoutRequest: 10_000,
        timeout: 120_000,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  return summary.run.executions.map((execution) => {
    const assertions = (execution as { assertions?: { assertion: string; error?: { message: string } }[] }).assertions ?? [];
    const requestError = (execution as { requestError?: { message?: string } }).requestError?.message;
    return {
      name: execution.item.name,
      status: (execution as { response?: { code?: number } }).response?.code,
      passed: assertions.filter((a) => !a.error).map((a) => a.assertion),
      failed: assertions.filter((a) => a.error).map((a) => `${a.assertion}: ${a.error!.message}`),
      ...(requestError ? { requestError } : {}),
    };
  });
}

/** One line per request that failed, with the failed assertions, for the test's message. */
export function failureReport(outcomes: RequestOutcome[]): string[] {
  return outcomes
    .filter((outcome) => outcome.failed.length > 0 || outcome.requestError)
    .map((outcome) => `${outcome.name} → ${outcome.status ?? 'no answer'}: ${outcome.requestError ?? outcome.failed.join('; ')}`);
}
