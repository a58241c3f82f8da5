/**
 * Why a request's credentials were refused, in words a partner can act on: Prism says "Invalid
 * security scheme used" whether the header is missing, empty or of another scheme.
 */
export function tokenProblem(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') return 'No access token: send Authorization: Bearer <token>';
  const [scheme, ...rest] = authorization.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer') return `The Authorization header uses the ${scheme} scheme; this API takes Authorization: Bearer <token>`;
  if (rest.join('') === '') return 'The bearer token is empty: send Authorization: Bearer <token>';
  return 'The access token was not accepted';
}
