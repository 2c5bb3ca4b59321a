import { RightOutline, TeamOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import '../deals.css';

/** Home: the 拼团 banner (one tap to the deals, two to a deal, three to join). */
export function DealsEntry() {
  const { t } = useTranslation();
  return (
    <section className="section">
      <Link to="/deals" className="deals-entry" data-testid="deals-entry">
        <TeamOutline className="deals-entry-icon" />
        <span className="deals-entry-text">
          <span className="deals-entry-title">{t('deals.entry')}</span>
          <span className="deals-entry-sub">{t('deals.entryHint')}</span>
        </span>
        <RightOutline className="deals-entry-arrow" />
      </Link>
    </section>
  );
}
