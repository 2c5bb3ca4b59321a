import { Flex, Spin } from 'antd';

/** Shown while a page's code loads (the first time it is opened). */
export default function PageLoading() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }} data-testid="page-loading">
      <Spin />
    </Flex>
  );
}
