import Fastify, { type FastifyInstance } from 'fastify';

import { TokenService } from '../auth/token.js';
import { OtpService } from '../otp/otp-service.js';
import { FixedWindowLimiter } from '../otp/rate-limit.js';
import type { OtpSender } from '../otp/sender.js';
import type { CertificateRepository } from '../storage/repository.js';
import { registerCitizenRoutes } from './citizen-routes.js';
import { registerPullRoutes } from './pull-routes.js';

/** Options of {@link buildApp}. */
export interface AppOptions {
  readonly repository: CertificateRepository;
  readonly otpSender: OtpSender;
  /** HS256 key of citizen tokens, at least 32 bytes. */
  readonly tokenSecret: Uint8Array;
  /** Shared HMAC-SHA256 key of the DigiLocker pull API. */
  readonly pullSecret: Uint8Array;
  /** OTP requests allowed per mobile number per 15 minutes; defaults to 3. */
  readonly otpLimitPerMobile?: number;
  /** OTP requests allowed per client address per 15 minutes; defaults to 20. */
  readonly otpLimitPerClient?: number;
  /** pino logger options, or `false` for no logging; defaults to level `info`. */
  readonly logger?: boolean | { level: string };
  readonly now?: () => number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Builds the download service: citizen OTP login and downloads, and the DigiLocker pull API. */
export function buildApp(options: AppOptions): FastifyInstance {
  const now = options.now ?? Date.now;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: typeof options.logger === 'object' ? options.logger.level : 'info',
            redact: ['req.headers.authorization', `req.headers["x-digilocker-hmac"]`],
          },
    bodyLimit: 4096,
    // Behind a reverse proxy, set trustProxy so request.ip (the rate-limit key) is the client.
    trustProxy: false,
  });

  registerCitizenRoutes(app, {
    repository: options.repository,
    otp: new OtpService({ sender: options.otpSender, now }),
    tokens: new TokenService({ secret: options.tokenSecret }),
    limits: {
      perMobile: new FixedWindowLimiter({ limit: options.otpLimitPerMobile ?? 3, windowMs: FIFTEEN_MINUTES, now }),
      perClient: new FixedWindowLimiter({ limit: options.otpLimitPerClient ?? 20, windowMs: FIFTEEN_MINUTES, now }),
    },
  });
  registerPullRoutes(app, {
    repository: options.repository,
    secret: options.pullSecret,
    now: () => new Date(now()),
  });
  app.get('/healthz', async () => ({ status: 'ok', beneficiaries: options.repository.countBeneficiaries() }));
  return app;
}
