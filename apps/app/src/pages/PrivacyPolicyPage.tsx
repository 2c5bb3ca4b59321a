// The shop's privacy policy (linked from sign-in, before the owner has an account), in the
// app's language; the version shown is the one the sign-in consent accepts.
import { NavBar, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, errorMessage, useLoad, useSession } from '../api.ts';
import { LoadError } from '../components/StatusScreen.tsx';

export function PrivacyPolicyPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { tenant } = useSession();
  const policy = useLoad(
    () => (tenant ? api.privacyPolicy(tenant.slug) : Promise.resolve(null)),
    `privacy-policy-${tenant?.slug ?? ''}-${i18n.language}`,
  );
  const back = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate('/', { replace: true });
  };
  return (
    <div className="page" data-testid="privacy-policy-page">
      <NavBar className="page-nav" onBack={back}>
        {t('privacyPolicy.title')}
      </NavBar>
      <section className="section privacy-policy">
        {policy.error ? (
          <LoadError message={errorMessage(policy.error)} onRetry={() => void policy.reload()} />
        ) : !policy.data ? (
          <Skeleton.Paragraph lineCount={8} animated />
        ) : (
          <>
            <h1 className="privacy-policy-title">
              {t('privacyPolicy.heading', { shop: policy.data.tenantName })}
            </h1>
            <p className="muted">{t('privacyPolicy.version', { version: policy.data.version })}</p>
            {policy.data.paragraphs.map((p) => (
              <p key={p} className="privacy-policy-text">
                {p}
              </p>
            ))}
          </>
        )}
      </section>
    </div>
  );
}
