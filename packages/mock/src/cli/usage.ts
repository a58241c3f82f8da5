export const usage = `Usage: voucher-programs-mock [mock] [options]
       voucher-programs-mock proxy <upstream-url> [options]
       voucher-programs-mock send-event <endpoint-url> --event <event_type|file.json> [options]
       voucher-programs-mock sandbox [options]

mock (default)  Serve the Voucher Programs API from its spec, with every answer in the spec.
  --spec <file>          OpenAPI file to serve (default: the bundled Voucher Programs spec)
  --port <n>             Port to listen on; 0 takes any free port (default 4010)
  --host <address>       Address to listen on (default 127.0.0.1)
  --dynamic              Generate answers from the schemas instead of the spec's examples
  --seed <value>         Seed for --dynamic, for the same answers on every run
  --log-level <level>    silent, fatal, error, warn, info, debug or trace (default info)
  --log-format <format>  pretty (one line per request, default) or json (JSON lines)
  --max-body-bytes <n>   Largest accepted request body (default 10485760)

proxy           Forward to <upstream-url> (your server or fake) and report every request or
                answer that breaks the spec. Takes --spec, --port, --host, --log-level,
                --log-format, and:
  --errors               Answer 500 instead of passing on an answer that breaks the spec
  --upstream-timeout <ms>  Answer 504 when the upstream has not answered by then (default 30000);
                         an upstream that cannot be reached gets 502

send-event      Sign an example webhook event and POST it to <endpoint-url>, as Uber does.
  --event <type|file>    voucher_program_activated, voucher_program_completed,
                         voucher_program_code_distributed, voucher_program_code_redeemed,
                         or a JSON file holding an event
  --signing-key-env <name>  Environment variable holding the signing key
                         (default UBER_WEBHOOK_SIGNING_KEY; never pass the key itself)
  --environment <env>    sandbox (default) or production, sent as X-Environment
  --keep-event-id        Send the event's own event_id (default: a fresh one per send, as
                         Uber's events have), to test that your receiver drops duplicates
  --dry-run              Print the body and its X-Uber-Signature instead of sending

sandbox         Serve a stateful Voucher Programs API that follows the API's rules, on a clock
                you control (control API under /__sandbox/). Takes --port, --host, --log-level,
                --log-format, --max-body-bytes, and:
  --seed <value>         The same ids and outcomes on every run
  --clock <real|manual>  real follows wall time (default); manual moves only when told
  --state <file>         Load state from the file at start; write it (atomically) on exit
  --webhook-url <url>    Deliver the events the state causes to this URL (repeatable)
  --signing-key-env <name>  Environment variable holding the webhook signing key
                         (default UBER_WEBHOOK_SIGNING_KEY; never pass the key itself)
  --webhook-deliver-twice  Deliver every event twice, to test de-duplication
  --webhook-shuffle      Deliver the events due together in a seeded random order

  -h, --help             Show this help
  --version              Print the version
`;

/** A mistake in the command line: exit code 2, with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
