// Alipay's trade bill (业务明细): the download URL of alipay.data.dataservice.bill.downloadurl.query
// answers a ZIP holding two GBK-encoded CSV files, the details (one line per trade or refund) and
// their summary (汇总). Comment lines start with "#", values carry a trailing tab, refunds are
// negative. Entry names are GBK without the ZIP's UTF-8 flag, so the details file is found by its
// header, not its name.
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { yuanToFen, type StatementLine } from './port.ts';

const HEADER = {
  txn: '支付宝交易号',
  number: '商户订单号',
  type: '业务类型',
  amount: '订单金额（元）',
  requestNo: '退款批次号/请求号',
} as const;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The rows of a bill file without its "#" comment lines, each value trimmed of its tab. */
function rows(text: string): string[][] {
  const body = text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .join('\n');
  const parsed: string[][] = parse(body, { relax_column_count: true, relax_quotes: true });
  return parsed.map((r) => r.map((v) => v.trim()));
}

const isDetails = (table: string[][]) =>
  (table[0] ?? []).includes(HEADER.txn) && (table[0] ?? []).includes(HEADER.number);

/** The details table of a downloaded bill: the ZIP's details file, or a bare CSV (UTF-8). */
export function alipayBillTable(bytes: Uint8Array): string[][] {
  if (!isZip(bytes)) return rows(new TextDecoder('utf-8').decode(bytes));
  const files = Object.values(unzipSync(bytes)).map((b) =>
    rows(iconv.decode(Buffer.from(b), 'gbk')),
  );
  const details = files.find(isDetails);
  if (!details) throw new Error('the bill archive holds no details file');
  return details;
}

/** One statement line per trade or refund of the details table. */
export function parseAlipayBill(table: string[][]): StatementLine[] {
  const header = table[0] ?? [];
  const col = (name: string) => header.indexOf(name);
  const [txn, number, type, amount, requestNo] = [
    col(HEADER.txn),
    col(HEADER.number),
    col(HEADER.type),
    col(HEADER.amount),
    col(HEADER.requestNo),
  ];
  if (number < 0 || amount < 0) throw new Error('the bill has no order number or amount column');
  return table.slice(1).map((v) => {
    const refund = v[type] === '退款';
    return {
      kind: refund ? ('refund' as const) : ('payment' as const),
      paymentNumber: v[number] ?? '',
      refundNumber: refund ? v[requestNo] || null : null,
      providerTxnId: v[txn] || null,
      amountFen: Math.abs(yuanToFen((v[amount] ?? '').replace(/^-/u, '')) ?? 0),
    };
  });
}
