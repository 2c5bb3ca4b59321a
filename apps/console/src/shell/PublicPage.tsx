// The frame of the pages seen before signing in (sign-in, sign-up, setting a password): a card
// in the middle of a tinted page, the language switch in the corner, a heading, a big submit.
import type { ReactNode } from 'react';
import { Button, Card, Flex, Typography, theme } from 'antd';
import { ErrorAlert } from '../kit/ErrorAlert.tsx';
import LanguageSwitch from './LanguageSwitch.tsx';

export function PublicPage({
  width,
  children,
  below,
}: {
  width: number;
  children: ReactNode;
  /** Below the card (e.g. the version). */
  below?: ReactNode;
}) {
  const { token } = theme.useToken();
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: `linear-gradient(160deg, ${token.colorPrimaryBg} 0%, ${token.colorBgLayout} 55%)`,
      }}
    >
      <div style={{ position: 'fixed', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
        {children}
      </Card>
      {below}
    </Flex>
  );
}

/** The card's heading: a title and lines below it. */
export function PublicHeading({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Flex>
  );
}

/** The form's error (if any) and its big submit button. */
export function PublicSubmit({
  error,
  busy,
  testId,
  errorProps,
  children,
}: {
  error: string | null;
  busy: boolean;
  testId: string;
  /** data-testid, role… of the error. */
  errorProps?: { 'data-testid'?: string; role?: string };
  children: ReactNode;
}) {
  return (
    <>
      <ErrorAlert error={error} style={{ marginBottom: 16 }} {...errorProps} />
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={busy}
        data-testid={testId}
      >
        {children}
      </Button>
    </>
  );
}
