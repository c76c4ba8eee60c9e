import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { TokenService } from '../auth/token.js';
import type { FixedWindowLimiter } from '../otp/rate-limit.js';
import type { OtpService } from '../otp/otp-service.js';
import { maskMobile } from '../otp/sender.js';
import { CertificateRenderError } from '../pdf/errors.js';
import type { CertificateRepository } from '../storage/repository.js';
import { certificateBytes, mediaTypeOf, negotiateFormat } from './certificate-formats.js';

/** Dependencies of the citizen routes. */
export interface CitizenRoutesOptions {
  readonly repository: CertificateRepository;
  readonly otp: OtpService;
  readonly tokens: TokenService;
  readonly limits: { readonly perMobile: FixedWindowLimiter; readonly perClient: FixedWindowLimiter };
}

const otpRequestSchema = {
  body: {
    type: 'object',
    required: ['mobile'],
    additionalProperties: false,
    properties: { mobile: { type: 'string', pattern: '^[6-9][0-9]{9}$' } },
  },
} as const;

const otpVerifySchema = {
  body: {
    type: 'object',
    required: ['transactionId', 'otp'],
    additionalProperties: false,
    properties: {
      transactionId: { type: 'string', minLength: 36, maxLength: 36 },
      otp: { type: 'string', pattern: '^[0-9]{6}$' },
    },
  },
} as const;

const certificateSchema = {
  params: {
    type: 'object',
    required: ['beneficiaryId'],
    properties: { beneficiaryId: { type: 'string', minLength: 1, maxLength: 64 } },
  },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      format: { type: 'string', maxLength: 8 },
      language: { type: 'string', maxLength: 16 },
      layout: { type: 'string', enum: ['domestic', 'international'] },
    },
  },
} as const;

async function authenticate(
  tokens: TokenService,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<string | undefined> {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  const mobile = token ? await tokens.mobileOf(token) : undefined;
  if (!mobile) {
    await reply.code(401).send({ error: 'missing or invalid bearer token; request a new one with an OTP' });
    return undefined;
  }
  return mobile;
}

/** Registers the OTP login and the certificate download routes of citizens. */
export function registerCitizenRoutes(app: FastifyInstance, options: CitizenRoutesOptions): void {
  const { repository, otp, tokens, limits } = options;

  app.post<{ Body: { mobile: string } }>('/v1/otp', { schema: otpRequestSchema }, async (request, reply) => {
    const { mobile } = request.body;
    if (!limits.perClient.take(request.ip) || !limits.perMobile.take(mobile)) {
      request.log.warn({ mobile: maskMobile(mobile), client: request.ip }, 'OTP request rate limit reached');
      const retryAfter = Math.max(limits.perClient.retryAfterSeconds(request.ip), limits.perMobile.retryAfterSeconds(mobile));
      return reply.code(429).header('retry-after', String(retryAfter)).send({ error: 'too many OTP requests; retry later' });
    }
    // The same steps run for every valid number, so neither the response nor its timing reveals
    // whether the number has certificates. Delivery is not awaited for the same reason.
    const { transactionId, sent } = await otp.request(mobile);
    sent.catch((error: unknown) => {
      request.log.error({ err: error, mobile: maskMobile(mobile), transactionId }, 'OTP delivery failed');
    });
    return reply.code(200).send({ transactionId });
  });

  app.post<{ Body: { transactionId: string; otp: string } }>(
    '/v1/otp/verify',
    { schema: otpVerifySchema },
    async (request, reply) => {
      const result = otp.verify(request.body.transactionId, request.body.otp);
      if (!result.ok) {
        request.log.info({ transactionId: request.body.transactionId, reason: result.reason }, 'OTP verification failed');
        return reply.code(401).send({ error: 'invalid or expired OTP' });
      }
      const token = await tokens.issue(result.mobile);
      return reply.send({ token, expiresIn: tokens.ttlSeconds });
    },
  );

  app.get('/v1/beneficiaries', async (request, reply) => {
    const mobile = await authenticate(tokens, request, reply);
    if (!mobile) return reply;
    const beneficiaries = repository.beneficiariesOf(mobile).map((beneficiary) => ({
      beneficiaryId: beneficiary.beneficiaryId,
      name: beneficiary.name,
      maskedIdentity: beneficiary.maskedIdentity,
    }));
    return reply.send({ beneficiaries });
  });

  app.get<{
    Params: { beneficiaryId: string };
    Querystring: { format?: string; language?: string; layout?: 'domestic' | 'international' };
  }>('/v1/certificates/:beneficiaryId', { schema: certificateSchema }, async (request, reply) => {
    const mobile = await authenticate(tokens, request, reply);
    if (!mobile) return reply;
    const { beneficiaryId } = request.params;
    const beneficiary = repository.findBeneficiary(beneficiaryId);
    // Another number's beneficiary gets the same 404 response as a missing one.
    if (!beneficiary || beneficiary.mobile !== mobile) {
      return reply.code(404).send({ error: `beneficiary ${beneficiaryId} not found for this mobile number` });
    }
    const format = negotiateFormat(request.query.format, request.headers.accept);
    if (!format) {
      return reply.code(406).send({ error: 'unsupported format; use pdf, png or json (Accept or ?format=)' });
    }
    try {
      const body = await certificateBytes({
        certificates: repository.certificatesOf(beneficiaryId),
        format,
        ...(request.query.language ? { language: request.query.language } : {}),
        ...(request.query.layout ? { layout: request.query.layout } : {}),
      });
      return reply
        .header('content-type', mediaTypeOf(format))
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="certificate-${beneficiaryId}.${format}"`)
        .send(body);
    } catch (error) {
      if (error instanceof CertificateRenderError) {
        const status = error.code === 'ERR_LANGUAGE_UNSUPPORTED' ? 400 : 404;
        request.log.info({ beneficiaryId, code: error.code }, 'certificate not rendered');
        return reply.code(status).send({ error: error.message, code: error.code });
      }
      throw error;
    }
  });
}
