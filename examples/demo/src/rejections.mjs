// Two certificates that must be rejected: one whose dose was changed after signing, and one
// signed by a key the verifier does not trust.
import { encodeQrPayload, generateIssuerKey, issue } from '@vaxcert/issuer-sdk';
import { decodeQrText, verify } from '@vaxcert/verifier-sdk';

/**
 * Decodes a genuine QR payload, changes the dose as a forger would (a provisional
 * certificate becomes final, any other gains one dose), re-encodes it without signing again
 * and verifies it.
 * @param {{ qrPayload: string, trustedIssuers: object[] }} input
 */
export async function verifyTamperedDose({ qrPayload, trustedIssuers }) {
  const decoded = decodeQrText(qrPayload);
  if (!decoded.ok) throw new Error(`the genuine payload could not be decoded: ${decoded.status}`);
  const credential = structuredClone(decoded.credential);
  const evidence = credential.evidence[0];
  const before = `dose ${evidence.dose} of ${evidence.totalDoses} (${evidence.certificateKind})`;
  const provisional = evidence.dose < evidence.totalDoses;
  evidence.dose = provisional ? evidence.totalDoses : evidence.dose + 1;
  evidence.certificateKind = provisional ? 'final' : 'precaution';
  const change = `${before} changed to dose ${evidence.dose} (${evidence.certificateKind})`;
  const result = await verify({ qr: encodeQrPayload({ credential }), trustedIssuers });
  return { change, result };
}

/**
 * Issues a certificate with a new key that claims the trusted issuer's DID, as a forger
 * would, and verifies it against the trusted DID document.
 * @param {{ request: object, did: string, trustedIssuers: object[] }} input
 */
export async function verifyForeignKey({ request, did, trustedIssuers }) {
  const forgerKey = await generateIssuerKey({ did });
  const { qrPayload } = await issue({ request, key: forgerKey });
  const change = `signed by ${forgerKey.id}, a key missing from the DID document`;
  return { change, result: await verify({ qr: qrPayload, trustedIssuers }) };
}
