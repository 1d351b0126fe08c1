import express from 'express';
import { errorHandler } from './middleware/error-handler';
import { requestLogging } from './middleware/request-logging';
import { authRoutes } from './routes/auth-routes';
import { cartRoutes } from './routes/cart-routes';
import { catalogRoutes } from './routes/catalog-routes';
import { orderRoutes } from './routes/order-routes';

export function createApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogging);
  app.use(express.json({ limit: '32kb' }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(catalogRoutes);
  app.use(authRoutes);
  app.use(cartRoutes);
  app.use(orderRoutes);
  app.use(errorHandler);
  return app;
}
