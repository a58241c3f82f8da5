import type { TokenStore } from '../oauth/index.js';
import type { OAuthState } from './state.js';

/**
 * The token endpoint's store, kept in the sandbox state. It also remembers whom a token acts for:
 * the rider named at the authorize step travels with the code, then with the token and its
 * refresh tokens. The endpoint always takes a code (or refresh token) and saves the token it
 * issues in one synchronous step, so the subject taken is the one the next saved token gets.
 */
export function createSandboxTokenStore(oauth: () => OAuthState): TokenStore {
  let pendingSubject: string | undefined;
  return {
    saveToken(token) {
      const state = oauth();
      const subject = pendingSubject ?? token.clientId;
      pendingSubject = undefined;
      state.tokens.set(token.accessToken, { ...token, subject });
      if (token.refreshToken) state.refreshTokens.set(token.refreshToken, token.accessToken);
    },
    findToken: (accessToken) => oauth().tokens.get(accessToken),
    takeRefreshToken(refreshToken) {
      const state = oauth();
      const accessToken = state.refreshTokens.get(refreshToken);
      state.refreshTokens.delete(refreshToken);
      const previous = accessToken === undefined ? undefined : state.tokens.get(accessToken);
      pendingSubject = previous?.subject;
      return previous;
    },
    saveAuthorizationCode: (code) => void oauth().codes.set(code.code, { ...code, subject: (code as { subject?: string }).subject ?? code.clientId }),
    takeAuthorizationCode(code) {
      const state = oauth();
      const found = state.codes.get(code);
      state.codes.delete(code);
      pendingSubject = found?.subject;
      return found;
    },
  };
}
