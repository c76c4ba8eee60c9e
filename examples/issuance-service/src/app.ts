import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { IssuerError } from '@vaxcert/issuer-sdk';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';

import { createAuthenticator } from './auth.js';
import { OperationError, type Service } from './operations.js';
import { registerCertificateRoutes } from './routes/certificates.js';
import { registerIntakeRoutes, type AcceptedHandler } from './routes/intake.js';
import { createStatusListPublisher, registerPublicRoutes } from './routes/public.js';
import { registerReconcileRoutes } from './routes/reconcile.js';
import { registerVerifyRoutes } from './routes/verify.js';

/**
 * Builds the HTTP API. Request logs name the route pattern, never the path, so a
 * beneficiary's code in a URL does not reach the log.
 */
export async function buildApp(service: Service, options: { onAccepted: AcceptedHandler }): Promise<FastifyInstance> {
  // Typed as Fastify's logger, so the routes see the default instance type.
  const logger: FastifyBaseLogger = service.logger;
  const app = Fastify({
    loggerInstance: logger,
    // The service logs each request's outcome itself, without the path.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: service.config.bodyLimitBytes,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'vaxcert issuance service', version: '0.0.0', description: 'Certify, download, correct and revoke vaccination certificates.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      security: [{ apiKey: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof OperationError) {
      return reply.code(error.statusCode).send({ error: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) });
    }
    if (error instanceof IssuerError && error.code === 'ERR_STATUS_CONFLICT') {
      // Other processes kept changing the same status list; the operation can be retried.
      request.log.warn({ err: error, reqId: request.id }, 'status list busy');
      return reply.code(503).header('retry-after', '1').send({ error: 'busy', message: `${error.message}; retry after 1 second` });
    }
    const fastifyError = error as { validation?: unknown; statusCode?: number; message: string };
    if (fastifyError.validation !== undefined) return reply.code(400).send({ error: 'invalid_request', message: fastifyError.message });
    if (fastifyError.statusCode !== undefined && fastifyError.statusCode < 500) {
      return reply.code(fastifyError.statusCode).send({ error: 'bad_request', message: fastifyError.message });
    }
    request.log.error({ err: error, reqId: request.id }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: `internal error; quote request ID ${request.id}` });
  });

  const requireRole = createAuthenticator(service.config, service.repository);
  const facility = requireRole('facility', 'admin');
  const admin = requireRole('admin');

  const statusLists = createStatusListPublisher(service);
  registerPublicRoutes(app, service, statusLists);
  await registerVerifyRoutes(app, service, statusLists);
  registerIntakeRoutes(app, service, { facility, onAccepted: options.onAccepted });
  registerCertificateRoutes(app, service, { facility, admin });
  registerReconcileRoutes(app, service, { admin });

  app.get(
    '/v1/analytics',
    {
      preHandler: admin,
      schema: {
        summary: 'Event counts by day, event, outcome, vaccine, certificate kind and state',
        querystring: { type: 'object', properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } },
      },
    },
    async (request) => {
      const query = request.query as { from?: string; to?: string };
      const counts = await service.repository.analytics({
        ...(query.from === undefined ? {} : { fromDay: query.from }),
        ...(query.to === undefined ? {} : { toDay: query.to }),
      });
      return { counts };
    },
  );

  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  return app;
}
