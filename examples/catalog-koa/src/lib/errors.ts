export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} not found`);
export const invalid = (message: string): ApiError => new ApiError(400, 'invalid_request', message);
export const unavailable = (message: string): ApiError => new ApiError(503, 'upstream_unavailable', message);
