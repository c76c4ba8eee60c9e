import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { HMAC_HEADER, isValidHmac } from '../pull/hmac.js';
import { buildPullXml, parsePullXml, PullXmlError, textOf } from '../pull/xml.js';
import type { CertificateRepository, BeneficiaryRecord } from '../storage/repository.js';
import { certificateBytes } from './certificate-formats.js';

/** Options of the DigiLocker issuer pull routes. */
export interface PullRoutesOptions {
  readonly repository: CertificateRepository;
  /** Shared secret of the HMAC-SHA256 request signature. */
  readonly secret: Uint8Array;
  /** Document type code the partner requests; defaults to `VACER`. */
  readonly docType?: string;
  /** Issuer prefix of document URIs; defaults to `in.gov.vaxcert`. */
  readonly uriPrefix?: string;
  /** Largest accepted request body in bytes; defaults to 16 KiB. */
  readonly bodyLimit?: number;
  /** Creation date of the PDFs; defaults to now. */
  readonly now?: () => Date;
}

const XML_TYPE = 'application/xml; charset=utf-8';

function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Converts DigiLocker's `DD-MM-YYYY` date of birth to `YYYY-MM-DD`; passes ISO dates through. */
function isoDate(date: string): string {
  const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(date);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : date;
}

function attributeOf(element: Record<string, unknown>, name: string, fallback: string): string {
  const value = element[`@${name}`];
  return typeof value === 'string' ? value : fallback;
}

async function sendXml(reply: FastifyReply, status: number, document: Record<string, unknown>) {
  return reply.code(status).header('content-type', XML_TYPE).send(buildPullXml(document));
}

function errorDocument(message: string) {
  return { Error: { '@Status': '0', '#text': message } };
}

/** Registers `POST /digilocker/v1/pull-uri` and `POST /digilocker/v1/pull-doc`. */
export function registerPullRoutes(app: FastifyInstance, options: PullRoutesOptions): void {
  const docType = options.docType ?? 'VACER';
  const uriPrefix = `${options.uriPrefix ?? 'in.gov.vaxcert'}-${docType}-`;
  const bodyLimit = options.bodyLimit ?? 16_384;
  const now = options.now ?? (() => new Date());

  async function documentContents(beneficiary: BeneficiaryRecord, format: string) {
    const certificates = options.repository.certificatesOf(beneficiary.beneficiaryId);
    const contents: Record<string, string> = {};
    if (format === 'pdf' || format === 'both') {
      const pdf = await certificateBytes({ certificates, format: 'pdf', now: now() });
      contents.DocContent = pdf.toString('base64');
    }
    if (format === 'xml' || format === 'both') {
      const json = await certificateBytes({ certificates, format: 'json' });
      contents.DataContent = json.toString('base64');
    }
    return contents;
  }

  // Parses and authenticates a request body, or sends the error response and returns undefined.
  async function readRequest(request: FastifyRequest, reply: FastifyReply, root: string) {
    const body = request.body;
    const signature = request.headers[HMAC_HEADER];
    if (!Buffer.isBuffer(body)) {
      await sendXml(reply, 415, errorDocument('send the request as application/xml'));
      return undefined;
    }
    if (!isValidHmac(options.secret, body, typeof signature === 'string' ? signature : undefined)) {
      request.log.warn({ root }, 'pull request with a missing or invalid HMAC rejected');
      await sendXml(reply, 401, errorDocument(`missing or invalid ${HMAC_HEADER} header`));
      return undefined;
    }
    try {
      const parsed = parsePullXml(body);
      const element = parsed[root];
      if (typeof element !== 'object' || element === null) throw new PullXmlError(`root element must be ${root}`);
      return element as Record<string, unknown>;
    } catch (error) {
      if (!(error instanceof PullXmlError)) throw error;
      request.log.warn({ root, reason: error.message }, 'pull request with invalid XML rejected');
      await sendXml(reply, 400, errorDocument(error.message));
      return undefined;
    }
  }

  app.register(async (scope) => {
    scope.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
      done(null, body);
    });

    scope.post('/digilocker/v1/pull-uri', { bodyLimit }, async (request, reply) => {
      const pull = await readRequest(request, reply, 'PullURIRequest');
      if (!pull) return reply;
      const details = pull.DocDetails;
      const txn = attributeOf(pull, 'txn', '');
      const format = attributeOf(pull, 'format', 'both');
      const status = { '@Status': '0', '@ts': now().toISOString(), '@txn': txn, '#text': '0' };
      const beneficiaryId = textOf(details, 'tracking_id');
      const mobile = textOf(details, 'Mobile');
      if (textOf(details, 'DocType') !== docType || !beneficiaryId || !mobile) {
        return sendXml(reply, 400, errorDocument(`DocType ${docType}, tracking_id and Mobile are required`));
      }
      if (!['pdf', 'xml', 'both'].includes(format)) {
        return sendXml(reply, 400, errorDocument('format must be pdf, xml or both'));
      }

      const beneficiary = options.repository.findBeneficiary(beneficiaryId);
      const fullName = textOf(details, 'FullName');
      const dob = textOf(details, 'DOB');
      const matches =
        beneficiary !== undefined &&
        beneficiary.mobile === mobile &&
        (fullName === '' || normalizeName(fullName) === normalizeName(beneficiary.name)) &&
        (dob === '' || beneficiary.birthDate === null || isoDate(dob) === beneficiary.birthDate);
      if (!matches) {
        request.log.info({ txn }, 'pull URI request matched no beneficiary');
        return sendXml(reply, 200, { PullURIResponse: { ResponseStatus: status } });
      }

      const contents = await documentContents(beneficiary, format);
      return sendXml(reply, 200, {
        PullURIResponse: {
          ResponseStatus: { ...status, '@Status': '1', '#text': '1' },
          DocDetails: {
            DocType: docType,
            DigiLockerId: textOf(details, 'DigiLockerId'),
            FullName: beneficiary.name,
            DOB: dob,
            URI: `${uriPrefix}${beneficiary.beneficiaryId}`,
            ...contents,
          },
        },
      });
    });

    scope.post('/digilocker/v1/pull-doc', { bodyLimit }, async (request, reply) => {
      const pull = await readRequest(request, reply, 'PullDocRequest');
      if (!pull) return reply;
      const txn = attributeOf(pull, 'txn', '');
      const format = attributeOf(pull, 'format', 'both');
      const uri = textOf(pull.DocDetails, 'URI');
      const status = { '@Status': '0', '@ts': now().toISOString(), '@txn': txn, '#text': '0' };
      if (!['pdf', 'xml', 'both'].includes(format)) {
        return sendXml(reply, 400, errorDocument('format must be pdf, xml or both'));
      }
      const beneficiary = uri.startsWith(uriPrefix)
        ? options.repository.findBeneficiary(uri.slice(uriPrefix.length))
        : undefined;
      if (!beneficiary) return sendXml(reply, 200, { PullDocResponse: { ResponseStatus: status } });
      const contents = await documentContents(beneficiary, format);
      return sendXml(reply, 200, {
        PullDocResponse: {
          ResponseStatus: { ...status, '@Status': '1', '#text': '1' },
          DocDetails: { URI: uri, ...contents },
        },
      });
    });
  });
}
