import Koa from 'koa';
import { errorHandler } from './middleware/error-handler';
import { requestLogging } from './middleware/request-logging';
import { resolveTenant } from './middleware/tenant';
import { brandsRouter } from './routes/brands-routes';
import { itemsRouter } from './routes/items-routes';

export function createApp(): Koa {
  const app = new Koa();
  app.use(requestLogging);
  app.use(errorHandler);
  app.use(resolveTenant);
  app.use(itemsRouter.routes()).use(itemsRouter.allowedMethods());
  app.use(brandsRouter.routes()).use(brandsRouter.allowedMethods());
  return app;
}
