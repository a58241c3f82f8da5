import type { VoucherWebhookEvent, VoucherWebhookEventType } from './events.js';

type ExampleEvents = { readonly [T in VoucherWebhookEventType]: Extract<VoucherWebhookEvent, { event_type: T }> };

const organizationId = '7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b';
const voucherProgramId = '5f0c2a51-8e3b-4d7a-b1c9-2e4f6a8b0c1d';
const resourceHref = `https://api.uber.com/v1/organizations/${organizationId}/voucher-programs/${voucherProgramId}`;

/**
 * One event of each documented type: the spec's own examples, copied so the package needs no
 * spec at run time (a test keeps them equal). Frozen, as they are shared.
 */
export const exampleEvents: ExampleEvents = deepFreeze({
  voucher_program_activated: {
    event_id: '2f1e0d9c-8b7a-4f6e-9d5c-4b3a2f1e0d9c',
    event_time: 1798761600,
    event_type: 'voucher_program_activated',
    resource_href: resourceHref,
    meta: { org_uuid: organizationId, resource_id: voucherProgramId, status: 'ACTIVE' },
  },
  voucher_program_completed: {
    event_id: '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d',
    event_time: 1798761600,
    event_type: 'voucher_program_completed',
    resource_href: resourceHref,
    meta: { org_uuid: organizationId, resource_id: voucherProgramId, status: 'COMPLETE' },
  },
  voucher_program_code_distributed: {
    event_id: '4b3c2d1e-0f9a-4b8c-9d7e-6f5a4b3c2d1e',
    event_time: 1798761600,
    event_type: 'voucher_program_code_distributed',
    resource_href: resourceHref,
    meta: { org_uuid: organizationId, resource_id: voucherProgramId, status: 'PARTIAL_SUCCESS' },
  },
  voucher_program_code_redeemed: {
    event_id: '5c4d3e2f-1a0b-4c9d-8e7f-6a5b4c3d2e1f',
    event_time: 1798761600,
    event_type: 'voucher_program_code_redeemed',
    resource_href: resourceHref,
    meta: {
      user_id: '6c5b4a3f-2e1d-4c0b-9a8f-7e6d5c4b3a2f',
      org_uuid: organizationId,
      resource_id: voucherProgramId,
      status: 'REDEEMED',
    },
  },
});

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
