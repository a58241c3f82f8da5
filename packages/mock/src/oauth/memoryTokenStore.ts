import type { AuthorizationCode, IssuedToken, TokenStore } from './tokenTypes.js';

/** Tokens and codes in this process's memory, forgotten when the mock stops. */
export function createMemoryTokenStore(): TokenStore {
  const tokens = new Map<string, IssuedToken>();
  const refreshTokens = new Map<string, IssuedToken>();
  const codes = new Map<string, AuthorizationCode>();
  return {
    saveToken(token) {
      tokens.set(token.accessToken, token);
      if (token.refreshToken) refreshTokens.set(token.refreshToken, token);
    },
    findToken: (accessToken) => tokens.get(accessToken),
    takeRefreshToken(refreshToken) {
      const token = refreshTokens.get(refreshToken);
      refreshTokens.delete(refreshToken);
      return token;
    },
    saveAuthorizationCode: (code) => void codes.set(code.code, code),
    takeAuthorizationCode(code) {
      const found = codes.get(code);
      codes.delete(code);
      return found;
    },
  };
}
