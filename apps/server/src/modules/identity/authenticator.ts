// How the HTTP layer turns a credential into an actor: sessions and API keys live here, and the
// composition root hands this to the HTTP layer (which imports no module).
import type { Authenticator } from '../../http/route.ts';
import { resolveApiKey, sessionFromRows, sessionStatement } from './identity.service.ts';

export const identityAuthenticator: Authenticator = {
  sessionStatement,
  sessionFromRows,
  resolveApiKey,
};
