import { Button, Checkbox } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, api, errorMessage, useLoad, useSession } from '../api.ts';
import type { SessionBody } from '../api.ts';
import { maskPhone, normaliseMobileInput } from '../format.ts';

type FieldErrors = { phone?: string; code?: string; consent?: string; form?: string };

const DEFAULT_RESEND_SECONDS = 60;

/** Seconds left until `until` (a timestamp), ticking once a second. */
function useCountdown(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    setNow(Date.now());
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [until]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/**
 * Sign-in by mobile number and a one-time code sent by SMS. The referral landing reuses it:
 * `referralCode` goes with the sign-in (a new customer is attributed to the referrer), `hero`
 * replaces the business header (with the welcome offer) and `onSignedIn` replaces going home.
 */
export function SignInPage({
  referralCode,
  hero,
  onSignedIn,
}: {
  referralCode?: string;
  hero?: ReactNode;
  onSignedIn?: (session: SessionBody) => void;
} = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tenant, signedIn } = useSession();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [resendAt, setResendAt] = useState(0);
  /** The number the last code went to (shown under the code field). */
  const [codeSentTo, setCodeSentTo] = useState<{ phone: string; minutes: number } | null>(null);
  const codeSent = codeSentTo !== null;
  const codeRef = useRef<HTMLInputElement>(null);
  const secondsLeft = useCountdown(resendAt);
  // The shop's privacy policy: its version is what the owner accepts by ticking the box.
  const [agreed, setAgreed] = useState(false);
  const policy = useLoad(
    () => (tenant ? api.privacyPolicy(tenant.slug) : Promise.resolve(null)),
    `privacy-policy-${tenant?.slug ?? ''}`,
  );
  const policyVersion = policy.data?.version ?? null;

  if (!tenant) return null;

  /** Puts a server error next to its field, or above the button. */
  function showError(error: unknown) {
    const message = errorMessage(error);
    // A referral error (unknown code, closed programme) names the referral code, not the SMS code.
    const aboutReferral = error instanceof ApiError && error.code.startsWith('REFERRAL_');
    if (
      error instanceof ApiError &&
      !aboutReferral &&
      (error.field === 'phone' || error.field === 'code')
    ) {
      setErrors({ [error.field]: message });
    } else if (error instanceof ApiError && error.code === 'PRIVACY_CONSENT_REQUIRED') {
      // The policy changed since the page loaded: read it again and tick the box again.
      setAgreed(false);
      void policy.reload();
      setErrors({ consent: message });
    } else {
      setErrors({ form: message });
    }
    if (error instanceof ApiError) {
      const retryAfter = Number(error.details?.['retryAfterSeconds']);
      if (error.code === 'OTP_RATE_LIMITED' && retryAfter > 0)
        setResendAt(Date.now() + retryAfter * 1000);
    }
  }

  /**
   * Ticked before the policy's version has arrived (a slow network): the buttons wait for it
   * instead of asking for a tick the owner already gave.
   */
  const awaitingPolicy = agreed && !policyVersion && policy.loading;

  /** The accepted policy version, or null after asking for the tick. */
  function consent(): string | null {
    if (agreed && policyVersion) return policyVersion;
    setErrors({ consent: t('signIn.consentRequired') });
    return null;
  }

  async function sendCode() {
    if (sending || secondsLeft > 0 || !tenant) return;
    const mobile = normaliseMobileInput(phone);
    if (!mobile) {
      setErrors({ phone: t('signIn.phoneInvalid') });
      return;
    }
    const accepted = consent();
    if (!accepted) return;
    setErrors({});
    setSending(true);
    try {
      const sent = await api.sendCode(tenant.slug, mobile, accepted);
      setResendAt(Date.now() + (sent.resendAfterSeconds || DEFAULT_RESEND_SECONDS) * 1000);
      setCodeSentTo({
        phone: mobile,
        minutes: Math.max(1, Math.round(sent.expiresInSeconds / 60)),
      });
      codeRef.current?.focus();
    } catch (error) {
      showError(error);
    } finally {
      setSending(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (signingIn || !tenant) return;
    const mobile = normaliseMobileInput(phone);
    if (!mobile) {
      setErrors({ phone: t('signIn.phoneInvalid') });
      return;
    }
    const digits = code.trim();
    if (!/^\d{6}$/.test(digits)) {
      setErrors({ code: t(codeSent || digits ? 'signIn.codeInvalid' : 'signIn.codeFirst') });
      return;
    }
    const accepted = consent();
    if (!accepted) return;
    setErrors({});
    setSigningIn(true);
    try {
      const session = await api.signIn(tenant.slug, mobile, digits, accepted, referralCode);
      signedIn(session);
      if (onSignedIn) onSignedIn(session);
      else navigate('/', { replace: true });
    } catch (error) {
      setSigningIn(false);
      showError(error);
    }
  }

  const sendLabel =
    secondsLeft > 0
      ? t('signIn.resendIn', { seconds: secondsLeft })
      : codeSent
        ? t('signIn.resend')
        : t('signIn.sendCode');

  return (
    <div className="sign-in">
      {hero ?? (
        <header className="sign-in-hero">
          <div className="sign-in-logo" aria-hidden="true">
            {Array.from(tenant.name)[0] ?? '留'}
          </div>
          <p className="sign-in-greeting">{t('signIn.welcome')}</p>
          <h1 className="sign-in-business">{tenant.name}</h1>
          <p className="sign-in-hint">{t('signIn.hint')}</p>
        </header>
      )}

      <form className="sign-in-form" onSubmit={submit} noValidate>
        <h2 className="sign-in-title">{t('signIn.title')}</h2>

        <div className={errors.phone ? 'field field-error' : 'field'}>
          <label className="field-label" htmlFor="sign-in-phone">
            {t('signIn.phoneLabel')}
          </label>
          <span className="field-box">
            <span className="field-prefix">+86</span>
            <input
              className="field-input"
              id="sign-in-phone"
              data-testid="phone-input"
              name="phone"
              type="tel"
              inputMode="numeric"
              autoComplete="tel-national"
              maxLength={16}
              placeholder={t('signIn.phonePlaceholder')}
              value={phone}
              aria-invalid={Boolean(errors.phone)}
              aria-describedby={errors.phone ? 'phone-error' : undefined}
              onChange={(e) => {
                setPhone(e.target.value.replace(/[^\d+\s-]/g, ''));
                if (errors.phone || errors.form) setErrors({});
              }}
            />
          </span>
          {errors.phone && (
            <span className="field-message" id="phone-error" role="alert">
              {errors.phone}
            </span>
          )}
        </div>

        <div className={errors.code ? 'field field-error' : 'field'}>
          <label className="field-label" htmlFor="sign-in-code">
            {t('signIn.codeLabel')}
          </label>
          <span className="field-box">
            <input
              ref={codeRef}
              className="field-input"
              id="sign-in-code"
              data-testid="code-input"
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder={t('signIn.codePlaceholder')}
              value={code}
              aria-invalid={Boolean(errors.code)}
              aria-describedby={errors.code ? 'code-error' : undefined}
              onChange={(e) => {
                setCode(e.target.value.replace(/\D/g, '').slice(0, 6));
                if (errors.code || errors.form) setErrors({});
              }}
            />
            <Button
              className="send-code"
              data-testid="send-code"
              type="button"
              fill="none"
              color="primary"
              size="small"
              loading={sending || awaitingPolicy}
              disabled={secondsLeft > 0}
              onClick={() => void sendCode()}
            >
              {sendLabel}
            </Button>
          </span>
          {errors.code ? (
            <span className="field-message" id="code-error" role="alert">
              {errors.code}
            </span>
          ) : (
            codeSentTo && (
              <span className="field-hint" role="status">
                {t('signIn.codeSentTo', {
                  phone: maskPhone(codeSentTo.phone),
                  minutes: codeSentTo.minutes,
                })}
              </span>
            )
          )}
        </div>

        <div
          className={errors.consent ? 'sign-in-consent sign-in-consent-error' : 'sign-in-consent'}
        >
          <Checkbox
            data-testid="privacy-consent"
            checked={agreed}
            onChange={(v) => {
              setAgreed(v);
              if (errors.consent) setErrors({});
            }}
          >
            <span className="sign-in-consent-text">
              {t('signIn.consentPrefix')}
              <Link to="/privacy" data-testid="privacy-link" onClick={(e) => e.stopPropagation()}>
                {t('signIn.consentLink', { shop: tenant.name })}
              </Link>
            </span>
          </Checkbox>
          {errors.consent && (
            <span className="field-message" role="alert" data-testid="consent-error">
              {errors.consent}
            </span>
          )}
        </div>

        {errors.form && (
          <div className="form-message" role="alert">
            {errors.form}
          </div>
        )}

        <Button
          data-testid="sign-in"
          type="submit"
          color="primary"
          size="large"
          block
          shape="rounded"
          loading={signingIn || awaitingPolicy}
        >
          {t('signIn.submit')}
        </Button>
      </form>
    </div>
  );
}
