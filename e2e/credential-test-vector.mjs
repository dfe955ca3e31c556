// Computes the pinned credential of crates/core/tests/credentials.rs
// independently of gedhub's Rust code: Digital Bazaar's Data Integrity
// suite (`eddsa-rdfc-2022`: jsonld.js toRdf, rdf-canonize RDFC-1.0,
// @noble/ed25519) for the embedded proof, then `jose` (EdDSA) for the JWT
// whose payload is the credential with the registered claims. Run from
// e2e/ after `npm ci`:
//
//     node credential-test-vector.mjs
//
// Writes crates/core/tests/data/credential-vector-signed.json and
// credential-vector.jwt from credential-vector.json. Key: RFC 8032
// section 7.1 test 1.

import fs from 'node:fs';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import jsigs from 'jsonld-signatures';
import {CompactSign, importJWK} from 'jose';
import {documentLoader} from './credential-contexts.mjs';

const DATA = new URL('../crates/core/tests/data/', import.meta.url);
const SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const PUBLIC = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
const DID = 'did:web:gedhub.example.org';
const KID = `${DID}#key-1`;
const CREATED = '2026-05-20T08:30:00Z';

const credential = JSON.parse(fs.readFileSync(new URL('credential-vector.json', DATA), 'utf8'));

const keyPair = await Ed25519Multikey.generate({seed: new Uint8Array(SEED), id: `${DID}#key-1-multikey`, controller: DID});
const suite = new DataIntegrityProof({signer: keyPair.signer(), date: CREATED, cryptosuite: eddsaRdfc2022});
const signed = await jsigs.sign(structuredClone(credential), {
  suite,
  purpose: new jsigs.purposes.AssertionProofPurpose(),
  documentLoader: documentLoader(),
});

// The payload: the signed credential plus the registered claims, as JSON
// with object keys sorted and no spaces (the bytes gedhub signs).
const seconds = (text) => Math.floor(Date.parse(text) / 1000);
const payload = {
  ...signed,
  iss: signed.issuer.id,
  jti: signed.id,
  sub: signed.credentialSubject.id,
  nbf: seconds(signed.validFrom),
  exp: seconds(signed.validUntil),
};
const sorted = (value) => Array.isArray(value) ? value.map(sorted)
  : value && typeof value === 'object'
    ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]))
    : value;
const key = await importJWK({
  kty: 'OKP', crv: 'Ed25519',
  x: PUBLIC.toString('base64url'), d: SEED.toString('base64url'),
}, 'EdDSA');
const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(sorted(payload))))
  .setProtectedHeader({alg: 'EdDSA', kid: KID, typ: 'JWT'})
  .sign(key);

fs.writeFileSync(new URL('credential-vector-signed.json', DATA), `${JSON.stringify(signed, null, 2)}\n`);
fs.writeFileSync(new URL('credential-vector.jwt', DATA), `${jwt}\n`);
console.log(signed.proof.proofValue);
