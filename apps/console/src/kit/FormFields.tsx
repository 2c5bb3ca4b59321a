// Layout and fields that forms repeat: a grid of equal columns, a calendar date.
import { Children } from 'react';
import type { ReactNode } from 'react';
import { Col, DatePicker, Form, Row } from 'antd';
import dayjs from 'dayjs';
import { dateItemProps } from './forms.ts';

/** Each child in a column of `span` (of 24), 16 px apart. */
export function FieldGrid({ span, children }: { span: number; children: ReactNode }) {
  return (
    <Row gutter={16}>
      {Children.toArray(children).map((child, i) => (
        <Col key={i} span={span}>
          {child}
        </Col>
      ))}
    </Row>
  );
}

/** A Form.Item with a DatePicker whose value is a "YYYY-MM-DD" string. */
export function DateField({
  name,
  label,
  testId,
  past,
}: {
  name: string;
  label: ReactNode;
  testId?: string;
  /** Only today and before (a birthday, a registration). */
  past?: boolean;
}) {
  return (
    <Form.Item name={name} label={label} {...dateItemProps}>
      <DatePicker
        style={{ width: '100%' }}
        disabledDate={past ? (d) => d.isAfter(dayjs(), 'day') : undefined}
        data-testid={testId}
      />
    </Form.Item>
  );
}
