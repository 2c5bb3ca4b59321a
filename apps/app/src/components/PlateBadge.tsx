import { useTranslation } from 'react-i18next';
import { plateColour, splitPlate } from '../format.ts';

/**
 * A Chinese licence plate: blue for 7-character fuel-car plates, green gradient for
 * 8-character new-energy plates. The element's text is exactly the plate ("京A12345");
 * the dot between the city letter and the serial is drawn by CSS.
 */
export function PlateBadge({
  plate,
  size = 'md',
  testId,
}: {
  plate: string | null;
  size?: 'md' | 'lg';
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!plate) {
    return (
      <span className={`plate plate-plain plate-${size}`} data-testid={testId}>
        <span className="plate-inner">{t('vehicle.noPlate')}</span>
      </span>
    );
  }
  const [region, serial] = splitPlate(plate);
  const colour = plateColour(plate);
  return (
    <span className={`plate plate-${colour} plate-${size}`} data-testid={testId} translate="no">
      <span className="plate-inner">
        {region && <span className="plate-region">{region}</span>}
        <span className={region ? 'plate-serial plate-serial-dot' : 'plate-serial'}>{serial}</span>
      </span>
    </span>
  );
}
