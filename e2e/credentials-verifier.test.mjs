// Every credential `gedhub demo` issued, verified by implementations other
// than gedhub's, against the running server as a relying party would:
// - the VC-JWT with `jose` (EdDSA, key from the did:web document by `kid`;
//   the payload must BE the OpenBadgeCredential, with iss/jti/sub/nbf/exp);
// - the JSON-LD form's embedded `eddsa-rdfc-2022` proof with Digital
//   Bazaar's `@digitalbazaar/vc` + Data Integrity suite (jsonld.js,
//   rdf-canonize), contexts from npm packages, never fetched;
// - the revocation status with the Bitstring Status List rules, the list
//   fetched without an Accept header (a verifiable credential by default)
//   and its own proof verified the same way.
// Then a revocation is seen by that verifier, and presented credentials are
// checked on the public "check a credential" page (pasted JWT, uploaded
// JSON-LD), which passes axe.
//
// did:web resolves over HTTPS; here the DID document is read from the demo
// server's /.well-known/did.json over plain HTTP (loopback only).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { jwtVerify, importJWK, decodeProtectedHeader } from 'jose';
import { documentLoader } from './credential-contexts.mjs';
import {
  ACCOUNTS, DEMO_PASSWORD, BASE_URL, launchBrowser, withPage, signIn, visit, checkA11y,
  navigateBy,
} from './lib.mjs';

const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** GETs a public document from the demo server. */
async function get(url, accept) {
  const response = await fetch(url, { headers: accept ? { accept } : {} });
  assert.equal(response.status, 200, `${url}: ${response.status}`);
  return response;
}

/** The issuer's DID document (did:web → /.well-known/did.json). */
async function didDocument(did) {
  assert.match(did, /^did:web:/);
  const host = decodeURIComponent(did.slice('did:web:'.length).split(':')[0]);
  assert.equal(`http://${host}`, BASE_URL, 'the demo issues for the address it listens on');
  const document = await (await get(`${BASE_URL}/.well-known/did.json`)).json();
  assert.equal(document.id, did);
  return document;
}

/** A document loader: packaged contexts, and the issuer's DID document and
 * verification methods (with the Multikey context Digital Bazaar expects). */
const loader = documentLoader(async (url) => {
  if (!url.startsWith('did:web:')) return null;
  const [did] = url.split('#');
  const document = await didDocument(did);
  if (!url.includes('#')) return document;
  const method = document.verificationMethod.find((m) => m.id === url);
  assert.ok(method, `${url} is published`);
  return { '@context': 'https://w3id.org/security/multikey/v1', ...method };
});

const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

/** Verifies an embedded proof with Digital Bazaar's library (its date
 * checks at `now`); returns the result. */
async function verifyEmbedded(credential, now = new Date()) {
  return vc.verifyCredential({
    credential,
    suite,
    documentLoader: loader,
    now,
    checkStatus: async () => ({ verified: true }),
  });
}

/** Whether the credential's revocation bit is set, from its status list
 * credential (fetched without Accept; its own proof verified). */
async function revoked(credential) {
  const status = credential.credentialStatus;
  assert.equal(status.type, 'BitstringStatusListEntry');
  assert.equal(status.statusPurpose, 'revocation');
  const response = await get(status.statusListCredential);
  assert.equal(response.headers.get('content-type'), 'application/vc');
  const list = await response.json();
  assert.equal(list.id, status.statusListCredential);
  assert.ok(list.type.includes('BitstringStatusListCredential'));
  const result = await verifyEmbedded(list);
  assert.ok(result.verified, `status list proof: ${JSON.stringify(result.error ?? result)}`);
  assert.equal(list.issuer, credential.issuer.id ?? credential.issuer);
  // The list is signed with the key that signed the credential.
  const signer = (proof) => proof.verificationMethod.replace(/-multikey$/, '');
  assert.equal(signer(list.proof), signer(credential.proof));
  const encoded = list.credentialSubject.encodedList;
  assert.ok(encoded.startsWith('u'));
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  assert.ok(bits.length >= 16 * 1024, 'at least 131,072 bits');
  const index = Number(status.statusListIndex);
  return (bits[index >> 3] & (0x80 >> (index % 8))) !== 0;
}

/** Verifies the VC-JWT with jose (its date checks at `now`); returns the
 * credential (payload less the registered claims) after checking the
 * payload is the credential. */
async function verifyJwt(jwt, now = new Date()) {
  const header = decodeProtectedHeader(jwt);
  assert.deepEqual(Object.keys(header).sort(), ['alg', 'kid', 'typ']);
  assert.equal(header.alg, 'EdDSA');
  assert.equal(header.typ, 'JWT');
  const did = await didDocument(header.kid.split('#')[0]);
  const method = did.verificationMethod.find((m) => m.id === header.kid);
  assert.equal(method.type, 'JsonWebKey');
  assert.equal(method.publicKeyJwk.d, undefined);
  const key = await importJWK(method.publicKeyJwk, 'EdDSA');
  const { payload } = await jwtVerify(jwt, key, { algorithms: ['EdDSA'], typ: 'JWT', currentDate: now });
  assert.equal(payload.vc, undefined, 'the payload is the credential, not a vc claim');
  assert.deepEqual(payload['@context'].slice(0, 2), ['https://www.w3.org/ns/credentials/v2', OB_CONTEXT]);
  assert.ok(payload.type.includes('OpenBadgeCredential'));
  assert.equal(payload.iss, payload.issuer.id);
  assert.equal(payload.jti, payload.id);
  assert.equal(payload.sub, payload.credentialSubject.id);
  assert.equal(payload.nbf, Date.parse(payload.validFrom) / 1000);
  if (payload.validUntil) assert.equal(payload.exp, Date.parse(payload.validUntil) / 1000);
  else assert.equal(payload.exp, undefined);
  const { iss, jti, sub, nbf, exp, ...credential } = payload;
  return credential;
}

/** Every credential of the demo, by holder, through the API. */
async function demoCredentials(page) {
  const users = await (await page.request.get('/api/v1/users')).json();
  const all = [];
  for (const user of users) {
    const response = await page.request.get(`/api/v1/candidates/${encodeURIComponent(user.email)}/credentials`);
    assert.equal(response.status(), 200);
    for (const credential of await response.json()) all.push({ ...credential, email: user.email });
  }
  return all;
}

/** Verifies one listed credential as a relying party would: both forms,
 * its status as listed, its achievement and image. */
async function verifyListed(item) {
  const jwt = (await (await get(`${item.url}.jwt`)).text()).trim();
  const response = await get(item.url);
  assert.equal(response.headers.get('content-type'), 'application/vc');
  const credential = await response.json();
  // An expired credential (a lapsed recognition) is refused as expired
  // by both verifiers, and verifies within its validity period.
  let now = new Date();
  if (item.status === 'expired') {
    await assert.rejects(verifyJwt(jwt), { code: 'ERR_JWT_EXPIRED' });
    assert.equal((await verifyEmbedded(credential)).verified, false);
    now = new Date(Date.parse(credential.validUntil) - 1000);
  }
  const fromJwt = await verifyJwt(jwt, now);
  // Both forms carry the same credential, embedded proof included.
  assert.deepEqual(fromJwt, credential);
  const result = await verifyEmbedded(credential, now);
  assert.ok(result.verified, `${item.url}: ${JSON.stringify(result.error ?? result)}`);
  const isRevoked = await revoked(credential);
  assert.equal(isRevoked, item.status === 'revoked', `${item.url} status ${item.status}`);
  // The achievement and its image resolve.
  const achievement = credential.credentialSubject.achievement;
  const json = await (await get(achievement.id, 'application/ld+json')).json();
  assert.equal(json.id, achievement.id);
  assert.equal((await get(achievement.image.id)).headers.get('content-type'), 'image/svg+xml');
}

/** Rotates the issuer's signing key with the CLI, as an operator would,
 * on the running demo's database; returns the new key's name. */
function rotateKey() {
  const bin = process.env.GEDHUB_BIN;
  const database = process.env.GEDHUB_E2E_DATABASE_URL;
  assert.ok(bin && database, 'scripts/test.sh passes GEDHUB_BIN and GEDHUB_E2E_DATABASE_URL');
  return execFileSync(bin, ['credentials', 'rotate-key', '--database', database], { encoding: 'utf8' }).trim();
}

test('independent verifiers accept every demo credential in both forms, and see a revocation', { timeout: 300_000 }, async () => {
  await withPage(browser, async (page) => {
    await signIn(page, ACCOUNTS.secretariat, DEMO_PASSWORD);
    await checkA11y(page);
    const listed = await demoCredentials(page);
    assert.ok(listed.length >= 10, `the demo issued credentials (${listed.length})`);
    const statuses = new Map();
    for (const item of listed) {
      statuses.set(item.status, (statuses.get(item.status) ?? 0) + 1);
      await verifyListed(item);
    }

    console.log(`verified ${listed.length} demo credentials:`, Object.fromEntries(statuses));

    // Key rotation: every credential signed before it keeps verifying, its
    // status included (each key signs its own status lists).
    const before = await (await get(`${BASE_URL}/.well-known/did.json`)).json();
    const newKey = rotateKey();
    const after = await (await get(`${BASE_URL}/.well-known/did.json`)).json();
    assert.ok(after.verificationMethod.length > before.verificationMethod.length, `${newKey} is published`);
    for (const method of before.verificationMethod) {
      assert.ok(after.verificationMethod.some((m) => m.id === method.id), `${method.id} stays published`);
    }
    for (const item of listed) await verifyListed(item);

    // Revocation: the Secretariat withdraws a recognition (of a demo expert
    // other tests do not use); the independent status check sees it; then
    // the expert is recognized again.
    await visit(page, '/users');
    await checkA11y(page);
    const rows = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      email: tr.children[1]?.textContent.trim(),
      withdraw: tr.querySelector('form[action$="/recognition/withdraw"]')?.getAttribute('action'),
    })));
    const target = listed.find((c) => c.email !== ACCOUNTS.expert && c.kind === 'expert_recognition'
      && c.status === 'valid' && rows.some((r) => r.email === c.email && r.withdraw));
    assert.ok(target, 'a demo expert other than the e2e one holds a valid recognition credential');
    const credential = await (await get(target.url)).json();
    assert.equal(await revoked(credential), false);
    const action = rows.find((r) => r.email === target.email).withdraw;
    const origin = { origin: BASE_URL };
    const withdraw = await page.request.post(action, { headers: origin, form: {}, maxRedirects: 0 });
    assert.equal(withdraw.status(), 303);
    assert.equal(await revoked(credential), true, 'the revocation is seen by the independent verifier');
    const today = new Date().toISOString().slice(0, 10);
    const renew = await page.request.post(action.replace(/\/withdraw$/, ''), { headers: origin, form: { recognized_on: today }, maxRedirects: 0 });
    assert.equal(renew.status(), 303);
    // The renewed recognition's credential is signed with the new key and
    // verifies like the others.
    const renewed = (await demoCredentials(page)).find((c) => c.email === target.email
      && c.kind === 'expert_recognition' && c.status === 'valid');
    assert.ok(renewed, 'the renewed recognition has a valid credential');
    assert.notEqual(renewed.url, target.url);
    await verifyListed(renewed);
    const renewedCredential = await (await get(renewed.url)).json();
    assert.notEqual(renewedCredential.proof.verificationMethod, credential.proof.verificationMethod,
      'signed with the key made by the rotation');
  });
});

test('a presented credential is checked on the public page', { timeout: 120_000 }, async () => {
  await withPage(browser, async (page) => {
    await signIn(page, ACCOUNTS.expert, DEMO_PASSWORD);
    await checkA11y(page);
    const mine = await (await page.request.get(`/api/v1/candidates/${ACCOUNTS.expert}/credentials`)).json();
    const recognition = mine.find((c) => c.kind === 'expert_recognition');
    const jwt = (await (await get(`${recognition.url}.jwt`)).text()).trim();
    const json = await (await get(recognition.url)).text();

    const form = await visit(page, '/credentials/check');
    assert.equal(form.status(), 200);
    await checkA11y(page);
    await page.fill('#check-presented', jwt);
    await navigateBy(page, () => page.click('#check-submit'));
    assert.equal(await page.locator('#check-result').getAttribute('data-result'), 'valid');
    assert.match(await page.locator('#check-achievement').innerText(), /Recognized GED Expert/);
    await checkA11y(page);

    await page.setInputFiles('#check-file', { name: 'credential.json', mimeType: 'application/json', buffer: Buffer.from(json) });
    await navigateBy(page, () => page.click('#check-submit'));
    assert.equal(await page.locator('#check-result').getAttribute('data-result'), 'valid');
    assert.equal(await page.locator('#check-result').getAttribute('data-form'), 'json');
    await checkA11y(page);

    // A tampered copy is not authentic.
    const [h, p, s] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    claims.credentialSubject.identifier[0].identityHash = 'Someone Else';
    await page.fill('#check-presented', `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`);
    await navigateBy(page, () => page.click('#check-submit'));
    assert.equal(await page.locator('#check-result').getAttribute('data-result'), 'bad_signature');
    await checkA11y(page);
  });
});
