import { GiftOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import '../referral.css';

/** Home: the 邀请好友 banner (one tap to the code, link and poster). */
export function ReferralEntry() {
  const { t } = useTranslation();
  return (
    <section className="section">
      <Link to="/referral" className="referral-entry" data-testid="referral-entry">
        <GiftOutline className="referral-entry-icon" />
        <span className="referral-entry-text">
          <span className="referral-entry-title">{t('referrals.entry')}</span>
          <span className="referral-entry-sub">{t('referrals.entryHint')}</span>
        </span>
        <RightOutline className="referral-entry-arrow" />
      </Link>
    </section>
  );
}
