import { Router } from 'express';
import { asyncHandler } from '../lib/async-handler';
import { badRequest } from '../lib/errors';
import { login } from '../services/auth-service';

export const authRoutes = Router();

authRoutes.post(
  '/login',
  asyncHandler(async (req, res) => {
    const { email, password } = req.body ?? {};
    if (typeof email !== 'string' || typeof password !== 'string') throw badRequest('email and password are required');
    res.json(await login(email, password));
  }),
);
