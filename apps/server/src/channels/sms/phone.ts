// What an SMS adapter checks before it pays for a request: the address must be a mobile number.
// Mainland China numbers are checked exactly (11 digits, 13–19); elsewhere the E.164 shape only.
import type { SendResult } from '../port.ts';

const CN_MOBILE = /^\+861[3-9]\d{9}$/u;
const E164 = /^\+[1-9]\d{7,14}$/u;

/** null when the number can receive SMS as far as we can tell, else a permanent failure. */
export function smsAddressProblem(to: string): Extract<SendResult, { outcome: 'failed' }> | null {
  if (!E164.test(to))
    return {
      outcome: 'failed',
      permanent: true,
      error: `not a phone number in E.164 form: ${to}`,
      providerCode: 'NOT_E164',
    };
  if (to.startsWith('+86') && !CN_MOBILE.test(to))
    return {
      outcome: 'failed',
      permanent: true,
      error: `${to} is not a mobile number (mainland mobiles are 11 digits starting 13–19): it cannot receive SMS`,
      providerCode: 'NOT_MOBILE',
    };
  return null;
}
