// The options and handles partners type against. Nothing here may import Prism: its declarations
// import the untyped `pino`, and a partner compiling with `skipLibCheck: false` would fail on them.
import type { Listening } from './listen.js';
import type { TokenEndpoint, TokenEndpointOptions } from './oauth/index.js';

export type LogLevel = 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
export const logLevels: readonly LogLevel[] = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** `pretty`: one readable line per entry; `json`: one JSON object per line, for log collectors. */
export type LogFormat = 'pretty' | 'json';
export const logFormats: readonly LogFormat[] = ['pretty', 'json'];

export interface MockServerOptions {
  /** 0 (the default) takes any free port; read the chosen one from `port` or `url`. */
  port?: number;
  /** Loopback by default, so a CI runner does not expose the mock. */
  host?: string;
  /** OpenAPI file to serve; the bundled Voucher Programs spec by default. */
  spec?: string | URL;
  /** `error` by default so tests stay quiet; `info` logs one line per request. */
  logLevel?: LogLevel;
  /** `pretty` (default): one readable line per request; `json`: JSON lines. */
  logFormat?: LogFormat;
  /** Request bodies above this many bytes get a 400 `invalid_request` (10 MiB by default). */
  maxBodyBytes?: number;
  /**
   * On by default. Off sends every request down Prism's full path with none of the mock's
   * shortcuts; only for proving that the shortcuts change no answer, and for measuring them.
   */
  fastPaths?: boolean;
}

export interface MockOptions extends MockServerOptions {
  /** Generate answers from the schemas instead of returning the spec's examples. */
  dynamic?: boolean;
  /** Seed for `dynamic`, so every run gets the same answers. */
  seed?: string | number;
  /**
   * The OAuth token endpoint at `/oauth/v2/token`: a clock, registered clients (any id and secret
   * get a token without them), a token store, the hourly limit.
   */
  oauth?: TokenEndpointOptions;
}

export type RunningMock = Listening;

export interface RunningContractMock extends RunningMock {
  /** `url` + `/oauth/v2/token`: give it to the client as `tokenUrl`. */
  tokenUrl: string;
  /** The token endpoint behind `tokenUrl`: check a token a test got, or record a consent for the code grant. */
  tokens: TokenEndpoint;
}

/** One way a request or an answer breaks the spec, as Prism reports it in `sl-violations`. */
export interface SpecViolation {
  location: string[];
  severity: 'Error' | 'Warning' | 'Information' | 'Hint';
  code: string | number | undefined;
  message: string;
}

/** The spec's error model: `components/schemas/Error`. */
export interface ErrorBody {
  code: string;
  message: string;
  metadata?: Record<string, unknown>;
}
