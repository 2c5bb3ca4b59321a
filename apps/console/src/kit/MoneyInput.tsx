// An amount of money for antd forms: the form value is integer fen (as the API speaks), the
// user types yuan with at most two decimals behind a "¥".
import { InputNumber } from 'antd';
import type { InputNumberProps } from 'antd';

export interface MoneyInputProps extends Omit<
  InputNumberProps<number>,
  'value' | 'onChange' | 'min' | 'max' | 'precision' | 'prefix' | 'addonBefore'
> {
  /** Fen. */
  value?: number | null;
  /** Fen (null when the field is emptied). */
  onChange?: (fen: number | null) => void;
  /** Smallest amount in fen. */
  minFen?: number;
  /** Largest amount in fen. */
  maxFen?: number;
  /** '¥' in front (default) or as an addon before the box. */
  symbol?: 'prefix' | 'addon';
  'data-testid'?: string;
}

/** Yuan typed by the user → whole fen (rounded, so 0.1 + 0.2 never leaks a residue). */
export function yuanToFen(yuan: number | null | undefined): number | null {
  return yuan === null || yuan === undefined || !Number.isFinite(yuan)
    ? null
    : Math.round(yuan * 100);
}

/** Fen → yuan for the input box. */
export function fenToYuan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : fen / 100;
}

/** `<Form.Item name="amountFen"><MoneyInput minFen={1} /></Form.Item>` */
export function MoneyInput({
  value,
  onChange,
  minFen,
  maxFen,
  symbol = 'prefix',
  ...rest
}: MoneyInputProps) {
  return (
    <InputNumber<number>
      {...rest}
      {...(symbol === 'prefix' ? { prefix: '¥' } : { addonBefore: '¥' })}
      precision={2}
      min={fenToYuan(minFen) ?? undefined}
      max={fenToYuan(maxFen) ?? undefined}
      value={fenToYuan(value)}
      onChange={(yuan) => onChange?.(yuanToFen(yuan))}
    />
  );
}
