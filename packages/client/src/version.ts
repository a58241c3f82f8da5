/** Sent in User-Agent; a test keeps it equal to package.json's version. */
export const clientVersion = '1.0.0';
