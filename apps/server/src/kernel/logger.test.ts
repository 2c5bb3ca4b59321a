import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskNameForLog, maskPhoneForLog } from './logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('log masking', () => {
  it('masks phone numbers and names in logged objects', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        devOutbox: { channel: 'sms', to: '+8613800000001', text: '请致电 13900001234 联系我们' },
        customer: { name: '王小明', phone: '13800000001', email: 'wang.xiaoming@example.com' },
        address: '广州市天河区体育西路 1 号',
        list: [{ phone: '+86 138 0000 0002' }],
        window: { from: '2026-12-01', to: '2026-12-31' },
      },
      'sent',
    );
    const out = JSON.stringify(lines[0]);
    expect(out).not.toContain('13800000001');
    expect(out).not.toContain('13900001234');
    expect(out).not.toContain('王小明');
    expect(out).not.toContain('wang.xiaoming');
    expect(out).not.toContain('体育西路');
    const line = lines[0] as {
      devOutbox: { to: string; text: string };
      customer: { name: string; phone: string; email: string };
      list: { phone: string }[];
      window: { to: string };
    };
    expect(line.devOutbox.to).toBe('138****0001');
    expect(line.devOutbox.text).toBe('请致电 139****1234 联系我们');
    expect(line.customer).toEqual({
      name: '王**',
      phone: '138****0001',
      email: 'w***@example.com',
    });
    expect(line.list[0]!.phone).toBe('138****0002');
    // Dates under a key that can hold a phone are left alone.
    expect(line.window.to).toBe('2026-12-31');
  });

  it('keeps errors readable and still redacts secrets', () => {
    const { logger, lines } = capture();
    const err = new TypeError('boom');
    logger.error({ err, body: { password: 'hunter2', code: '123456' } }, 'failed');
    const line = lines[0] as {
      err: { type: string; message: string };
      body: Record<string, string>;
    };
    expect(line.err).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect(line.body).toEqual({ password: '[redacted]', code: '[redacted]' });
  });

  it('masks single values', () => {
    expect(maskPhoneForLog('13800000001')).toBe('138****0001');
    expect(maskPhoneForLog('+8613800000001')).toBe('138****0001');
    expect(maskPhoneForLog('020-87654321')).toBe('****4321');
    expect(maskPhoneForLog('dev@example.com')).toBe('dev@example.com');
    expect(maskNameForLog('Zhang Wei')).toBe('Z********');
    expect(maskNameForLog('张')).toBe('*');
  });
});
