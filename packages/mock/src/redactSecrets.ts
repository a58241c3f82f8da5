/**
 * Takes credentials out of a log line. At debug level Prism prints every header it sees and the
 * upstream URL it forwards to, so a line could carry a bearer token, a cookie, a webhook signature,
 * a password in a URL or a token in a query; partners paste these logs into tickets and CI output.
 */
const secretHeader = /\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-uber-signature)(\s*:\s*)[^\n\r]+/gi;
const urlUserInfo = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@"'?#]+@/gi;
const secretParameter = /\b(access_token|refresh_token|id_token|client_secret|password|token)=[^&\s"'#]+/gi;
// An OAuth code only in a query: `code=` elsewhere is Prism's Prefer (`code=404`), which a reader needs.
const queryCode = /([?&])code=[^&\s"'#]+/g;
const bearerToken = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

export function redactSecrets(line: string): string {
  return line
    .replace(secretHeader, '$1$2[redacted]')
    .replace(urlUserInfo, '$1[redacted]@')
    .replace(secretParameter, '$1=[redacted]')
    .replace(queryCode, '$1code=[redacted]')
    .replace(bearerToken, '$1 [redacted]');
}
