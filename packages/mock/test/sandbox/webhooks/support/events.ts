import { exampleEvents, voucherWebhookEventTypes, type VoucherWebhookEvent } from '@voucher-programs/webhooks';

/** `count` distinct events cycling through the four documented types, with ids that say their order. */
export function distinctEvents(count: number, prefix = 'event'): VoucherWebhookEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const type = voucherWebhookEventTypes[index % voucherWebhookEventTypes.length]!;
    return { ...structuredClone(exampleEvents[type]), event_id: `${prefix}-${index + 1}` } as VoucherWebhookEvent;
  });
}
