export { createTokenEndpoint, type TokenEndpoint, type TokenEndpointOptions } from './tokenEndpoint.js';
export { createTokenHandler, tokenPath } from './tokenHttp.js';
export { createMemoryTokenStore } from './memoryTokenStore.js';
export {
  voucherScopes,
  type AuthorizationCode,
  type GrantType,
  type IssuedToken,
  type OAuthClient,
  type OAuthErrorCode,
  type TokenAnswer,
  type TokenStore,
} from './tokenTypes.js';
