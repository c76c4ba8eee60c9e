// Throwaway benchmark harness (master copy lives in /tmp/perf; copied into
// packages/issuer-sdk only so that bare imports resolve).
import * as vc from '@digitalbazaar/vc';
import {Ed25519Signature2020, suiteContext} from '@digitalbazaar/ed25519-signature-2020';
import {Ed25519VerificationKey2020} from '@digitalbazaar/ed25519-verification-key-2020';
import {bundledContexts} from '@vaxcert/schemas';
import crypto from 'node:crypto';
import {createRequire} from 'node:module';

// the jsonld / jsonld-signatures / rdf-canonize copies that vc 7.3 really uses
const PNPM = '/work/main/node_modules/.pnpm';
const req = createRequire(import.meta.url);
const jsonld = req(`${PNPM}/jsonld@9.0.0/node_modules/jsonld`);
const jsigs = req(`${PNPM}/jsonld-signatures@11.6.0/node_modules/jsonld-signatures`);
const rdfCanonize = req(`${PNPM}/rdf-canonize@5.0.0/node_modules/rdf-canonize`);
const {CredentialIssuancePurpose} = vc;

const ITER = Number(process.env.ITER ?? 300);
const WARM = Number(process.env.WARM ?? 30);
const ONLY = process.env.ONLY ? new RegExp(process.env.ONLY) : null;

async function bench(name, fn) {
  if(ONLY && !ONLY.test(name)) return null;
  for(let i = 0; i < WARM; i++) await fn(i);
  const t = new Float64Array(ITER);
  for(let i = 0; i < ITER; i++) {
    const s = performance.now();
    await fn(i);
    t[i] = performance.now() - s;
  }
  t.sort();
  const med = t[ITER >> 1], p90 = t[Math.floor(ITER * 0.9)];
  const mean = t.reduce((a, b) => a + b, 0) / ITER;
  console.log(`${name.padEnd(58)} median ${med.toFixed(3).padStart(8)} ms  p90 ${p90.toFixed(3).padStart(8)}  mean ${mean.toFixed(3).padStart(8)}`);
  return med;
}
const assert = (c, m) => { if(!c) throw new Error('ASSERT ' + m); };

// ---------------------------------------------------------------- fixtures
const ISSUER = 'did:web:issuer.example';
const docs = bundledContexts();
const key = await Ed25519VerificationKey2020.generate({controller: ISSUER});
key.id = `${ISSUER}#key-1`;
const vmDoc = key.export({publicKey: true, includeContext: true});
const didDoc = {
  '@context': ['https://www.w3.org/ns/did/v1', suiteContext.CONTEXT_URL],
  id: ISSUER, assertionMethod: [vmDoc]
};
// DID doc whose first context is NOT did/v1 -> ControllerProofPurpose frames it
const didDocFramed = {...didDoc, '@context': [suiteContext.CONTEXT_URL, 'https://www.w3.org/ns/did/v1']};

function makeLoader({tagStatic = false, didDocument = didDoc} = {}) {
  return async url => {
    const d = docs.get(url);
    if(d !== undefined) {
      return tagStatic ?
        {contextUrl: null, documentUrl: url, document: d, tag: 'static'} :
        {contextUrl: null, documentUrl: url, document: d};
    }
    // prototype behaviour: re-export key per call
    if(url === key.id) return {contextUrl: null, documentUrl: url, document: key.export({publicKey: true, includeContext: true})};
    if(url === ISSUER) return {contextUrl: null, documentUrl: url, document: didDocument};
    throw new Error('not bundled ' + url);
  };
}
const loaderPlain = makeLoader();
const loaderStatic = makeLoader({tagStatic: true});
const loaderFramed = makeLoader({didDocument: didDocFramed});

const baseCredential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/vaxcert/v1', suiteContext.CONTEXT_URL],
  id: 'urn:uuid:2b3a9a5e-8f3e-4f0e-9a55-0f3f9d2f4b11',
  type: ['VerifiableCredential', 'VaccinationCertificate'],
  issuer: ISSUER,
  validFrom: '2021-09-17T05:12:39Z',
  credentialSubject: {type: 'Person', name: 'Abdul', age: 61, gender: 'Male', beneficiaryId: '123', address: {type: 'PostalAddress', city: 'G', pincode: '781008'}},
  evidence: [{type: 'Vaccination', vaccine: 'COVISHIELD', dose: 1, totalDoses: 2, date: '2021-09-17T05:12:39.000Z', vaccinator: {type: 'Vaccinator', name: 'X', identifier: 'VAC-1'}, facility: {type: 'Facility', name: 'F', address: {type: 'PostalAddress', city: 'G'}}}]
};
// fresh credential per call (vc.issue adds `proof` to the object it is given)
const freshCred = i => ({...baseCredential, id: `urn:uuid:2b3a9a5e-8f3e-4f0e-9a55-${String(i).padStart(12, '0')}`});

// ------------------------------------------------------------- signers / verifiers
// verifier/signer with a KeyObject built once per key instead of per call
const pubKeyObject = crypto.createPublicKey({
  key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key._publicKeyBuffer)]),
  format: 'der', type: 'spki'});
const privKeyObject = crypto.createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(key._privateKeyBuffer.subarray(0, 32))]),
  format: 'der', type: 'pkcs8'});
const cachedVerifier = {id: key.id, algorithm: 'Ed25519',
  async verify({data, signature}) { return crypto.verify(null, data, pubKeyObject, signature); }};
const cachedSigner = {id: key.id, algorithm: 'Ed25519',
  async sign({data}) { return crypto.sign(null, data, privKeyObject); }};

// public-only key whose verifier() uses the cached KeyObject
const publicKey = await Ed25519VerificationKey2020.from(vmDoc);
publicKey.verifier = () => cachedVerifier;
const pinnedSuite = new Ed25519Signature2020({key: publicKey});

// ------------------------------------------------------------- correctness
const issueSuite = new Ed25519Signature2020({key});
const signed = await vc.issue({credential: freshCred(0), suite: issueSuite, documentLoader: loaderPlain});
const signedStatic = await vc.issue({credential: freshCred(0), suite: new Ed25519Signature2020({signer: cachedSigner}), documentLoader: loaderStatic});
const tampered = structuredClone(signed); [tampered.evidence[0].dose, tampered.evidence[0].totalDoses] = [2, 1];
const added = structuredClone(signed); added.credentialSubject.foo = 'x';
const wrongIssuer = structuredClone(signed); wrongIssuer.issuer = 'did:web:other.example';
const verifyCfgs = {
  baseline: {suite: new Ed25519Signature2020(), documentLoader: loaderPlain},
  static: {suite: new Ed25519Signature2020(), documentLoader: loaderStatic},
  staticCtrl: {suite: new Ed25519Signature2020(), documentLoader: loaderStatic, purpose: new CredentialIssuancePurpose({controller: didDoc})},
  staticPinned: {suite: pinnedSuite, documentLoader: loaderStatic},
  recipe: {suite: pinnedSuite, documentLoader: loaderStatic, purpose: new CredentialIssuancePurpose({controller: didDoc})},
};
for(const [n, cfg] of Object.entries(verifyCfgs)) {
  const ok = await vc.verifyCredential({credential: signed, ...cfg});
  assert(ok.verified, `${n} good: ${ok.error}`);
  const ok2 = await vc.verifyCredential({credential: signedStatic, ...cfg});
  assert(ok2.verified, `${n} good2`);
  for(const [bn, bad] of Object.entries({tampered, added, wrongIssuer})) {
    const r = await vc.verifyCredential({credential: bad, ...cfg});
    assert(!r.verified, `${n} ${bn} must fail`);
  }
}
assert(signed.proof.proofValue && signedStatic.proof.proofValue, 'proof');
console.log('correctness: all verify configs accept good, reject tampered/added/wrong-issuer');

// ---------------------------------------------------------------- issue
console.log(`\n== issue (ITER=${ITER}, WARM=${WARM})`);
await bench('issue baseline (prototype loader, key suite)', i =>
  vc.issue({credential: freshCred(i), suite: issueSuite, documentLoader: loaderPlain}));
await bench('issue + loader tag:static', i =>
  vc.issue({credential: freshCred(i), suite: issueSuite, documentLoader: loaderStatic}));
const signerSuite = new Ed25519Signature2020({signer: cachedSigner});
await bench('issue + tag:static + cached-KeyObject signer', i =>
  vc.issue({credential: freshCred(i), suite: signerSuite, documentLoader: loaderStatic}));
await bench('issue + tag:static + cached signer + new suite per call', i =>
  vc.issue({credential: freshCred(i), suite: new Ed25519Signature2020({signer: cachedSigner, date: '2024-01-01T00:00:00Z'}), documentLoader: loaderStatic}));

// ---------------------------------------------------------------- verify
console.log('\n== verifyCredential');
await bench('verify baseline (prototype: plain loader, new-key-per-call)', () =>
  vc.verifyCredential({credential: signed, ...verifyCfgs.baseline}));
await bench('verify baseline but DID doc needs framing', () =>
  vc.verifyCredential({credential: signed, suite: new Ed25519Signature2020(), documentLoader: loaderFramed}));
await bench('verify + loader tag:static', () =>
  vc.verifyCredential({credential: signed, ...verifyCfgs.static}));
await bench('verify + tag:static, DID doc framed', () =>
  vc.verifyCredential({credential: signed, suite: new Ed25519Signature2020(), documentLoader: makeLoader({tagStatic: true, didDocument: didDocFramed})}));
await bench('verify + tag:static + controller doc in purpose', () =>
  vc.verifyCredential({credential: signed, ...verifyCfgs.staticCtrl}));
await bench('verify + tag:static + pinned key suite (cached KeyObject)', () =>
  vc.verifyCredential({credential: signed, ...verifyCfgs.staticPinned}));
await bench('verify recipe (static + pinned + controller)', () =>
  vc.verifyCredential({credential: signed, ...verifyCfgs.recipe}));
await bench('verify plain loader + pinned + controller', () =>
  vc.verifyCredential({credential: signed, suite: pinnedSuite, documentLoader: loaderPlain, purpose: new CredentialIssuancePurpose({controller: didDoc})}));

// ---------------------------------------------------------------- pieces
console.log('\n== pieces (jsonld 9.0.0 / rdf-canonize 5.0.0, as used by jsonld-signatures 11.6)');
const unsigned = {...signed}; delete unsigned.proof;
const extLoaderPlain = jsigs.extendContextLoader(loaderPlain);
const extLoaderStatic = jsigs.extendContextLoader(loaderStatic);
const opts = L => ({base: null, documentLoader: L, safe: true});
for(const [ln, L] of [['plain', extLoaderPlain], ['static', extLoaderStatic]]) {
  await bench(`jsonld.expand (${ln})`, () => jsonld.expand(unsigned, opts(L)));
  await bench(`jsonld.toRDF (${ln}) [expand+toRDF]`, () => jsonld.toRDF(unsigned, {...opts(L), rdfDirection: 'i18n-datatype', produceGeneralizedRdf: false}));
}
const expanded = await jsonld.expand(unsigned, opts(extLoaderStatic));
await bench('jsonld.toRDF skipExpansion (static)', () => jsonld.toRDF(expanded, {...opts(extLoaderStatic), skipExpansion: true, rdfDirection: 'i18n-datatype', produceGeneralizedRdf: false}));
const dataset = await jsonld.toRDF(unsigned, {...opts(extLoaderStatic), rdfDirection: 'i18n-datatype', produceGeneralizedRdf: false});
console.log(`   dataset: ${dataset.length} quads, ${new Set(dataset.flatMap(q => [q.subject, q.object]).filter(t => t.termType === 'BlankNode').map(t => t.value)).size} blank nodes`);
await bench('rdfCanonize.canonize RDFC-1.0 (dataset in)', () => rdfCanonize.canonize(dataset, {algorithm: 'RDFC-1.0', format: 'application/n-quads'}));
await bench('rdfCanonize._canonizeSync RDFC-1.0', async () => rdfCanonize._canonizeSync(dataset, {algorithm: 'RDFC-1.0', format: 'application/n-quads'}));
await bench('suite.canonize(document) full (static)', () => signerSuite.canonize(unsigned, {documentLoader: extLoaderStatic}));
const proofOnly = {...signed.proof}; 
await bench('suite.canonizeProof (static)', () => signerSuite.canonizeProof(proofOnly, {document: unsigned, documentLoader: extLoaderStatic}));
await bench('suite.canonizeProof (plain)', () => signerSuite.canonizeProof(proofOnly, {document: unsigned, documentLoader: extLoaderPlain}));
const vd = await signerSuite.createVerifyData({document: {...unsigned}, proof: proofOnly, documentLoader: extLoaderStatic});
const sig = await cachedSigner.sign({data: vd});
await bench('ed25519 verify, createPublicKey per call (library)', () => key.verifier().verify({data: vd, signature: sig}));
await bench('ed25519 verify, cached KeyObject', () => cachedVerifier.verify({data: vd, signature: sig}));
await bench('ed25519 sign, createPrivateKey per call (library)', () => key.signer().sign({data: vd}));
await bench('ed25519 sign, cached KeyObject', () => cachedSigner.sign({data: vd}));
await bench('Ed25519Multikey-style getVerificationMethod (loader)', () => new Ed25519Signature2020().getVerificationMethod({proof: signed.proof, documentLoader: extLoaderStatic}));
await bench('ControllerProofPurpose.validate, DID ctx first', () => new CredentialIssuancePurpose().validate(signed.proof, {document: signed, verificationMethod: vmDoc, documentLoader: extLoaderStatic}));
await bench('ControllerProofPurpose.validate, framed DID doc (static)', () => new CredentialIssuancePurpose().validate(signed.proof, {document: signed, verificationMethod: vmDoc, documentLoader: jsigs.extendContextLoader(makeLoader({tagStatic: true, didDocument: didDocFramed}))}));
await bench('ControllerProofPurpose.validate, framed DID doc (plain)', () => new CredentialIssuancePurpose().validate(signed.proof, {document: signed, verificationMethod: vmDoc, documentLoader: jsigs.extendContextLoader(loaderFramed)}));
await bench('structuredClone(signed)', async () => structuredClone(signed));
