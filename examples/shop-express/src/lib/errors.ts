export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, `${what} not found`, 'not_found');
export const badRequest = (message: string): HttpError => new HttpError(400, message, 'bad_request');
export const conflict = (message: string): HttpError => new HttpError(409, message, 'conflict');
export const unauthorized = (): HttpError => new HttpError(401, 'sign in required', 'unauthorized');
export const paymentFailed = (message: string): HttpError => new HttpError(402, message, 'payment_failed');
