// The signed-in account of the management page, and requests that survive an expired session.
import { ApiError } from '../api.js';
import { signInAgain } from './login.js';

export const session = { account: null };

/** Runs a request; when the session has run out, signs in again in a dialog and repeats it once. */
export async function authed(request) {
  try {
    return await request();
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401) || !session.account) throw err;
    const account = await signInAgain(session.account.email);
    if (!account) throw err;
    session.account = account;
    return request();
  }
}
