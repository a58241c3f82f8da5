import { WebhookError } from '../src/index.js';

/** Runs what should refuse a delivery and returns the WebhookError it threw; anything else fails the test. */
export function refusal(run: () => unknown): WebhookError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookError) return error;
    throw error;
  }
  throw new Error('expected a WebhookError, but the delivery was accepted');
}
