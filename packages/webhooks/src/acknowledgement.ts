/**
 * What a webhook endpoint's answer means to Uber. Uber asks a receiver to acknowledge with an
 * empty 200 and retries what is not acknowledged; a 2xx is read as success, and a body as a sign
 * the endpoint is not the receiver it should be (a framework's default page, a JSON echo), so
 * only an empty 2xx counts.
 */
export interface WebhookAcknowledgement {
  status: number;
  acknowledged: boolean;
  /** Why the answer does not acknowledge; absent when it does. */
  reason?: string;
}

/**
 * Reads the endpoint's answer to a sent event (its body too, under the request's signal) and says
 * whether it acknowledges the event. The one rule shared by `send-event` and the sandbox's outbox.
 */
export async function readAcknowledgement(response: Response): Promise<WebhookAcknowledgement> {
  const { status } = response;
  const body = await response.arrayBuffer();
  if (status < 200 || status > 299) return { status, acknowledged: false, reason: `answered ${status}` };
  if (body.byteLength === 0) return { status, acknowledged: true };
  return { status, acknowledged: false, reason: `answered ${status} with a ${body.byteLength}-byte body; only an empty 2xx acknowledges (Uber asks for 200 with no body)` };
}
