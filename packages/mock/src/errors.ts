/** The spec given to the mock is missing or unusable. */
export class MockSpecError extends Error {
  override readonly name = 'MockSpecError';
}

/** The mock could not listen where it was asked to (a busy port, an unknown host). */
export class MockListenError extends Error {
  override readonly name = 'MockListenError';
}
