// The order page's two print buttons; each opens the print page in its layout in a new tab.
import { Button } from 'antd';
import { FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { printPath } from './receipt.ts';

export default function PrintButtons({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const href = (layout: 'a4' | 'thermal') => `/console${printPath(orderId, layout)}`;
  return (
    <>
      <Button icon={<FileTextOutlined />} href={href('a4')} target="_blank" data-testid="print-a4">
        {t('receipts.printA4')}
      </Button>
      <Button
        icon={<PrinterOutlined />}
        href={href('thermal')}
        target="_blank"
        data-testid="print-thermal"
      >
        {t('receipts.printThermal')}
      </Button>
    </>
  );
}
