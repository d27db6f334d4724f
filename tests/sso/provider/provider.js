// A real OpenID provider (the certified `oidc-provider` package) for the single sign-on tests.
// Usage: node provider.js PORT REDIRECT_URI. One static client, one user with a groups claim;
// devInteractions are the package's own plain login and consent pages (any password is taken).
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

// Typed into the provider's login page as the login; the key is the subject (sub).
const accounts = {
  dr_sso: {
    email: 'dr.sso@example.org',
    email_verified: true,
    preferred_username: 'dr_sso',
    given_name: 'Sam',
    family_name: 'Okafor',
    groups: ['Haematology', 'All staff'],
  },
};

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'ivig-test',
      client_secret: 'ivig-test-secret',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256',
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }] },
  cookies: { keys: ['only-for-tests'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['preferred_username', 'given_name', 'family_name'],
    groups: ['groups'],
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, sub) {
    if (!accounts[sub]) return undefined;
    return { accountId: sub, async claims() { return { sub, ...accounts[sub] }; } };
  },
});

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`listening on ${issuer}`);
});
