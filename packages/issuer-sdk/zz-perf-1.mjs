import * as vc from '@digitalbazaar/vc';
import { Ed25519Signature2020, suiteContext } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { bundledContexts } from '@vaxcert/schemas';
import { readFileSync } from 'node:fs';

const docs = bundledContexts(); const credContexts = docs;
const key = await Ed25519VerificationKey2020.generate({ controller: 'did:web:issuer.example' });
key.id = 'did:web:issuer.example#key-1';
const loader = async (url) => {
  if (docs.has(url)) return { contextUrl: null, documentUrl: url, document: docs.get(url) };
  if (url === key.id || url === 'did:web:issuer.example') {
    const vm = key.export({ publicKey: true, includeContext: true });
    if (url === key.id) return { contextUrl: null, documentUrl: url, document: vm };
    return { contextUrl: null, documentUrl: url, document: { '@context': ['https://www.w3.org/ns/did/v1', suiteContext.CONTEXT_URL], id: 'did:web:issuer.example', assertionMethod: [vm] } };
  }
  throw new Error('not bundled ' + url);
};
console.log([...credContexts.keys()]);
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/vaxcert/v1', suiteContext.CONTEXT_URL],
  id: 'urn:uuid:2b3a9a5e-8f3e-4f0e-9a55-0f3f9d2f4b11',
  type: ['VerifiableCredential', 'VaccinationCertificate'],
  issuer: 'did:web:issuer.example',
  validFrom: '2021-09-17T05:12:39Z',
  credentialSubject: { type: 'Person', name: 'Abdul', age: 61, gender: 'Male', beneficiaryId: '123', address: { type: 'PostalAddress', city: 'G', pincode: '781008' } },
  evidence: [{ type: 'Vaccination', vaccine: 'COVISHIELD', dose: 1, totalDoses: 2, date: '2021-09-17T05:12:39.000Z', vaccinator: { type: 'Vaccinator', name: 'X', identifier: 'VAC-1' }, facility: { type: 'Facility', name: 'F', address: { type: 'PostalAddress', city: 'G' } } }]
};
const suite = new Ed25519Signature2020({ key });
let t = performance.now();
const signed = await vc.issue({ credential, suite, documentLoader: loader });
console.log('issue ms', performance.now() - t);
console.log(JSON.stringify(signed).length);
for (let i = 0; i < 20; i++) await vc.issue({ credential, suite, documentLoader: loader });
t = performance.now(); for (let i = 0; i < 100; i++) await vc.issue({ credential, suite, documentLoader: loader }); console.log('issue warm ms', (performance.now() - t)/100);
console.log('signed===credential', signed===credential, 'proofs on signed:', [].concat(signed.proof).length);
const vs = new Ed25519Signature2020();
let r = await vc.verifyCredential({ credential: signed, suite: vs, documentLoader: loader });
console.log('verified', r.verified, r.error?.errors?.[0]?.message ?? r.error);
t = performance.now(); for (let i = 0; i < 100; i++) await vc.verifyCredential({ credential: signed, suite: vs, documentLoader: loader }); console.log('verify warm ms', (performance.now() - t)/100);
const t2 = structuredClone(signed); [t2.evidence[0].dose, t2.evidence[0].totalDoses] = [2, 1];
r = await vc.verifyCredential({ credential: t2, suite: vs, documentLoader: loader }); console.log('swapped', r.verified);
const t3 = structuredClone(signed); t3.credentialSubject.foo = 'x';
r = await vc.verifyCredential({ credential: t3, suite: vs, documentLoader: loader }); console.log('added', r.verified, r.error?.errors?.[0]?.message);
