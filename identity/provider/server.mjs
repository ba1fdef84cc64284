// A local OpenID Provider for the demo and CI only: the certified `oidc-provider` package with
// the demo accounts' test identities (identities.json: invented personal identity numbers, valid
// by checksum, born 1912-12-12 like Skatteverket's "Tolvan"). It issues the OIDC Sweden claims
// (personalIdentityNumber, orgAffiliation) and the level of assurance loa3. Its login page lets
// one pick the identity: it is a test provider and proves nothing about anyone.
//
// Environment: OIDC_PORT (9090), OIDC_ISSUER (http://127.0.0.1:<port>), OIDC_CLIENT_ID and
// OIDC_CLIENT_SECRET (the demo's, see demo/identity.py), OIDC_REDIRECT_URIS (comma-separated).
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const LOA3 = 'http://id.elegnamnden.se/loa/1.0/loa3';
const PERSON_NUMBER = 'https://id.oidc.se/scope/naturalPersonNumber';
const PERSON_ORG = 'https://id.oidc.se/scope/naturalPersonOrgId';
const port = Number(process.env.OIDC_PORT || 9090);
const issuer = process.env.OIDC_ISSUER || `http://127.0.0.1:${port}`;
const redirectUris = (process.env.OIDC_REDIRECT_URIS
  || 'http://127.0.0.1:8000/accounts/e-id/callback/,http://localhost:8000/accounts/e-id/callback/')
  .split(',').map((uri) => uri.trim()).filter(Boolean);

const identities = JSON.parse(readFileSync(new URL('./identities.json', import.meta.url), 'utf8'));
const byUsername = new Map(identities.map((identity) => [identity.username, identity]));

function claimsOf(identity) {
  const claims = {
    sub: identity.username,
    given_name: identity.given_name,
    family_name: identity.family_name,
    name: `${identity.given_name} ${identity.family_name}`.trim(),
    personalIdentityNumber: identity.personalIdentityNumber,
  };
  if (identity.orgAffiliation) {
    claims.orgAffiliation = identity.orgAffiliation;
    claims.orgName = identity.orgName;
    claims.orgNumber = identity.orgAffiliation.split('@')[1];
  }
  return claims;
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-provider', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID || 'samverkansportalen-demo',
    client_secret: process.env.OIDC_CLIENT_SECRET || 'demo-client-secret-not-secret',
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true },
  acrValues: [LOA3],
  scopes: ['openid', 'profile', PERSON_NUMBER, PERSON_ORG],
  claims: {
    openid: ['sub'],
    acr: null,
    profile: ['given_name', 'family_name', 'name'],
    [PERSON_NUMBER]: ['personalIdentityNumber'],
    [PERSON_ORG]: ['orgAffiliation', 'orgName', 'orgNumber'],
  },
  findAccount: async (ctx, sub) => {
    const identity = byUsername.get(sub);
    return identity && { accountId: sub, claims: async () => claimsOf(identity) };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: false } },
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid) {
  const rows = identities.map((identity) => `
    <li><button name="account" value="${escape(identity.username)}">${escape(identity.username)}:
      ${escape(claimsOf(identity).name)}${identity.orgName ? ` (firmatecknare, ${escape(identity.orgName)})` : ''}
    </button></li>`).join('');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8">
<title>Testinloggning – lokal e-legitimation</title></head><body>
<main><h1>Testinloggning</h1>
<p>Detta är en lokal testleverantör för demo och test: välj vem du loggar in som.
Den utfärdar tillitsnivå 3 (loa3) och bevisar ingenting om någon.</p>
<form method="post" action="/interaction/${escape(uid)}/login"><ul>${rows}</ul></form>
</main></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (details.prompt.name === 'login' && action === 'login' && req.method === 'POST') {
    const account = (await readForm(req)).get('account');
    if (!byUsername.has(account)) throw new Error('unknown test identity');
    const result = { login: { accountId: account, acr: LOA3, amr: ['pwd'] } };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  if (details.prompt.name === 'login') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(loginPage(uid));
  }
  // Consent: the portal is the only client, first-party; what it asked for is granted.
  const { missingOIDCScope, missingOIDCClaims } = details.prompt.details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

const handle = provider.callback();
createServer(async (req, res) => {
  const match = req.url.match(/^\/interaction\/([\w-]+)(?:\/(login))?\/?(?:\?.*)?$/);
  if (!match) return handle(req, res);
  try {
    return await interaction(req, res, match[1], match[2]);
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    return res.end(`Testinloggningen misslyckades: ${error.message}`);
  }
}).listen(port, '127.0.0.1', () => {
  console.log(`Local OpenID Provider (test identities) at ${issuer}`);
});
