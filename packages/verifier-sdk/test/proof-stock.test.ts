/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- the tests build and read untyped JSON documents field by field. */
// Differential checks of the verifier's Ed25519Signature2020 proof check against the stock
// path: jsonld-signatures `verify` with a plain `Ed25519Signature2020` suite, the same
// trusted key, document loader and purpose. Every proof shape is sent several times,
// interleaved, so its template is built and then reused. The tests expect the two to agree,
// except where the QR format is stricter than jsonld-signatures.
import { describe, expect, it } from 'vitest';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { CredentialIssuancePurpose } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import * as base58 from 'base58-universal';

import { encodeQrPayload, issue } from '@vaxcert/issuer-sdk';
import type { VaccinationCredential } from '@vaxcert/schemas';
import { createTrustStore, verify } from '@vaxcert/verifier-sdk';

import { verifyProof } from '../src/signature.js';
import { NOW, sampleRequests, testIssuer } from './support.js';

type Json = Record<string, any>;

describe('proof check against the stock jsonld-signatures path', async () => {
  const { key, didDocument } = await testIssuer();
  const { credential } = await issue({ request: sampleRequests()[0]!, key, now: NOW });
  const signed = credential as unknown as Json;
  const context = signed['@context'];
  const trustedIssuers = [didDocument];
  const trust = createTrustStore(trustedIssuers);
  const method = didDocument.verificationMethod[0]!;
  const publicKey = await Ed25519VerificationKey2020.from({
    id: method.id,
    type: method.type,
    controller: method.controller,
    publicKeyMultibase: method.publicKeyMultibase,
  });
  const controller = trust.controllerDocument(method.controller)!;

  const stockVerify = async (document: Json): Promise<boolean> => {
    const result = await jsigs.verify(structuredClone(document), {
      suite: new Ed25519Signature2020({ key: publicKey }),
      purpose: new CredentialIssuancePurpose({ controller }),
      documentLoader: trust.documentLoader,
    });
    return result.verified;
  };
  const status = async (document: Json) =>
    (await verify({ qr: encodeQrPayload({ credential: structuredClone(document) as unknown as VaccinationCredential }), trustedIssuers, now: NOW })).status;

  /** Signs `proof` over the issued credential with the trusted key, using the stock suite's verify data. */
  const signWith = async (proof: Json): Promise<Json> => {
    const { proof: _old, ...document } = signed;
    const suite = new Ed25519Signature2020({ key: publicKey });
    const data = await suite.createVerifyData({
      document,
      proof: { '@context': context, ...proof },
      documentLoader: jsigs.extendContextLoader(trust.documentLoader),
    });
    const signature = await key.keyPair.signer().sign({ data });
    return { ...document, proof: { ...proof, proofValue: `z${base58.encode(signature)}` } };
  };
  const { proofValue: _value, ...options } = signed.proof as Json;

  /** Verifies every document `rounds` times, interleaved, and returns the runs where the two sides disagree. */
  const disagreements = async (documents: [string, Json][], rounds = 4) => {
    const found: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const [name, document] of documents) {
        const stock = await stockVerify(document);
        const ours = await verifyProof(structuredClone(document), trust);
        if (stock !== ours) found.push(`${name} (round ${round}): stock ${stock}, ours ${ours}`);
      }
    }
    return found;
  };

  const createdValues = ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.123456789Z', '2026-01-02T03:04:05+05:30', '9999-99-99T99:99:99Z', '2026-01-02T03:04:05.1-00:00'];
  const reordered = (proof: Json) => Object.fromEntries(Object.entries(proof).reverse());

  it('agree on re-signed schema-valid proofs', async () => {
    const documents: [string, Json][] = [];
    for (const created of createdValues) {
      documents.push([`created ${created}`, await signWith({ ...options, created })]);
      documents.push([`reordered, created ${created}`, await signWith(reordered({ ...options, created }))]);
    }
    expect(await disagreements(documents)).toEqual([]);
    // The schema's date-time format rejects the impossible date, after the signature check passed.
    for (const [name, document] of documents) {
      const expected = name.includes('9999') ? 'malformed' : 'valid';
      expect([name, await status(document)]).toEqual([name, expected]);
    }
  });

  it('agree on changed fields, original signature', async () => {
    const documents: [string, Json][] = [['original reordered', { ...signed, proof: reordered(signed.proof) }]];
    for (const created of [...createdValues, '', 'x', signed.proof.created.replace('Z', '+00:00')]) {
      documents.push([`created ${JSON.stringify(created)}`, { ...signed, proof: { ...signed.proof, created } }]);
      documents.push([`reordered, created ${JSON.stringify(created)}`, { ...signed, proof: reordered({ ...signed.proof, created }) }]);
    }
    documents.push(['created as integer', { ...signed, proof: { ...signed.proof, created: 1_767_312_000 } }]);
    documents.push(['created as array', { ...signed, proof: { ...signed.proof, created: [signed.proof.created] } }]);
    documents.push(['proofPurpose as IRI', { ...signed, proof: { ...signed.proof, proofPurpose: 'https://w3id.org/security#assertionMethod' } }]);
    documents.push(['proofPurpose authentication', { ...signed, proof: { ...signed.proof, proofPurpose: 'authentication' } }]);
    documents.push(['type as array', { ...signed, proof: { ...signed.proof, type: ['Ed25519Signature2020'] } }]);
    documents.push(['extra jws', { ...signed, proof: { ...signed.proof, jws: 'x' } }]);
    expect(await disagreements(documents)).toEqual([]);
    expect(await status({ ...signed, proof: reordered(signed.proof) })).toBe('valid');
    for (const [name, document] of documents.slice(1)) {
      if (name === 'extra jws') continue;
      expect([name, await status(document)]).not.toEqual([name, 'valid']);
    }
  });

  it('agree on extended proof shapes', async () => {
    const extensions: [string, (variant: number) => Json][] = [
      ['id', (variant) => ({ id: `urn:uuid:00000000-0000-4000-8000-00000000000${variant}` })],
      ['id equal to the key', () => ({ id: method.id })],
      ['nonce and domain', (variant) => ({ nonce: `n${variant}`, domain: `example${variant}.org` })],
      ['challenge and expires', (variant) => ({ challenge: `c${variant}`, expires: `203${variant}-01-01T00:00:00Z` })],
      ['absolute IRI key', (variant) => ({ 'https://example.com/p': `v${variant}` })],
      ['nested address', (variant) => ({ address: { type: 'PostalAddress', city: `City ${variant}`, pincode: `60000${variant}` } })],
      ['integer age', (variant) => ({ age: 30 + variant })],
      ['created integer', (variant) => ({ created: 1_767_312_000 + variant })],
      ['nonce list', (variant) => ({ nonce: [`a${variant}`, `b${variant}`] })],
      ['nonce IRI', (variant) => ({ nonce: `https://example.com/${variant}` })],
    ];
    const documents: [string, Json][] = [];
    for (const [name, extension] of extensions) {
      for (let variant = 0; variant < 3; variant += 1) {
        const good = await signWith({ ...options, ...extension(variant) });
        documents.push([`${name} #${variant}`, good]);
        // The signature of variant n over the values of variant n + 1.
        documents.push([`${name} #${variant} forged`, { ...good, proof: { ...good.proof, ...extension(variant + 1) } }]);
      }
    }
    expect(await disagreements(documents, 3)).toEqual([]);
    for (const [name, document] of documents) {
      // A forged copy of the 'id equal to the key' case repeats the signed values, so its signature is valid.
      const forged = name.endsWith('forged') && !name.startsWith('id equal');
      const expected = forged ? 'invalid_signature' : 'malformed';
      expect([name, await status(document)]).toEqual([name, expected]);
    }
  }, 120_000);

  it('agree on proof-level security v2 context', async () => {
    const securityV2 = 'https://w3id.org/security/v2';
    const bundled = jsigs.extendContextLoader(trust.documentLoader);
    const securityUrls = new Set([securityV2, 'https://w3id.org/security/v1']);
    // Signing serves the security contexts without the 'static' tag, so jsonld does not put
    // them in its process-wide cache of resolved contexts.
    const untagged = async (url: string) =>
      securityUrls.has(url) ? { contextUrl: null, documentUrl: url, document: (await bundled(url)).document } : trust.documentLoader(url);
    const proof = { '@context': [securityV2, ...context], ...options };
    const { proof: _old, ...unsigned } = signed;
    const data = await new Ed25519Signature2020({ key: publicKey }).createVerifyData({ document: unsigned, proof, documentLoader: untagged });
    const document = { ...unsigned, proof: { ...proof, proofValue: `z${base58.encode(await key.keyPair.signer().sign({ data }))}` } };

    // verify() rejects this credential at the JSON-LD keyword check, before the proof check.
    expect(await status(document)).toBe('unexpected_jsonld');
    const before = await verifyProof(structuredClone(document), trust);
    const stock = await stockVerify(document);
    const after = await verifyProof(structuredClone(document), trust);

    expect(stock).toBe(true);
    // The verifier's result depends on whether the stock path already loaded the context.
    expect(before).toBe(stock);
    expect(after).toBe(stock);
  });

  it('agree on @direction in proof options', async () => {
    const document = await signWith({ ...options, nonce: { '@value': 'n-1', '@direction': 'rtl' } });
    // verify() rejects this credential at the JSON-LD keyword check, before the proof check.
    expect(await status(document)).toBe('unexpected_jsonld');
    const stock = await stockVerify(document);
    const ours: boolean[] = [];
    for (let round = 0; round < 3; round += 1) ours.push(await verifyProof(structuredClone(document), trust));
    expect(stock).toBe(true);
    expect(ours).toEqual([stock, stock, stock]);
  });

  // The verifier is stricter than the stock path in two places, on purpose: the QR format
  // defines `proof` as one object whose `verificationMethod` is a string (docs/qr-format.md).
  it('rejects verificationMethod as object', async () => {
    const document = { ...signed, proof: { ...signed.proof, verificationMethod: { id: method.id } } };
    expect(await stockVerify(document)).toBe(true);
    expect(await verifyProof(structuredClone(document), trust)).toBe(false);
    expect(await status(document)).toBe('untrusted_issuer');
  });

  it('rejects a one-element proof array', async () => {
    const document = { ...signed, proof: [signed.proof] };
    expect(await stockVerify(document)).toBe(true);
    expect(await status(document)).toBe('untrusted_issuer');
  });
});
