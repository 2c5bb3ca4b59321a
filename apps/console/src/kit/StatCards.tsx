// A row of headline figures (antd Statistic): in a wrapping flex row, or in a grid of columns
// (optionally each in its own card), each with an optional note below.
import type { CSSProperties, ReactNode } from 'react';
import { Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import type { ColProps } from 'antd';

export interface StatItem {
  /** React key; defaults to the title when it is a string. */
  key?: string;
  title: ReactNode;
  value: string | number | null | undefined;
  /** data-testid around the value itself (what browser tests read). */
  valueTestId?: string;
  /** data-testid on the Statistic. */
  testId?: string;
  /** data-testid on the block holding the Statistic and its note. */
  blockTestId?: string;
  suffix?: ReactNode;
  valueStyle?: CSSProperties;
  loading?: boolean;
  /** Below the figure; a string is shown as secondary text. */
  note?: ReactNode;
  /** Style of the block (e.g. a minimum width). */
  style?: CSSProperties;
}

export interface StatCardsProps {
  items: readonly (StatItem | false | null | undefined)[];
  /** Flex row: space between the figures. */
  gap?: number;
  /** Grid instead of a flex row: the columns each figure takes (antd Col props). */
  col?: ColProps;
  /** Grid: each figure in its own card. */
  cards?: boolean;
  style?: CSSProperties;
}

function Stat({ item }: { item: StatItem }) {
  return (
    <Statistic
      title={item.title}
      value={item.value ?? undefined}
      suffix={item.suffix}
      loading={item.loading}
      valueStyle={item.valueStyle}
      data-testid={item.testId}
      {...(item.valueTestId
        ? {
            valueRender: (node: ReactNode) => <span data-testid={item.valueTestId}>{node}</span>,
          }
        : {})}
    />
  );
}

function Block({ item }: { item: StatItem }) {
  if (item.note === undefined && !item.blockTestId && !item.style) return <Stat item={item} />;
  return (
    <div data-testid={item.blockTestId} style={item.style}>
      <Stat item={item} />
      {typeof item.note === 'string' ? (
        <Typography.Text type="secondary">{item.note}</Typography.Text>
      ) : (
        item.note
      )}
    </div>
  );
}

/** `<StatCards items={[{ title: t('x.total'), value: formatFen(total), valueTestId: 'x-total' }]} />` */
export function StatCards({ items, gap = 40, col, cards, style }: StatCardsProps) {
  const shown = items.filter((i): i is StatItem => !!i);
  const key = (item: StatItem, i: number) =>
    item.key ?? (typeof item.title === 'string' ? item.title : String(i));
  if (!col) {
    return (
      <Flex gap={gap} wrap style={style}>
        {shown.map((item, i) => (
          <Block key={key(item, i)} item={item} />
        ))}
      </Flex>
    );
  }
  return (
    <Row gutter={16} style={style}>
      {shown.map((item, i) => (
        <Col key={key(item, i)} {...col}>
          {cards ? (
            <Card>
              <Block item={item} />
            </Card>
          ) : (
            <Block item={item} />
          )}
        </Col>
      ))}
    </Row>
  );
}
