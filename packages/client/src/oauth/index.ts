export { AuthorizationCodeAuth, type AuthorizationCodeAuthOptions } from './authorization-code-auth.js';
export { authorizeUrl, createPkce, parseAuthorizeCallback, uberAuthorizeUrl, type AuthorizeUrlOptions } from './authorize.js';
export { aggregatorScope, consentUrl, parseConsentCallback, revokeUrl, uberBusinessUrl, type ConsentUrlOptions } from './consent.js';
export { exchangeCode, refreshTokens, type OAuthTokens, type TokenRequestOptions } from './tokens.js';
