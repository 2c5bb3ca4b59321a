import type { z } from 'zod';
import type { PayBody, RefundBody } from '../service/index.ts';

export type PaymentInput = z.output<typeof PayBody>;
export type RefundInput = z.output<typeof RefundBody>;
