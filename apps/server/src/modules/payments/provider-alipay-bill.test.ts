// Alipay's downloaded trade bill: a ZIP of GBK CSV files whose details are found by their header.
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { alipayBillTable, parseAlipayBill } from './provider-alipay-bill.ts';
import { alipayBillZip } from './testing/doubles.ts';

const trades = [
  { number: 'LP0001', amountFen: 50_000, status: 'TRADE_SUCCESS', tradeNo: '2026120122001' },
  { number: 'LP0002', amountFen: 9_990, status: 'TRADE_SUCCESS', tradeNo: '2026120122002' },
  { number: 'LP0003', amountFen: 100, status: 'WAIT_BUYER_PAY', tradeNo: '2026120122003' },
];

describe('Alipay trade bill', () => {
  it('reads trades and refunds from the details file of the archive, GBK and tab-padded', () => {
    const zip = alipayBillZip(trades, [{ number: 'LP0001', requestNo: 'R0001', amountFen: 5_000 }]);
    expect(parseAlipayBill(alipayBillTable(zip))).toEqual([
      {
        kind: 'payment',
        paymentNumber: 'LP0001',
        refundNumber: null,
        providerTxnId: '2026120122001',
        amountFen: 50_000,
      },
      {
        kind: 'payment',
        paymentNumber: 'LP0002',
        refundNumber: null,
        providerTxnId: '2026120122002',
        amountFen: 9_990,
      },
      {
        kind: 'refund',
        paymentNumber: 'LP0001',
        refundNumber: 'R0001',
        providerTxnId: '2026120122001',
        amountFen: 5_000,
      },
    ]);
  });

  it('reads a bare UTF-8 CSV, with quoted values holding commas', () => {
    const csv = [
      '#支付宝业务明细查询',
      '支付宝交易号,商户订单号,业务类型,商品名称,订单金额（元）,退款批次号/请求号',
      '2026120122009\t,LP0009\t,交易\t,"保养, 机油"\t,12.30\t,',
      '#交易合计：1笔',
    ].join('\n');
    expect(parseAlipayBill(alipayBillTable(new TextEncoder().encode(csv)))).toEqual([
      {
        kind: 'payment',
        paymentNumber: 'LP0009',
        refundNumber: null,
        providerTxnId: '2026120122009',
        amountFen: 1_230,
      },
    ]);
  });

  it('refuses an archive without a details file, and a table without the needed columns', () => {
    const summaryOnly = zipSync({
      'x.csv': iconv.encode('门店编号,交易订单总笔数\n合计,1', 'gbk'),
    });
    expect(() => alipayBillTable(summaryOnly)).toThrow(/no details file/u);
    expect(() => parseAlipayBill([['支付宝交易号', '备注']])).toThrow(/no order number/u);
  });
});
