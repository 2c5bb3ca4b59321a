// The print page of an order, outside the console's frame: the A4 order or the 80 mm slip, and
// a print button (printing waits for the click, so the page can be looked at first).
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Button, Flex, Segmented } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NotLoaded, useLoad } from '../../kit/index.ts';
import { A4Receipt, A4_CSS } from './A4Receipt.tsx';
import { ThermalReceipt, THERMAL_CSS } from './ThermalReceipt.tsx';
import { loadReceipt, type PrintLayout } from './receipt.ts';

export default function ReceiptPrintPage() {
  const { orderId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation();
  const layout: PrintLayout = params.get('layout') === 'thermal' ? 'thermal' : 'a4';
  const loaded = useLoad(() => loadReceipt(orderId), [orderId]);
  const back = <Link to={`/service-orders/${orderId}`}>{t('receipts.back')}</Link>;
  const r = loaded.data;

  return (
    <div style={{ background: '#fff', minHeight: '100vh' }}>
      <style>{layout === 'thermal' ? THERMAL_CSS : A4_CSS}</style>
      <Flex
        className="no-print"
        align="center"
        justify="space-between"
        gap={12}
        style={{ padding: '12px 16px', borderBottom: '1px solid #eee' }}
      >
        {back}
        <Segmented
          value={layout}
          onChange={(v) => setParams({ layout: String(v) }, { replace: true })}
          options={[
            { value: 'a4', label: t('receipts.printA4') },
            { value: 'thermal', label: t('receipts.printThermal') },
          ]}
        />
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!r}
          onClick={() => window.print()}
          data-testid="receipt-print"
        >
          {t('receipts.print')}
        </Button>
      </Flex>
      {r ? (
        layout === 'thermal' ? (
          <ThermalReceipt r={r} />
        ) : (
          <A4Receipt r={r} />
        )
      ) : (
        <div style={{ padding: 16 }}>
          <NotLoaded loaded={loaded} notFound={t('receipts.notFound')} back={back} rows={8} />
        </div>
      )}
    </div>
  );
}
