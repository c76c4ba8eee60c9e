import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'vaxcert-download-service';
const AUDIENCE = 'vaxcert-citizen';

/** Issues and checks the short-lived HS256 tokens that scope a citizen to one mobile number. */
export class TokenService {
  readonly #secret: Uint8Array;
  readonly #ttlSeconds: number;

  /** `secret` must hold at least 32 bytes; `ttlSeconds` defaults to 10 minutes. */
  constructor(options: { secret: Uint8Array; ttlSeconds?: number }) {
    if (options.secret.length < 32) throw new TypeError('"secret" must hold at least 32 bytes');
    this.#secret = options.secret;
    this.#ttlSeconds = options.ttlSeconds ?? 600;
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  /** Returns a token whose subject is the mobile number. */
  async issue(mobile: string): Promise<string> {
    return new SignJWT({ scope: 'certificates:read' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(mobile)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.#ttlSeconds}s`)
      .sign(this.#secret);
  }

  /** Returns the mobile number of a valid token, or `undefined` for any invalid token. */
  async mobileOf(token: string): Promise<string | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.#secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      return payload.scope === 'certificates:read' && typeof payload.sub === 'string' ? payload.sub : undefined;
    } catch {
      return undefined;
    }
  }
}
