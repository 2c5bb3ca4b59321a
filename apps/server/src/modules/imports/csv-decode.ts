// The file's bytes as text (UTF-8 with or without BOM, UTF-16 with BOM, GBK / GB18030) and the
// text as records (csv-parse, the delimiter detected). Pure.
import { parse } from 'csv-parse/sync';
import { AppError } from '../../kernel/errors.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

type Messages = { 'zh-CN': string; en: string };

// ---------------------------------------------------------------------------------------------
// Decoding

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

function fileInvalid(reason: string, message: Messages, details: Record<string, unknown> = {}) {
  return new AppError('IMPORT_FILE_INVALID', {
    field: 'file',
    details: { reason, ...details },
    message,
  });
}

/**
 * Decodes a CSV file as spreadsheets and DMSs write them: UTF-8 (with or without BOM), UTF-16
 * with a BOM (Excel's "Unicode text"), otherwise GBK / GB18030 (Excel on Chinese Windows).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.length === 0)
    throw fileInvalid('empty', { 'zh-CN': '文件是空的', en: 'The file is empty' });
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    throw fileInvalid('xlsx', {
      'zh-CN': '这是 Excel 文件，请在 Excel 中“另存为 CSV”后再上传',
      en: 'This is an Excel workbook; save it as CSV first',
    });
  const attempt = (label: string, from: number, encoding: Encoding) => {
    try {
      return {
        text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from)),
        encoding,
      };
    } catch {
      return null;
    }
  };
  const bom: [number[], string, Encoding][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8', 'utf-8-bom'],
    [[0xff, 0xfe], 'utf-16le', 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be', 'utf-16be'],
  ];
  const marked = bom.find(([prefix]) => startsWith(bytes, prefix));
  // NUL bytes never occur in a text CSV of an 8-bit encoding: binary, or UTF-16 without BOM.
  if (!marked && bytes.includes(0))
    throw fileInvalid('binary', {
      'zh-CN': '文件不是文本格式的 CSV',
      en: 'The file is not a text CSV file',
    });
  const result = marked
    ? attempt(marked[1], marked[0].length, marked[2])
    : (attempt('utf-8', 0, 'utf-8') ?? attempt('gb18030', 0, 'gb18030'));
  if (!result)
    throw new AppError('IMPORT_ENCODING_UNSUPPORTED', {
      field: 'file',
      details: { reason: 'encoding' },
    });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** The delimiter of the header line: comma, or a tab / semicolon if that is what it uses. */
function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const first = end < 0 ? text : text.slice(0, end);
  const unquoted = first.replace(/"[^"]*"/g, '');
  const count = (ch: string) => unquoted.split(ch).length - 1;
  const candidates = [',', '\t', ';'].map((d) => ({ d, n: count(d) }));
  const best = candidates.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ',';
}

export interface ParsedCsv {
  headers: string[];
  /** Data records with their spreadsheet row number (the header is row 1). Blank rows dropped. */
  rows: { row: number; cells: string[] }[];
}

export function parseCsv(text: string): ParsedCsv {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    throw fileInvalid(
      'syntax',
      {
        'zh-CN': `CSV 格式错误（第 ${e.lines ?? '?'} 行附近），请检查引号是否成对`,
        en: `The CSV is malformed near line ${e.lines ?? '?'}; check that quotes are paired`,
      },
      { line: e.lines ?? null, parser: e.code ?? null },
    );
  }
  const [head, ...data] = records;
  const headers = (head ?? []).map((h) => h.replace(/^\uFEFF/, '').trim());
  if (!headers.some((h) => h !== ''))
    throw fileInvalid('empty', { 'zh-CN': '文件没有表头行', en: 'The file has no header row' });
  const rows: ParsedCsv['rows'] = [];
  data.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 2, cells });
  });
  return { headers, rows };
}
