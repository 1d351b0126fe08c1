import type { NextFunction, Request, Response } from 'express';
import { unauthorized } from '../lib/errors';
import { customerForToken } from '../services/auth-service';

export async function authenticate(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const token = req.get('authorization')?.replace(/^Bearer\s+/i, '');
    const customerId = token ? await customerForToken(token) : undefined;
    if (!customerId) throw unauthorized();
    res.locals.customerId = customerId;
    next();
  } catch (error) {
    next(error);
  }
}
