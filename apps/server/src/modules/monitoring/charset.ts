// Turning a feed's bytes into text whatever it claims: a byte-order mark wins, then the charset of
// the Content-Type, then the XML declaration; a claimed UTF-8 that is not valid UTF-8 falls
// through to the next claim, and bytes with no valid claim are read as GB18030 (a superset of
// GBK and GB2312, the usual mislabelled Chinese feed). iconv-lite decodes what Node cannot.
import iconv from 'iconv-lite';

const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  utf8: 'utf-8',
};

/** A charset label normalised to what iconv-lite knows, or null when it knows none. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .replace(/^["']|["']$/gu, '')
    .toLowerCase();
  const name = ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset named by a Content-Type header (`text/xml; charset=GBK`). */
export function charsetOfContentType(contentType: string | null | undefined): string | null {
  const m = /charset\s*=\s*("?)([^";,\s]+)\1/iu.exec(contentType ?? '');
  return m ? normaliseCharset(m[2]) : null;
}

/** The encoding of an XML declaration in the first bytes (`<?xml version="1.0" encoding="gbk"?>`). */
export function charsetOfXmlDeclaration(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/u.exec(head);
  return m ? normaliseCharset(m[1]) : null;
}

function bomCharset(bytes: Uint8Array): { charset: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { charset: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The charset the bytes are read in, and why (for the fetch record and tests). */
export function detectCharset(
  bytes: Uint8Array,
  contentType: string | null | undefined,
): { charset: string; source: 'bom' | 'header' | 'declaration' | 'utf-8' | 'fallback' } {
  const bom = bomCharset(bytes);
  if (bom) return { charset: bom.charset, source: 'bom' };
  const claims: { charset: string | null; source: 'header' | 'declaration' }[] = [
    { charset: charsetOfContentType(contentType), source: 'header' },
    { charset: charsetOfXmlDeclaration(bytes), source: 'declaration' },
  ];
  for (const c of claims) {
    if (!c.charset) continue;
    if (c.charset === 'utf-8' && !isValidUtf8(bytes)) continue;
    return { charset: c.charset, source: c.source };
  }
  if (isValidUtf8(bytes)) return { charset: 'utf-8', source: 'utf-8' };
  return { charset: 'gb18030', source: 'fallback' };
}

/** The feed as text (BOM removed). */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null | undefined): string {
  const bom = bomCharset(bytes);
  const body = bom ? bytes.subarray(bom.skip) : bytes;
  const { charset } = detectCharset(bytes, contentType);
  return iconv.decode(Buffer.from(body), charset);
}
