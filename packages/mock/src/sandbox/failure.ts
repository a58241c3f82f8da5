/** A refusal in the API's error model: thrown by a rule, answered as `{code, message}` with this status. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const invalidRequest = (message: string) => new ApiFailure(400, 'invalid_request', message);
export const notFound = (message: string) => new ApiFailure(404, 'resource_not_found', message);
